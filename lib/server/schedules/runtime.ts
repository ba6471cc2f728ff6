import "server-only";
import type { Tag } from "@/lib/agent-api/tags";
import type { DetectedEvent } from "@/lib/domain/events";
import { formatScheduleTime } from "@/lib/domain/schedule-text";
import type { AppliedPause, PauseOverride, StoredSchedule } from "../store/schedules";
import type { TagRule, WindowRule } from "./windows";

/** Who the event log names for what the scheduler does by itself. */
export const SCHEDULE_ACTOR = "schedule";
/** The longest resume timer sent (the dashboard's own limit); a longer pause is renewed before it runs out. */
export const MAX_TIMER_MS = 7 * 86_400_000;
/** How long before its timer runs out a pause that must go on is sent again. */
export const RENEW_BEFORE_MS = 60_000;
/** The agent's timer and ours are not the same clock: a resume this close to the end is the timer's. */
export const TIMER_SLACK_MS = 5_000;
/** The longest the scheduler sleeps: it looks again at least this often (clock steps, a sleeping laptop). */
export const MAX_SLEEP_MS = 60_000;

/** Retries of a failed change: soon at first, then every 30 s, until it lands or is no longer wanted. */
export function retryDelayMs(attempts: number): number {
  return [2_000, 5_000, 10_000, 20_000][attempts - 1] ?? 30_000;
}

/** One agent as the scheduler drives it (AgentService in the dashboard). */
export interface ScheduledAgent {
  readonly id: string;
  /** The agent as last polled: whether that poll reached it, and whether it said it was paused. */
  observed(): { reachable: boolean; paused?: boolean };
  /** The end of the resume timer this dashboard set on the agent, if one is running. */
  knownResumeAt(): number | undefined;
  /** Resolves once the agent's first poll has answered or failed. */
  settled(): Promise<void>;
  pause(actor: string, seconds: number): Promise<unknown>;
  resume(actor: string): Promise<void>;
  setTags(tags: Tag[], actor: string): Promise<void>;
  /** Ask for a poll now, so pages see a change of the schedule's state at once. */
  refresh(): void;
}

export type Clock = { now(): number };
export type Timers = { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
export type EventRecorder = { record(agent: string, event: DetectedEvent, at: number): void };

export const realClock: Clock = { now: () => Date.now() };
export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** A change the scheduler keeps trying while it is wanted (a pause inside a window, a resume after one). */
export type Pending = {
  action: "pause" | "resume";
  name: string;
  /** Until when it is wanted: the window's end (a pause), the agent's own timer (a resume). */
  until: number;
  timeZone: string;
  since: number;
  attempts: number;
  error: string;
  retryAt: number;
};

export type TagPending = { due: number; attempts: number; error: string; retryAt: number; since: number };

/** What the scheduler holds for one agent. */
export type AgentRuntime = {
  agent: ScheduledAgent;
  schedules: StoredSchedule[];
  windows: WindowRule[];
  tags: TagRule[];
  /** Each schedule's rule, kept while the schedule is unchanged (a rule caches its occurrences). */
  rules: Map<number, { updatedAt: number; window?: WindowRule; tag?: TagRule }>;
  applied?: AppliedPause;
  override?: PauseOverride;
  /** The applied pause was sent by this process (after a restart it is sent again, for the rest of the window). */
  confirmed: boolean;
  pending?: Pending;
  tagPending: Map<number, TagPending>;
  /** An agent call of the scheduler's own is in flight: a change a poll sees then is ours. */
  acting: boolean;
  /** What the last change through the API did, for the words of a resume it causes. */
  lastChange?: string;
  /** Evaluations of one agent run one after another. */
  chain: Promise<void>;
};

/** An event of the scheduler's own, in the agent's timeline. */
export function scheduleEvent(
  kind: "schedule_applied" | "schedule_failed" | "schedule_overridden" | "schedule_changed",
  message: string,
  severity: "info" | "warning" | "error" = "info",
  actor = SCHEDULE_ACTOR,
): DetectedEvent {
  return { kind, severity, message, actor };
}

/** A time in an event message, in the window's zone with its short name: "17:00 CEST", "Mon 09:00 CET". */
export function when(t: number, zone: string, now: number): string {
  return formatScheduleTime(t, zone, now, true);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
