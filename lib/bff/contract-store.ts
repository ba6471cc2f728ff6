import * as z from "@/lib/agent-api/zod";

/*
 * The contract of what the store keeps ("Never forgetting"): events, long history, daily totals.
 * Query schemas take the raw search parameters (strings) and give typed values, so every route
 * validates them like any other input (400 with field details).
 */

export const EVENT_KINDS = [
  "run_status",
  "run_error",
  "run_error_cleared",
  "run_finished",
  "run_added",
  "run_removed",
  "agent_unreachable",
  "agent_reachable",
  "server_state",
  "paused",
  "resumed",
  "restart_requested",
  "restart_completed",
  "restart_required",
  "tags_changed",
  "dashboard_started",
  "token_created",
  "token_revoked",
  "alert_opened",
  "alert_resolved",
  "alert_delivery_failed",
  "alert_settings_changed",
  "schedule_changed",
  "schedule_applied",
  "schedule_failed",
  "schedule_overridden",
  // A hub's agent behind another Agent Deck: that deck stopped answering, or answers again.
  "deck_unreachable",
  "deck_reachable",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
/** The `agent` of events about the dashboard itself rather than one agent (an API token made or revoked). */
export const DASHBOARD_EVENTS = "";
export const SEVERITIES = ["info", "warning", "error"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const EventSchema = z.object({
  id: z.number(),
  /** When it happened (epoch ms); with `count` > 1, when it first happened in this burst. */
  t: z.number(),
  /** Repeats coalesced into this event (a flapping run or agent), and when the last one was seen. */
  count: z.number(),
  lastT: z.number(),
  agent: z.string(),
  kind: z.enum(EVENT_KINDS),
  severity: z.enum(SEVERITIES),
  runId: z.optional(z.string()),
  runName: z.optional(z.string()),
  message: z.string(),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  /** Who did it: "dashboard (admin, 127.0.0.1)", "resume timer", "outside the dashboard". */
  actor: z.optional(z.string()),
});
export type StoredEvent = z.infer<typeof EventSchema>;

/** Newest first; `next` is the `before` that gives the page after this one, when there is more. */
export const EventsResponseSchema = z.object({ events: z.array(EventSchema), next: z.optional(z.number()) });
export type EventsResponse = z.infer<typeof EventsResponseSchema>;

export const MAX_EVENTS_PAGE = 500;
/** A whole number in a query string, as a number, within bounds. */
export const whole = (name: string, min: number, max: number) =>
  z
    .pipe(z.string().check(z.regex(/^\d{1,15}$/, `${name} must be a whole number`)), z.transform(Number))
    .check(z.refine((n: number) => n >= min && n <= max, `${name} must be between ${min} and ${max}`));
const listOf = <T extends string>(name: string, allowed: readonly T[]) =>
  z
    .pipe(
      z.string(),
      z.transform((s: string) =>
        s
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    )
    .check(
      z.refine(
        (values: string[]) => values.every((v) => (allowed as readonly string[]).includes(v)),
        `${name} must be a comma-separated list of: ${allowed.join(", ")}`,
      ),
    ) as unknown as z.ZodMiniType<T[], string>;

/** GET /api/agents/{agentId}/events and /api/events: `?limit=&before=&after=&kind=a,b&severity=&runId=&q=`. */
export const EventsQuerySchema = z.strictObject({
  limit: z.optional(whole("limit", 1, MAX_EVENTS_PAGE)),
  before: z.optional(whole("before", 1, Number.MAX_SAFE_INTEGER)),
  after: z.optional(whole("after", 0, Number.MAX_SAFE_INTEGER)),
  kind: z.optional(listOf("kind", EVENT_KINDS)),
  severity: z.optional(listOf("severity", SEVERITIES)),
  runId: z.optional(z.string().check(z.regex(/^\d{1,15}$/, "runId must be digits"))),
  q: z.optional(z.string().check(z.maxLength(200, "q must be at most 200 characters"))),
});
export type EventsQuery = z.infer<typeof EventsQuerySchema>;
/** GET /api/agents/{agentId}/events.csv: the same filters, every matching event (no page size). */
export const EventsExportQuerySchema = z.omit(EventsQuerySchema, { limit: true });
export type EventsExportQuery = z.infer<typeof EventsExportQuerySchema>;

export const HISTORY_RANGES = ["15m", "1h", "6h", "24h", "7d", "30d"] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];
/** What a history answer covers when no range is asked for: the live chart's window. */
export const DEFAULT_HISTORY_RANGE: HistoryRange = "15m";
/** Each range's length in ms (the answer repeats it as `rangeMs`). */
export const HISTORY_RANGE_MS: Record<HistoryRange, number> = {
  "15m": 15 * 60_000,
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
};

/** GET /api/agents/{agentId}/history?range=&runId=: at most about 1,000 points, oldest first. */
export const HistoryQuerySchema = z.strictObject({
  range: z.optional(z.enum(HISTORY_RANGES)),
  runId: z.optional(z.string().check(z.regex(/^\d{1,15}$/, "runId must be digits"))),
});
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

/**
 * One point: speeds in bytes per second averaged over the bucket starting at `t` (epoch ms). A run's
 * points also carry its progress in bytes as the bucket ended (`completed` of `total`), once known.
 */
export const HistoryPointSchema = z.object({
  t: z.number(),
  down: z.number(),
  up: z.number(),
  completed: z.optional(z.number()),
  total: z.optional(z.number()),
});
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;
/**
 * The answer: `points` oldest first, each a bucket `intervalMs` wide, or for the agent's recent
 * ranges every poll (`intervalMs` = POLL_INTERVAL_MS, points at least that far apart, further while
 * nobody watched and polls were slower). Times without data (the dashboard stopped, the agent
 * unreachable) have no points. `to` is the server's now, the window `[to - rangeMs, to]`; `from` is
 * where the dashboard's data of this agent starts ("watching since"), absent before the first poll.
 */
export const HistoryResponseSchema = z.object({
  range: z.enum(HISTORY_RANGES),
  rangeMs: z.number(),
  intervalMs: z.number(),
  to: z.number(),
  from: z.optional(z.number()),
  points: z.array(HistoryPointSchema),
});
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;

/** GET /api/agents/{agentId}/totals?days=&runId=: bytes moved per day (the dashboard's local date). */
export const TotalsQuerySchema = z.strictObject({
  days: z.optional(whole("days", 1, 3650)),
  runId: z.optional(z.string().check(z.regex(/^\d{1,15}$/, "runId must be digits"))),
});
export type TotalsQuery = z.infer<typeof TotalsQuerySchema>;
/** Every day of the range, oldest first, zeros included; `from`: when counting began (epoch ms), absent if never. */
export const TotalsResponseSchema = z.object({
  days: z.array(z.object({ date: z.string(), down: z.number(), up: z.number() })),
  from: z.optional(z.number()),
});
export type TotalsResponse = z.infer<typeof TotalsResponseSchema>;
