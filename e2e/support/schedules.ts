import type { Page } from "@playwright/test";
import type { Schedule, ScheduleState } from "../../lib/bff/contract-schedules";
import { raw, sameOriginJson } from "../security-support";

/** The zone the schedule specs run the dashboard and the browser in (both: no zone names in the texts). */
export const ZONE = "Europe/Berlin";

/** A schedules API call as the dashboard's own page sends it (cookie: a signed-in session's). */
export async function scheduleCall(
  port: number,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  cookie?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  const res = await raw(
    port,
    method === "GET" ? { path, headers } : sameOriginJson(port, method, path, body ?? undefined, headers),
  );
  return { status: res.status, json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {} };
}

/** Adds a maintenance window from `startInMs` to `endInMs` from now; answers the schedule and the state. */
export async function addMaintenance(
  port: number,
  startInMs: number,
  endInMs: number,
  extra: Record<string, unknown> = {},
): Promise<{ schedule: Schedule; state: ScheduleState; start: number; end: number }> {
  const start = Math.floor((Date.now() + startInMs) / 1000) * 1000;
  const end = Math.floor((Date.now() + endInMs) / 1000) * 1000;
  const res = await scheduleCall(port, "POST", "/api/agents/local/schedules", {
    kind: "maintenance",
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    ...extra,
  });
  if (res.status !== 201) throw new Error(`adding a window: ${res.status} ${JSON.stringify(res.json)}`);
  return { ...(res.json as { schedule: Schedule; state: ScheduleState }), start, end };
}

/** The pauses and resumes the simulated agent received, with when. */
export function clientChanges(requests: { t?: number; method: string; path: string; query: Record<string, string> }[]) {
  return requests
    .filter((r) => r.method === "PATCH" && r.path === "/api/v3/client")
    .map((r) => ({ t: r.t ?? 0, paused: r.query.paused, timer: r.query.resume_timer }));
}

/** The status card's schedule row. */
export const scheduleRow = (page: Page) => page.getByTestId("schedule-state");
