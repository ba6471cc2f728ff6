import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentClientStatusSchema } from "@/lib/agent-api/client";
import { RunSchema, RunsSchema, type Run } from "@/lib/agent-api/runs";
import { TagsResponseSchema } from "@/lib/agent-api/tags";
import { startSimulator, type Simulator } from "../support/processes";
import { agent, getToken, waitUntil } from "./helpers";

const PATCH = { method: "PATCH" } as const;
const patchJson = (body: unknown): RequestInit => ({
  method: "PATCH",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("agent endpoints over HTTP", () => {
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator(["--runs", "25", "--tick-ms", "100"]);
    token = await getToken(sim);
  });
  afterAll(() => sim?.stop());

  it("prints one listening line and issues a 26-character base32 token", async () => {
    const line =
      sim
        .output()
        .split("\n")
        .find((l) => l.includes('"event":"listening"')) ?? "";
    expect(JSON.parse(line)).toEqual({
      event: "listening",
      port: sim.port,
      ports: [sim.port],
      controlPort: expect.any(Number),
      tokenAuth: true,
    });
    expect(token).toMatch(/^[A-Z2-7]{26}$/);
    expect(await getToken(sim)).toBe(token); // stable until a restart or rotation
  });

  it("answers 401 {error} to a missing or wrong token on every other endpoint", async () => {
    const paths = ["/api/v3/client", "/api/v3/runs", "/api/v3/runs/543", "/api/v3/tags"];
    for (const path of paths) {
      for (const t of [undefined, "", "WRONGTOKENWRONGTOKENWRONGT", token.toLowerCase()]) {
        const res = await agent(sim, path, t);
        expect(res.status, `${path} token=${t}`).toBe(401);
        expect(await res.json()).toEqual({ error: "invalid token" });
      }
    }
    expect((await agent(sim, "/api/v3/client?paused=true", undefined, PATCH)).status).toBe(401);
    expect((await agent(sim, "/api/v3/tags", "nope", patchJson({ tags: [{ name: "X", value: "1" }] }))).status).toBe(
      401,
    );
    const status = await (await agent(sim, "/api/v3/client", token)).json();
    expect(status.paused).toBe(false); // the refused PATCH did nothing
  });

  it("GET /api/v3/client returns the documented status", async () => {
    const res = await agent(sim, "/api/v3/client", token);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await res.json();
    expect(AgentClientStatusSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ paused: false, restartRequired: "true", server: { state: "CONNECTED" } });
    expect(Object.keys(body)).toEqual(["deviceid", "deviceidHex", "name", "paused", "restartRequired", "server"]);
    expect(Math.abs(body.server.last_seen - Date.now() / 1000)).toBeLessThan(5);
  });

  it("GET /api/v3/runs and /api/v3/runs/{run_id}", async () => {
    const runs = RunsSchema.parse(await (await agent(sim, "/api/v3/runs", token)).json());
    expect(runs).toHaveLength(25);
    const first = runs[0] as Run;
    const one = await agent(sim, `/api/v3/runs/${first.run_id}`, token);
    expect(one.status).toBe(200);
    expect(RunSchema.parse(await one.json())).toMatchObject({
      run_id: first.run_id,
      name: first.name,
      path: first.path,
    });
    const missing = await agent(sim, "/api/v3/runs/999999", token);
    expect([missing.status, await missing.json()]).toEqual([404, { error: "not found" }]);
    expect((await agent(sim, "/api/v3/runs/abc", token)).status).toBe(400);
    expect((await agent(sim, "/api/v3/runs/%E0", token)).status).toBe(400);
  });

  it("404 for unknown paths, 405 with Allow for wrong methods", async () => {
    for (const path of ["/", "/api/v3", "/api/v3/runs/", "/api/v3/clients", "/api/v4/client"]) {
      expect((await agent(sim, path, token)).status, path).toBe(404);
    }
    const wrong = await agent(sim, "/api/v3/runs", token, { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect((await agent(sim, "/api/v3/token", undefined, { method: "POST" })).status).toBe(405);
    expect((await agent(sim, "/api/v3/tags", token, { method: "PUT", body: "{}" })).status).toBe(405);
  });

  it("tags: list, create or update (no delete), 400 on a bad body", async () => {
    const get = async () => TagsResponseSchema.parse(await (await agent(sim, "/api/v3/tags", token)).json()).tags;
    expect(await get()).toEqual([
      { name: "SITE", value: "Berlin" },
      { name: "ROLE", value: "render-node" },
    ]);
    const res = await agent(
      sim,
      "/api/v3/tags",
      token,
      patchJson({
        tags: [
          { name: "SITE", value: "Zürich" },
          { name: "OWNER", value: "Ана" },
        ],
      }),
    );
    expect([res.status, await res.json()]).toEqual([200, {}]);
    expect(await get()).toEqual([
      { name: "SITE", value: "Zürich" },
      { name: "ROLE", value: "render-node" },
      { name: "OWNER", value: "Ана" },
    ]);
    for (const bad of [
      "",
      "{",
      "[]",
      '{"tags":{}}',
      '{"tags":[{"name":"A"}]}',
      '{"tags":[{"name":"","value":"x"}]}',
      '{"tags":[{"name":1,"value":"x"}]}',
    ]) {
      expect((await agent(sim, "/api/v3/tags", token, { method: "PATCH", body: bad })).status, bad).toBe(400);
    }
    expect(await get()).toHaveLength(3);
  });

  it("PATCH /api/v3/client rejects invalid values with 400", async () => {
    const bad: [string, RequestInit][] = [
      ["?paused=maybe", PATCH],
      ["?paused=true&resume_timer=abc", PATCH],
      ["?paused=true&resume_timer=0", PATCH],
      ["?paused=true&resume_timer=1.5", PATCH],
      ["?paused=false&resume_timer=5", PATCH],
      ["?resume_timer=5", PATCH],
      ["", PATCH],
      ["", patchJson({ paused: true })],
      ["", patchJson({ restart: false })],
      ["", patchJson({ restart: "true" })],
      ["", { method: "PATCH", body: "{restart: true}" }],
    ];
    for (const [query, init] of bad) {
      const res = await agent(sim, `/api/v3/client${query}`, token, init);
      expect(res.status, `${query} ${String(init.body)}`).toBe(400);
      expect(await res.json()).toHaveProperty("error");
    }
    expect((await (await agent(sim, "/api/v3/client", token)).json()).paused).toBe(false);
  });

  it("pause with resume_timer=1 pauses every run, then resumes by itself", async () => {
    const sentAt = Date.now();
    const res = await agent(sim, "/api/v3/client?paused=true&resume_timer=1", token, PATCH);
    expect([res.status, await res.json()]).toEqual([200, {}]);
    expect((await (await agent(sim, "/api/v3/client", token)).json()).paused).toBe(true);
    const runs = RunsSchema.parse(await (await agent(sim, "/api/v3/runs", token)).json());
    expect(runs.every((r) => r.status === "paused" && r.down_speed === 0 && r.up_speed === 0 && r.eta === 0)).toBe(
      true,
    );
    await waitUntil(
      "auto-resume",
      async () => ((await (await agent(sim, "/api/v3/client", token)).json()).paused === false ? true : undefined),
      4000,
    );
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1000);
    const after = RunsSchema.parse(await (await agent(sim, "/api/v3/runs", token)).json());
    expect(after.some((r) => r.status === "paused")).toBe(false);
    expect(after.some((r) => r.status === "syncing" && (r.down_speed ?? 0) > 0)).toBe(true);
  });
});

describe("--no-token-auth", () => {
  let sim: Simulator;
  // A very long tick: the world stands still, so pause/resume can be compared exactly over HTTP.
  beforeAll(async () => (sim = await startSimulator(["--runs", "40", "--no-token-auth", "--tick-ms", "60000"])));
  afterAll(() => sim?.stop());

  it("ignores the token parameter", async () => {
    expect(sim.output()).toContain('"tokenAuth":false');
    for (const t of [undefined, "garbage"]) {
      const res = await agent(sim, "/api/v3/client", t);
      expect(res.status).toBe(200);
      expect(AgentClientStatusSchema.safeParse(await res.json()).success).toBe(true);
    }
    expect((await agent(sim, "/api/v3/runs")).status).toBe(200);
  });

  it("pause then resume restores every run's status", async () => {
    const before = RunsSchema.parse(await (await agent(sim, "/api/v3/runs")).json());
    expect((await agent(sim, "/api/v3/client?paused=true", undefined, PATCH)).status).toBe(200);
    const paused = RunsSchema.parse(await (await agent(sim, "/api/v3/runs")).json());
    expect(new Set(paused.map((r) => r.status))).toEqual(new Set(["paused"]));
    expect((await agent(sim, "/api/v3/client?paused=false", undefined, PATCH)).status).toBe(200);
    const after = RunsSchema.parse(await (await agent(sim, "/api/v3/runs")).json());
    expect(after).toEqual(before);
  });
});
