import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getRuns } from "@/app/api/agents/[agentId]/runs/route";
import { GET as getChannels, POST as postChannel } from "@/app/api/alerts/channels/route";
import { DELETE as deleteChannel, PATCH as patchChannel } from "@/app/api/alerts/channels/[id]/route";
import { POST as testChannel } from "@/app/api/alerts/channels/[id]/test/route";
import { GET as getDeliveries } from "@/app/api/alerts/deliveries/route";
import { GET as getIncidents } from "@/app/api/alerts/incidents/route";
import { POST as postRule } from "@/app/api/alerts/rules/route";
import { PATCH as patchRule } from "@/app/api/alerts/rules/[id]/route";
import { DELETE as unsnooze, PUT as snooze } from "@/app/api/alerts/snooze/route";
import { registerMuteSource } from "@/lib/server/alerts";
import { GET as getEvents } from "@/app/api/events/route";
import type { Run } from "@/lib/agent-api/runs";
import type { Channel, Delivery, Incident, Rule } from "@/lib/bff/contract-alerts";
import type { EventsResponse } from "@/lib/bff/contract-store";
import { installAlerts, stopAlerts } from "@/lib/server/alerts";
import { agentRegistry, stopCollectors } from "@/lib/server/agents";
import { getConfig } from "@/lib/server/config";
import { PEER_HEADER } from "@/lib/server/guard";
import { closeStore, openStore } from "@/lib/server/store";
import { installEventLog } from "@/lib/server/store/events";
import { startSimulator, type Simulator } from "../support/processes";
import { signatureValid, startHttpReceiver, type HttpReceiver } from "../support/receivers";
import { ORIGIN, SimControl, params, request, setEnv } from "../server/helpers";

const SECRET = "whsec-0123456789-abcdef";
const BEARER = "Bearer header-secret-42";
const none = params({});
/** A change as the settings page sends it, from a client at 10.0.0.7. */
const send = (method: string, url: string, body: unknown) =>
  request(url, {
    method,
    headers: {
      "content-type": "application/json",
      origin: ORIGIN,
      "sec-fetch-site": "same-origin",
      [PEER_HEADER]: "10.0.0.7",
    },
    body: JSON.stringify(body),
  });

/** The alert routes against a real store, the simulated agent and a real HTTP receiver on loopback. */
describe("alerts end to end (routes, engine, outbox)", () => {
  let sim: Simulator;
  let control: SimControl;
  let receiver: HttpReceiver;
  let restore: () => void;
  let run: Run;

  beforeAll(async () => {
    sim = await startSimulator(["--runs", "6", "--active-percent", "0"]);
    control = new SimControl(sim);
    receiver = await startHttpReceiver();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-alerts-"));
    restore = setEnv({
      AGENT_URL: sim.url,
      AGENT_NAME: "Office PC",
      POLL_INTERVAL_MS: "200",
      BACKGROUND_POLL_MS: "200",
      PORT: "3841",
      DATA_DIR: dataDir,
      PUBLIC_URL: "https://deck.example.com",
      DASHBOARD_PASSWORD: undefined,
      ALERTS_FILE: undefined,
    });
    const config = getConfig();
    const store = openStore(dataDir);
    installAlerts(store, installEventLog(store, config), config);
    agentRegistry(config);
    const runs = (await (
      await getRuns(request("/api/agents/local/runs"), params({ agentId: "local" }))
    ).json()) as Run[];
    run = runs[2]!;
  });
  afterAll(async () => {
    stopAlerts();
    stopCollectors();
    closeStore();
    restore();
    await receiver.close();
    await sim.stop();
  });

  it("keeps secrets write-only and refuses bad input with the field", async () => {
    const bad = await postChannel(
      send("POST", "/api/alerts/channels", { type: "webhook", name: "x", url: "ftp://x" }),
      none,
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { error: { fields: object } }).error.fields)).toContain("url");

    const res = await postChannel(
      send("POST", "/api/alerts/channels", {
        type: "webhook",
        name: "Ops hook",
        url: `${receiver.url}/hook`,
        secret: SECRET,
        headers: { Authorization: BEARER },
      }),
      none,
    );
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(BEARER);
    const channel = JSON.parse(text) as Channel;
    expect(channel).toMatchObject({
      secretSet: true,
      secretFields: ["secret", "headers"],
      headerNames: ["Authorization"],
    });
    const list = await (await getChannels(request("/api/alerts/channels"), none)).text();
    expect(list).not.toContain(SECRET);
    expect(list).not.toContain(BEARER);
    // A PATCH without the secret keeps it; the type cannot change.
    const renamed = await patchChannel(
      send("PATCH", `/api/alerts/channels/${channel.id}`, { name: "Ops" }),
      params({ id: channel.id }),
    );
    expect(((await renamed.json()) as Channel).secretSet).toBe(true);
    const retype = await patchChannel(
      send("PATCH", `/api/alerts/channels/${channel.id}`, { type: "slack" }),
      params({ id: channel.id }),
    );
    expect(retype.status).toBe(400);
  });

  it("an error of a run reaches the webhook, signed, once; its clearing resolves the incident", async () => {
    const channel = (
      (await (await getChannels(request("/api/alerts/channels"), none)).json()) as { channels: Channel[] }
    ).channels[0]!;
    const badRule = await postRule(
      send("POST", "/api/alerts/rules", { name: "x", trigger: "run_stalled", agents: "*", channels: [channel.id] }),
      none,
    );
    expect(((await badRule.json()) as { error: { fields: object } }).error.fields).toHaveProperty("forSeconds");
    const created = await postRule(
      send("POST", "/api/alerts/rules", {
        name: "Errors of one run",
        trigger: "run_error",
        agents: ["local"],
        runMatch: run.name,
        forSeconds: 1,
        resolveSeconds: 0,
        channels: [channel.id],
      }),
      none,
    );
    expect(created.status).toBe(201);
    const rule = (await created.json()) as Rule;
    const before = Date.now();
    await control.setRun(run.run_id, "error", [{ code: 10200, message: "disk full" }]);
    const [hook] = await receiver.waitFor(1, 10_000, "/hook");
    // Poll intervals of 200 ms: two of them plus forSeconds, and a little for the delivery itself.
    expect(hook!.t - before).toBeLessThan(1000 + 2 * 200 + 1000);
    expect(signatureValid(SECRET, hook!.body, hook!.headers["x-agentdeck-signature"])).toBe(true);
    expect(hook!.headers.authorization).toBe(BEARER);
    expect(hook!.json).toMatchObject({
      trigger: "JOB_RUN_ERROR",
      state: "open",
      agent: { id: "local", name: "Office PC" },
      job_run: { run_id: run.run_id, name: run.name, status: "error" },
      rule: { id: rule.id },
      url: `https://deck.example.com/agents/local/runs/${run.run_id}`,
    });
    expect(hook!.headers["x-agentdeck-delivery"]).toBe((hook!.json as { id: string }).id);
    await control.setRun(run.run_id, "synced", []);
    const [, resolved] = await receiver.waitFor(2, 10_000, "/hook");
    expect(resolved!.json).toMatchObject({ trigger: "JOB_RUN_ERROR_CLEARED", state: "resolved" });
    const incidents = (await (await getIncidents(request("/api/alerts/incidents"), none)).json()) as {
      incidents: Incident[];
    };
    expect(incidents.incidents[0]).toMatchObject({ ruleId: rule.id, state: "resolved", subject: `run:${run.run_id}` });
    // The receiver has the request before the dashboard has its answer and logs it: poll the log.
    await expect
      .poll(async () => {
        const log = (await (await getDeliveries(request("/api/alerts/deliveries"), none)).json()) as {
          deliveries: Delivery[];
        };
        return log.deliveries.slice(0, 2).map((d) => [d.outcome, d.state, d.status]);
      })
      .toEqual([
        ["delivered", "resolved", 200],
        ["delivered", "open", 200],
      ]);
    await patchRule(send("PATCH", `/api/alerts/rules/${rule.id}`, { enabled: false }), params({ id: rule.id }));
  });

  it("a receiver that fails twice gets the third attempt, the same delivery each time", async () => {
    const channel = (await (
      await postChannel(
        send("POST", "/api/alerts/channels", { type: "webhook", name: "Flaky", url: `${receiver.url}/flaky` }),
        none,
      )
    ).json()) as Channel;
    receiver.answerNext({ status: 503 });
    const test = await testChannel(
      send("POST", `/api/alerts/channels/${channel.id}/test`, {}),
      params({ id: channel.id }),
    );
    expect(await test.json()).toMatchObject({ outcome: "failed", status: 503 });
    receiver.answerNext({ status: 500 }, { status: 429, retryAfter: "1" });
    await postRule(
      send("POST", "/api/alerts/rules", {
        name: "Paused",
        trigger: "paused_too_long",
        agents: "*",
        forSeconds: 1,
        channels: [channel.id],
      }),
      none,
    );
    await control.setState({ paused: true });
    const hits = await receiver.waitFor(4, 20_000, "/flaky");
    expect(hits.map((h) => h.status)).toEqual([503, 500, 429, 200]);
    const ids = new Set(hits.slice(1).map((h) => h.headers["x-agentdeck-delivery"]));
    expect(ids.size).toBe(1);
    expect(hits[3]!.t - hits[2]!.t).toBeGreaterThanOrEqual(950);
    await expect
      .poll(async () => {
        const log = (await (
          await getDeliveries(request(`/api/alerts/deliveries?channel=${channel.id}`), none)
        ).json()) as { deliveries: Delivery[] };
        return log.deliveries.map((d) => [d.attempt, d.outcome]);
      })
      .toEqual([
        [3, "delivered"],
        [2, "retrying"],
        [1, "retrying"],
        [1, "failed"],
      ]);
    await control.setState({ paused: false });
    // A 400 is final: not tried again.
    const used = await deleteChannel(
      send("DELETE", `/api/alerts/channels/${channel.id}`, {}),
      params({ id: channel.id }),
    );
    expect(used.status).toBe(400);
  });

  it("muted (the snooze, or a source registered by another feature): incidents open, nothing is sent; announced once unmuted", async () => {
    const channel = (await (
      await postChannel(
        send("POST", "/api/alerts/channels", { type: "webhook", name: "Muted", url: `${receiver.url}/muted` }),
        none,
      )
    ).json()) as Channel;
    const created = (await (
      await postRule(
        send("POST", "/api/alerts/rules", {
          name: "MC",
          trigger: "server_disconnected",
          agents: "*",
          resolveSeconds: 0,
          channels: [channel.id],
        }),
        none,
      )
    ).json()) as Rule;
    expect((await snooze(send("PUT", "/api/alerts/snooze", { for: "1h" }), none)).status).toBe(200);
    await control.setState({ serverState: "CONNECTING" });
    await expect
      .poll(async () => {
        const log = (await (
          await getDeliveries(request(`/api/alerts/deliveries?channel=${channel.id}`), none)
        ).json()) as {
          deliveries: Delivery[];
        };
        return log.deliveries[0];
      })
      .toMatchObject({ outcome: "muted", error: expect.stringContaining("Not sent: snoozed until") });
    // Another feature's source (a maintenance window, say) mutes too, in the same one place.
    let window = true;
    registerMuteSource({
      id: "test-window",
      mutedBy: ({ agentId }) => (window && agentId === "local" ? "maintenance window" : undefined),
    });
    expect((await unsnooze(send("DELETE", "/api/alerts/snooze", {}), none)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.received.filter((r) => r.path === "/muted")).toHaveLength(0);
    window = false;
    const [late] = await receiver.waitFor(1, 10_000, "/muted");
    expect(late!.json).toMatchObject({ trigger: "MC_DISCONNECTED", state: "open", rule: { id: created.id } });
    await control.setState({ serverState: "CONNECTED" });
    await receiver.waitFor(2, 10_000, "/muted");
    await patchRule(send("PATCH", `/api/alerts/rules/${created.id}`, { enabled: false }), params({ id: created.id }));
  });

  it("every settings change is an event naming who made it", async () => {
    const events = (await (
      await getEvents(request("/api/events?kind=alert_settings_changed"), none)
    ).json()) as EventsResponse;
    expect(events.events.length).toBeGreaterThanOrEqual(5);
    expect(events.events.every((e) => e.actor === "dashboard (admin, 10.0.0.7)" && e.agent === "")).toBe(true);
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });
});
