import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postChannel } from "@/app/api/alerts/channels/route";
import { GET as getDeliveries } from "@/app/api/alerts/deliveries/route";
import { POST as postRule } from "@/app/api/alerts/rules/route";
import { DELETE as unsnooze, PUT as snooze } from "@/app/api/alerts/snooze/route";
import type { Channel, Delivery, Rule } from "@/lib/bff/contract-alerts";
import { installAlerts, stopAlerts } from "@/lib/server/alerts";
import { getConfig } from "@/lib/server/config";
import { scheduleEvent } from "@/lib/server/schedules/runtime";
import { closeStore, openStore } from "@/lib/server/store";
import { installEventLog, type EventLog } from "@/lib/server/store/events";
import { startHttpReceiver, type HttpReceiver } from "../support/receivers";
import { ORIGIN, params, request, setEnv } from "../server/helpers";

const none = params({});
const send = (method: string, url: string, body: unknown) =>
  request(url, {
    method,
    headers: { "content-type": "application/json", origin: ORIGIN, "sec-fetch-site": "same-origin" },
    body: JSON.stringify(body),
  });

/**
 * The schedule_failed trigger: events the scheduler records outside any poll reach a rule's channel
 * at once, through the event log's readers, with the event's words and severity (a real store and a
 * real HTTP receiver on loopback; the events are recorded as the scheduler records them).
 */
const deliveries = async () =>
  ((await (await getDeliveries(request("/api/alerts/deliveries"), none)).json()) as { deliveries: Delivery[] })
    .deliveries;

describe("alerts on events recorded outside a poll (schedule_failed)", () => {
  let receiver: HttpReceiver;
  let restore: () => void;
  let log: EventLog;
  let rule: Rule;

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-recorded-"));
    restore = setEnv({
      AGENTS_FILE: undefined,
      AGENT_URL: "http://127.0.0.1:9",
      AGENT_NAME: "Office PC",
      PORT: "3841",
      DATA_DIR: dataDir,
      PUBLIC_URL: "https://deck.example.com",
      DASHBOARD_PASSWORD: undefined,
      ALERTS_FILE: undefined,
    });
    const config = getConfig();
    const store = openStore(dataDir);
    log = installEventLog(store, config);
    installAlerts(store, log, config);
    const channel = (await (
      await postChannel(
        send("POST", "/api/alerts/channels", { type: "webhook", name: "Ops", url: `${receiver.url}/s` }),
        none,
      )
    ).json()) as Channel;
    const created = await postRule(
      send("POST", "/api/alerts/rules", {
        name: "Schedules",
        trigger: "schedule_failed",
        agents: ["local"],
        channels: [channel.id],
      }),
      none,
    );
    expect(created.status).toBe(201);
    rule = (await created.json()) as Rule;
  });
  afterAll(async () => {
    stopAlerts();
    closeStore();
    restore();
    await receiver.close();
  });

  it("a warning, then an error: one notification each, with the event's words and severity, linking to the schedules", async () => {
    const retrying = "Could not pause the agent for Patch night: connect ECONNREFUSED. Retrying until 17:00 CET";
    log.record("local", scheduleEvent("schedule_failed", retrying, "warning"));
    const [first] = await receiver.waitFor(1, 10_000, "/s");
    expect(first!.json).toMatchObject({
      trigger: "SCHEDULE_FAILED",
      state: "open",
      severity: "warning",
      title: "Schedule failed on Office PC",
      message: `Office PC: ${retrying}`,
      agent: { id: "local", name: "Office PC" },
      event: { kind: "schedule_failed", severity: "warning" },
      rule: { id: rule.id, name: "Schedules" },
      url: "https://deck.example.com/agents/local/schedules",
    });
    expect(first!.json).not.toHaveProperty("incident");
    log.record(
      "local",
      scheduleEvent("schedule_failed", "Patch night ended at 17:00 CET without the agent being paused", "error"),
    );
    const [, second] = await receiver.waitFor(2, 10_000, "/s");
    expect(second!.json).toMatchObject({ trigger: "SCHEDULE_FAILED", severity: "error" });
    // The receiver has the request before the dashboard has its answer and logs it.
    await expect.poll(async () => (await deliveries()).map((d) => d.outcome)).toEqual(["delivered", "delivered"]);
  });

  it("only the rule's agents and its own kind; the snooze holds it back, the delivery log saying why", async () => {
    log.record("lab", scheduleEvent("schedule_failed", "Could not set tag MODE", "warning"));
    log.record("local", scheduleEvent("schedule_applied", "Patch night started: paused the agent"));
    expect((await snooze(send("PUT", "/api/alerts/snooze", { for: "1h" }), none)).status).toBe(200);
    log.record("local", scheduleEvent("schedule_failed", 'Could not set tag MODE = "night"', "warning"));
    // The two sent before, and the muted one (newest first).
    await expect
      .poll(async () => (await deliveries()).map((d) => d.outcome))
      .toEqual(["muted", "delivered", "delivered"]);
    expect((await deliveries())[0]).toMatchObject({
      trigger: "SCHEDULE_FAILED",
      state: "open",
      attempt: 0,
      error: expect.stringMatching(/^Not sent: snoozed until /),
    });
    await unsnooze(send("DELETE", "/api/alerts/snooze", {}), none);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received.filter((r) => r.path === "/s")).toHaveLength(2);
  });
});
