"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseRunsView, writeRunsView, type RunsView } from "./runs-view";

/**
 * URL-backed runs view. Updates replace the current history entry (no history spam while typing
 * or sorting) through the History API, which Next's router observes, so useSearchParams follows
 * without a server round trip.
 */
export function useRunsView(sortable: readonly string[]): [RunsView, (patch: Partial<RunsView>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const view = useMemo(() => parseRunsView(new URLSearchParams(params.toString()), sortable), [params, sortable]);

  const update = useCallback(
    (patch: Partial<RunsView>) => {
      // Read the live URL, not a render-time copy, so quick successive changes compose.
      const next = writeRunsView(new URLSearchParams(window.location.search), patch);
      const qs = next.toString();
      // State must be null: Next treats a call carrying its own internal state as its own and would
      // not sync useSearchParams.
      window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );
  return [view, update];
}
