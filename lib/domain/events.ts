import type { ClientStatus } from "@/lib/agent-api/client";
import { describeServerState } from "@/lib/agent-api/client";
import type { Run } from "@/lib/agent-api/runs";
import type { TagsResponse } from "@/lib/agent-api/tags";
import type { EventKind, Severity } from "@/lib/bff/contract-store";
import { formatEta } from "@/lib/format/duration";
import { EventSink } from "./event-sink";
import type { RunsDelta } from "./run-delta";
import { runEvents } from "./run-events";

/**
 * What happened between two polls of one agent, as events for its timeline: the collector's
 * snapshots go in (previous and next), events come out. Pure: the server records them, tests feed
 * it snapshots by hand, and nothing here knows about storage.
 */
export type DetectedEvent = {
  kind: EventKind;
  severity: Severity;
  message: string;
  runId?: string;
  runName?: string;
  from?: string;
  to?: string;
  actor?: string;
};

/** A resource as last polled (the server's Slot, seen structurally). */
export type SlotView<T> = { value?: T; error?: { code: string; message: string }; errorSince?: number };
export type PollView = {
  polledAt: number;
  status: SlotView<ClientStatus>;
  runs: SlotView<readonly Run[]>;
  tags: SlotView<TagsResponse>;
  /** The poll's own diff of the runs, when it made one: used rather than comparing every run again. */
  runsStep?: { delta: RunsDelta };
};

/** What the dashboard knows beyond the two snapshots: who asked for a change, what it is waiting for. */
export type EventContext = {
  /** Who asked, through the dashboard, for a change the agent has not shown yet. */
  actors?: Partial<Record<"paused" | "resumed" | "tags_changed", string>>;
  /** A restart the dashboard asked for, not yet seen completed: who asked. */
  restartBy?: string;
  /** When the resume timer the dashboard set is due (epoch ms). */
  resumeTimerAt?: number;
  /** The agent was seen paused a moment ago (its runs' "paused" may show a poll later than its own flag). */
  pausedLately?: boolean;
};

export const OUTSIDE = "outside the dashboard";
export const RESUME_TIMER = "resume timer";
/** The agent's timer and ours are not the same clock: a resume this close to the deadline is the timer's. */
const TIMER_SLACK_MS = 5_000;
const UNREACHABLE_CODES = new Set(["agent_unreachable", "agent_timeout"]);

const problemOf = (v: PollView) => (v.status.error ? v.status : v.runs.error ? v.runs : undefined);

function reachability(prev: PollView, next: PollView, ctx: EventContext): DetectedEvent[] {
  const was = problemOf(prev);
  const now = problemOf(next);
  if (now?.error && now.error.code !== was?.error?.code) {
    const { code, message } = now.error;
    const restarting = ctx.restartBy !== undefined && UNREACHABLE_CODES.has(code);
    const unreachable = UNREACHABLE_CODES.has(code);
    return [
      {
        kind: "agent_unreachable",
        // Expected while it restarts; not reaching it is an outage; an agent answering badly is alive but unread.
        severity: restarting ? "info" : unreachable ? "error" : "warning",
        message: restarting
          ? `The agent is restarting: ${message}`
          : unreachable
            ? `The agent cannot be reached: ${message}`
            : code === "agent_unsupported"
              ? message // already says what the agent lacks and what to do
              : `The agent answers, but its answer cannot be used: ${message}`,
        ...(was?.error ? { from: was.error.code } : {}),
        to: code,
      },
    ];
  }
  if (was?.error && !now) {
    const seconds = was.errorSince === undefined ? 0 : (next.polledAt - was.errorSince) / 1000;
    const down = seconds >= 1 ? ` after ${formatEta(seconds, "en-US")}` : "";
    // Back from the restart the dashboard asked for: that event says it.
    if (ctx.restartBy !== undefined) return [];
    return [
      { kind: "agent_reachable", severity: "info", message: `The agent answers again${down}`, from: was.error.code },
    ];
  }
  return [];
}

function serverStateSeverity(state: string): Severity {
  if (state === "DECLINED") return "error";
  return state === "NOT_CONNECTED" || state === "STOPPED" ? "warning" : "info";
}

function statusEvents(
  prev: ClientStatus | undefined,
  next: ClientStatus | undefined,
  at: number,
  ctx: EventContext,
  cameBack: boolean,
): DetectedEvent[] {
  if (!prev || !next) return [];
  const events: DetectedEvent[] = [];
  const from = prev.server?.state;
  const to = next.server?.state;
  if (from !== to && to !== undefined) {
    events.push({
      kind: "server_state",
      severity: serverStateSeverity(to),
      message: `Management Console: ${describeServerState(to)}`,
      ...(from ? { from } : {}),
      to,
    });
  }
  if (!prev.paused && next.paused) {
    const timer =
      ctx.resumeTimerAt !== undefined && ctx.resumeTimerAt > at
        ? `, until the resume timer at ${new Date(ctx.resumeTimerAt).toISOString()}`
        : "";
    events.push({
      kind: "paused",
      severity: "info",
      message: `The agent was paused${timer}`,
      actor: ctx.actors?.paused ?? OUTSIDE,
    });
  } else if (prev.paused && !next.paused) {
    const byTimer = ctx.resumeTimerAt !== undefined && at >= ctx.resumeTimerAt - TIMER_SLACK_MS;
    const actor = ctx.actors?.resumed ?? (byTimer ? RESUME_TIMER : OUTSIDE);
    events.push({
      kind: "resumed",
      severity: "info",
      message: actor === RESUME_TIMER ? "The agent resumed: its resume timer ran out" : "The agent was resumed",
      actor,
    });
  }
  if (!prev.restartRequired && next.restartRequired) {
    events.push({
      kind: "restart_required",
      severity: "warning",
      message: "The agent says it needs a restart (for an update or a changed setting)",
    });
  }
  // Restarted: back after the restart the dashboard asked for, or restartRequired cleared by one made elsewhere.
  const cleared = prev.restartRequired && !next.restartRequired;
  if (cleared || (ctx.restartBy !== undefined && cameBack)) {
    events.push({
      kind: "restart_completed",
      severity: "info",
      message: "The agent restarted and answers again",
      actor: ctx.restartBy ?? OUTSIDE,
    });
  }
  return events;
}

function tagEvents(prev: TagsResponse | undefined, next: TagsResponse | undefined, ctx: EventContext): DetectedEvent[] {
  if (!prev || !next || prev === next) return [];
  const before = new Map(prev.tags.map((t) => [t.name, t.value]));
  const after = new Map(next.tags.map((t) => [t.name, t.value]));
  const actor = ctx.actors?.tags_changed ?? OUTSIDE;
  const events: DetectedEvent[] = [];
  const q = (s: string) => JSON.stringify(s);
  for (const [name, value] of after) {
    const old = before.get(name);
    if (old === value) continue;
    const message = old === undefined ? `Tag ${q(name)} set to ${q(value)}` : `Tag ${q(name)}: ${q(old)} → ${q(value)}`;
    events.push({
      kind: "tags_changed",
      severity: "info",
      message,
      ...(old === undefined ? {} : { from: old }),
      to: value,
      actor,
    });
  }
  for (const [name, old] of before) {
    if (!after.has(name))
      events.push({
        kind: "tags_changed",
        severity: "info",
        message: `Tag ${q(name)} removed (it was ${q(old)})`,
        from: old,
        actor,
      });
  }
  return events;
}

/**
 * Every event between `prev` and `next`, at most `perKind` of each kind listed (the rest of a kind
 * summed up in one). The first poll after a start (prev empty) has nothing to compare runs, status
 * or tags with, so it gives none of those events.
 */
export function detectEvents(
  prev: PollView,
  next: PollView,
  ctx: EventContext = {},
  perKind?: number,
): DetectedEvent[] {
  const sink = new EventSink(perKind);
  const cameBack = problemOf(prev) !== undefined && problemOf(next) === undefined;
  for (const event of reachability(prev, next, ctx)) sink.add(event);
  for (const event of statusEvents(prev.status.value, next.status.value, next.polledAt, ctx, cameBack)) sink.add(event);
  for (const event of tagEvents(prev.tags.value, next.tags.value, ctx)) sink.add(event);
  const before = prev.runs.value;
  const after = next.runs.value;
  if (before && after && before !== after) {
    const agentPaused = Boolean(ctx.pausedLately || prev.status.value?.paused || next.status.value?.paused);
    runEvents(before, after, next.runsStep?.delta, { agentPaused }, sink);
  }
  return sink.events();
}
