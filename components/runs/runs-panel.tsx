"use client";

import dynamic from "next/dynamic";
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import type { Run } from "@/lib/agent-api/runs";
import { RUN_TYPES } from "@/lib/agent-api/runs";
import { agentPath } from "@/lib/client/api";
import { useRunsView } from "@/lib/client/use-runs-view";
import { useLocalStorage } from "@/lib/client/use-local-storage";
import { useMediaQuery } from "@/lib/client/use-media-query";
import { Button } from "@/components/ui/button";
import { SORTABLE_IDS } from "./columns";
import { RunsTable } from "./runs-table";
import { RunsToolbar } from "./runs-toolbar";
import { useRunsTable } from "./use-runs-table";
import { RunsSkeleton } from "./runs-skeleton";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useRunSelection } from "./use-run-selection";

/** Cards replace the table only on narrow screens: their code loads when one is first needed. */
const RunCards = dynamic(() => import("./run-cards").then((m) => m.RunCards), {
  ssr: false,
  loading: () => <SkeletonLines lines={4} />,
});

const COLUMNS_KEY = "agent-deck:runs-hidden-columns";

function parseHidden(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && SORTABLE_IDS.includes(x)) : [];
  } catch {
    return [];
  }
}

/**
 * The runs list: toolbar, then a virtualised table (or cards under 640 px). Search text is kept
 * locally for instant filtering and written to the URL shortly after typing stops. Memoised: the
 * agent page re-renders several times per poll (each query's fetching state), the runs only once.
 */
export const RunsPanel = memo(function RunsPanel({
  agentId,
  runs,
  neverAnswered,
}: {
  agentId: string;
  runs: Run[] | undefined;
  /** The agent has not answered since the dashboard started: nothing is loading, so no placeholder. */
  neverAnswered?: boolean;
}) {
  "use memo"; // compiled by the React Compiler (next.config.js): a poll redraws only what changed
  const [view, updateView] = useRunsView(SORTABLE_IDS);
  const [q, setQ] = useState(view.q);
  const deferredQ = useDeferredValue(q);
  const [hiddenRaw, setHiddenRaw] = useLocalStorage(COLUMNS_KEY);
  const hidden = useMemo(() => parseHidden(hiddenRaw), [hiddenRaw]);
  const narrow = useMediaQuery("(max-width: 639px)");

  useEffect(() => {
    if (q === view.q) return;
    const id = window.setTimeout(() => updateView({ q }), 300);
    return () => window.clearTimeout(id);
  }, [q, view.q, updateView]);

  const onSort = useCallback(
    (id: string) => {
      // Cycle: ascending, descending, unsorted (the agent's own order).
      if (view.sort !== id) updateView({ sort: id, dir: "asc" });
      else if (view.dir === "asc") updateView({ dir: "desc" });
      else updateView({ sort: "", dir: "asc" });
    },
    [view.sort, view.dir, updateView],
  );

  const all = useMemo(() => runs ?? [], [runs]);
  const { runs: shown, columns } = useRunsTable(all, view, deferredQ, hidden);
  const selection = useRunSelection(shown, agentId);
  const types = useMemo(() => {
    const seen = new Set<string>(RUN_TYPES);
    for (const r of all) seen.add(r.type);
    return [...seen];
  }, [all]);

  if (!runs)
    return neverAnswered ? (
      <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        The agent has not answered yet; its runs show here once it does.
      </p>
    ) : (
      <RunsSkeleton />
    );

  return (
    <div>
      <p role="status" className="sr-only">
        {selection.said}
      </p>
      <RunsToolbar
        q={q}
        onQ={setQ}
        view={view}
        onView={updateView}
        types={types}
        hidden={hidden}
        onHidden={(h) => setHiddenRaw(h.length ? JSON.stringify(h) : null)}
        showColumns={!narrow}
        shown={shown.length}
        total={all.length}
        csvHref={agentPath(agentId, "runs.csv")}
      />
      {all.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          This agent has no job runs yet.
        </p>
      ) : shown.length === 0 ? (
        <div className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          <p>No runs match these filters.</p>
          <Button
            className="mt-2"
            size="sm"
            onClick={() => {
              setQ("");
              updateView({ q: "", status: "", type: "" });
            }}
          >
            Clear filters
          </Button>
        </div>
      ) : narrow ? (
        <RunCards runs={shown} agentId={agentId} selection={selection} />
      ) : (
        <RunsTable
          runs={shown}
          columns={columns}
          agentId={agentId}
          view={view}
          onSort={onSort}
          totalCount={all.length}
          selection={selection}
        />
      )}
    </div>
  );
});
