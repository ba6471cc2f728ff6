import * as z from "@/lib/agent-api/zod";
import { TagInputSchema } from "./contract";

/*
 * Schedules of one agent (issue 11, items 6-8): weekly pause windows, one-off maintenance windows
 * and tag schedules. Request bodies are checked here, in the browser's form as in the BFF, so both
 * give the same messages; what needs the server (a cron expression's meaning, "end is in the past")
 * is checked by lib/server/schedules/validate.ts and answered as the same 400 with fields.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const SCHEDULE_KINDS = ["weekly", "maintenance", "tag"] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];
/** A maintenance window longer than this is a mistake more often than a plan. */
export const MAX_MAINTENANCE_DAYS = 31;
/** Per agent: each is looked at whenever the scheduler wakes, so the list stays bounded. */
export const MAX_SCHEDULES_PER_AGENT = 100;

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** True for a name Intl knows as a time zone ("Europe/Berlin", "UTC"), in the browser as on the server. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const scheduleName = z.string().check(
  z.trim(),
  z.minLength(1, "name must not be empty (leave it out for none)"),
  z.maxLength(80, "name must be at most 80 characters"),
  z.refine((s: string) => !CONTROL_CHARS.test(s), "name must not contain control characters"),
);
const clock = (field: string, allow24: boolean) =>
  z
    .string()
    .check(
      z.regex(
        allow24 ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/,
        `${field} must be a time of day as HH:MM, 00:00 to ${allow24 ? "24:00" : "23:59"}`,
      ),
    );
export const TimeZoneSchema = z
  .string()
  .check(z.refine(isTimeZone, "timeZone must be an IANA time zone, such as Europe/Berlin or UTC"));
const days = z.array(z.enum(WEEKDAYS, "each day must be one of mon, tue, wed, thu, fri, sat, sun")).check(
  z.minLength(1, "choose at least one day"),
  z.refine((d: string[]) => new Set(d).size === d.length, "days must not name a day twice"),
);
/** An instant as ISO 8601 with Z or an offset (a time without a zone would mean a different moment per reader). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const instant = (field: string) =>
  z
    .string()
    .check(
      z.refine(
        (s: string) => ISO_INSTANT.test(s) && Number.isFinite(Date.parse(s)),
        `${field} must be an ISO 8601 date and time with Z or an offset, e.g. 2026-03-30T09:00:00+02:00`,
      ),
    );
const cron = z.string().check(
  z.trim(),
  z.maxLength(100, "cron must be at most 100 characters"),
  z.refine(
    (s: string) => s.split(/\s+/).length === 5 || /^@(hourly|daily|midnight|weekly|monthly|yearly|annually)$/.test(s),
    "cron must have five fields: minute hour day-of-month month day-of-week (e.g. 0 18 * * 1-5)",
  ),
);

const common = { name: z.optional(scheduleName), enabled: z.optional(z.boolean()) };
/** pause: the agent is paused inside the window; muteAlerts: alerts about it are held back. */
const windowFlags = { pause: z.optional(z.boolean()), muteAlerts: z.optional(z.boolean()) };
const doesSomething = (w: { pause?: boolean; muteAlerts?: boolean }) => w.pause !== false || w.muteAlerts === true;
const DOES_NOTHING = { error: "a window must pause the agent, mute alerts, or both", path: ["pause"] };

export const WeeklyInputSchema = z
  .strictObject({
    kind: z.literal("weekly"),
    ...common,
    ...windowFlags,
    days,
    from: clock("from", false),
    to: clock("to", true),
    timeZone: z.optional(TimeZoneSchema),
  })
  .check(
    z.refine((w) => w.from !== w.to, {
      error: "to must differ from from (a window that ends before it starts runs past midnight)",
      path: ["to"],
    }),
    z.refine(doesSomething, DOES_NOTHING),
  );

const bothDates = (w: { start: string; end: string }) =>
  Number.isFinite(Date.parse(w.start)) && Number.isFinite(Date.parse(w.end));

export const MaintenanceInputSchema = z
  .strictObject({
    kind: z.literal("maintenance"),
    ...common,
    ...windowFlags,
    start: instant("start"),
    end: instant("end"),
  })
  .check(
    // Only once both are dates: a field that is not one has its own message already.
    z.refine((w) => !bothDates(w) || Date.parse(w.end) > Date.parse(w.start), {
      error: "end must be after start",
      path: ["end"],
    }),
    z.refine((w) => !bothDates(w) || Date.parse(w.end) - Date.parse(w.start) <= MAX_MAINTENANCE_DAYS * 86_400_000, {
      error: `a maintenance window may last at most ${MAX_MAINTENANCE_DAYS} days`,
      path: ["end"],
    }),
    z.refine(doesSomething, DOES_NOTHING),
  );

export const TagScheduleInputSchema = z.strictObject({
  kind: z.literal("tag"),
  ...common,
  cron,
  tag: TagInputSchema,
  timeZone: z.optional(TimeZoneSchema),
});

/** Each kind's body: the browser checks a form with the schema of the kind it is editing. */
export const SCHEDULE_INPUT_SCHEMAS = {
  weekly: WeeklyInputSchema,
  maintenance: MaintenanceInputSchema,
  tag: TagScheduleInputSchema,
} as const;

/** POST /api/agents/{agentId}/schedules: one of the three (lib/bff/schedule-input.ts is the union the BFF reads). */
export type ScheduleInput =
  z.infer<typeof WeeklyInputSchema> | z.infer<typeof MaintenanceInputSchema> | z.infer<typeof TagScheduleInputSchema>;
export type WeeklyInput = z.infer<typeof WeeklyInputSchema>;
export type MaintenanceInput = z.infer<typeof MaintenanceInputSchema>;
export type TagScheduleInput = z.infer<typeof TagScheduleInputSchema>;

/**
 * PATCH /api/agents/{agentId}/schedules/{scheduleId}: the fields to change. The result (the schedule
 * with these fields replaced) is checked as a whole against its kind; the kind itself never changes.
 * `name: null` / `timeZone: null` remove them.
 */
export const SchedulePatchSchema = z
  .strictObject({
    kind: z.optional(z.enum(SCHEDULE_KINDS)),
    name: z.optional(z.nullable(scheduleName)),
    enabled: z.optional(z.boolean()),
    ...windowFlags,
    days: z.optional(days),
    from: z.optional(clock("from", false)),
    to: z.optional(clock("to", true)),
    timeZone: z.optional(z.nullable(TimeZoneSchema)),
    start: z.optional(instant("start")),
    end: z.optional(instant("end")),
    cron: z.optional(cron),
    tag: z.optional(TagInputSchema),
  })
  .check(z.refine((p) => Object.keys(p).length > 0, "send at least one field to change"));
export type SchedulePatch = z.infer<typeof SchedulePatchSchema>;

/** Route parameter: schedule ids are the store's row ids. */
export const ScheduleIdSchema = z.string().check(z.regex(/^\d{1,15}$/, "scheduleId must be digits"));

/** An occurrence of a window: epoch ms, `end` exclusive. */
export const SpanSchema = z.object({ start: z.number(), end: z.number() });
const stored = {
  id: z.number(),
  name: z.optional(z.string()),
  enabled: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
};
const windowOut = {
  pause: z.boolean(),
  muteAlerts: z.boolean(),
  active: z.optional(SpanSchema),
  next: z.optional(SpanSchema),
};
/** The zone a weekly window or a cron is read in: its own `timeZone`, else the dashboard's. */
const zoneOut = { timeZone: z.optional(z.string()), zone: z.string() };

/**
 * A plain union: answers are well-formed, and a discriminated union here would put its zod class in
 * the code every page shares (top-level schemas are kept wherever their module is loaded).
 */
export const ScheduleSchema = z.union([
  z.object({
    kind: z.literal("weekly"),
    ...stored,
    ...windowOut,
    ...zoneOut,
    days: z.array(z.enum(WEEKDAYS)),
    from: z.string(),
    to: z.string(),
  }),
  z.object({ kind: z.literal("maintenance"), ...stored, ...windowOut, start: z.string(), end: z.string() }),
  z.object({
    kind: z.literal("tag"),
    ...stored,
    ...zoneOut,
    cron: z.string(),
    tag: z.object({ name: z.string(), value: z.string() }),
    /** When it next sets the tag, and when it last did (epoch ms). */
    nextAt: z.optional(z.number()),
    firedAt: z.optional(z.number()),
  }),
]);
export type Schedule = z.infer<typeof ScheduleSchema>;

/**
 * Where the agent stands with its schedules now, as the status card says it:
 * - `window`: the window the agent is inside (overlapping ones merged: `until` is when the last ends),
 *   and what the scheduler did about it: `paused` (it paused the agent with a resume timer until
 *   `until`), `applying` (it could not yet: `attempts`, `error`; it keeps trying until `until`),
 *   `overridden` (someone resumed or paused the agent by hand inside it: `by`; nothing more happens
 *   until `until`), `left` (the agent was already paused by hand with no timer the dashboard knows:
 *   left as it was), `mute` (a window that only mutes alerts).
 * - `nextPause`: the next window that pauses the agent, after the current one.
 * Times are epoch ms; `timeZone` is the zone the window's times are read in (its schedule's).
 */
export const ScheduleStateSchema = z.object({
  window: z.optional(
    z.object({
      mode: z.enum(["paused", "applying", "overridden", "left", "mute"]),
      ids: z.array(z.number()),
      name: z.string(),
      start: z.number(),
      until: z.number(),
      timeZone: z.string(),
      muteAlerts: z.boolean(),
      by: z.optional(z.string()),
      attempts: z.optional(z.number()),
      error: z.optional(z.string()),
    }),
  ),
  nextPause: z.optional(
    z.object({ id: z.number(), name: z.string(), at: z.number(), until: z.number(), timeZone: z.string() }),
  ),
});
export type ScheduleState = z.infer<typeof ScheduleStateSchema>;

/** GET /api/agents/{agentId}/schedules: `timeZone` is the dashboard's (TZ, or the machine's). */
export const SchedulesResponseSchema = z.object({
  timeZone: z.string(),
  schedules: z.array(ScheduleSchema),
  state: ScheduleStateSchema,
});
export type SchedulesResponse = z.infer<typeof SchedulesResponseSchema>;
/** POST (201) and PATCH answers: the schedule as stored, and the agent's state after the change was applied. */
export const ScheduleResponseSchema = z.object({ schedule: ScheduleSchema, state: ScheduleStateSchema });
export const ScheduleDeletedSchema = z.object({ ok: z.literal(true), state: ScheduleStateSchema });
