import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DELETE, PATCH } from "@/app/api/agents/[agentId]/schedules/[scheduleId]/route";
import { GET, POST } from "@/app/api/agents/[agentId]/schedules/route";
import type { SchedulesResponse } from "@/lib/bff/contract-schedules";
import { getConfig } from "@/lib/server/config";
import { installScheduler } from "@/lib/server/schedules";
import { openStore } from "@/lib/server/store";
import { installEventLog } from "@/lib/server/store/events";
import { ORIGIN, params, request, type SimControl } from "./helpers";
import { useSimulatedAgent } from "./scheduler-support";

type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string[]> } };
const local = params({ agentId: "local" });
const one = (scheduleId: string) => params({ agentId: "local", scheduleId });

function send(method: "POST" | "PATCH" | "DELETE", url: string, body?: unknown) {
  return request(url, {
    method,
    headers: { "content-type": "application/json", origin: ORIGIN, "sec-fetch-site": "same-origin" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The schedules API, handler by handler, with the real scheduler against the simulated agent. */
describe("schedule routes", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-schedule-routes-"));
  const agent = useSimulatedAgent(["--runs", "2"], { DATA_DIR: dataDir });
  let control: SimControl;

  beforeAll(() => {
    control = agent.control;
    const store = openStore(dataDir);
    installScheduler(store, getConfig(), installEventLog(store, getConfig()));
  });
  beforeEach(() => control.clearRequests());

  const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

  it.each([
    [
      { kind: "weekly", days: [], from: "9:00", to: "17:00" },
      { days: ["choose at least one day"], from: ["from must be a time of day as HH:MM, 00:00 to 23:59"] },
    ],
    [
      { kind: "weekly", days: ["mon", "mon", "fri"], from: "09:00", to: "09:00" },
      {
        days: ["days must not name a day twice"],
        to: ["to must differ from from (a window that ends before it starts runs past midnight)"],
      },
    ],
    [
      { kind: "weekly", days: ["monday"], from: "09:00", to: "24:01", timeZone: "Mars/Olympus" },
      {
        "days.0": ["each day must be one of mon, tue, wed, thu, fri, sat, sun"],
        to: ["to must be a time of day as HH:MM, 00:00 to 24:00"],
        timeZone: ["timeZone must be an IANA time zone, such as Europe/Berlin or UTC"],
      },
    ],
    [
      { kind: "weekly", days: ["mon"], from: "09:00", to: "17:00", pause: false },
      { pause: ["a window must pause the agent, mute alerts, or both"] },
    ],
    [
      { kind: "maintenance", start: "tomorrow", end: "2026-03-30T09:00:00" },
      {
        start: ["start must be an ISO 8601 date and time with Z or an offset, e.g. 2026-03-30T09:00:00+02:00"],
        end: ["end must be an ISO 8601 date and time with Z or an offset, e.g. 2026-03-30T09:00:00+02:00"],
      },
    ],
    [
      { kind: "maintenance", start: "2030-01-02T00:00:00Z", end: "2030-01-01T00:00:00Z" },
      { end: ["end must be after start"] },
    ],
    [
      { kind: "maintenance", start: "2030-01-01T00:00:00Z", end: "2030-03-01T00:00:00Z" },
      { end: ["a maintenance window may last at most 31 days"] },
    ],
    [
      { kind: "maintenance", start: "2020-01-01T00:00:00Z", end: "2020-01-01T01:00:00Z" },
      { end: ["end is in the past: the window would never run"] },
    ],
    [
      { kind: "tag", cron: "61 * * * *", tag: { name: "OFFICE", value: "closed" } },
      { cron: ["cron is not valid: Invalid value for minute: 61"] },
    ],
    [
      { kind: "tag", cron: "*/5 * * * * *", tag: { name: " ", value: "x" } },
      {
        cron: ["cron must have five fields: minute hour day-of-month month day-of-week (e.g. 0 18 * * 1-5)"],
        "tag.name": ["Tag name must not be empty"],
      },
    ],
    [{ kind: "pause", at: "now" }, { kind: ["kind must be weekly, maintenance or tag"] }],
    [{ kind: "weekly", days: ["mon"], from: "09:00", to: "17:00", every: "week" }, { body: ["Unknown field: every"] }],
  ])("POST %j is a 400 with the fields at fault, and never reaches the agent", async (body, fields) => {
    const res = await POST(send("POST", "/api/agents/local/schedules", body), local);
    expect(res.status).toBe(400);
    const json = (await res.json()) as ErrorJson;
    expect(json.error.code).toBe("invalid_input");
    expect(json.error.fields).toEqual(fields);
    expect((await control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("adds, lists, changes and deletes; a bad change is a 400 that leaves the schedule as it was", async () => {
    const created = await POST(
      send("POST", "/api/agents/local/schedules", {
        kind: "maintenance",
        name: "Upgrade",
        start: soon(60),
        end: soon(120),
      }),
      local,
    );
    expect(created.status).toBe(201);
    const { schedule } = (await created.json()) as { schedule: { id: number } };
    const id = String(schedule.id);

    for (const [body, fields] of [
      [{ kind: "weekly" }, { kind: ["a schedule's kind cannot change: delete it and add a new one"] }],
      [{ end: soon(30) }, { end: ["end must be after start"] }],
      [{ days: ["mon"] }, { body: ["Unknown field: days"] }],
      [{}, { body: ["send at least one field to change"] }],
    ] as const) {
      const res = await PATCH(send("PATCH", `/api/agents/local/schedules/${id}`, body), one(id));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as ErrorJson).error.fields).toEqual(fields);
    }
    expect((await PATCH(send("PATCH", "/api/agents/local/schedules/x1", { enabled: false }), one("x1"))).status).toBe(
      400,
    );
    expect((await PATCH(send("PATCH", "/api/agents/local/schedules/999", { enabled: false }), one("999"))).status).toBe(
      404,
    );

    const renamed = await PATCH(
      send("PATCH", `/api/agents/local/schedules/${id}`, { name: "MC upgrade", muteAlerts: false }),
      one(id),
    );
    expect(renamed.status).toBe(200);
    const list = (await (await GET(request("/api/agents/local/schedules"), local)).json()) as SchedulesResponse;
    expect(list.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(list.schedules).toEqual([
      expect.objectContaining({
        id: schedule.id,
        kind: "maintenance",
        name: "MC upgrade",
        muteAlerts: false,
        pause: true,
        enabled: true,
      }),
    ]);
    expect(list.state.nextPause).toMatchObject({ id: schedule.id, name: "MC upgrade" });

    const gone = await DELETE(send("DELETE", `/api/agents/local/schedules/${id}`), one(id));
    expect(gone.status).toBe(200);
    expect(await gone.json()).toEqual({ ok: true, state: {} });
    expect((await DELETE(send("DELETE", `/api/agents/local/schedules/${id}`), one(id))).status).toBe(404);
    expect((await control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("a window that has begun pauses the agent before the answer, and the answer says so", async () => {
    const res = await POST(
      send("POST", "/api/agents/local/schedules", { kind: "maintenance", start: soon(-1), end: soon(10) }),
      local,
    );
    expect(res.status).toBe(201);
    const { state } = (await res.json()) as SchedulesResponse;
    expect(state.window).toMatchObject({ mode: "paused", name: "Maintenance window", muteAlerts: true });
    const pauses = (await control.requests()).filter((r) => r.method === "PATCH" && r.query.paused === "true");
    expect(pauses).toHaveLength(1);
    expect(Number(pauses[0]!.query.resume_timer)).toBeGreaterThan(595);
    expect(Number(pauses[0]!.query.resume_timer)).toBeLessThanOrEqual(600);
  });
});
