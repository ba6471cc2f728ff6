import { WEEKDAYS, type ScheduleInput, type ScheduleState, type Weekday } from "@/lib/bff/contract-schedules";

/*
 * Schedules in words, the same on the server (event messages) and in the browser (status card,
 * editor): "Mon–Fri 09:00–17:00", "until 17:00", "Mon 09:00". Times are read in the schedule's own
 * zone, so "until 17:00" matches the rule "09:00–17:00" that the person wrote.
 */

export const DAY_NAME: Record<Weekday, string> = {
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

export type StateLine = { tone: "amber" | "red" | "violet" | "neutral"; text: string; detail: string };

/**
 * The status card's words for where the agent stands with its schedules: the window it is in now
 * (what the schedule did about it) and the next pause. Times are in the window's zone, with the
 * zone's name when the reader's own zone (`viewerZone`) is another.
 */
export function describeScheduleState(
  state: ScheduleState,
  now: number,
  viewerZone: string,
): { current?: StateLine; next?: StateLine } {
  const at = (t: number, zone: string) => formatScheduleTime(t, zone, now, zone !== viewerZone);
  const out: { current?: StateLine; next?: StateLine } = {};
  const w = state.window;
  if (w) {
    const until = at(w.until, w.timeZone);
    const muted = w.muteAlerts ? " · alerts muted" : "";
    const tries = w.attempts === 1 ? "1 attempt" : `${w.attempts ?? 0} attempts`;
    const lines: Record<NonNullable<ScheduleState["window"]>["mode"], StateLine> = {
      paused: { tone: "amber", text: `Paused by schedule until ${until}`, detail: `${w.name}${muted}` },
      applying: {
        tone: "red",
        text: `Pausing by schedule until ${until}: not applied yet`,
        detail: `${w.attempts ? `${tries} failed (${w.error ?? "no answer"}); retrying` : `${w.name}: applying…`}${muted}`,
      },
      overridden: {
        tone: "violet",
        text: `Schedule overridden until ${until}`,
        detail: `Changed by hand inside ${w.name} by ${w.by ?? "someone"}${muted}`,
      },
      left: {
        tone: "neutral",
        text: `Inside ${w.name} until ${until}`,
        detail: `The agent was already paused by hand: left as it is${muted}`,
      },
      mute: { tone: "violet", text: `Alerts muted until ${until}`, detail: w.name },
    };
    out.current = lines[w.mode];
  }
  const n = state.nextPause;
  if (n)
    out.next = {
      tone: "neutral",
      text: `Next pause ${at(n.at, n.timeZone)}`,
      // Its end as seen from its start: "until 17:00" the same day, "until Sat 06:00" past midnight.
      detail: `until ${formatScheduleTime(n.until, n.timeZone, n.at, n.timeZone !== viewerZone)} · ${n.name}`,
    };
  return out;
}
