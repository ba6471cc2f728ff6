"use client";

import { useEffect, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Run } from "@/lib/agent-api/runs";
import type { RunsView } from "@/lib/client/runs-view";
import { cn } from "@/components/ui/cn";
import type { RunColumn } from "./columns";
import { FULL_RENDER_MAX, ROW_HEIGHT, RunRow } from "./run-row";
import { revealRow } from "./reveal-row";

type Props = {
  runs: readonly Run[];
  columns: RunColumn[];
  agentId: string;
  view: RunsView;
  onSort: (columnId: string) => void;
  totalCount: number;
  /** The run chosen with the keyboard, its index in `runs`, and `seq`, which changes at each move. */
  selection: { selectedId: number | null; index: number; seq: number };
};

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

/**
 * A real <table> with <th> headers whose body is virtualised: only the rows in view (plus a small
 * overscan) are in the DOM, with spacer rows standing in for the rest, so thousands of runs scroll
 * smoothly. Row heights are fixed, so no measuring is needed. Short lists skip virtualisation.
 */
export function RunsTable({ runs, columns, agentId, view, onSort, totalCount, selection }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // At each keyboard move (not at each poll that re-sorts), the chosen run comes into view.
  const { seq, index: selectedIndex } = selection;
  const revealed = useRef(0);
  useEffect(() => {
    if (seq === revealed.current) return;
    revealed.current = seq;
    if (scrollRef.current && selectedIndex >= 0) revealRow(scrollRef.current, selectedIndex, ROW_HEIGHT);
  }, [seq, selectedIndex]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: runs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // No getItemKey: rows have one fixed height, so index keys measure the same, and a new key
    // function per render would make the virtualizer recompute every row's position each time.
  });
  // Short lists render whole (find-in-page and assistive tech see every run); long ones virtualise.
  const all = runs.length <= FULL_RENDER_MAX;
  const virtual = all ? [] : virtualizer.getVirtualItems();
  const items = all ? runs.map((_, index) => ({ index })) : virtual;
  const padTop = virtual[0]?.start ?? 0;
  const last = virtual.at(-1);
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;

  return (
    <div
      ref={scrollRef}
      className="max-h-[calc(100vh-10rem)] min-h-40 overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800"
      // A named region that takes focus, so keyboard users can scroll it too (WCAG 2.1.1).
      role="region"
      tabIndex={0}
      aria-label="Runs table, scrollable"
    >
      <table
        className="w-full min-w-[1372px] table-fixed border-collapse text-left"
        aria-rowcount={runs.length + 1}
        aria-label={`Runs (${runs.length} of ${totalCount})`}
      >
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} className={c.width} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-zinc-100/95 backdrop-blur dark:bg-zinc-900/95">
          <tr aria-rowindex={1}>
            {columns.map((c) => {
              const active = view.sort === c.id;
              return (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={active ? ARIA_SORT[view.dir] : "none"}
                  className="border-b border-zinc-200 p-0 dark:border-zinc-800"
                >
                  <button
                    type="button"
                    onClick={() => onSort(c.id)}
                    className={cn(
                      "flex w-full items-center gap-1 px-2.5 py-2 text-[11px] whitespace-nowrap font-semibold text-zinc-600 uppercase hover:text-zinc-900 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400 dark:text-zinc-400 dark:hover:text-zinc-100",
                      c.align === "right" && "justify-end",
                    )}
                  >
                    {c.header}
                    <span aria-hidden="true" className={cn("text-[10px]", !active && "opacity-0")}>
                      {active && view.dir === "desc" ? "▼" : "▲"}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: padTop }} />
            </tr>
          )}
          {items.map((vi) => {
            const run = runs[vi.index];
            return run ? (
              <RunRow
                key={run.run_id}
                run={run}
                columns={columns}
                agentId={agentId}
                rowIndex={vi.index + 2}
                selected={run.run_id === selection.selectedId}
              />
            ) : null;
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
