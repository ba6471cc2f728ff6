"use client";

import { HISTORY_RANGES, type HistoryRange } from "@/lib/bff/contract-store";
import { cn } from "@/components/ui/cn";

/** Segmented buttons choosing the charts' window; the pressed one is the range shown. */
export function RangePicker({ value, onChange }: { value: HistoryRange; onChange: (range: HistoryRange) => void }) {
  return (
    <div role="group" aria-label="History range" className="inline-flex overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-700">
      {HISTORY_RANGES.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={r === value}
          onClick={() => onChange(r)}
          className={cn(
            "h-7 border-l border-zinc-300 px-2.5 text-xs font-medium tabular-nums first:border-l-0 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 dark:border-zinc-700",
            r === value ? "bg-sky-600 text-white dark:bg-sky-500 dark:text-zinc-950" : "bg-white text-zinc-700 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800",
          )}
        >
          {r}
        </button>
      ))}
    </div>
  );
}
