"use client";

import { useMemo } from "react";
import {
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type FilterFn,
  type SortingFn,
  type SortingState,
  type VisibilityState,
} from "@tanstack/react-table";
import type { Run } from "@/lib/agent-api/runs";
import { statusGroup } from "@/lib/agent-api/status-groups";
import type { RunsView } from "@/lib/client/runs-view";
import { RUN_COLUMNS, type RunColumn } from "./columns";

const byGroup: FilterFn<Run> = (row, _id, value: string) => statusGroup(row.original.status) === value;
const byType: FilterFn<Run> = (row, _id, value: string) => row.original.type === value;
const byText: FilterFn<Run> = (row, _id, value: string) => {
  const q = value.trim().toLowerCase();
  if (!q) return true;
  const r = row.original;
  return r.name.toLowerCase().includes(q) || (r.path?.toLowerCase().includes(q) ?? false);
};

// Names sort as people expect in their language ("Ä" near "A", "Run 9" before "Run 10").
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
const smart: SortingFn<Run> = (a, b, id) => {
  const x = a.getValue<unknown>(id);
  const y = b.getValue<unknown>(id);
  if (typeof x === "number" && typeof y === "number") return x - y;
  return collator.compare(String(x), String(y));
};

const DEFS: ColumnDef<Run>[] = RUN_COLUMNS.map((c) => ({
  id: c.id,
  accessorFn: c.sortValue,
  enableSorting: true,
  // Missing values (older agents, no estimate) always sort after real ones, whatever the direction.
  sortUndefined: "last",
  sortingFn: smart,
  filterFn: c.id === "status" ? byGroup : c.id === "type" ? byType : undefined,
}));

/**
 * TanStack Table does the filtering and sorting; rendering is ours (virtualised rows, memoised by
 * run_id), so only the row model is used from the table instance.
 */
export function useRunsTable(runs: Run[], view: RunsView, q: string, hidden: readonly string[]) {
  const sorting = useMemo<SortingState>(() => (view.sort ? [{ id: view.sort, desc: view.dir === "desc" }] : []), [view.sort, view.dir]);
  const columnFilters = useMemo<ColumnFiltersState>(() => {
    const f: ColumnFiltersState = [];
    if (view.status) f.push({ id: "status", value: view.status });
    if (view.type) f.push({ id: "type", value: view.type });
    return f;
  }, [view.status, view.type]);
  const columnVisibility = useMemo<VisibilityState>(() => Object.fromEntries(hidden.map((id) => [id, false])), [hidden]);

  // The compiler cannot memoise around this hook's mutable instance; the row model below is
  // derived on every render anyway, which is what we want when polled data changes.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: runs,
    columns: DEFS,
    state: { sorting, columnFilters, globalFilter: q, columnVisibility },
    getRowId: (r) => String(r.run_id),
    globalFilterFn: byText,
    // Search is on name and path only: evaluate the global filter once per row, on the name column.
    getColumnCanGlobalFilter: (col) => col.id === "name",
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    autoResetAll: false,
  });

  const rows = table.getRowModel().rows;
  const visibleRuns = useMemo(() => rows.map((r) => r.original), [rows]);
  const visibleColumns = useMemo<RunColumn[]>(() => RUN_COLUMNS.filter((c) => c.fixed || !hidden.includes(c.id)), [hidden]);
  return { runs: visibleRuns, columns: visibleColumns };
}
