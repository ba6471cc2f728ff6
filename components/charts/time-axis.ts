import { formatClock, formatDay } from "@/lib/format/time";

const DAY_S = 86_400;

/** Whether `s` (epoch seconds) is a local midnight: where a multi-day axis names the day. */
function isMidnight(s: number): boolean {
  const d = new Date(s * 1000);
  return d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
}

/**
 * Tick labels for the chart's time axis, one row only (uPlot's default adds a second row with a
 * date, e.g. "8/24/29", which is noise). Ticks a day or more apart are days ("Dec 2"); closer
 * ticks are clock times, seconds only when they are less than a minute apart, and a tick on a
 * local midnight names its day instead of "00:00", so a 24-hour or 7-day axis says where days begin.
 */
export function timeAxisLabels(splitsSeconds: readonly number[], incrementSeconds: number, locale?: string): string[] {
  if (incrementSeconds >= DAY_S) return splitsSeconds.map((s) => formatDay(s * 1000, locale));
  const withSeconds = incrementSeconds < 60;
  return splitsSeconds.map((s) =>
    incrementSeconds >= 3600 && isMidnight(s)
      ? formatDay(s * 1000, locale)
      : formatClock(s * 1000, locale, withSeconds),
  );
}
