import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AgentClientStatusSchema } from "@/lib/agent-api/client";
import { RunsSchema } from "@/lib/agent-api/runs";
import { startSimulator, type Simulator } from "../support/processes";
import { agent, control, errorCode, getToken, waitUntil } from "./helpers";

type LogEntry = {
  t: number;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | null;
  fault?: string;
};

describe("control API and faults", () => {
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator(["--runs", "10"]);
    token = await getToken(sim);
  });
  afterAll(() => sim?.stop());
  afterEach(async () => {
    await control(sim, "DELETE", "/faults");
  });

  it("logs requests with the token redacted, and counts them per resource", async () => {
    await control(sim, "DELETE", "/requests");
    await agent(sim, "/api/v3/runs", token);
    await agent(sim, "/api/v3/runs", token);
    await agent(sim, "/api/v3/runs/543", token);
    await agent(sim, "/api/v3/runs/544", "wrong");
    await agent(sim, "/api/v3/tags?x=1", token, { method: "PATCH", body: '{"tags":[]}' });
    const log = await control<LogEntry[]>(sim, "GET", "/requests");
    expect(log.body.map((e) => [e.method, e.path, e.query, e.status])).toEqual([
      ["GET", "/api/v3/runs", { token: "***" }, 200],
      ["GET", "/api/v3/runs", { token: "***" }, 200],
      ["GET", "/api/v3/runs/543", { token: "***" }, 200],
      ["GET", "/api/v3/runs/544", { token: "***" }, 401],
      ["PATCH", "/api/v3/tags", { x: "1", token: "***" }, 200],
    ]);
    expect(log.body.every((e) => Math.abs(e.t - Date.now()) < 10_000)).toBe(true);
    const stats = await control(sim, "GET", "/stats");
    expect(stats.body).toEqual({
      requests: { "GET /api/v3/runs": 2, "GET /api/v3/runs/{run_id}": 2, "PATCH /api/v3/tags": 1 },
    });
    const tokens = (await control<string[]>(sim, "GET", "/tokens")).body;
    expect(tokens).toContain(token);
    const exposed = JSON.stringify(log.body) + JSON.stringify(stats.body);
    for (const t of tokens) expect(exposed).not.toContain(t);
    await control(sim, "DELETE", "/requests");
    expect((await control(sim, "GET", "/requests")).body).toEqual([]);
    expect((await control(sim, "GET", "/stats")).body).toEqual({ requests: {} });
  });

  it("http500 scoped to a path; /api/v3/token is spared unless listed", async () => {
    expect((await control(sim, "PUT", "/faults", { kind: "http500", paths: ["/api/v3/runs"] })).status).toBe(200);
    expect((await agent(sim, "/api/v3/runs", token)).status).toBe(500);
    expect((await agent(sim, "/api/v3/runs/543", token)).status).toBe(500);
    expect((await agent(sim, "/api/v3/client", token)).status).toBe(200);
    await control(sim, "PUT", "/faults", { kind: "http500" });
    expect((await agent(sim, "/api/v3/token")).status).toBe(200);
    expect((await agent(sim, "/api/v3/tags", token)).status).toBe(500);
    await control(sim, "PUT", "/faults", { kind: "http500", paths: ["/api/v3/token"] });
    expect((await agent(sim, "/api/v3/token")).status).toBe(500);
    await control(sim, "DELETE", "/faults");
    expect((await agent(sim, "/api/v3/runs", token)).status).toBe(200);
  });

  it("html, empty, truncated and wrong-types bodies", async () => {
    await control(sim, "PUT", "/faults", { kind: "html" });
    let res = await agent(sim, "/api/v3/client", token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);

    await control(sim, "PUT", "/faults", { kind: "empty" });
    res = await agent(sim, "/api/v3/client", token);
    expect([res.status, await res.text()]).toEqual([200, ""]);

    expect(await (await agent(sim, "/api/v3/tags", token)).text()).toBe(""); // every agent endpoint…
    expect((await agent(sim, "/api/v3/token")).headers.get("content-length")).not.toBe("0"); // …but the token one
    await control(sim, "DELETE", "/faults");
    const whole = await (await agent(sim, "/api/v3/runs", token)).arrayBuffer();
    await control(sim, "PUT", "/faults", { kind: "truncated" });
    const cut = await (await agent(sim, "/api/v3/runs", token)).arrayBuffer();
    expect(Math.abs(cut.byteLength - whole.byteLength / 2)).toBeLessThan(whole.byteLength * 0.05);
    expect(() => JSON.parse(new TextDecoder().decode(cut))).toThrow();

    await control(sim, "PUT", "/faults", { kind: "wrong-types" });
    const client = await (await agent(sim, "/api/v3/client", token)).json();
    expect(client.paused).toBe("maybe");
    expect(AgentClientStatusSchema.safeParse(client).success).toBe(false);
    const runs = await (await agent(sim, "/api/v3/runs", token)).json();
    expect(runs[0].size_total).toBe("big");
    expect(RunsSchema.safeParse(runs).success).toBe(false);
  });

  it("latency delays, hang never answers, oversized streams a huge valid body", async () => {
    await control(sim, "PUT", "/faults", { kind: "latency", ms: 300 });
    let t0 = Date.now();
    expect((await agent(sim, "/api/v3/client", token)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);

    await control(sim, "PUT", "/faults", { kind: "hang", paths: ["/api/v3/client"] });
    t0 = Date.now();
    const hung = await agent(sim, "/api/v3/client", token, { signal: AbortSignal.timeout(400) }).then(
      () => "answered",
      (e: unknown) => (e as Error).name,
    );
    expect(hung).toBe("TimeoutError");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    expect((await agent(sim, "/api/v3/runs", token)).status).toBe(200);
    const log = (await control<LogEntry[]>(sim, "GET", "/requests")).body;
    expect(log.filter((e) => e.fault === "hang").at(-1)?.status).toBeNull();

    await control(sim, "PUT", "/faults", { kind: "oversized", bytes: 3_000_000 });
    const res = await agent(sim, "/api/v3/runs", token);
    expect(res.headers.get("content-length")).toBeNull(); // chunked: the reader must enforce its own limit
    const text = await res.text();
    expect(text.length).toBeGreaterThanOrEqual(3_000_000);
    expect(Array.isArray(JSON.parse(text))).toBe(true);
  });

  it("refuse closes the agent socket for N ms, then the same token works again", async () => {
    expect((await control(sim, "PUT", "/faults", { kind: "refuse", ms: 500 })).status).toBe(200);
    const err = await fetch(`${sim.url}/api/v3/token`).then(
      () => undefined,
      (e: unknown) => errorCode(e),
    );
    expect(err).toBe("ECONNREFUSED");
    await waitUntil(
      "agent back",
      async () =>
        fetch(`${sim.url}/api/v3/token`).then(
          (r) => (r.ok ? true : undefined),
          () => undefined,
        ),
      3000,
    );
    expect((await agent(sim, "/api/v3/client", token)).status).toBe(200);
    expect((await control(sim, "GET", "/faults")).body).toEqual({ fault: null }); // cleared itself
  });

  it("rotate-token invalidates the old token", async () => {
    const rotated = await control<{ token: string }>(sim, "POST", "/rotate-token");
    expect(rotated.body.token).toMatch(/^[A-Z2-7]{26}$/);
    expect((await agent(sim, "/api/v3/client", token)).status).toBe(401);
    expect(await getToken(sim)).toBe(rotated.body.token);
    expect((await control<string[]>(sim, "GET", "/tokens")).body).toEqual(
      expect.arrayContaining([token, rotated.body.token]),
    );
    token = rotated.body.token;
  });

  it("PUT /state sets server state, restartRequired, paused and run count; POST /reset undoes it", async () => {
    const set = await control(sim, "PUT", "/state", {
      serverState: "DECLINED",
      restartRequired: false,
      paused: true,
      runs: 50,
    });
    expect(set.status).toBe(200);
    const client = await (await agent(sim, "/api/v3/client", token)).json();
    expect(client).toMatchObject({ paused: true, server: { state: "DECLINED" } });
    expect(client).not.toHaveProperty("restartRequired");
    const runs = RunsSchema.parse(await (await agent(sim, "/api/v3/runs", token)).json());
    expect(runs).toHaveLength(50);
    expect(runs.every((r) => r.status === "paused")).toBe(true);
    expect((await control(sim, "PUT", "/state", { serverstate: "DECLINED" })).status).toBe(400);
    expect((await control(sim, "PUT", "/state", { runs: -1 })).status).toBe(400);

    await agent(sim, "/api/v3/tags", token, { method: "PATCH", body: '{"tags":[{"name":"NEW","value":"1"}]}' });
    await control(sim, "PUT", "/faults", { kind: "http500" });
    expect((await control(sim, "POST", "/reset")).status).toBe(200);
    expect((await control(sim, "GET", "/faults")).body).toEqual({ fault: null });
    const fresh = await (await agent(sim, "/api/v3/client", token)).json();
    expect(fresh).toMatchObject({ paused: false, restartRequired: "true", server: { state: "CONNECTED" } });
    expect(await (await agent(sim, "/api/v3/runs", token)).json()).toHaveLength(10);
    expect((await (await agent(sim, "/api/v3/tags", token)).json()).tags).toHaveLength(2);
  });

  it("rejects bad control requests", async () => {
    expect((await control(sim, "PUT", "/faults", { kind: "meltdown" })).status).toBe(400);
    expect((await control(sim, "PUT", "/faults", { kind: "latency" })).status).toBe(400);
    expect((await control(sim, "GET", "/nope")).status).toBe(404);
    expect((await control(sim, "POST", "/requests")).status).toBe(405);
    const res = await fetch(`${sim.controlUrl}/faults`, { method: "PUT", body: "{" });
    expect(res.status).toBe(400);
    // The control API is not reachable through the agent's port.
    expect((await agent(sim, "/faults", token)).status).toBe(404);
  });
});
