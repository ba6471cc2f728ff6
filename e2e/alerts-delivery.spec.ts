import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startDashboard } from "../tests/support/processes";
import { startHttpReceiver } from "../tests/support/receivers";
import { expect, test } from "./fixtures";
import { AlertsApi } from "./support/alerts";

/**
 * Delivery that loses nothing: a receiver that fails twice gets the third attempt, and a dashboard
 * restarted while a notification is being retried delivers it after the restart, once.
 */
const env = (simUrl: string, dataDir: string) => ({
  AGENT_URL: simUrl,
  AGENT_NAME: "Office PC",
  POLL_INTERVAL_MS: "250",
  BACKGROUND_POLL_MS: "250",
  DATA_DIR: dataDir,
});

test.use({ simArgs: ["--runs", "4", "--active-percent", "0"] });

test("a receiver that fails twice (503, then 429 with Retry-After) gets the third attempt", async ({
  sim,
  control,
}) => {
  const receiver = await startHttpReceiver();
  const dashboard = await startDashboard(env(sim.url, mkdtempSync(path.join(os.tmpdir(), "agent-deck-alerts-"))));
  try {
    const api = new AlertsApi(dashboard.url);
    const hook = await api.channel({ type: "webhook", name: "Hook", url: `${receiver.url}/hook` });
    // The answers are queued before the rule exists: the simulated agent starts with a restart
    // required, so the incident may open (and its first attempt arrive) as soon as the rule is made.
    receiver.answerNext({ status: 503 }, { status: 429, retryAfter: "2" });
    await api.rule({ name: "Restart needed", trigger: "restart_required", agents: "*", channels: [hook.id] });
    await control.setState({ restartRequired: true });
    const hits = await receiver.waitFor(3, 30_000, "/hook");
    expect(hits.map((h) => h.status)).toEqual([503, 429, 200]);
    expect(new Set(hits.map((h) => h.headers["x-agentdeck-delivery"])).size).toBe(1);
    expect(hits[2]!.t - hits[1]!.t, "Retry-After: 2 is honoured").toBeGreaterThanOrEqual(1900);
    expect(hits[2]!.json).toMatchObject({ trigger: "RESTART_REQUIRED", state: "open" });
    const log = await api.deliveries();
    expect(log.map((d) => [d.attempt, d.outcome, d.status])).toEqual([
      [3, "delivered", 200],
      [2, "retrying", 429],
      [1, "retrying", 503],
    ]);
    // A 4xx other than 408/429 is final: one attempt, logged as failed, and an event says so.
    const gone = await api.channel({ type: "webhook", name: "Gone", url: `${receiver.url}/gone` });
    receiver.answerNext({ status: 410 });
    await api.rule({ name: "Paused", trigger: "paused_too_long", agents: "*", forSeconds: 1, channels: [gone.id] });
    await control.setState({ paused: true });
    await receiver.waitFor(1, 15_000, "/gone");
    await expect
      .poll(async () => (await api.deliveries()).find((d) => d.channelId === gone.id)?.outcome)
      .toBe("failed");
    await new Promise((r) => setTimeout(r, 3000));
    expect(receiver.received.filter((r) => r.path === "/gone")).toHaveLength(1);
    const events = (await (await fetch(`${dashboard.url}/api/events?kind=alert_delivery_failed`)).json()) as {
      events: { message: string }[];
    };
    expect(events.events[0]?.message).toContain("HTTP 410");
  } finally {
    await dashboard.stop();
    await receiver.close();
  }
});

test("a restart of the dashboard mid-retry still delivers, once, with the same delivery id", async ({
  sim,
  control,
}) => {
  const receiver = await startHttpReceiver();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-alerts-"));
  let dashboard = await startDashboard(env(sim.url, dataDir));
  try {
    const api = new AlertsApi(dashboard.url);
    const hook = await api.channel({ type: "webhook", name: "Hook", url: `${receiver.url}/hook` });
    receiver.answerAlways(503);
    await api.rule({ name: "MC", trigger: "server_disconnected", agents: "*", resolveSeconds: 1, channels: [hook.id] });
    await control.setState({ serverState: "NOT_CONNECTED" });
    const [first] = await receiver.waitFor(1, 15_000, "/hook");
    await dashboard.stop();
    receiver.answerAlways(200);
    dashboard = await startDashboard(env(sim.url, dataDir));
    const hits = await receiver.waitFor(2, 30_000, "/hook");
    expect(hits[1]!.status).toBe(200);
    expect(hits[1]!.headers["x-agentdeck-delivery"]).toBe(first!.headers["x-agentdeck-delivery"]);
    expect(hits[1]!.json).toMatchObject({ trigger: "MC_DISCONNECTED", state: "open" });
    // The incident was still open when the dashboard came back: no second "open" for it.
    await new Promise((r) => setTimeout(r, 2000));
    expect(receiver.received.filter((r) => r.path === "/hook")).toHaveLength(2);
    const log = await new AlertsApi(dashboard.url).deliveries();
    expect(log[0]).toMatchObject({ outcome: "delivered", attempt: 2 });
    // And when it resolves, that is sent too.
    await control.setState({ serverState: "CONNECTED" });
    const resolved = await receiver.waitFor(3, 15_000, "/hook");
    expect(resolved[2]!.json).toMatchObject({ trigger: "MC_CONNECTED", state: "resolved" });
  } finally {
    await dashboard.stop();
    await receiver.close();
  }
});
