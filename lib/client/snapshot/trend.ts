import type { HistoryPoint } from "../types";
import type { AgentView } from "./merge";

/**
 * The throughput trend a fleet page draws per agent (overview sparklines, wall tiles), kept in the
 * browser from what the fleet query already brings: each poll's summary speeds at the time the
 * dashboard polled. The store's history fills in what came before the page opened, once; after that
 * a sparkline costs no request at all (fifty agents' sparklines used to be fifty history requests
 * every poll).
 */
export const TREND_WINDOW_MS = 15 * 60_000;

/** The trend after a poll: this poll's figures appended when it is a new, healthy one; trimmed to the window. */
export function extendTrend(held: readonly HistoryPoint[] | undefined, view: AgentView): HistoryPoint[] {
  const points = held ?? [];
  const last = points.at(-1);
  // A failing poll shows the last known figures: they are not a reading of now (the store keeps none either).
  const fresh = view.summary && !view.runs.error && view.fetchedAt > (last?.t ?? 0);
  if (!fresh || !view.summary) return points as HistoryPoint[];
  const next = { t: view.fetchedAt, down: view.summary.down, up: view.summary.up };
  const from = next.t - TREND_WINDOW_MS;
  const kept = points[0] && points[0].t < from ? points.filter((p) => p.t >= from) : points;
  return [...kept, next];
}

/** The store's points from before the trend began, then the trend: what the sparkline draws. */
export function joinTrend(
  seed: readonly HistoryPoint[] | undefined,
  trend: readonly HistoryPoint[],
): HistoryPoint[] | undefined {
  if (!seed) return trend.length > 0 ? [...trend] : undefined;
  const first = trend[0]?.t ?? Number.POSITIVE_INFINITY;
  const newest = trend.at(-1)?.t ?? seed.at(-1)?.t ?? 0;
  return [...seed.filter((p) => p.t < first && p.t >= newest - TREND_WINDOW_MS), ...trend];
}
