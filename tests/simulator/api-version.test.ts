import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../support/processes";
import { agent, control, getToken } from "./helpers";

describe("--api-version 2: an agent older than 3.0", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator(["--api-version", "2"]);
  });
  afterAll(() => sim.stop());

  it("answers GET /api/v2/client with {data:{…}} and no token, and 404 to every v3 path", async () => {
    const res = await agent(sim, "/api/v2/client");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Record<string, unknown> };
    expect(body).toEqual({
      data: { peerid: expect.stringMatching(/^[0-9A-F]{40}$/), name: expect.any(String), paused: false },
    });
    for (const path of ["/api/v3/token", "/api/v3/client", "/api/v3/runs", "/api/v3/tags", "/api/v3/runs/1"])
      expect((await agent(sim, path)).status, path).toBe(404);
    expect((await agent(sim, "/api/v2/client", undefined, { method: "PATCH" })).status).toBe(405);
  });
});

describe("the not-found fault: an agent without an endpoint", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator(["--fault", "not-found", "--fault-paths", "/api/v3/runs,/api/v3/tags"]);
  });
  afterAll(() => sim.stop());

  it("answers 404 {error} on the listed paths, does not act on them, and serves the rest", async () => {
    const token = await getToken(sim);
    const runs = await agent(sim, "/api/v3/runs", token);
    expect([runs.status, await runs.json()]).toEqual([404, { error: "not found" }]);
    expect((await agent(sim, "/api/v3/runs/1", token)).status).toBe(404);
    const patch = await agent(sim, "/api/v3/tags", token, {
      method: "PATCH",
      body: JSON.stringify({ tags: [{ name: "SITE", value: "Lab" }] }),
    });
    expect(patch.status).toBe(404);
    const tags = (await control<{ tags: { name: string; value: string }[] }>(sim, "GET", "/state")).body.tags;
    expect(tags.length).toBeGreaterThan(0);
    expect(tags).not.toContainEqual({ name: "SITE", value: "Lab" });
    expect((await agent(sim, "/api/v3/client", token)).status).toBe(200);
  });
});
