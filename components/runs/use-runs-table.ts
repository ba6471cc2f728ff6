"use client";

import { useMemo, useState } from "react";
import type { Run } from "@/lib/agent-api/runs";
import type { RunsView } from "@/lib/client/runs-view";
import { COLUMN_BY_ID, RUN_COLUMNS, type RunColumn } from "./columns";
import { filterRuns, RunSorter, type SortSpec } from "./run-order";

/**
 * The runs the table shows, filtered and sorted as the view asks. Each step is memoised on its own
 * inputs, so typing a search does not re-sort and a poll that moved no sort key reuses the order.
 */
export function useRunsTable(runs: readonly Run[], view: RunsView, q: string, hidden: readonly string[]) {
  const [sorter] = useState(() => new RunSorter());
  const filtered = useMemo(
    () => filterRuns(runs, { q, status: view.status, type: view.type }),
    [runs, q, view.status, view.type],
  );
  const spec = useMemo<SortSpec | undefined>(() => {
    const column = COLUMN_BY_ID.get(view.sort);
    return column ? { sortValue: column.sortValue, dir: view.dir } : undefined;
  }, [view.sort, view.dir]);
  const shown = useMemo(() => sorter.sort(filtered, spec), [sorter, filtered, spec]);
  const columns = useMemo<RunColumn[]>(() => RUN_COLUMNS.filter((c) => c.fixed || !hidden.includes(c.id)), [hidden]);
  return { runs: shown, columns };
}
