import "server-only";

/**
 * The history's tiers and how a range picks one: pure arithmetic, shared by the writer (what to keep
 * how long) and the reader (which tier answers a range, and how wide its buckets are).
 */
export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** The fine tiers (poll-rate agent points, per-run minutes) are kept this long. */
export const FINE_RETENTION_MS = DAY_MS;

/** At most this many points per answer, edges included: a chart is about 1,000 pixels wide. */
export const MAX_POINTS = 1000;

export type TierTable = "agent_points" | "agent_minutes" | "run_minutes" | "run_hours";
export type Tier = { table: TierTable; resolutionMs: number; retentionMs: number };

/** The agent's totals: every poll for a day, then per minute for HISTORY_DAYS. Finest first. */
export function agentTiers(pollIntervalMs: number, historyDays: number): Tier[] {
  return [
    { table: "agent_points", resolutionMs: pollIntervalMs, retentionMs: FINE_RETENTION_MS },
    { table: "agent_minutes", resolutionMs: MINUTE_MS, retentionMs: historyDays * DAY_MS },
  ];
}

/** One run's speeds and progress: per minute for a day, then per hour for HISTORY_DAYS. Finest first. */
export function runTiers(historyDays: number): Tier[] {
  return [
    { table: "run_minutes", resolutionMs: MINUTE_MS, retentionMs: FINE_RETENTION_MS },
    { table: "run_hours", resolutionMs: HOUR_MS, retentionMs: historyDays * DAY_MS },
  ];
}

/** Bucket widths a chart's axis reads well at; a bucket is never an odd 7 or 13 minutes. */
const STEPS_MS = [
  100,
  200,
  250,
  500,
  SECOND_MS,
  2 * SECOND_MS,
  5 * SECOND_MS,
  10 * SECOND_MS,
  15 * SECOND_MS,
  30 * SECOND_MS,
  MINUTE_MS,
  2 * MINUTE_MS,
  5 * MINUTE_MS,
  10 * MINUTE_MS,
  15 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
];

/**
 * How a range is answered: `raw` rows of `tier` when they fit in MAX_POINTS (rows are at least a
 * resolution apart), else buckets `stepMs` wide (bucket averages). The tier is the coarsest one that
 * keeps the whole range and is no coarser than the bucket, so a month reads minutes, never polls.
 */
export type Plan = { tier: Tier; stepMs: number; raw: boolean };

export function planFor(tiers: readonly Tier[], rangeMs: number): Plan {
  const covering = tiers.filter((t) => t.retentionMs >= rangeMs);
  // A range longer than every retention (HISTORY_DAYS below the range): what the longest tier keeps.
  const candidates =
    covering.length > 0 ? covering : [tiers.reduce((a, b) => (b.retentionMs >= a.retentionMs ? b : a))];
  const finest = candidates[0]!;
  // Points at both edges of the window: MAX_POINTS - 1 intervals fit in it.
  const widest = rangeMs / (MAX_POINTS - 1);
  if (finest.resolutionMs >= widest) return { tier: finest, stepMs: finest.resolutionMs, raw: true };
  const stepMs = STEPS_MS.find((s) => s >= widest) ?? Math.ceil(widest / DAY_MS) * DAY_MS;
  const tier = candidates.filter((t) => t.resolutionMs <= stepMs).at(-1) ?? finest;
  return { tier, stepMs, raw: false };
}

/** The start of the bucket `t` falls in (epoch-aligned, so every answer's buckets line up). */
export function bucketOf(t: number, stepMs: number): number {
  return Math.floor(t / stepMs) * stepMs;
}
