import "server-only";
import type { StoredSchedule } from "../store/schedules";
import type { PauseContext } from "./pause";
import { errorText, retryDelayMs, SCHEDULE_ACTOR, scheduleEvent, when, type AgentRuntime } from "./runtime";
import type { TagRule } from "./windows";

/**
 * Tag schedules: at each of its cron times a schedule sets its tag on the agent (the agent API has no
 * per-job pause; a tag drives a job profile's "Pause job if" rule). A fire is due when its time has
 * come and it is later than the last fire set and the schedule's last edit; of several schedules due
 * for one tag name, the latest fire wins (the tag says what the latest one said), so a fire missed
 * while the dashboard was stopped is set when it starts. A fire that fails is retried until the
 * next fire of that schedule takes its place, which is recorded as an error.
 */
export type TagContext = PauseContext & { markFired(s: StoredSchedule, t: number): void };

type Due = { rule: TagRule; schedule: StoredSchedule; due: number };

export async function evaluateTags(rt: AgentRuntime, ctx: TagContext): Promise<void> {
  const byName = new Map<string, Due[]>();
  for (const rule of rt.tags) {
    const schedule = rt.schedules.find((s) => s.id === rule.id);
    const due = rule.lastFire(ctx.now);
    if (!schedule || due === undefined || due <= Math.max(schedule.firedAt ?? 0, schedule.updatedAt)) continue;
    const list = byName.get(rule.spec.tag.name) ?? [];
    list.push({ rule, schedule, due });
    byName.set(rule.spec.tag.name, list);
  }
  for (const dues of byName.values()) {
    dues.sort((a, b) => b.due - a.due);
    // Older fires of the same tag are outdated by the latest one: noted as done without a call.
    for (const old of dues.slice(1)) ctx.markFired(old.schedule, old.due);
    await fire(rt, dues[0]!, ctx);
  }
}

async function fire(rt: AgentRuntime, { rule, schedule, due }: Due, ctx: TagContext): Promise<void> {
  const { now } = ctx;
  const zone = rule.timeZone;
  const tag = rule.spec.tag;
  const setting = `tag ${tag.name} = ${JSON.stringify(tag.value)}`;
  // Named schedules say their name first; an unnamed one is its tag, said once.
  const says = (what: string) =>
    rule.spec.name ? `${rule.spec.name}: ${what}` : what[0]!.toUpperCase() + what.slice(1);
  let p = rt.tagPending.get(rule.id);
  if (p && p.due !== due) {
    ctx.record(
      rt,
      scheduleEvent(
        "schedule_failed",
        says(
          `${setting} was never set for ${when(p.due, zone, now)} (${p.attempts} attempt${p.attempts === 1 ? "" : "s"}, last: ${p.error}); the fire at ${when(due, zone, now)} takes its place`,
        ),
        "error",
      ),
    );
    rt.tagPending.delete(rule.id);
    p = undefined;
  }
  if (p && now < p.retryAt) return;
  rt.acting = true;
  try {
    await rt.agent.setTags([{ name: tag.name, value: tag.value }], SCHEDULE_ACTOR);
  } catch (err) {
    const message = errorText(err);
    const news = !p || p.error !== message;
    const next: typeof p = p ?? { due, attempts: 0, error: "", retryAt: 0, since: now };
    next.attempts += 1;
    next.error = message;
    next.retryAt = now + retryDelayMs(next.attempts);
    rt.tagPending.set(rule.id, next);
    const nextFire = rule.nextFire(due);
    if (news)
      ctx.record(
        rt,
        scheduleEvent(
          "schedule_failed",
          says(
            `could not set ${setting}: ${message}. Retrying${nextFire ? ` until the next fire at ${when(nextFire, zone, now)}` : ""}`,
          ),
          "warning",
        ),
      );
    return;
  } finally {
    rt.acting = false;
  }
  rt.tagPending.delete(rule.id);
  ctx.markFired(schedule, due);
  const late = p
    ? ` (due at ${when(due, zone, now)}; ${p.attempts} attempt${p.attempts === 1 ? "" : "s"} failed before: ${p.error})`
    : now - due > 60_000
      ? ` (due at ${when(due, zone, now)}${due < ctx.startedAt ? ", while the dashboard was not running" : ""})`
      : "";
  ctx.record(rt, scheduleEvent("schedule_applied", says(`set ${setting}${late}`)));
}
