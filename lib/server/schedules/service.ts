import "server-only";
import { safeParse } from "@/lib/agent-api/zod";
import {
  MAX_SCHEDULES_PER_AGENT,
  type Schedule,
  type ScheduleInput,
  type SchedulePatch,
  type ScheduleState,
} from "@/lib/bff/contract-schedules";
import { describeDays } from "@/lib/domain/schedule-text";
import { AppError } from "../errors";
import { validationError } from "../request-body";
import type { ScheduleStore } from "../store/schedules";
import { scheduleEvent, when } from "./runtime";
import type { Scheduler } from "./scheduler";
import { ScheduleInputSchema } from "@/lib/bff/schedule-input";
import { cronProblem, zoneOf } from "./windows";

/**
 * Adding, changing and deleting schedules through the API: checked beyond the contract's shape
 * (a cron croner can read, a maintenance window that has not ended), stored, written to the event
 * log by whom, and applied by the scheduler before the answer, which says where the agent stands.
 */
export type Changed = { schedule: Schedule; state: ScheduleState };

const invalid = (field: string, message: string) =>
  new AppError("invalid_input", `The request body is not valid: ${field}: ${message}`, { [field]: [message] });

/**
 * The input as it is kept: maintenance times in UTC ISO form; anything the scheduler cannot use is a
 * 400. A window already over is refused when its times are given (a new one, or new times), not when
 * an ended window is renamed or disabled.
 */
export function checkSchedule(
  spec: ScheduleInput,
  now: number,
  dashboardZone: string,
  timesGiven = true,
): ScheduleInput {
  if (spec.kind === "tag") {
    const problem = cronProblem(spec.cron, zoneOf(spec, dashboardZone));
    if (problem) throw invalid("cron", problem);
    return spec;
  }
  if (spec.kind === "maintenance") {
    const end = Date.parse(spec.end);
    if (timesGiven && end <= now) throw invalid("end", "end is in the past: the window would never run");
    return { ...spec, start: new Date(Date.parse(spec.start)).toISOString(), end: new Date(end).toISOString() };
  }
  return spec;
}

/** A schedule in a sentence for the event log: what it is and what it does. */
export function describeForLog(spec: ScheduleInput, dashboardZone: string, now: number): string {
  const does = (pause: boolean, mute: boolean) =>
    [pause ? "pauses the agent" : "", mute ? "mutes alerts" : ""].filter(Boolean).join(" and ");
  const parts: string[] = [];
  let details: string;
  switch (spec.kind) {
    case "weekly":
      parts.push("weekly window", `${describeDays(spec.days)} ${spec.from}–${spec.to}`);
      details = `${zoneOf(spec, dashboardZone)}; ${does(spec.pause !== false, spec.muteAlerts === true)}`;
      break;
    case "maintenance":
      parts.push(
        "maintenance window",
        `${when(Date.parse(spec.start), dashboardZone, now)} – ${when(Date.parse(spec.end), dashboardZone, now)}`,
      );
      details = does(spec.pause !== false, spec.muteAlerts !== false);
      break;
    case "tag":
      parts.push("tag schedule", `"${spec.cron}" sets tag ${spec.tag.name} = ${JSON.stringify(spec.tag.value)}`);
      details = zoneOf(spec, dashboardZone);
      break;
  }
  if (spec.name) parts.splice(1, 0, JSON.stringify(spec.name));
  return `${parts.join(" ")} (${details}${spec.enabled === false ? ", disabled" : ""})`;
}

export class ScheduleService {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly store: ScheduleStore,
    private readonly now: () => number = Date.now,
  ) {}

  async add(agentId: string, input: ScheduleInput, actor: string): Promise<Changed> {
    const now = this.now();
    const spec = checkSchedule(input, now, this.scheduler.timeZone);
    if (this.store.list(agentId).length >= MAX_SCHEDULES_PER_AGENT)
      throw new AppError("invalid_input", `An agent may have at most ${MAX_SCHEDULES_PER_AGENT} schedules`);
    const stored = this.store.insert(agentId, spec, now);
    const text = describeForLog(spec, this.scheduler.timeZone, now);
    const event = scheduleEvent("schedule_changed", `Schedule added: ${text}`, "info", actor);
    const state = await this.scheduler.changed(agentId, event);
    return { schedule: this.view(agentId, stored.id), state };
  }

  async update(agentId: string, id: number, patch: SchedulePatch, actor: string): Promise<Changed> {
    const now = this.now();
    const existing = this.find(agentId, id);
    if (patch.kind !== undefined && patch.kind !== existing.kind)
      throw invalid("kind", "a schedule's kind cannot change: delete it and add a new one");
    const merged: Record<string, unknown> = { ...existing.spec, ...patch };
    for (const key of ["name", "timeZone"]) if (merged[key] === null) delete merged[key];
    const parsed = safeParse(ScheduleInputSchema, merged);
    if (!parsed.success) throw validationError(parsed.error);
    const spec = checkSchedule(parsed.data, now, this.scheduler.timeZone, "start" in patch || "end" in patch);
    this.store.update(agentId, id, spec, now);
    const turnedOff = existing.spec.enabled !== false && spec.enabled === false;
    const text = describeForLog(spec, this.scheduler.timeZone, now);
    const event = scheduleEvent(
      "schedule_changed",
      `Schedule ${turnedOff ? "disabled" : "changed"}: ${text}`,
      "info",
      actor,
    );
    const state = await this.scheduler.changed(agentId, event, turnedOff ? "was disabled" : "was changed");
    return { schedule: this.view(agentId, id), state };
  }

  async remove(agentId: string, id: number, actor: string): Promise<ScheduleState> {
    const existing = this.find(agentId, id);
    if (!this.store.remove(agentId, id)) throw this.notFound(id);
    const text = describeForLog(existing.spec, this.scheduler.timeZone, this.now());
    const event = scheduleEvent("schedule_changed", `Schedule deleted: ${text}`, "info", actor);
    return this.scheduler.changed(agentId, event, "was deleted");
  }

  private find(agentId: string, id: number) {
    const existing = this.store.get(agentId, id);
    if (!existing) throw this.notFound(id);
    return existing;
  }

  private view(agentId: string, id: number): Schedule {
    const view = this.scheduler.schedules(agentId).find((s) => s.id === id);
    if (!view) throw this.notFound(id);
    return view;
  }

  private notFound(id: number): AppError {
    return new AppError("not_found", `This agent has no schedule ${id}`);
  }
}
