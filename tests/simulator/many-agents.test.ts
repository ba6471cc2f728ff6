import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentClientStatusSchema } from "@/lib/agent-api/client";
import { RunsSchema } from "@/lib/agent-api/runs";
import { startSimulator, type Simulator } from "../support/processes";
import { control } from "./helpers";

/** `--agents N`: one simulator process serving N independent agents, each with its own control scope. */
describe("one simulator serving several agents", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator(["--agents", "3", "--runs", "4", "--no-token-auth"]);
  });
  afterAll(() => sim?.stop());

  const status = async (url: string) =>
    AgentClientStatusSchema.parse(await (await fetch(`${url}/api/v3/client`)).json());
  const runs = async (url: string) => RunsSchema.parse(await (await fetch(`${url}/api/v3/runs`)).json());

  it("listens on one port per agent, each its own world (seeds 42, 43, 44)", async () => {
    expect(sim.urls).toHaveLength(3);
    expect(new Set(sim.urls).size).toBe(3);
    const ids = await Promise.all(sim.urls.map(async (u) => (await status(u)).deviceid));
    expect(new Set(ids).size).toBe(3);
    for (const url of sim.urls) expect(await runs(url)).toHaveLength(4);
    const names = await Promise.all(sim.urls.map(async (u) => (await runs(u)).map((r) => r.size_total).join()));
    expect(new Set(names).size).toBe(3);
  });

  it("/agents/{i}/... controls agent i alone; a bare path is the first agent's", async () => {
    expect((await control(sim, "PUT", "/agents/2/state", { paused: true, runs: 7 })).status).toBe(200);
    expect((await status(sim.urls[2]!)).paused).toBe(true);
    expect(await runs(sim.urls[2]!)).toHaveLength(7);
    expect((await status(sim.urls[0]!)).paused).toBe(false);
    expect((await status(sim.urls[1]!)).paused).toBe(false);

    expect((await control(sim, "PUT", "/faults", { kind: "http500" })).status).toBe(200);
    expect((await fetch(`${sim.urls[0]}/api/v3/runs`)).status).toBe(500);
    expect((await fetch(`${sim.urls[1]}/api/v3/runs`)).status).toBe(200);
    await control(sim, "DELETE", "/faults");

    await fetch(`${sim.urls[1]}/api/v3/tags`);
    const log = await control<{ path: string }[]>(sim, "GET", "/agents/1/requests");
    expect(log.body.map((e) => e.path)).toContain("/api/v3/tags");
    const first = await control<{ path: string }[]>(sim, "GET", "/agents/0/requests");
    expect(first.body.map((e) => e.path)).not.toContain("/api/v3/tags");
  });

  it("answers 404 for an agent it does not serve", async () => {
    const res = await control<{ error: string }>(sim, "GET", "/agents/3/state");
    expect(res.status).toBe(404);
    expect(res.body.error).toBe("no agent 3: this simulator serves 3");
  });
});
