import "server-only";
import { Cron } from "croner";
import type { MaintenanceInput, TagScheduleInput, Weekday, WeeklyInput } from "@/lib/bff/contract-schedules";
import { scheduleLabel } from "@/lib/domain/schedule-text";
import type { StoredSchedule } from "../store/schedules";

/**
 * The time arithmetic of schedules, pure (every function takes the moment it answers for):
 * occurrences of windows, the pause they add up to at a moment, the next pause, tag fire times.
 *
 * A weekly window's start and end are two cron patterns read in its zone by croner, which follows
 * Vixie cron at DST changes: a time in the spring-forward gap happens at the first valid time
 * after it (02:30 on the last Sunday of March in Berlin is 03:00 CEST), a time repeated at fall-back
 * happens once, the first time. The end is the first end time at or after the start, so a window
 * across a change is as long as the clock says (09:00-17:00 is 8 hours every day of the year,
 * 01:00-04:00 on the night of a change is 2 or 4 hours) and one whose `to` is earlier than `from`
 * runs past midnight.
 */
export type Occurrence = {
  id: number;
  kind: "weekly" | "maintenance";
  /** The schedule's name, or what it does ("Mon–Fri 09:00–17:00"); `named`: it has a name of its own. */
  name: string;
  named: boolean;
  pause: boolean;
  muteAlerts: boolean;
  timeZone: string;
  start: number;
  /** Exclusive. */
  end: number;
};

/** Overlapping or touching pausing windows, merged: paused from `start` until `until`. */
export type MergedPause = { ids: number[]; name: string; start: number; until: number; timeZone: string };

const DOW: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
/** Longer than any weekly window can last (under 24 h of clock time, plus a DST hour). */
const WEEKLY_REACH_MS = 26 * 3_600_000;
/** How far ahead merging and the next pause look: past the longest resume timer the scheduler sends. */
export const HORIZON_MS = 8 * 86_400_000;
/** How much wider than asked a weekly window's cached occurrences reach, either side. */
const CACHE_SLACK_MS = 86_400_000;

const cronIn = (pattern: string, timeZone: string) =>
  new Cron(pattern, { timezone: timeZone, paused: true, mode: "5-part" });

export interface WindowRule {
  readonly id: number;
  occurrences(from: number, to: number): Occurrence[];
}

class WeeklyRule implements WindowRule {
  private readonly startCron: Cron;
  private readonly endCron: Cron;
  private readonly base: Omit<Occurrence, "start" | "end">;

  constructor(
    readonly id: number,
    spec: WeeklyInput,
    timeZone: string,
  ) {
    const [fh, fm] = spec.from.split(":").map(Number);
    const [th, tm] = spec.to === "24:00" ? [0, 0] : spec.to.split(":").map(Number);
    const days = spec.days.map((d) => DOW[d]);
    // A window that ends at or before its start time (or at 24:00) ends on the next day.
    const nextDay = spec.to === "24:00" || spec.to < spec.from;
    const endDays = nextDay ? days.map((d) => (d + 1) % 7) : days;
    this.startCron = cronIn(`${fm} ${fh} * * ${days.join(",")}`, timeZone);
    this.endCron = cronIn(`${tm} ${th} * * ${endDays.join(",")}`, timeZone);
    this.base = {
      id,
      kind: "weekly",
      name: scheduleLabel(spec),
      named: spec.name !== undefined,
      pause: spec.pause !== false,
      muteAlerts: spec.muteAlerts === true,
      timeZone,
    };
  }

  /**
   * Asked many times a minute for nearly the same span (every evaluation, every page's poll), and a
   * croner step in a zone costs tens of microseconds: the occurrences of a wider span are computed
   * once and filtered until a question reaches past it.
   */
  private cache: { from: number; to: number; list: Occurrence[] } | undefined;

  occurrences(from: number, to: number): Occurrence[] {
    const c = this.cache;
    if (!c || from < c.from || to > c.to) {
      // Two horizons ahead: the next pause is looked for up to a horizon away, and merged a horizon beyond.
      const spanFrom = from - CACHE_SLACK_MS;
      const spanTo = Math.max(to, from + 2 * HORIZON_MS) + CACHE_SLACK_MS;
      this.cache = { from: spanFrom, to: spanTo, list: this.compute(spanFrom, spanTo) };
    }
    return this.cache!.list.filter((o) => o.start < to && o.end > from);
  }

  private compute(from: number, to: number): Occurrence[] {
    const out: Occurrence[] = [];
    let cursor = new Date(from - WEEKLY_REACH_MS);
    for (let i = 0; i < 256; i++) {
      const start = this.startCron.nextRun(cursor);
      if (!start || start.getTime() >= to) break;
      // The first end at or after the start (croner's nextRun is strictly after its argument).
      const end = this.endCron.nextRun(new Date(start.getTime() - 1000));
      // A window squeezed to nothing by a DST gap (02:00-03:00 on the spring-forward night) does not happen.
      if (end && end.getTime() > start.getTime() && end.getTime() > from)
        out.push({ ...this.base, start: start.getTime(), end: end.getTime() });
      cursor = start;
    }
    return out;
  }
}

class MaintenanceRule implements WindowRule {
  private readonly occurrence: Occurrence;

  constructor(
    readonly id: number,
    spec: MaintenanceInput,
    timeZone: string,
  ) {
    this.occurrence = {
      id,
      kind: "maintenance",
      name: scheduleLabel(spec),
      named: spec.name !== undefined,
      pause: spec.pause !== false,
      // Maintenance mutes alerts unless told not to.
      muteAlerts: spec.muteAlerts !== false,
      timeZone,
      start: Date.parse(spec.start),
      end: Date.parse(spec.end),
    };
  }

  occurrences(from: number, to: number): Occurrence[] {
    const o = this.occurrence;
    return o.start < to && o.end > from ? [o] : [];
  }
}

/** A tag schedule's fire times, read in its zone. */
export class TagRule {
  private readonly cron: Cron;

  constructor(
    readonly id: number,
    readonly spec: TagScheduleInput,
    readonly timeZone: string,
  ) {
    this.cron = cronIn(spec.cron, timeZone);
  }

  /** The latest fire at or before `t`. */
  lastFire(t: number): number | undefined {
    return this.cron.previousRuns(1, new Date(t + 1))[0]?.getTime();
  }

  /** The first fire after `t`. */
  nextFire(t: number): number | undefined {
    return this.cron.nextRun(new Date(t))?.getTime();
  }
}

/**
 * Checks a cron pattern as the scheduler will read it (five fields, croner's syntax): undefined
 * when fine, else croner's complaint in words.
 */
export function cronProblem(pattern: string, timeZone: string): string | undefined {
  try {
    if (cronIn(pattern, timeZone).nextRun(new Date()) === null) return "cron never matches a date";
    return undefined;
  } catch (err) {
    return `cron is not valid: ${(err as Error).message.replace(/^CronPattern: /, "")}`;
  }
}

/** The zone a schedule is read in: its own, else the dashboard's. */
export function zoneOf(spec: { timeZone?: string }, dashboardZone: string): string {
  return spec.timeZone ?? dashboardZone;
}

export function windowRule(s: StoredSchedule, dashboardZone: string): WindowRule | undefined {
  if (s.spec.kind === "weekly") return new WeeklyRule(s.id, s.spec, zoneOf(s.spec, dashboardZone));
  if (s.spec.kind === "maintenance") return new MaintenanceRule(s.id, s.spec, dashboardZone);
  return undefined;
}

export function tagRule(s: StoredSchedule, dashboardZone: string): TagRule | undefined {
  return s.spec.kind === "tag" ? new TagRule(s.id, s.spec, zoneOf(s.spec, dashboardZone)) : undefined;
}

function around(rules: readonly WindowRule[], from: number, to: number): Occurrence[] {
  return rules.flatMap((r) => r.occurrences(from, to)).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Pausing windows that contain `t`, with every window overlapping or touching them, as one pause. */
export function mergedPauseAt(rules: readonly WindowRule[], t: number): MergedPause | undefined {
  const all = around(rules, t, t + HORIZON_MS).filter((o) => o.pause);
  const active = all.filter((o) => o.start <= t && t < o.end);
  if (active.length === 0) return undefined;
  const taken = new Set(active);
  let until = Math.max(...active.map((o) => o.end));
  for (let grew = true; grew;) {
    grew = false;
    for (const o of all) {
      if (taken.has(o) || o.start > until || o.end <= t) continue;
      taken.add(o);
      if (o.end > until) until = o.end;
      grew = true;
    }
  }
  const members = [...taken].sort((a, b) => a.start - b.start);
  const last = members.reduce((a, b) => (b.end > a.end ? b : a));
  return {
    ids: [...new Set(members.map((o) => o.id))],
    name: [...new Set(members.map((o) => o.name))].join(" + "),
    start: Math.min(...active.map((o) => o.start)),
    until,
    timeZone: last.timeZone,
  };
}

/** The next pause that starts after `t` (after the one `t` is in, if any), within the horizon. */
export function nextPauseAfter(rules: readonly WindowRule[], t: number): MergedPause | undefined {
  const current = mergedPauseAt(rules, t);
  const after = current ? current.until : t;
  const next = around(rules, after, after + HORIZON_MS).find((o) => o.pause && o.start > after);
  return next && mergedPauseAt(rules, next.start);
}

/** The window muting alerts at `t` (the one that lasts longest, if several do). */
export function muteWindowAt(rules: readonly WindowRule[], t: number): Occurrence | undefined {
  const muting = around(rules, t, t + 1).filter((o) => o.muteAlerts && o.start <= t && t < o.end);
  return muting.reduce<Occurrence | undefined>((a, b) => (!a || b.end > a.end ? b : a), undefined);
}

/** Windows containing `t`, whatever they do (the scheduler tells a mute-only window apart). */
export function windowsAt(rules: readonly WindowRule[], t: number): Occurrence[] {
  return around(rules, t, t + 1).filter((o) => o.start <= t && t < o.end);
}

/** The first window start or end after `t`: when the scheduler must look again. */
export function nextBoundary(rules: readonly WindowRule[], t: number): number | undefined {
  let best: number | undefined;
  for (const o of around(rules, t, t + HORIZON_MS))
    for (const edge of [o.start, o.end]) if (edge > t && (best === undefined || edge < best)) best = edge;
  return best;
}

/** The next occurrence of one window (the one in progress at `t`, else the next), for the editor. */
export function occurrenceAround(rule: WindowRule, t: number): { active?: Occurrence; next?: Occurrence } {
  const list = rule.occurrences(t, t + HORIZON_MS);
  const active = list.find((o) => o.start <= t && t < o.end);
  const next = list.find((o) => o.start > t);
  return { ...(active ? { active } : {}), ...(next ? { next } : {}) };
}
