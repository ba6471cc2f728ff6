import { formatClock } from "@/lib/format/time";

/**
 * Tick labels for the chart's time axis: clock times only. uPlot's default time axis adds a
 * second row with a date (e.g. "8/24/29") under the first tick, which is noise for a 15-minute
 * window. Seconds appear only when ticks are less than a minute apart.
 */
export function timeAxisLabels(splitsSeconds: readonly number[], incrementSeconds: number, locale?: string): string[] {
  const withSeconds = incrementSeconds < 60;
  return splitsSeconds.map((s) => formatClock(s * 1000, locale, withSeconds));
}
