import { safeParse } from "@/lib/agent-api/zod";
import {
  SCHEDULE_INPUT_SCHEMAS,
  type Schedule,
  type ScheduleInput,
  type ScheduleKind,
  type SchedulePatch,
  type Weekday,
} from "@/lib/bff/contract-schedules";
import type { ApiError } from "./api";

/*
 * The schedule editor's state, as the inputs hold it (strings and booleans), and the way to and from
 * the API's bodies. Checked with the contract's own schema, so the browser's messages are the BFF's.
 * Maintenance times are edited as the reader's local date and time (datetime-local inputs) and sent
 * as ISO instants; weekly times are clock times in the schedule's zone, sent as they are.
 */
export type ScheduleDraft = {
  kind: ScheduleKind;
  name: string;
  enabled: boolean;
  pause: boolean;
  muteAlerts: boolean;
  days: Weekday[];
  from: string;
  to: string;
  /** "" = the dashboard's zone. */
  timeZone: string;
  /** datetime-local values, "2026-03-30T09:00", in the reader's zone. */
  start: string;
  end: string;
  cron: string;
  tagName: string;
  tagValue: string;
};

export type DraftField = Exclude<keyof ScheduleDraft, "kind" | "enabled"> | "form";
export type DraftErrors = Partial<Record<DraftField, string>>;

const pad = (n: number) => String(n).padStart(2, "0");
/** An instant as a datetime-local value in the reader's zone. */
export function localInput(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function emptyDraft(kind: ScheduleKind, now: number): ScheduleDraft {
  const nextHour = Math.ceil(now / 3_600_000) * 3_600_000;
  return {
    kind,
    name: "",
    enabled: true,
    pause: true,
    // Maintenance mutes alerts unless told not to; a weekly window only when asked.
    muteAlerts: kind === "maintenance",
    days: ["mon", "tue", "wed", "thu", "fri"],
    from: "09:00",
    to: "17:00",
    timeZone: "",
    start: localInput(nextHour),
    end: localInput(nextHour + 2 * 3_600_000),
    cron: "0 18 * * 1-5",
    tagName: "",
    tagValue: "",
  };
}

export function draftOf(s: Schedule, now: number): ScheduleDraft {
  const base = { ...emptyDraft(s.kind, now), name: s.name ?? "", enabled: s.enabled };
  switch (s.kind) {
    case "weekly":
      return {
        ...base,
        days: s.days,
        from: s.from,
        to: s.to,
        timeZone: s.timeZone ?? "",
        pause: s.pause,
        muteAlerts: s.muteAlerts,
      };
    case "maintenance":
      return {
        ...base,
        start: localInput(Date.parse(s.start)),
        end: localInput(Date.parse(s.end)),
        pause: s.pause,
        muteAlerts: s.muteAlerts,
      };
    case "tag":
      return { ...base, cron: s.cron, tagName: s.tag.name, tagValue: s.tag.value, timeZone: s.timeZone ?? "" };
  }
}

/** A datetime-local value as an ISO instant; what cannot be read is sent as it is, for its field's message. */
function instant(local: string): string {
  const t = new Date(local).getTime();
  return Number.isFinite(t) ? new Date(t).toISOString() : local;
}

export function bodyOf(d: ScheduleDraft): Record<string, unknown> {
  const common = { ...(d.name.trim() ? { name: d.name } : {}), ...(d.enabled ? {} : { enabled: false }) };
  const zone = d.timeZone.trim() ? { timeZone: d.timeZone.trim() } : {};
  switch (d.kind) {
    case "weekly":
      return {
        kind: "weekly",
        ...common,
        days: d.days,
        from: d.from,
        to: d.to,
        ...zone,
        pause: d.pause,
        muteAlerts: d.muteAlerts,
      };
    case "maintenance":
      return {
        kind: "maintenance",
        ...common,
        start: instant(d.start),
        end: instant(d.end),
        pause: d.pause,
        muteAlerts: d.muteAlerts,
      };
    case "tag":
      return { kind: "tag", ...common, cron: d.cron, tag: { name: d.tagName, value: d.tagValue }, ...zone };
  }
}

/** Where an API field's message goes in the form ("tag.name" → the tag name input, "days.0" → the days). */
function fieldOf(path: string): DraftField {
  const [head, sub] = path.split(".");
  if (head === "tag") return sub === "value" ? "tagValue" : "tagName";
  const known: DraftField[] = ["name", "pause", "muteAlerts", "days", "from", "to", "timeZone", "start", "end", "cron"];
  return (known as string[]).includes(head ?? "") ? (head as DraftField) : "form";
}

function addError(errors: DraftErrors, path: string, message: string): void {
  const field = fieldOf(path);
  errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
}

export function validateDraft(
  d: ScheduleDraft,
): { ok: true; body: ScheduleInput } | { ok: false; errors: DraftErrors } {
  const parsed = safeParse(SCHEDULE_INPUT_SCHEMAS[d.kind], bodyOf(d));
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) addError(errors, issue.path.map(String).join("."), issue.message);
  return { ok: false, errors };
}

/** A 400's fields on the form's inputs; anything else (and any other failure) as the form's message. */
export function serverErrors(error: ApiError | null): DraftErrors {
  if (!error) return {};
  const errors: DraftErrors = {};
  for (const [path, messages] of Object.entries(error.fields ?? {})) addError(errors, path, messages.join(" "));
  if (Object.keys(errors).length === 0) errors.form = error.message;
  return errors;
}

/** The fields of `next` that differ from `original`: what a PATCH sends (a name or zone cleared is null). */
export function patchOf(original: ScheduleInput, next: ScheduleInput): SchedulePatch {
  const before = original as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === "kind" || JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    // Absent after means cleared: a name or zone removed (null), a schedule enabled again (true).
    patch[key] = after[key] ?? (key === "enabled" ? true : null);
  }
  return patch as SchedulePatch;
}

/** The schedule as the API would take it again: the input a PATCH compares with. */
export function inputOf(s: Schedule, now: number): ScheduleInput {
  const v = validateDraft(draftOf(s, now));
  if (v.ok) return v.body;
  return bodyOf(draftOf(s, now)) as ScheduleInput;
}
