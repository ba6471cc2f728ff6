import "server-only";
import type { DetectedEvent } from "@/lib/domain/events";
import { mergedPauseAt, type MergedPause } from "./windows";
import {
  errorText,
  MAX_TIMER_MS,
  RENEW_BEFORE_MS,
  retryDelayMs,
  SCHEDULE_ACTOR,
  scheduleEvent,
  TIMER_SLACK_MS,
  when,
  type AgentRuntime,
  type Pending,
} from "./runtime";

/**
 * What the scheduler does about pause windows for one agent at one moment. Inside a window it wants
 * the agent paused with a resume timer that ends with the window, so the agent resumes by itself
 * even if the dashboard is gone by then; outside, it wants nothing, except to undo a pause of its
 * own whose window was deleted or cut short. A person wins: a resume or pause by hand inside a
 * window (an override) leaves the agent alone until that window ends, and an agent already paused
 * by hand with no known timer is left paused. A change that fails (the agent is down) is tried
 * again, sooner when the agent is back, for as long as it is wanted, and every step is an event.
 */
export type PauseContext = {
  now: number;
  /** When this scheduler started (a window older than that was missed while the dashboard was stopped). */
  startedAt: number;
  record(rt: AgentRuntime, event: DetectedEvent): void;
  save(rt: AgentRuntime): void;
};

export async function evaluateWindows(rt: AgentRuntime, ctx: PauseContext): Promise<void> {
  const merged = mergedPauseAt(rt.windows, ctx.now);
  if (rt.override && (ctx.now >= rt.override.until || !merged)) {
    rt.override = undefined;
    ctx.save(rt);
  }
  if (merged && rt.override) {
    if (rt.pending?.action === "pause") rt.pending = undefined;
    return;
  }
  if (merged) return ensurePaused(rt, merged, ctx);
  return ensureReleased(rt, ctx);
}

async function ensurePaused(rt: AgentRuntime, merged: MergedPause, ctx: PauseContext): Promise<void> {
  const { now } = ctx;
  const a = rt.applied;
  const seen = rt.agent.observed();
  const target = merged.until;
  // Reached and running although the window paused it: it restarted or came back without its pause.
  const lostPause = seen.reachable && seen.paused === false;
  if (a && a.target === target) {
    const renew = !a.left && a.timerEnd < target && now >= a.timerEnd - RENEW_BEFORE_MS;
    if ((a.left || rt.confirmed) && !lostPause && !renew) return;
  }
  if (!a && seen.reachable && seen.paused) {
    const known = rt.agent.knownResumeAt();
    if (known === undefined || known >= target) return leaveAsItIs(rt, merged, known, ctx);
  }
  if (rt.pending?.action === "pause" && now < rt.pending.retryAt) return;

  const timerEnd = Math.min(target, now + MAX_TIMER_MS);
  const seconds = Math.max(1, Math.ceil((timerEnd - now) / 1000));
  const head = pauseReason(rt, merged, lostPause, ctx);
  rt.acting = true;
  try {
    await rt.agent.pause(SCHEDULE_ACTOR, seconds);
  } catch (err) {
    failed(rt, ctx, { action: "pause", name: merged.name, until: target, timeZone: merged.timeZone }, err);
    return;
  } finally {
    rt.acting = false;
  }
  const late = lateness(rt.pending, ctx.now);
  rt.applied = {
    ids: merged.ids,
    name: merged.name,
    timeZone: merged.timeZone,
    start: merged.start,
    target,
    timerEnd: now + seconds * 1000,
    at: now,
  };
  rt.confirmed = true;
  rt.pending = undefined;
  ctx.save(rt);
  const until = when(target, merged.timeZone, now);
  ctx.record(
    rt,
    scheduleEvent("schedule_applied", `${head}: paused the agent until ${until} (resume timer ${seconds} s)${late}`),
  );
}

function pauseReason(rt: AgentRuntime, merged: MergedPause, lostPause: boolean, ctx: PauseContext): string {
  const a = rt.applied;
  const name = merged.name;
  if (!a) {
    // Only a window the dashboard knew of when it started: one added or changed since (to begin in
    // the past) is news now, not something found at start-up.
    const knownAtStart = rt.schedules.some((s) => merged.ids.includes(s.id) && s.updatedAt < ctx.startedAt);
    if (merged.start < ctx.startedAt && knownAtStart && !rt.pending) return `The dashboard started inside ${name}`;
    return rt.pending || ctx.now - merged.start <= 60_000 ? `${name} started` : `${name} now covers this moment`;
  }
  if (a.target !== merged.until) return `${name} changed`;
  if (!rt.confirmed) return `The dashboard started inside ${name} (which it had applied): applying the rest`;
  if (lostPause) return `The agent was running inside ${name} (it restarted or came back)`;
  return `${name} lasts longer than one resume timer: renewed`;
}

function leaveAsItIs(rt: AgentRuntime, merged: MergedPause, known: number | undefined, ctx: PauseContext): void {
  const zone = merged.timeZone;
  rt.applied = {
    ids: merged.ids,
    name: merged.name,
    timeZone: zone,
    start: merged.start,
    target: merged.until,
    timerEnd: known ?? merged.until,
    at: ctx.now,
    left: true,
  };
  rt.confirmed = true;
  rt.pending = undefined;
  ctx.save(rt);
  const message =
    known === undefined
      ? `${merged.name} started while the agent was paused by hand with no resume timer: it stays paused as it was (the schedule will not resume it at ${when(merged.until, zone, ctx.now)})`
      : `${merged.name} started while the agent was paused until ${when(known, zone, ctx.now)}, past the window's end: left as it was`;
  ctx.record(rt, scheduleEvent("schedule_applied", message));
}

async function ensureReleased(rt: AgentRuntime, ctx: PauseContext): Promise<void> {
  const { now } = ctx;
  const p = rt.pending;
  if (p?.action === "pause") {
    const ended = now >= p.until;
    const message = ended
      ? `${p.name} ended at ${when(p.until, p.timeZone, now)} without the agent being paused: ${attemptsText(p)}`
      : `${p.name} ${rt.lastChange ?? "no longer applies"} before the agent could be paused: ${attemptsText(p)}`;
    ctx.record(rt, scheduleEvent("schedule_failed", message, ended ? "error" : "warning"));
    rt.pending = undefined;
  }
  if (rt.pending?.action === "resume") {
    // Past its timer the agent has resumed by itself; before it, retry when due.
    if (now >= rt.pending.until) rt.pending = undefined;
    else if (now < rt.pending.retryAt) return;
  }
  const a = rt.applied;
  if (!a && !rt.pending) return;
  if (a && (a.left || now >= a.target - TIMER_SLACK_MS)) {
    // The window is over: the agent's own timer resumes it (or a person's pause stays theirs).
    rt.applied = undefined;
    ctx.save(rt);
    return;
  }
  const seen = rt.agent.observed();
  const name = a?.name ?? rt.pending!.name;
  const zone = a?.timeZone ?? rt.pending!.timeZone;
  const until = a?.timerEnd ?? rt.pending!.until;
  if (seen.reachable && seen.paused === false) {
    rt.applied = undefined;
    rt.pending = undefined;
    ctx.save(rt);
    return;
  }
  rt.acting = true;
  try {
    await rt.agent.resume(SCHEDULE_ACTOR);
  } catch (err) {
    rt.applied = undefined;
    ctx.save(rt);
    failed(rt, ctx, { action: "resume", name, until, timeZone: zone }, err);
    return;
  } finally {
    rt.acting = false;
  }
  const late = lateness(rt.pending, now);
  rt.applied = undefined;
  rt.pending = undefined;
  ctx.save(rt);
  ctx.record(
    rt,
    scheduleEvent("schedule_applied", `${name} ${rt.lastChange ?? "no longer applies"}: resumed the agent${late}`),
  );
}

function failed(
  rt: AgentRuntime,
  ctx: PauseContext,
  what: Pick<Pending, "action" | "name" | "until" | "timeZone">,
  err: unknown,
): void {
  const message = errorText(err);
  const same = rt.pending?.action === what.action ? rt.pending : undefined;
  const p: Pending = same ?? { ...what, since: ctx.now, attempts: 0, error: "", retryAt: 0 };
  const news = !same || p.error !== message;
  Object.assign(p, what);
  p.attempts += 1;
  p.error = message;
  p.retryAt = ctx.now + retryDelayMs(p.attempts);
  rt.pending = p;
  // One warning when it starts failing (and when the reason changes), not one per retry.
  if (!news) return;
  const until = when(p.until, p.timeZone, ctx.now);
  ctx.record(
    rt,
    scheduleEvent(
      "schedule_failed",
      what.action === "pause"
        ? `Could not pause the agent for ${p.name}: ${message}. Retrying until ${until}`
        : `Could not resume the agent (${p.name} ${rt.lastChange ?? "no longer applies"}): ${message}. Retrying until its own timer resumes it at ${until}`,
      "warning",
    ),
  );
}

function attemptsText(p: Pending): string {
  return `${p.attempts} attempt${p.attempts === 1 ? "" : "s"} failed since ${when(p.since, p.timeZone, p.since)} (last: ${p.error})`;
}

function lateness(p: Pending | undefined, now: number): string {
  if (!p) return "";
  return `, ${Math.round((now - p.since) / 1000)} s late: ${attemptsText(p)}`;
}
