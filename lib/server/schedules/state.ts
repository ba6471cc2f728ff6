import "server-only";
import type { Schedule, ScheduleState } from "@/lib/bff/contract-schedules";
import type { StoredSchedule } from "../store/schedules";
import type { AgentRuntime } from "./runtime";
import {
  mergedPauseAt,
  nextPauseAfter,
  occurrenceAround,
  tagRule,
  windowRule,
  windowsAt,
  zoneOf,
  type TagRule,
  type WindowRule,
} from "./windows";

/** Where the agent stands with its schedules at `now`, as the status card says it (see ScheduleStateSchema). */
export function stateOf(rt: AgentRuntime, now: number): ScheduleState {
  const state: ScheduleState = {};
  const merged = mergedPauseAt(rt.windows, now);
  const inside = windowsAt(rt.windows, now);
  const muting = inside.filter((o) => o.muteAlerts);
  if (merged) {
    const ids = new Set(merged.ids);
    const o = rt.override;
    const p = rt.pending?.action === "pause" ? rt.pending : undefined;
    const mode = o ? "overridden" : p || !rt.applied ? "applying" : rt.applied.left ? "left" : "paused";
    state.window = {
      mode,
      ids: merged.ids,
      name: merged.name,
      start: merged.start,
      until: merged.until,
      timeZone: merged.timeZone,
      muteAlerts: muting.some((m) => ids.has(m.id)),
      ...(o ? { by: o.by } : {}),
      ...(mode === "applying" ? { attempts: p?.attempts ?? 0, ...(p ? { error: p.error } : {}) } : {}),
    };
  } else if (muting.length > 0) {
    const last = muting.reduce((a, b) => (b.end > a.end ? b : a));
    state.window = {
      mode: "mute",
      ids: muting.map((m) => m.id),
      name: [...new Set(muting.map((m) => m.name))].join(" + "),
      start: Math.min(...muting.map((m) => m.start)),
      until: last.end,
      timeZone: last.timeZone,
      muteAlerts: true,
    };
  }
  const next = nextPauseAfter(rt.windows, now);
  if (next)
    state.nextPause = { id: next.ids[0]!, name: next.name, at: next.start, until: next.until, timeZone: next.timeZone };
  return state;
}

/** One schedule as the API answers it: what it is, plus its occurrence now or next (windows) or its fires (tags). */
export function scheduleView(
  s: StoredSchedule,
  now: number,
  dashboardZone: string,
  rules: { window?: WindowRule; tag?: TagRule } = {},
): Schedule {
  const base = {
    id: s.id,
    ...(s.spec.name ? { name: s.spec.name } : {}),
    enabled: s.spec.enabled !== false,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
  const spec = s.spec;
  if (spec.kind === "tag") {
    const next = (rules.tag ?? tagRule(s, dashboardZone))?.nextFire(now);
    return {
      kind: "tag",
      ...base,
      cron: spec.cron,
      tag: { name: spec.tag.name, value: spec.tag.value },
      ...(spec.timeZone ? { timeZone: spec.timeZone } : {}),
      zone: zoneOf(spec, dashboardZone),
      ...(next !== undefined && base.enabled ? { nextAt: next } : {}),
      ...(s.firedAt !== undefined ? { firedAt: s.firedAt } : {}),
    };
  }
  const { active, next } = occurrenceAround((rules.window ?? windowRule(s, dashboardZone))!, now);
  const spans = {
    ...(active ? { active: { start: active.start, end: active.end } } : {}),
    ...(next ? { next: { start: next.start, end: next.end } } : {}),
  };
  if (spec.kind === "maintenance")
    return {
      kind: "maintenance",
      ...base,
      start: spec.start,
      end: spec.end,
      pause: spec.pause !== false,
      muteAlerts: spec.muteAlerts !== false,
      ...spans,
    };
  return {
    kind: "weekly",
    ...base,
    days: spec.days,
    from: spec.from,
    to: spec.to,
    ...(spec.timeZone ? { timeZone: spec.timeZone } : {}),
    zone: zoneOf(spec, dashboardZone),
    pause: spec.pause !== false,
    muteAlerts: spec.muteAlerts === true,
    ...spans,
  };
}
