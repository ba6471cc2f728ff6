import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getClient, PATCH as patchClient } from "@/app/api/agents/[agentId]/client/route";
import { GET as getHistory } from "@/app/api/agents/[agentId]/history/route";
import { GET as getRun } from "@/app/api/agents/[agentId]/runs/[runId]/route";
import { GET as getRuns } from "@/app/api/agents/[agentId]/runs/route";
import { GET as getTags, PATCH as patchTags } from "@/app/api/agents/[agentId]/tags/route";
import { GET as getAgents } from "@/app/api/agents/route";
import { GET as getHealth } from "@/app/api/health/route";
import { GET as getMetrics } from "@/app/api/metrics/route";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MAX_RESUME_TIMER_SECONDS } from "@/lib/bff/contract";
import { requireAgent } from "@/lib/server/agents";
import { getConfig } from "@/lib/server/config";
import { closeStore, openStore } from "@/lib/server/store";
import { installSeries } from "@/lib/server/store/series";
import { startSimulator, type Simulator } from "../support/processes";
import { SimControl, mutation, params, request, setEnv, sleep } from "./helpers";

type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string[]> } };
const local = params({ agentId: "local" });

describe("BFF routes against the simulated agent", () => {
  let sim: Simulator;
  let control: SimControl;
  let restore: () => void;
  let dataDir: string;
  /** Every body we send back is checked for every token the agent ever issued. */
  const bodies: string[] = [];
  async function read(res: Response): Promise<unknown> {
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    bodies.push(text);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  beforeAll(async () => {
    sim = await startSimulator(["--runs", "6", "--restart-downtime-ms", "300"]);
    control = new SimControl(sim);
    // A short interval keeps the tests quick; each test waits it out where freshness matters.
    restore = setEnv({
      AGENT_URL: sim.url,
      AGENT_NAME: "Office PC",
      POLL_INTERVAL_MS: "200",
      PORT: "3841",
      DASHBOARD_PASSWORD: undefined,
      METRICS_PER_RUN: "true",
    });
    // What boot does before the first request: the store in DATA_DIR (here a temporary one).
    dataDir = mkdtempSync(path.join(tmpdir(), "agent-deck-routes-"));
    installSeries(openStore(dataDir), getConfig());
  });
  afterAll(async () => {
    closeStore();
    rmSync(dataDir, { recursive: true, force: true });
    for (const token of await control.tokens()) for (const body of bodies) expect(body).not.toContain(token);
    restore();
    await sim.stop();
  });
  beforeEach(async () => {
    await control.clearFaults();
    await sleep(220);
    await control.clearRequests();
  });

  it("GET /api/agents lists ids and names only, plus page settings", async () => {
    const res = await getAgents(request("/api/agents"), params({}));
    expect(res.status).toBe(200);
    expect(await read(res)).toEqual({
      agents: [{ id: "local", name: "Office PC" }],
      settings: { uiPollIntervalMs: 2000, pollIntervalMs: 200, historyDays: 30, canChange: true },
    });
  });

  it("GET client: documented fields, restartRequired a boolean", async () => {
    await control.setState({ restartRequired: true });
    const body = (await read(await getClient(request("/api/agents/local/client"), local))) as Record<string, unknown>;
    expect(body.restartRequired).toBe(true);
    expect(typeof body.paused).toBe("boolean");
    expect(body.server).toMatchObject({ state: expect.any(String) });
    await control.setState({ restartRequired: false });
    await sleep(220);
    expect(
      ((await read(await getClient(request("/api/agents/local/client"), local))) as Record<string, unknown>)
        .restartRequired,
    ).toBe(false);
  });

  it("PATCH client pause with a timer → resumeAt until resumed", async () => {
    const before = Date.now();
    const res = await patchClient(mutation("/api/agents/local/client", { paused: true, resumeTimer: 120 }), local);
    expect(res.status).toBe(200);
    const { resumeAt } = (await read(res)) as { resumeAt: number };
    expect(resumeAt).toBeGreaterThanOrEqual(before + 120_000);
    const status = (await read(await getClient(request("/api/agents/local/client"), local))) as {
      paused: boolean;
      resumeAt?: number;
    };
    expect(status).toMatchObject({ paused: true, resumeAt });
    expect(await read(await patchClient(mutation("/api/agents/local/client", { paused: false }), local))).toEqual({
      ok: true,
    });
    const after = (await read(await getClient(request("/api/agents/local/client"), local))) as {
      paused: boolean;
      resumeAt?: number;
    };
    expect(after.paused).toBe(false);
    expect(after.resumeAt).toBeUndefined();
    const patches = (await control.requests()).filter((r) => r.method === "PATCH");
    expect(patches.map((r) => [r.query.paused, r.query.resume_timer])).toEqual([
      ["true", "120"],
      ["false", undefined],
    ]);
  });

  it.each([
    [{ paused: true, resumeTimer: 0 }, "resumeTimer"],
    [{ paused: true, resumeTimer: MAX_RESUME_TIMER_SECONDS + 1 }, "resumeTimer"],
    [{ paused: true, resumeTimer: 1.5 }, "resumeTimer"],
    [{ paused: true, resumeTimer: "60" }, "resumeTimer"],
    [{ paused: false, resumeTimer: 60 }, "body"],
    [{ paused: "yes" }, "paused"],
    [{ restart: false }, "restart"],
    [{}, "paused"],
    [[], "body"],
  ])("PATCH client %j → 400 with fields, nothing sent to the agent", async (body, field) => {
    const res = await patchClient(mutation("/api/agents/local/client", body), local);
    expect(res.status).toBe(400);
    const { error } = (await read(res)) as ErrorJson;
    expect(error.code).toBe("invalid_input");
    expect(Object.keys(error.fields ?? {})).toContain(field);
    expect(await control.count("PATCH /api/v3/client")).toBe(0);
  });

  it.each([
    [{ tags: [] }, "tags"],
    [{ tags: [{ name: "", value: "x" }] }, "tags.0.name"],
    [{ tags: [{ name: "   ", value: "x" }] }, "tags.0.name"],
    [{ tags: [{ name: "A", value: "bell\u0007" }] }, "tags.0.value"],
    [{ tags: [{ name: "A".repeat(256), value: "x" }] }, "tags.0.name"],
    [{ tags: [{ name: "A", value: "x", extra: 1 }] }, "tags.0"],
    [{ tags: Array.from({ length: 101 }, (_, i) => ({ name: `T${i}`, value: "x" })) }, "tags"],
    [{ tags: [{ name: "A" }] }, "tags.0.value"],
  ])("PATCH tags %# → 400 naming %s, nothing sent to the agent", async (body, field) => {
    const res = await patchTags(mutation("/api/agents/local/tags", body), local);
    expect(res.status).toBe(400);
    const { error } = (await read(res)) as ErrorJson;
    expect(Object.keys(error.fields ?? {})).toContain(field);
    expect(await control.count("PATCH /api/v3/tags")).toBe(0);
  });

  it("PATCH tags sets trimmed tags; GET tags shows them", async () => {
    const res = await patchTags(
      mutation("/api/agents/local/tags", { tags: [{ name: " ROOM ", value: "4.01" }] }),
      local,
    );
    expect(await read(res)).toEqual({ ok: true });
    const tags = (await read(await getTags(request("/api/agents/local/tags"), local))) as {
      tags: { name: string; value: string }[];
    };
    expect(tags.tags).toContainEqual({ name: "ROOM", value: "4.01" });
  });

  it("PATCH client restart works and the new token is picked up afterwards", async () => {
    const tokensBefore = (await control.tokens()).length;
    expect(await read(await patchClient(mutation("/api/agents/local/client", { restart: true }), local))).toEqual({
      ok: true,
    });
    // Back when the dashboard has fetched the restarted agent's new token and reads with it.
    let ok = false;
    for (let i = 0; i < 40 && !ok; i++) {
      await sleep(100);
      const fresh = (await control.tokens()).length > tokensBefore;
      ok =
        fresh &&
        (await getClient(request("/api/agents/local/client"), local)).status === 200 &&
        (await getRuns(request("/api/agents/local/runs"), local)).status === 200;
    }
    expect(ok).toBe(true);
  });

  it("GET runs: an array with an ETag; If-None-Match → 304", async () => {
    const res = await getRuns(request("/api/agents/local/runs"), local);
    const runs = (await read(res)) as { run_id: number }[];
    expect(runs).toHaveLength(6);
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const again = await getRuns(request("/api/agents/local/runs", { headers: { "if-none-match": etag ?? "" } }), local);
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
  });

  it("GET one run; 404 for a run the agent lacks; 400 for a malformed id", async () => {
    const runs = (await read(await getRuns(request("/api/agents/local/runs"), local))) as { run_id: number }[];
    const id = String(runs[0]?.run_id);
    const one = await getRun(request(`/api/agents/local/runs/${id}`), params({ agentId: "local", runId: id }));
    expect(((await read(one)) as { run_id: number }).run_id).toBe(Number(id));
    const missing = await getRun(
      request("/api/agents/local/runs/99999999"),
      params({ agentId: "local", runId: "99999999" }),
    );
    expect(missing.status).toBe(404);
    expect(((await read(missing)) as ErrorJson).error.code).toBe("not_found");
    const bad = await getRun(request("/api/agents/local/runs/abc"), params({ agentId: "local", runId: "abc" }));
    expect(bad.status).toBe(400);
    expect(((await read(bad)) as ErrorJson).error.fields).toEqual({ runId: ["runId must be digits"] });
  });

  it("400 for a malformed agent id, 404 for an unknown one", async () => {
    const bad = await getClient(request("/api/agents/NOPE!/client"), params({ agentId: "NOPE!" }));
    expect(bad.status).toBe(400);
    expect(((await read(bad)) as ErrorJson).error.fields).toHaveProperty("agentId");
    const unknown = await getRuns(request("/api/agents/other/runs"), params({ agentId: "other" }));
    expect(unknown.status).toBe(404);
    expect(((await read(unknown)) as ErrorJson).error.message).toBe('No agent with id "other" is configured');
  });

  it("agent failures keep their honest status and readable message", async () => {
    await control.fault({ kind: "wrong-types", paths: ["/api/v3/runs"] });
    // Reads answer from the snapshot: the fault shows from the collector's next poll.
    await getRuns(request("/api/agents/local/runs"), local);
    await sleep(250);
    const res = await getRuns(request("/api/agents/local/runs"), local);
    expect(res.status).toBe(502);
    expect(((await read(res)) as ErrorJson).error.message).toMatch(
      /^The agent answered with data this dashboard cannot read: runs\[0\]\./,
    );
  });

  it("GET history: the last 15 minutes in 1 s buckets (polls 200 ms apart), per agent and per run", async () => {
    await getHistory(request("/api/agents/local/history"), local);
    await sleep(1100);
    const res = await getHistory(request("/api/agents/local/history"), local);
    const body = (await read(res)) as { intervalMs: number; points: { t: number; down: number; up: number }[] };
    expect(body.intervalMs).toBe(1000);
    expect(body.points.length).toBeGreaterThanOrEqual(2);
    for (const p of body.points)
      expect(p).toEqual({ t: expect.any(Number), down: expect.any(Number), up: expect.any(Number) });
    const runs = (await read(await getRuns(request("/api/agents/local/runs"), local))) as { run_id: number }[];
    const runId = String(runs[0]?.run_id);
    const one = (await read(await getHistory(request(`/api/agents/local/history?runId=${runId}`), local))) as {
      points: unknown[];
    };
    expect(one.points.length).toBeGreaterThanOrEqual(1);
    const bad = await getHistory(request("/api/agents/local/history?runId=x"), local);
    expect(bad.status).toBe(400);
  });

  it("GET health: ok when reachable; degraded and, with ?strict=1, 503 when not", async () => {
    const ok = (await read(await getHealth(request("/api/health"), params({})))) as {
      status: string;
      agents: { reachable: boolean; checkedAt: number }[];
    };
    expect(ok.status).toBe("ok");
    expect(ok.agents[0]).toMatchObject({ id: "local", name: "Office PC", reachable: true });
    const status = async () =>
      ((await read(await getHealth(request("/api/health"), params({})))) as { status: string }).status;
    await control.fault({ kind: "refuse", ms: 800 });
    // The next poll (200 ms apart) finds the agent gone: waited for, not slept on.
    await expect.poll(status).toBe("degraded");
    const res = await getHealth(request("/api/health"), params({}));
    expect(res.status).toBe(200);
    const degraded = (await read(res)) as { status: string; agents: { reachable: boolean; error?: string }[] };
    expect(degraded.status).toBe("degraded");
    expect(degraded.agents[0]).toMatchObject({
      reachable: false,
      error: expect.stringMatching(/^Cannot reach the agent/),
    });
    const strict = await getHealth(request("/api/health?strict=1"), params({}));
    expect(strict.status).toBe(503);
    await read(strict);
    // The agent answers again after its 800 ms, and a poll has seen it: the next test starts from there.
    await expect.poll(status).toBe("ok");
  });

  it("GET metrics: Prometheus text with agent, run-group and upstream series", async () => {
    await getRuns(request("/api/agents/local/runs"), local);
    const res = await getMetrics(request("/api/metrics"), params({}));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    bodies.push(text);
    expect(text).toMatch(/^agentdeck_agent_up\{agent="local"\} 1$/m);
    expect(text).toMatch(/^agentdeck_agent_paused\{agent="local"\} [01]$/m);
    expect(text).toMatch(/^agentdeck_agent_restart_required\{agent="local"\} [01]$/m);
    expect(text.match(/^agentdeck_agent_server_state\{agent="local",state="[A-Z_]+"\} [01]$/gm)).toHaveLength(8);
    for (const group of ["error", "active", "paused", "done", "idle"])
      expect(text).toMatch(new RegExp(`^agentdeck_runs\\{agent="local",group="${group}"\\} \\d+$`, "m"));
    expect(text).toMatch(/^agentdeck_down_speed_bytes_per_second\{agent="local"\} \d+/m);
    expect(text).toMatch(/^agentdeck_size_total_bytes\{agent="local"\} \d+/m);
    expect(text).toMatch(/^agentdeck_runs_with_errors\{agent="local"\} \d+$/m);
    expect(text).toMatch(/^agentdeck_run_down_speed_bytes_per_second\{agent="local",run_id="\d+",/m);
    expect(text).toMatch(
      /^agentdeck_upstream_request_duration_seconds_count\{agent="local",resource="runs",outcome="ok"\} \d+$/m,
    );
    expect(text).toMatch(/^agentdeck_upstream_errors_total\{agent="local",code="agent_bad_response"\} \d+$/m);
  });

  it("metrics scrapes and health checks never call the agent, nor count as someone watching", async () => {
    await getRuns(request("/api/agents/local/runs"), local);
    const collector = requireAgent("local").collector;
    expect(collector.isWatched()).toBe(true);
    // The viewer left long ago (the collector's clock is a parameter): its watch window (three UI polls)
    // is over, so only the background clock (10 s) polls, besides the fast poll already due.
    collector.markWatched(Date.now() - 3_600_000);
    expect(collector.isWatched()).toBe(false);
    await control.clearRequests();
    const started = Date.now();
    while (Date.now() - started < 2000) {
      await Promise.all(Array.from({ length: 10 }, () => getMetrics(request("/api/metrics"), params({}))));
      await getHealth(request("/api/health"), params({}));
      await sleep(20);
    }
    expect(collector.isWatched()).toBe(false);
    expect(await control.count("GET /api/v3/runs")).toBeLessThanOrEqual(1);
    expect(await control.count("GET /api/v3/client")).toBeLessThanOrEqual(1);
  });
});
