import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { EventsResponse, StoredEvent } from "../lib/bff/contract-store";
import { csvText } from "../tests/support/csv";
import { startDashboard } from "../tests/support/processes";
import { expect, test } from "./fixtures";
import { allEvents, eventsOf, firstPolled } from "./support/events";

/**
 * The event log against the built dashboard and the simulated agent, with no browser: the collector
 * records what happens whether or not anyone looks, the log outlives a restart (also a kill -9 in
 * the middle of heavy writing), bad queries are refused, and the CSV exports are safe to open.
 */
const FAST = { POLL_INTERVAL_MS: "250", BACKGROUND_POLL_MS: "250" };
/** Run 0 of the simulator's world carries the vendor sample's run id. */
const RUN = 543;

const tempDataDir = () => mkdtempSync(path.join(os.tmpdir(), "agent-deck-events-e2e-"));

test.describe("event log", () => {
  test.use({ dashboardEnv: FAST });

  test("records what the agent does with no browser open, and refuses bad queries", async ({ dashboard, control }) => {
    await firstPolled(dashboard);
    await control.setRun({ runId: RUN, status: "error", errors: ["disk full"] });
    await expect
      .poll(async () => (await eventsOf(dashboard, `?runId=${RUN}`)).events.map((e) => e.kind).sort(), {
        timeout: 10_000,
      })
      .toEqual(expect.arrayContaining(["run_error", "run_status"]));
    await control.setState({ paused: true });
    await expect
      .poll(async () => (await eventsOf(dashboard, "?kind=paused")).events[0]?.actor, { timeout: 10_000 })
      .toBe("outside the dashboard");
    const fleet = (await (
      await fetch(`${dashboard.url}/api/events?kind=paused,dashboard_started`)
    ).json()) as EventsResponse;
    expect(fleet.events.map((e) => e.kind)).toEqual(["paused", "dashboard_started"]);

    for (const query of ["?limit=0", "?kind=bogus", "?severity=fatal", "?before=abc", "?color=red"]) {
      const res = await fetch(`${dashboard.url}/api/agents/local/events${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; fields: Record<string, string[]> } };
      expect(body.error.code).toBe("invalid_input");
      expect(Object.keys(body.error.fields).length).toBeGreaterThan(0);
    }
  });

  test("a restart asked for here: requested and completed in the dashboard's name, the outage between is no alarm", async ({
    dashboard,
  }) => {
    await firstPolled(dashboard);
    const res = await fetch(`${dashboard.url}/api/agents/local/client`, {
      method: "PATCH",
      headers: { "content-type": "application/json", origin: dashboard.url },
      body: JSON.stringify({ restart: true }),
    });
    expect(res.status).toBe(200);
    const kinds = "?kind=restart_requested,restart_completed,agent_unreachable,agent_reachable";
    await expect
      .poll(async () => (await eventsOf(dashboard, kinds)).events.map((e) => e.kind), { timeout: 15_000 })
      .toContain("restart_completed");
    const events = (await eventsOf(dashboard, kinds)).events;
    expect(events.map((e) => e.kind)).toEqual(["restart_completed", "agent_unreachable", "restart_requested"]);
    expect(events[1]?.severity).toBe("info");
    for (const e of [events[0], events[2]]) expect(e?.actor).toBe("dashboard (admin, 127.0.0.1)");
  });

  test("a pause with a resume timer: paused in the dashboard's name, resumed by the timer", async ({ dashboard }) => {
    await firstPolled(dashboard);
    const res = await fetch(`${dashboard.url}/api/agents/local/client`, {
      method: "PATCH",
      headers: { "content-type": "application/json", origin: dashboard.url },
      body: JSON.stringify({ paused: true, resumeTimer: 2 }),
    });
    expect(res.status).toBe(200);
    await expect
      .poll(async () => (await eventsOf(dashboard, "?kind=resumed")).events[0]?.actor, { timeout: 15_000 })
      .toBe("resume timer");
    const paused = (await eventsOf(dashboard, "?kind=paused")).events[0];
    expect(paused?.actor).toBe("dashboard (admin, 127.0.0.1)");
    expect(paused?.message).toMatch(/^The agent was paused, until the resume timer at \d{4}-\d\d-\d\dT/);
  });

  test("CSV exports: RFC 4180, UTF-8 as the agent sent it, no formula survives", async ({ dashboard, control }) => {
    await firstPolled(dashboard);
    await control.setRun({ runId: RUN, status: "error", errors: ["=1+2", { code: "E1", message: 'say "hi", Grüße' }] });
    await expect
      .poll(async () => (await eventsOf(dashboard, "?kind=run_error")).events.length, { timeout: 10_000 })
      .toBe(1);

    const events = await fetch(`${dashboard.url}/api/agents/local/events.csv?kind=run_error`);
    expect(events.status).toBe(200);
    expect(events.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(events.headers.get("content-disposition")).toMatch(/^attachment; filename="local-events-\d{8}-\d{6}\.csv"$/);
    const text = await csvText(events);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("id,time,last_time,count,agent,kind,severity,run_id,run_name,message,from,to,actor");
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(3);
    // The `to` cell is the error text: it starts with "=", so it is a quoted, apostrophed, doubled-quote cell.
    expect(lines[1]).toContain(`,"'=1+2; E1: say ""hi"", Grüße",`);
    expect(lines[1]).toMatch(/^\d+,\d{4}-\d\d-\d\dT[\d:.]+Z,/);

    const runs = await fetch(`${dashboard.url}/api/agents/local/runs.csv`);
    expect(runs.headers.get("content-disposition")).toMatch(/^attachment; filename="local-runs-\d{8}-\d{6}\.csv"$/);
    const rows = (await csvText(runs)).split("\r\n");
    expect(rows[0]).toBe(
      "run_id,name,type,status,progress_percent,size_completed,size_total,files_completed,files_total,down_speed,up_speed,eta,peers_count,transferred_down,transferred_up,path,errors",
    );
    expect(rows.filter(Boolean)).toHaveLength(26);
    const row = rows.find((r) => r.startsWith(`${RUN},`));
    expect(row).toMatch(/,error,/);
    expect(row?.endsWith(`,"'=1+2; E1: say ""hi"", Grüße"`)).toBe(true);
  });
});

test.describe("event log across restarts", () => {
  test("events from before a restart are served after it", async ({ sim, control }) => {
    const dataDir = tempDataDir();
    const env = { AGENT_URL: sim.url, AGENT_NAME: "Office PC", DATA_DIR: dataDir, ...FAST };
    const first = await startDashboard(env);
    let before: StoredEvent[];
    try {
      await firstPolled(first);
      await control.setRun({ runId: RUN, status: "error" });
      await expect
        .poll(async () => (await eventsOf(first, `?runId=${RUN}&kind=run_status`)).events.length, { timeout: 10_000 })
        .toBeGreaterThan(0);
      before = await allEvents(first);
    } finally {
      await first.stop();
    }
    const second = await startDashboard(env);
    try {
      const after = await allEvents(second);
      const ids = new Set(after.map((e) => e.id));
      for (const e of before) expect(ids.has(e.id), `${e.kind} ${e.id}`).toBe(true);
      expect(after.filter((e) => e.kind === "dashboard_started")).toHaveLength(2);
    } finally {
      await second.stop();
    }
  });
});
