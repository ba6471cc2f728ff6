import "server-only";
import { OUTSIDE, type SlotView } from "@/lib/domain/events";
import type { ClientStatus } from "@/lib/agent-api/client";
import { mergedPauseAt } from "./windows";
import { scheduleEvent, TIMER_SLACK_MS, when, type AgentRuntime } from "./runtime";
import type { PauseContext } from "./pause";

/**
 * A person's word inside a window: "Resume now" (or a pause of their own) through the dashboard, or a
 * resume made outside it (the agent's own UI). The schedule then stands back until the window ends.
 */
export type HumanChange = "paused" | "resumed";

/** What a route does around its call: done() once the agent took it, failed() to take it back. */
export type OverrideTicket = { done(): void; failed(): void };

/**
 * Noted before the call to the agent, so the poll that sees the change already knows it was a
 * person's; the event is written once the agent has taken it.
 */
export function beginOverride(
  rt: AgentRuntime,
  change: HumanChange,
  by: string,
  ctx: PauseContext,
): OverrideTicket | undefined {
  const merged = mergedPauseAt(rt.windows, ctx.now);
  if (!merged) return undefined;
  const before = { applied: rt.applied, override: rt.override, pending: rt.pending };
  rt.override = {
    ids: merged.ids,
    name: merged.name,
    timeZone: merged.timeZone,
    until: merged.until,
    by,
    at: ctx.now,
  };
  rt.applied = undefined;
  rt.pending = undefined;
  ctx.save(rt);
  const until = when(merged.until, merged.timeZone, ctx.now);
  const message =
    change === "resumed"
      ? `Resumed by hand inside ${merged.name}: the schedule leaves the agent running until ${until}`
      : `Paused by hand inside ${merged.name}: the schedule leaves the agent as it is until ${until}`;
  return {
    done: () => ctx.record(rt, scheduleEvent("schedule_overridden", message, "info", by)),
    failed: () => {
      Object.assign(rt, before);
      ctx.save(rt);
    },
  };
}

/**
 * Called for every poll: a resume seen between two polls that both reached the agent, while a
 * pause of the schedule's own is on and its timer is not due, was made by someone outside the
 * dashboard (the dashboard's own resumes noted themselves above). Answers whether the agent just
 * came back (so changes waiting for it are tried at once).
 */
export function watchPoll(
  rt: AgentRuntime,
  prev: SlotView<ClientStatus>,
  next: SlotView<ClientStatus>,
  ctx: PauseContext,
): { cameBack: boolean } {
  const wasUp = prev.value !== undefined && !prev.error;
  const isUp = next.value !== undefined && !next.error;
  const a = rt.applied;
  if (wasUp && isUp && prev.value?.paused && !next.value?.paused && a && !rt.acting) {
    const merged = mergedPauseAt(rt.windows, ctx.now);
    if (merged && ctx.now < a.timerEnd - TIMER_SLACK_MS) {
      rt.override = {
        ids: merged.ids,
        name: merged.name,
        timeZone: merged.timeZone,
        until: merged.until,
        by: OUTSIDE,
        at: ctx.now,
      };
      rt.applied = undefined;
      ctx.save(rt);
      const until = when(merged.until, merged.timeZone, ctx.now);
      ctx.record(
        rt,
        scheduleEvent(
          "schedule_overridden",
          `Resumed outside the dashboard inside ${merged.name}: the schedule leaves the agent running until ${until}`,
          "info",
          OUTSIDE,
        ),
      );
    }
  }
  return { cameBack: !wasUp && isUp };
}
