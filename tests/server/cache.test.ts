import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { agentRegistry, requireAgent } from "@/lib/server/agents";
import { SingleFlightCache } from "@/lib/server/cache";
import { loadConfig } from "@/lib/server/config";
import { isAppError } from "@/lib/server/errors";
import { startSimulator, type Simulator } from "../support/processes";
import { SimControl, sleep } from "./helpers";

describe("SingleFlightCache", () => {
  it("shares one in-flight load among concurrent callers and reuses it for the TTL", async () => {
    let now = 0;
    let loads = 0;
    const cache = new SingleFlightCache({ ttlMs: 1000, now: () => now });
    const load = async () => {
      loads += 1;
      await sleep(10);
      return loads;
    };
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.get("k", load)));
    expect(new Set(values)).toEqual(new Set([1]));
    now = 999;
    expect(await cache.get("k", load)).toBe(1);
    now = 1000;
    expect(await cache.get("k", load)).toBe(2);
  });

  it("caches failures for the TTL too", async () => {
    let now = 0;
    let loads = 0;
    const cache = new SingleFlightCache({ ttlMs: 500, now: () => now });
    const load = async () => {
      loads += 1;
      throw new Error(`down #${loads}`);
    };
    await expect(cache.get("k", load)).rejects.toThrow("down #1");
    await expect(cache.get("k", load)).rejects.toThrow("down #1");
    now = 600;
    await expect(cache.get("k", load)).rejects.toThrow("down #2");
  });

  it("does not keep an answer that was in flight when the key was invalidated", async () => {
    const cache = new SingleFlightCache({ ttlMs: 10_000 });
    let n = 0;
    const slow = cache.get("k", async () => {
      await sleep(30);
      return ++n;
    });
    cache.invalidate("k");
    const fresh = cache.get("k", async () => ++n);
    expect(await fresh).toBe(1);
    expect(await slow).toBe(2);
    // The invalidated load settled later but must not replace the fresh entry.
    expect(await cache.get("k", async () => 99)).toBe(1);
  });

  it("can forget one prefix's settled failures, keeping its answers and other prefixes", async () => {
    const cache = new SingleFlightCache({ ttlMs: 10_000 });
    const fail = async () => {
      throw new Error("down");
    };
    await expect(cache.get("a:runs", fail)).rejects.toThrow("down");
    await expect(cache.get("b:runs", fail)).rejects.toThrow("down");
    await cache.get("a:tags", async () => "kept");
    cache.dropFailuresWithPrefix("a:");
    expect(await cache.get("a:runs", async () => "fresh")).toBe("fresh");
    expect(await cache.get("a:tags", async () => "reloaded")).toBe("kept");
    await expect(cache.get("b:runs", async () => "fresh")).rejects.toThrow("down");
  });

  it("stays bounded", async () => {
    const cache = new SingleFlightCache({ ttlMs: 10_000, maxEntries: 50 });
    for (let i = 0; i < 500; i++) await cache.get(`run:${i}`, async () => i);
    expect(cache.size).toBeLessThanOrEqual(50);
  });

  it("drops expired entries as time passes", async () => {
    let now = 0;
    const cache = new SingleFlightCache({ ttlMs: 100, now: () => now });
    for (let i = 0; i < 100; i++) await cache.get(`run:${i}`, async () => i);
    now = 60_000;
    await cache.get("other", async () => 0);
    expect(cache.size).toBe(1);
  });
});

describe("AgentService reads through the cache (real simulator)", () => {
  let sim: Simulator;
  let control: SimControl;
  const config = () => loadConfig({ AGENT_URL: sim.url, POLL_INTERVAL_MS: "1000" });

  beforeAll(async () => {
    sim = await startSimulator(["--runs", "20"]);
    control = new SimControl(sim);
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    await control.clearFaults();
    await control.clearRequests();
  });

  it("50 concurrent reads of the runs make one upstream call", async () => {
    const agent = requireAgent("local", config());
    const results = await Promise.all(Array.from({ length: 50 }, () => agent.runs()));
    expect(results.every((r) => r === results[0] && r.length === 20)).toBe(true);
    expect(await control.count("GET /api/v3/runs")).toBe(1);
    // Still within the interval: no new call.
    await agent.runs();
    expect(await control.count("GET /api/v3/runs")).toBe(1);
    await sleep(1050);
    await agent.runs();
    expect(await control.count("GET /api/v3/runs")).toBe(2);
  });

  it("a failing agent gets one attempt per interval, however many callers", async () => {
    const agent = requireAgent("local", config());
    await agent.status();
    await sleep(1050);
    await control.fault({ kind: "http500" });
    await control.clearRequests();
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => agent.status()));
    for (const o of outcomes) expect(o.status === "rejected" && isAppError(o.reason) && o.reason.code).toBe("agent_bad_response");
    await agent.status().catch(() => undefined);
    expect(await control.count("GET /api/v3/client")).toBe(1);
    await sleep(1050);
    await agent.status().catch(() => undefined);
    expect(await control.count("GET /api/v3/client")).toBe(2);
  });

  it("when the status recovers, the failures cached for the other resources are forgotten", async () => {
    const agent = requireAgent("local", loadConfig({ AGENT_URL: sim.url, POLL_INTERVAL_MS: "2000" }));
    await control.fault({ kind: "http500" });
    await expect(agent.status()).rejects.toThrow("HTTP 500");
    await sleep(1000);
    await expect(agent.runs()).rejects.toThrow("HTTP 500");
    await control.clearFaults();
    // Still within the runs' interval: the cached failure is what callers get...
    await expect(agent.runs()).rejects.toThrow("HTTP 500");
    await sleep(1050);
    // ...until the status (its own interval over) finds the agent back: then the runs are asked again.
    await agent.status();
    expect((await agent.runs()).length).toBe(20);
    expect(await control.count("GET /api/v3/runs")).toBe(2);
  });

  it("one broken resource still gets one attempt per interval while the status answers", async () => {
    const agent = requireAgent("local", loadConfig({ AGENT_URL: sim.url, POLL_INTERVAL_MS: "1500" }));
    await control.fault({ kind: "http500", paths: ["/api/v3/runs"] });
    await expect(agent.runs()).rejects.toThrow("HTTP 500");
    for (let i = 0; i < 5; i++) {
      await agent.status();
      await expect(agent.runs()).rejects.toThrow("HTTP 500");
      await sleep(200);
    }
    expect(await control.count("GET /api/v3/runs")).toBe(1);
  });

  it("a mutation invalidates what it changed", async () => {
    const agent = requireAgent("local", config());
    await Promise.all([agent.status(), agent.runs(), agent.tags()]);
    await agent.pause();
    expect((await agent.status()).paused).toBe(true);
    await agent.runs();
    await agent.tags();
    expect(await control.count("GET /api/v3/client")).toBe(2);
    expect(await control.count("GET /api/v3/runs")).toBe(2);
    expect(await control.count("GET /api/v3/tags")).toBe(1);
    await agent.setTags([{ name: "X", value: "1" }]);
    expect((await agent.tags()).tags).toContainEqual({ name: "X", value: "1" });
    expect(await control.count("GET /api/v3/tags")).toBe(2);
    await agent.resume();
  });

  it("keeps one registry (one cache, one token) per configuration", () => {
    const c = config();
    expect(agentRegistry(c)).toBe(agentRegistry(c));
    expect(requireAgent("local", c)).toBe(requireAgent("local", c));
  });
});
