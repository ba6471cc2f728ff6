import type { RunsSummary } from "@/lib/domain/summary";
import { formatNumber, formatPercent } from "@/lib/format/number";
import { formatSpeed } from "@/lib/format/bytes";
import { Stat } from "@/components/ui/stat";
import { SkeletonLines } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";

/** Speeds, overall progress and runs by status group at a glance. */
export function SummaryFigures({ summary }: { summary: RunsSummary | undefined }) {
  if (!summary) return <SkeletonLines lines={4} />;
  const g = summary.byGroup;
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3">
      <Stat label="Download" value={formatSpeed(summary.down)} />
      <Stat label="Upload" value={formatSpeed(summary.up)} />
      <Stat label="Overall" value={formatPercent(summary.percent)} hint="by size" />
      <Stat label="Active" value={formatNumber(g.active)} />
      <Stat label="Done" value={formatNumber(g.done)} />
      <Stat
        label="With errors"
        value={
          <span className={cn(summary.withErrors > 0 && "text-red-600 dark:text-red-400")}>
            {formatNumber(summary.withErrors)}
          </span>
        }
        hint={`${formatNumber(g.error)} in error status`}
      />
      <Stat label="Paused" value={formatNumber(g.paused)} />
      <Stat label="Idle" value={formatNumber(g.idle)} />
      <Stat label="Total runs" value={formatNumber(summary.total)} />
    </dl>
  );
}
