import "server-only";
import { listAgents, type AgentService } from "../agents";
import type { Config } from "../config";
import { AppError } from "../errors";
import { dashboardTimeZone } from "../time-zone";
import type { Store } from "../store";
import { when, type EventRecorder, type ScheduledAgent } from "./runtime";
import { ScheduleStore } from "../store/schedules";
import { currentScheduler, setCurrentScheduler } from "./current";
import { Scheduler } from "./scheduler";
import { ScheduleService } from "./service";
import type { Occurrence } from "./windows";

export { currentScheduler } from "./current";
export { SCHEDULE_ACTOR } from "./runtime";

/** An agent as the scheduler drives it: reads from its collector's snapshot, changes through the service. */
export function scheduledAgent(service: AgentService): ScheduledAgent {
  return {
    id: service.agent.id,
    observed: () => {
      const status = service.collector.snapshot.status;
      return { reachable: status.value !== undefined && !status.error, paused: status.value?.paused };
    },
    knownResumeAt: () => {
      const status = service.collector.snapshot.status.value;
      return status && service.resumeAt(status);
    },
    settled: async () => {
      await service.collector.settled();
    },
    pause: (actor, seconds) => service.pause(actor, seconds),
    resume: (actor) => service.resume(actor),
    setTags: (tags, actor) => service.setTags(tags, actor),
    refresh: () => void service.collector.pollAfterChange(),
  };
}

/** Boot, after the event log and the agents: the scheduler applies every agent's schedules from now on. */
export function installScheduler(store: Store, config: Config, events: EventRecorder): Scheduler {
  const scheduler = new Scheduler({
    store: new ScheduleStore(store),
    events,
    agents: listAgents(config).map(scheduledAgent),
    timeZone: dashboardTimeZone(),
  });
  setCurrentScheduler(scheduler);
  scheduler.start();
  return scheduler;
}

/** For routes: the scheduler, or a 500 saying it is not running (only before boot, which no route precedes). */
export function requireScheduler(): Scheduler {
  const scheduler = currentScheduler();
  if (!scheduler) throw new AppError("internal_error", "The scheduler is not running");
  return scheduler;
}

/** For routes: adding, changing and deleting schedules (service.ts). */
export function scheduleService(): ScheduleService {
  const scheduler = requireScheduler();
  return new ScheduleService(scheduler, scheduler.store);
}

/** A window that mutes alerts: which schedule, what it is called, and when it runs (epoch ms, end exclusive). */
export type AlertMuteWindow = Pick<Occurrence, "kind" | "name" | "named" | "start" | "end" | "timeZone"> & {
  scheduleId: number;
};

/**
 * For the alerts (issue 11, items 1-5): whether alerts about `agentId` are muted at `t` by one of
 * its windows (a maintenance window unless told otherwise, a weekly window when asked to), and that
 * window, for the alert's words. Muting follows the window's time whatever happened to its pause
 * (a person's "Resume now" does not unmute it).
 */
export function alertMuteWindow(agentId: string, t: number = Date.now()): AlertMuteWindow | undefined {
  const o = currentScheduler()?.muteWindow(agentId, t);
  return (
    o && {
      scheduleId: o.id,
      kind: o.kind,
      name: o.name,
      named: o.named,
      start: o.start,
      end: o.end,
      timeZone: o.timeZone,
    }
  );
}

/**
 * Why alerts about `agentId` are muted at `t` by a window, in the delivery log's and the timeline's
 * words: `maintenance window "Patch night" until 17:00 CET` (the end in the window's zone, named).
 */
export function scheduleMuteReason(agentId: string, t: number): string | undefined {
  const w = alertMuteWindow(agentId, t);
  if (!w) return undefined;
  // An unnamed weekly window is what it does ("Mon–Fri 22:00–07:00"); an unnamed maintenance window is just one.
  const name = w.named ? ` ${JSON.stringify(w.name)}` : w.kind === "weekly" ? ` ${w.name}` : "";
  return `${w.kind} window${name} until ${when(w.end, w.timeZone, t)}`;
}
