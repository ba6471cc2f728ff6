import { WEEKDAYS, type ScheduleInput, type Weekday } from "@/lib/bff/contract-schedules";

/*
 * Schedules in words, the same on the server (event messages) and in the browser (status card,
 * editor): "Mon–Fri 09:00–17:00", "until 17:00", "Mon 09:00". Times are read in the schedule's own
 * zone, so "until 17:00" matches the rule "09:00–17:00" that the person wrote.
 */

const DAY_NAME: Record<Weekday, string> = {
  mon: "Mon",
  tue: "Tue",
  wed: "Wed",
  thu: "Thu",
  fri: "Fri",
  sat: "Sat",
  sun: "Sun",
};

/** ["mon","tue","wed","thu","fri"] → "Mon–Fri"; ["mon","wed"] → "Mon, Wed"; all seven → "Every day". */
export function describeDays(days: readonly Weekday[]): string {
  const set = new Set(days);
  if (set.size === 7) return "Every day";
  const order = WEEKDAYS.filter((d) => set.has(d));
  const runs: Weekday[][] = [];
  for (const day of order) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && WEEKDAYS.indexOf(day) === WEEKDAYS.indexOf(prev) + 1) last.push(day);
    else runs.push([day]);
  }
  return runs
    .map((r) =>
      r.length >= 3 ? `${DAY_NAME[r[0]!]}–${DAY_NAME[r[r.length - 1]!]}` : r.map((d) => DAY_NAME[d]).join(", "),
    )
    .join(", ");
}

/** What a schedule does, when it has no name of its own. */
export function describeSchedule(spec: ScheduleInput): string {
  switch (spec.kind) {
    case "weekly":
      return `${describeDays(spec.days)} ${spec.from}–${spec.to}`;
    case "maintenance":
      return "Maintenance window";
    case "tag":
      return `Tag ${spec.tag.name} = ${JSON.stringify(spec.tag.value)}`;
  }
}

/** The schedule's name, or what it does. */
export function scheduleLabel(spec: ScheduleInput): string {
  return spec.name ?? describeSchedule(spec);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, ...options })));
  return f;
}

const dayKey = (t: number, zone: string) =>
  format(zone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(t);

/**
 * A moment as a schedule's card says it, in `zone`: "17:00" on the same day as `now`, "Mon 09:00"
 * within the next six days, "12 Jan 09:00" beyond (or before). `zoneName` adds the zone's short
 * name ("17:00 CET"), for a reader whose own zone differs.
 */
export function formatScheduleTime(t: number, zone: string, now: number, zoneName = false): string {
  const clock = format(zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(t);
  const suffix = zoneName ? ` ${zoneShortName(t, zone)}` : "";
  if (dayKey(t, zone) === dayKey(now, zone)) return clock + suffix;
  const ahead = t - now;
  if (ahead > 0 && ahead < 6.5 * 86_400_000) return `${format(zone, { weekday: "short" }).format(t)} ${clock}${suffix}`;
  return `${format(zone, { day: "numeric", month: "short" }).format(t)} ${clock}${suffix}`;
}

/** "CET", "CEST", or "GMT+2" where the zone has no common abbreviation. */
export function zoneShortName(t: number, zone: string): string {
  const part = format(zone, { timeZoneName: "short" })
    .formatToParts(t)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? zone;
}
