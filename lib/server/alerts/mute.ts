import "server-only";
import { DAYS, type Rule } from "@/lib/bff/contract-alerts";
import { dashboardTime } from "../time-zone";

/**
 * Muting, consulted in one place (`muteReason`): a list of sources, each of which may say "muted,
 * because ...". Built in: the global snooze and the rule's quiet hours. Another feature adds a source
 * with `registerMuteSource` at boot (the maintenance windows of an agent, say); a source with the
 * same id replaces the earlier one. The list is on globalThis, shared by every route bundle.
 */
export type MuteContext = { rule: Rule; agentId: string; at: number };
export type MuteSource = { id: string; mutedBy(ctx: MuteContext): string | undefined };

const KEY = Symbol.for("agent-deck.alerts.mute-sources");
type Holder = { [KEY]?: MuteSource[] };

function sources(): MuteSource[] {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= []);
}

export function registerMuteSource(source: MuteSource): void {
  const list = sources();
  const i = list.findIndex((s) => s.id === source.id);
  if (i >= 0) list[i] = source;
  else list.push(source);
}

/** Why notifications for this rule and agent are held back now, or undefined when they are not. */
export function muteReason(ctx: MuteContext): string | undefined {
  for (const source of sources()) {
    const reason = source.mutedBy(ctx);
    if (reason) return reason;
  }
  return undefined;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** Monday first, as DAYS. */
const dayOf = (d: Date) => DAYS[(d.getDay() + 6) % 7]!;

/**
 * Whether `at` (local time of the dashboard, TZ) falls in the quiet hours. A window crossing midnight
 * (22:00-07:00) belongs to the day it starts on; `from` equal to `to` is the whole day.
 */
export function inQuietHours(q: NonNullable<Rule["quietHours"]>, at: Date): boolean {
  const days = q.days ?? DAYS;
  const from = minutes(q.from);
  const to = minutes(q.to);
  const now = at.getHours() * 60 + at.getMinutes();
  const today = dayOf(at);
  if (from === to) return days.includes(today);
  if (from < to) return now >= from && now < to && days.includes(today);
  const yesterday = dayOf(new Date(at.getFullYear(), at.getMonth(), at.getDate() - 1, 12));
  return (now >= from && days.includes(today)) || (now < to && days.includes(yesterday));
}

export const quietHoursSource: MuteSource = {
  id: "quiet-hours",
  mutedBy: ({ rule, at }) =>
    rule.quietHours && inQuietHours(rule.quietHours, new Date(at))
      ? `quiet hours of the rule (${rule.quietHours.from}–${rule.quietHours.to})`
      : undefined,
};

/** The global snooze, read through `until()` (the alerts service keeps it). */
export function snoozeSource(until: () => number | undefined): MuteSource {
  return {
    id: "snooze",
    mutedBy: ({ at }) => {
      const u = until();
      return u !== undefined && at < u ? `snoozed until ${dashboardTime(u, at)}` : undefined;
    },
  };
}

/** "Until tomorrow": 08:00 of the next day, in the dashboard's time zone. */
export function tomorrowMorning(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 8, 0, 0, 0).getTime();
}
