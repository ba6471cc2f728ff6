import { memo } from "react";
import type { Run } from "@/lib/agent-api/runs";
import { runHasErrors } from "@/lib/agent-api/status-groups";
import { cn } from "@/components/ui/cn";
import type { RunColumn } from "./columns";

export const ROW_HEIGHT = 52;

/**
 * Up to this many runs every row (or card) is in the DOM, so find-in-page sees them all (the search
 * box finds any run at any count); beyond it only those in view plus overscan, about 26 rows in a
 * 1000 px window. A row is some 30 elements: at 100 runs a whole table was 3,000 elements to build,
 * lay out and keep current at every poll, most of them out of sight.
 */
export const FULL_RENDER_MAX = 30;

/**
 * One table row. Memoised: React Query's structural sharing hands back the same run object when a
 * poll brings no change for it, so unchanged rows skip rendering entirely.
 */
export const RunRow = memo(function RunRow({
  run,
  columns,
  agentId,
  rowIndex,
  selected,
}: {
  run: Run;
  columns: RunColumn[];
  agentId: string;
  rowIndex: number;
  /** Chosen with j / k: marked for sight (outline and tint) and for assistive tech (aria-current). */
  selected: boolean;
}) {
  return (
    <tr
      aria-rowindex={rowIndex}
      aria-current={selected || undefined}
      className={cn(
        "h-[52px] border-b border-zinc-100 dark:border-zinc-800/70",
        selected
          ? "bg-sky-50 outline-2 -outline-offset-2 outline-sky-600 dark:bg-sky-950/60 dark:outline-sky-400"
          : "hover:bg-zinc-50 dark:hover:bg-zinc-800/40",
        !selected && runHasErrors(run) && "bg-red-50/40 dark:bg-red-950/20",
      )}
    >
      {columns.map((c) => (
        <td
          key={c.id}
          className={cn(
            "overflow-hidden px-2.5 py-1.5 text-[13px] whitespace-nowrap tabular-nums",
            c.align === "right" && "text-right",
          )}
        >
          {c.render(run, agentId)}
        </td>
      ))}
    </tr>
  );
});
