import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AgentClient } from "@/lib/server/agent-client";
import { statusOf } from "@/lib/server/errors";
import { freePort, startSimulator, type Simulator } from "../support/processes";
import { failure } from "./failure";
import { SimControl, sleep } from "./helpers";

describe("AgentClient against the simulated agent (token auth on)", () => {
  let sim: Simulator;
  let control: SimControl;
  const client = (timeoutMs = 2000) =>
    new AgentClient({ id: "local", name: "Test", url: sim.url, tokenAuth: true }, { timeoutMs });

  beforeAll(async () => {
    sim = await startSimulator(["--runs", "8", "--restart-downtime-ms", "300"]);
    control = new SimControl(sim);
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    await control.clearFaults();
    await control.clearRequests();
  });

  /** No token ever issued may appear in what we show or log. */
  async function expectNoToken(text: string) {
    for (const token of await control.tokens()) expect(text).not.toContain(token);
  }

  it("fetches the token once and reuses it", async () => {
    const c = client();
    await c.getClient();
    await c.getRuns();
    await c.getTags();
    expect(await control.count("GET /api/v3/token")).toBe(1);
    expect(await control.count("GET /api/v3/runs")).toBe(1);
  });

  it("shares one token request among concurrent first calls", async () => {
    const c = client();
    await Promise.all(Array.from({ length: 10 }, () => c.getClient()));
    expect(await control.count("GET /api/v3/token")).toBe(1);
  });

  it("on 401 fetches a new token once and retries once", async () => {
    const c = client();
    await c.getRuns();
    await control.rotateToken();
    const runs = await c.getRuns();
    expect(runs.length).toBe(8);
    expect(await control.count("GET /api/v3/token")).toBe(2);
    const statuses = (await control.requests()).filter((r) => r.path === "/api/v3/runs").map((r) => r.status);
    expect(statuses).toEqual([200, 401, 200]);
  });

  it("after a restart the agent's new token is fetched and works", async () => {
    const c = client();
    await c.getClient();
    const before = (await control.tokens()).length;
    await c.restart();
    // The agent answers, then goes away briefly: wait until it is gone, then until it is back.
    for (
      let i = 0;
      i < 50 &&
      (await c.getClient().then(
        () => true,
        () => false,
      ));
      i++
    )
      await sleep(20);
    let status;
    for (let i = 0; i < 50 && !status; i++) {
      status = await c.getClient().catch(() => undefined);
      if (!status) await sleep(100);
    }
    expect(status?.paused).toBeTypeOf("boolean");
    expect((await control.tokens()).length).toBeGreaterThan(before);
    expect(await control.count("GET /api/v3/token")).toBe(2);
  });

  it("pauses with query parameters (paused, resume_timer) and resumes", async () => {
    const c = client();
    await c.pause(90);
    expect((await c.getClient()).paused).toBe(true);
    await c.resume();
    expect((await c.getClient()).paused).toBe(false);
    const patches = (await control.requests()).filter((r) => r.method === "PATCH");
    expect(patches.map((r) => [r.query.paused, r.query.resume_timer, r.status])).toEqual([
      ["true", "90", 200],
      ["false", undefined, 200],
    ]);
  });

  it("sets tags and reads them back", async () => {
    const c = client();
    await c.setTags([{ name: "RACK", value: "B-12" }]);
    expect((await c.getTags()).tags).toContainEqual({ name: "RACK", value: "B-12" });
  });

  it("reads one run, and maps a missing run to not_found", async () => {
    const c = client();
    const [first] = await c.getRuns();
    expect((await c.getRun(first!.run_id)).run_id).toBe(first!.run_id);
    const err = await failure(() => c.getRun(987654321));
    expect([err.code, statusOf(err)]).toEqual(["not_found", 404]);
  });

  // The doc's sample for runs/{id} is a list. The simulator's run-list fault answers with the whole
  // list, which lacks an id the agent does not have: the client used to return the list's first run
  // then (a `found[0]` fallback), showing another job's progress under the asked-for id.
  it("reads one run from an agent that answers runs/{id} with a list, and never returns another run", async () => {
    const c = client();
    const runs = await c.getRuns();
    const last = runs[runs.length - 1]!;
    await control.fault({ kind: "run-list" });
    expect((await c.getRun(last.run_id)).run_id).toBe(last.run_id);
    const err = await failure(() => c.getRun(987654321));
    expect([err.code, statusOf(err)]).toEqual(["not_found", 404]);
    // The agent really answered a list lacking the id (200), so the 404 is the client's reading of it.
    const asked = (await control.requests()).filter((r) => r.path === "/api/v3/runs/987654321");
    expect(asked.map((r) => r.status)).toEqual([200]);
  });

  it("maps a slow agent to agent_timeout (504) within the configured time", async () => {
    await control.fault({ kind: "latency", ms: 3000 });
    const started = Date.now();
    const err = await failure(() => client(300).getRuns());
    expect([err.code, statusOf(err)]).toEqual(["agent_timeout", 504]);
    expect(err.message).toBe("The agent did not answer within 300 ms");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("maps a hung agent to agent_timeout", async () => {
    await control.fault({ kind: "hang" });
    const err = await failure(() => client(300).getClient());
    expect(err.code).toBe("agent_timeout");
  });

  it("maps a refused connection to agent_unreachable (503)", async () => {
    const c = client();
    await c.getClient();
    await control.fault({ kind: "refuse", ms: 1000 });
    const err = await failure(() => c.getRuns());
    expect([err.code, statusOf(err)]).toEqual(["agent_unreachable", 503]);
    expect(err.message).toMatch(/^Cannot reach the agent: /);
    await sleep(1100);
  });

  it.each([
    ["http500", {}, /^The agent answered HTTP 500 when asked for its job runs$/],
    [
      "html",
      {},
      /^The agent answered with data this dashboard cannot read: an HTML page instead of JSON \(is something else listening on its port\?\)$/,
    ],
    ["empty", {}, /^The agent answered with data this dashboard cannot read: an empty body instead of JSON$/],
    [
      "truncated",
      {},
      /^The agent answered with data this dashboard cannot read: the JSON is malformed or cut off$|^The agent's answer was cut off/,
    ],
    [
      "wrong-types",
      {},
      /^The agent answered with data this dashboard cannot read: runs\[0\]\.run_id expected number, received string \(and \d+ more problems\)$/,
    ],
    [
      "oversized",
      { bytes: 33 * 1024 * 1024 },
      /^The agent's answer is larger than 32 MB; the dashboard stopped reading it$/,
    ],
  ] as const)("maps the %s fault to agent_bad_response (502) with a readable message", async (kind, extra, message) => {
    const c = client(10_000);
    await c.getClient();
    await control.fault({ kind, ...extra, paths: ["/api/v3/runs"] });
    const err = await failure(() => c.getRuns());
    expect([err.code, statusOf(err)]).toEqual(["agent_bad_response", 502]);
    expect(err.message).toMatch(message);
    await expectNoToken(err.message);
  });

  it("explains wrong types in the status with the field path", async () => {
    const c = client();
    await c.getClient();
    await control.fault({ kind: "wrong-types", paths: ["/api/v3/client"] });
    const err = await failure(() => c.getClient());
    expect(err.message).toMatch(
      /^The agent answered with data this dashboard cannot read: status\.paused expected boolean/,
    );
  });

  it("tells a token-less configuration that the agent wants a token", async () => {
    const c = new AgentClient({ id: "local", name: "Test", url: sim.url, tokenAuth: false }, { timeoutMs: 2000 });
    const err = await failure(() => c.getRuns());
    expect(err.code).toBe("agent_bad_response");
    expect(err.message).toMatch(/AGENT_TOKEN_AUTH=true/);
    expect(await control.count("GET /api/v3/token")).toBe(0);
  });

  it("refuses a malformed run id before calling the agent", async () => {
    const err = await failure(() => client().getRun("1/../tags"));
    expect(err.code).toBe("invalid_input");
    expect(await control.count("GET /api/v3/runs/{run_id}")).toBe(0);
  });
});

describe("AgentClient against an agent without token auth", () => {
  let sim: Simulator;
  let control: SimControl;
  beforeAll(async () => {
    sim = await startSimulator(["--runs", "3", "--no-token-auth"]);
    control = new SimControl(sim);
  });
  afterAll(() => sim.stop());

  it("never asks for a token when tokenAuth is false", async () => {
    const c = new AgentClient({ id: "local", name: "Test", url: sim.url, tokenAuth: false }, { timeoutMs: 2000 });
    expect(await c.getRuns()).toHaveLength(3);
    await c.getClient();
    await c.pause();
    await c.resume();
    expect(await control.count("GET /api/v3/token")).toBe(0);
    expect((await control.requests()).every((r) => r.query.token === undefined)).toBe(true);
  });
});

describe("AgentClient with no agent at all", () => {
  it("maps nothing listening to agent_unreachable", async () => {
    const port = await freePort();
    const c = new AgentClient(
      { id: "local", name: "Test", url: `http://127.0.0.1:${port}`, tokenAuth: true },
      { timeoutMs: 2000 },
    );
    const err = await failure(() => c.getClient());
    expect([err.code, statusOf(err)]).toEqual(["agent_unreachable", 503]);
    expect(err.message).toBe(
      "Cannot reach the agent: the connection was refused; is the agent running with its API enabled?",
    );
  });
});
