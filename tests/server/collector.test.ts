import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { agentRegistry, requireAgent, stopCollectors } from "@/lib/server/agents";
import { AgentClient } from "@/lib/server/agent-client";
import { Collector } from "@/lib/server/collector/collector";
import { loadConfig } from "@/lib/server/config";
import { isAppError } from "@/lib/server/errors";
import { startSimulator, type Simulator } from "../support/processes";
import { SimControl, sleep } from "./helpers";

/**
 * The collector against the real simulator: it polls on its own clock (fast while watched, slow
 * while not), every read answers from its snapshot, and the agent's load is bounded by time, not
 * by the number of readers.
 */
describe("Collector (real simulator)", () => {
  let sim: Simulator;
  let control: SimControl;
  const config = (extra: Record<string, string> = {}) =>
    loadConfig({
      AGENT_URL: sim.url,
      POLL_INTERVAL_MS: "300",
      BACKGROUND_POLL_MS: "1500",
      UI_POLL_INTERVAL_MS: "300",
      ...extra,
    });

  beforeAll(async () => {
    sim = await startSimulator(["--runs", "20"]);
    control = new SimControl(sim);
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    await control.clearFaults();
    await control.clearRequests();
  });
  // Each test makes its own configuration; stop the collectors of the last one.
  afterEach(() => stopCollectors());

  it("polls the agent with nobody reading, at the background rate", async () => {
    agentRegistry(config());
    await sleep(3300);
    // At 0, 1.5 and 3 s: three polls of status and runs, none of them asked for by a reader.
    const polls = await control.count("GET /api/v3/runs");
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(polls).toBeLessThanOrEqual(4);
    expect(await control.count("GET /api/v3/client")).toBe(polls);
  });

  it("a read marks the agent watched: it is then polled at the fast rate, once per interval however many read", async () => {
    const agent = requireAgent("local", config());
    await agent.runs();
    await control.clearRequests();
    const started = Date.now();
    while (Date.now() - started < 3000) {
      const results = await Promise.all(Array.from({ length: 20 }, () => agent.runs()));
      expect(results.every((r) => r === results[0] && r.length === 20)).toBe(true);
      await sleep(50);
    }
    const polls = await control.count("GET /api/v3/runs");
    // 3 s at 300 ms: 10 polls, give or take the first and last.
    expect(polls).toBeGreaterThanOrEqual(8);
    expect(polls).toBeLessThanOrEqual(12);
  });

  it("a read of a stale snapshot waits for one fresh poll, shared by concurrent readers", async () => {
    const agent = requireAgent("local", config({ POLL_INTERVAL_MS: "200", BACKGROUND_POLL_MS: "60000" }));
    // Only the collector's first poll, at start; nobody has read since, so it is unwatched.
    while (agent.collector.snapshot.polledAt === 0) await sleep(20);
    await sleep(400);
    await control.setState({ paused: true });
    await control.clearRequests();
    const results = await Promise.all(Array.from({ length: 30 }, () => agent.status()));
    expect(results.every((s) => s.paused)).toBe(true);
    expect(await control.count("GET /api/v3/client")).toBe(1);
    await control.setState({ paused: false });
  });

  it("a failing agent keeps the last good snapshot, adds the problem, and is still polled once per interval", async () => {
    const agent = requireAgent("local", config());
    const good = await agent.runs();
    await control.fault({ kind: "http500" });
    await sleep(700);
    await control.clearRequests();
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => agent.status()));
    for (const o of outcomes)
      expect(o.status === "rejected" && isAppError(o.reason) && o.reason.code).toBe("agent_bad_response");
    const snap = agent.collector.snapshot;
    expect(snap.runs.value).toBe(good);
    expect(snap.status.error?.message).toContain("HTTP 500");
    expect(snap.status.errorSince).toBeLessThanOrEqual(snap.polledAt);
    await sleep(900);
    const calls = await control.count("GET /api/v3/client");
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(5);
    await control.clearFaults();
    await sleep(400);
    expect((await agent.runs()).length).toBe(20);
  });

  it("a mutation answers after a poll that sees it; tags are polled right after a change", async () => {
    const agent = requireAgent("local", config());
    await Promise.all([agent.status(), agent.tags()]);
    await agent.pause("a test");
    expect(agent.collector.snapshot.status.value?.paused).toBe(true);
    await agent.resume("a test");
    expect(agent.collector.snapshot.status.value?.paused).toBe(false);
    await control.clearRequests();
    await agent.setTags([{ name: "Rack", value: "B7" }], "a test");
    expect(agent.collector.snapshot.tags.value?.tags).toContainEqual({ name: "Rack", value: "B7" });
    expect(await control.count("GET /api/v3/tags")).toBe(1);
  });

  it("answers one run from the snapshot, without asking the agent, and 404 for an id it lacks", async () => {
    const agent = requireAgent("local", config());
    const runs = await agent.runs();
    await control.clearRequests();
    const first = runs[0]!;
    expect(await agent.run(String(first.run_id))).toBe(first);
    const ids = Array.from({ length: 2000 }, (_, i) => String(900_000 + i));
    const outcomes = await Promise.allSettled(ids.map((id) => agent.run(id)));
    expect(
      outcomes.every((o) => o.status === "rejected" && isAppError(o.reason) && o.reason.code === "not_found"),
    ).toBe(true);
    expect(await control.count("GET /api/v3/runs/{run_id}")).toBe(0);
  });

  it("polls the tags on their own slower clock while they answer, and at every poll while they fail", async () => {
    const agent = new AgentClient({ id: "local", name: "Local", url: sim.url, tokenAuth: true }, { timeoutMs: 2000 });
    const collector = new Collector(agent, {
      pollIntervalMs: 200,
      backgroundPollMs: 200,
      watchWindowMs: 0,
      tagsIntervalMs: 1000,
      freshWaitMs: 3000,
    });
    collector.start();
    try {
      await sleep(2100);
      // At 0, 1 and 2 s (give or take one on a loaded machine), beside 10 or 11 polls of the status.
      const tags = await control.count("GET /api/v3/tags");
      expect(tags).toBeGreaterThanOrEqual(2);
      expect(tags).toBeLessThanOrEqual(4);
      expect(await control.count("GET /api/v3/client")).toBeGreaterThanOrEqual(2 * tags);
      await control.fault({ kind: "http500", paths: ["/api/v3/tags"] });
      await sleep(1200);
      await control.clearRequests();
      await sleep(1000);
      expect(collector.snapshot.tags.error?.message).toContain("HTTP 500");
      expect(await control.count("GET /api/v3/tags")).toBeGreaterThanOrEqual(4);
    } finally {
      collector.stop();
    }
  });

  it("a new configuration stops the old collectors", async () => {
    const first = agentRegistry(config());
    const second = agentRegistry(config({ POLL_INTERVAL_MS: "250" }));
    expect(second).not.toBe(first);
    const old = first.services.get("local")!.collector;
    const polls = old.polls;
    await sleep(2000);
    expect(old.polls).toBe(polls);
  });
});
