import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getHealth } from "@/app/api/health/route";
import { freePort, startSimulator, type Simulator } from "../support/processes";
import { params, request, setEnv } from "./helpers";

type Health = {
  status: string;
  agents: { id: string; name: string; reachable: boolean; error?: string; checkedAt: number }[];
};

/** Two agents, one of them never reachable: health is per agent, and strict mode fails on either. */
describe("GET /api/health with several agents", () => {
  let sim: Simulator;
  let restore: () => void;
  let dir: string;

  beforeAll(async () => {
    sim = await startSimulator(["--runs", "3"]);
    dir = mkdtempSync(path.join(tmpdir(), "agent-deck-health-"));
    const file = path.join(dir, "agents.json");
    const nobody = `http://127.0.0.1:${await freePort()}`;
    writeFileSync(
      file,
      JSON.stringify([
        { id: "office", name: "Office", url: sim.url },
        { id: "gone", name: "Gone", url: nobody },
      ]),
    );
    restore = setEnv({ AGENTS_FILE: file, POLL_INTERVAL_MS: "200", PORT: "3841", DASHBOARD_PASSWORD: undefined });
  });
  afterAll(async () => {
    restore();
    rmSync(dir, { recursive: true, force: true });
    await sim.stop();
  });

  it("reports each agent's reachability with 200, and 503 under ?strict=1 while any is unreachable", async () => {
    // Right after start-up, the collectors' first polls are awaited: no agent is reported unchecked.
    const res = await getHealth(request("/api/health"), params({}));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Health;
    expect(body.status).toBe("degraded");
    expect(body.agents.map((a) => [a.id, a.reachable])).toEqual([
      ["office", true],
      ["gone", false],
    ]);
    expect(body.agents[1]!.error).toMatch(/Cannot reach the agent/);
    expect(body.agents[1]!.error).not.toContain("127.0.0.1");
    for (const a of body.agents) expect(a.checkedAt).toBeGreaterThan(Date.now() - 60_000);

    const strict = await getHealth(request("/api/health?strict=1"), params({}));
    expect(strict.status).toBe(503);
    expect(((await strict.json()) as Health).agents[0]!.reachable).toBe(true);
  });
});
