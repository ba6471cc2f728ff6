import "server-only";
import { formatScheduleTime } from "@/lib/domain/schedule-text";

/** The dashboard's own zone: TZ when set, else the machine's (Node reads both the same way). */
export function dashboardTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** A moment in the dashboard's zone with the zone's name, as a sentence says it: "17:00 CET", "Tue 08:00 CET". */
export function dashboardTime(t: number, now = Date.now()): string {
  return formatScheduleTime(t, dashboardTimeZone(), now, true);
}
