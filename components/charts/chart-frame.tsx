import type { RefObject } from "react";
import { Skeleton } from "@/components/ui/skeleton";

/** The plots' heights, and the legend's line below them: placeholders reserve exactly this much. */
export const THROUGHPUT_PX = 200;
export const TOTALS_PX = 180;
export const LEGEND_PX = 20;

/** What a chart takes on the page before its code has loaded: the plot and its legend line. */
export function ChartPlaceholder({ plotPx }: { plotPx: number }) {
  return (
    <div style={{ height: plotPx + LEGEND_PX }}>
      <Skeleton className="h-full w-full" />
    </div>
  );
}

/**
 * A chart's frame: an image for assistive technology, named by `summary` (what the plot shows in
 * words); the plot's box at the plot's height from the first paint (a placeholder until drawn), so
 * nothing moves when it is; a one-line legend; and a note over it while there is nothing to draw.
 */
export function ChartFrame({
  summary,
  boxRef,
  plotPx,
  drawn,
  legend,
  note,
}: {
  summary: string;
  boxRef: RefObject<HTMLDivElement | null>;
  plotPx: number;
  drawn: boolean;
  legend: React.ReactNode;
  note?: string;
}) {
  return (
    <div role="img" aria-label={summary} className="relative">
      <div className="relative" style={{ height: plotPx }}>
        <div ref={boxRef} className="w-full overflow-hidden text-xs text-zinc-600 dark:text-zinc-300" />
        {!drawn && <Skeleton className="absolute inset-0" />}
      </div>
      <div className="mt-1 flex h-4 justify-center gap-5 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        {legend}
      </div>
      {drawn && note && (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-zinc-600 dark:text-zinc-400">
          {note}
        </p>
      )}
    </div>
  );
}
