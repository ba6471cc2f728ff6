"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

/**
 * A view kept in the URL's query string (filters, a chart's range): read with `parse`, changed with
 * `write`. Changes replace the current history entry (no history spam while typing) through the
 * History API, which Next's router observes, so useSearchParams follows without a server round trip.
 */
export function useUrlView<V>(
  parse: (params: URLSearchParams) => V,
  write: (current: URLSearchParams, patch: Partial<V>) => URLSearchParams,
): [V, (patch: Partial<V>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const view = useMemo(() => parse(new URLSearchParams(params.toString())), [params, parse]);
  const update = useCallback(
    (patch: Partial<V>) => {
      // Read the live URL, not a render-time copy, so quick successive changes compose.
      const qs = write(new URLSearchParams(window.location.search), patch).toString();
      // State must be null: Next treats a call carrying its own internal state as its own and would
      // not sync useSearchParams.
      window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname, write],
  );
  return [view, update];
}
