import http from "node:http";
import type net from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import { runHasErrors } from "@/lib/agent-api/status-groups";
import { applyRunsDelta, type RunsDelta } from "@/lib/domain/run-delta";
import { requireAgent, stopCollectors } from "@/lib/server/agents";
import { frontDoor } from "@/lib/server/front-door";
import { getMetrics } from "@/lib/server/metrics";
import { snapshotHook } from "@/lib/server/snapshot-hook";
import { startSimulator, type Simulator } from "../support/processes";
import { SimControl, setEnv, sleep } from "./helpers";

/**
 * GET /api/agents/{id}/snapshot[?since=] through the entry's hooks, against the real simulator: a
 * full snapshot, then deltas that rebuild exactly what a full snapshot says, the same bytes for every
 * viewer, and a full snapshot again whenever the base is unknown (too old, or from another boot).
 */
type Full = {
  version: string;
  fetchedAt: number;
  status: { paused: boolean };
  runs: Run[];
  tags: { name: string; value: string }[];
  summary: { total: number };
};
type Delta = Omit<Full, "runs" | "status" | "tags"> & {
  base: string;
  status?: { paused: boolean };
  tags?: unknown[];
  runs: RunsDelta;
};

describe("snapshot route (real simulator)", () => {
  let sim: Simulator;
  let control: SimControl;
  let server: http.Server;
  let base: string;
  let restore: () => void;

  beforeAll(async () => {
    sim = await startSimulator(["--runs", "200"]);
    control = new SimControl(sim);
    server = http.createServer((req, res) => frontDoor(req, res) || snapshotHook(req, res) || res.writeHead(404).end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    restore = setEnv({
      AGENT_URL: sim.url,
      PORT: String(port),
      POLL_INTERVAL_MS: "200",
      BACKGROUND_POLL_MS: "200",
      DASHBOARD_PASSWORD: undefined,
      AGENTS_FILE: undefined,
    });
  });
  afterAll(async () => {
    stopCollectors();
    restore();
    server.close();
    await sim.stop();
  });

  const get = async (path: string, gzip = false) => {
    const res = await fetch(base + path, { headers: gzip ? { "accept-encoding": "gzip" } : {} });
    return { res, body: (await res.json()) as unknown };
  };
  /** Waits for a snapshot newer than `version` (a poll that saw the runs move): waited for, not slept on. */
  const nextPoll = (version: string) =>
    expect
      .poll(async () => ((await get("/api/agents/local/snapshot")).body as Full).version, { interval: 50 })
      .not.toBe(version);

  it("answers the full snapshot, then deltas that rebuild what a full snapshot says", async () => {
    const first = (await get("/api/agents/local/snapshot")).body as Full;
    expect(first.version).toMatch(/^[0-9a-f]{8}\.\d+$/);
    expect(first.runs).toHaveLength(200);
    expect(first.summary.total).toBe(200);
    let held = first.runs;
    let version = first.version;
    for (let i = 0; i < 5; i++) {
      // Spaced like a viewer's polls: a delta may or may not carry a new version.
      await sleep(450);
      const { body } = await get(`/api/agents/local/snapshot?since=${version}`);
      const delta = body as Delta;
      expect(delta.base).toBe(version);
      held = applyRunsDelta(held, delta.runs);
      const truth = (await get("/api/agents/local/snapshot")).body as Full;
      // The same version as the delta, or later if a poll landed in between.
      if (truth.version === delta.version) expect(held).toEqual(truth.runs);
      version = delta.version;
    }
    // The busy simulator moves runs every poll: deltas carry some runs, not all of them.
    const last = (await get(`/api/agents/local/snapshot?since=${first.version}`)).body as Delta;
    expect(last.runs.changed.length).toBeGreaterThan(0);
  });

  it("a pause shows in the delta's status; unchanged parts are left out", async () => {
    const before = (await get("/api/agents/local/snapshot")).body as Full;
    await control.setState({ paused: true });
    const since = async () => (await get(`/api/agents/local/snapshot?since=${before.version}`)).body as Delta;
    await expect.poll(async () => (await since()).status?.paused).toBe(true);
    const delta = await since();
    expect(delta.status?.paused).toBe(true);
    expect(delta.tags).toBeUndefined();
    await control.setState({ paused: false });
  });

  it("an unknown base (another boot, or aged out) gets the full snapshot; a malformed one 400", async () => {
    const other = (await get("/api/agents/local/snapshot?since=0badc0de.5")).body as Full & { base?: string };
    expect(other.base).toBeUndefined();
    expect(other.runs).toHaveLength(200);
    const { res, body } = await get("/api/agents/local/snapshot?since=nope");
    expect(res.status).toBe(400);
    expect(body).toMatchObject({ error: { code: "invalid_input", fields: { since: [expect.any(String)] } } });
    expect((await get("/api/agents/NOPE/snapshot")).res.status).toBe(400);
    expect((await get("/api/agents/other/snapshot")).res.status).toBe(404);
  });

  it("encodes each body once per poll: fifty viewers of one version share the bytes", async () => {
    const first = (await get("/api/agents/local/snapshot")).body as Full;
    await nextPoll(first.version);
    const encodings = async () => (await getMetrics().snapshotEncodings.get()).values.reduce((n, v) => n + v.value, 0);
    const collector = requireAgent("local").collector;
    const before = await encodings();
    const pollsBefore = collector.polls;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${base}/api/agents/local/snapshot?since=${first.version}`, { headers: { "accept-encoding": "gzip" } }),
      ),
    );
    for (const res of answers) {
      expect(res.headers.get("content-encoding")).toBe("gzip");
      expect(((await res.json()) as Delta).base).toBe(first.version);
    }
    // One encoding per poll that answered (polls go on during the burst), not one per viewer.
    expect((await encodings()) - before).toBeLessThanOrEqual(collector.polls - pollsBefore + 1);
  });

  it("the fleet route answers every agent in one body, each part as its own route would", async () => {
    const one = (await get("/api/agents/local/snapshot")).body as Full;
    const { body } = await get(`/api/snapshot?since=local:${one.version}`, true);
    const fleet = body as { agents: { id: string; name: string; snapshot: Delta }[] };
    expect(fleet.agents.map((a) => a.id)).toEqual(["local"]);
    expect(fleet.agents[0]!.snapshot.base).toBe(one.version);
    expect((await get("/api/snapshot?since=local")).res.status).toBe(400);
  });

  it("?parts=summary answers each agent's status, summary and first runs with errors, without runs", async () => {
    // Paused, the runs stand still, so the summary answer and the full snapshot describe one moment.
    await control.setState({ paused: true });
    await expect.poll(async () => ((await get("/api/agents/local/snapshot")).body as Full).status.paused).toBe(true);
    const full = (await get("/api/agents/local/snapshot")).body as Full;
    const failing = full.runs.filter(runHasErrors);
    expect(failing.length).toBeGreaterThan(3);
    const { res, body } = await get("/api/snapshot?parts=summary", true);
    expect(res.status).toBe(200);
    const fleet = body as { agents: { id: string; snapshot: Record<string, unknown> }[] };
    const snap = fleet.agents[0]!.snapshot;
    expect(Object.keys(snap).sort()).toEqual(["errorRuns", "fetchedAt", "status", "summary", "version"]);
    expect(snap.errorRuns).toEqual(failing.slice(0, 3).map((r) => ({ run_id: r.run_id, name: r.name })));
    expect(snap.summary).toEqual(full.summary);
    expect((snap.status as { paused: boolean }).paused).toBe(true);
    await control.setState({ paused: false });
    const bad = await get("/api/snapshot?parts=runs");
    expect(bad.res.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { code: "invalid_input", fields: { parts: [expect.stringContaining("summary")] } },
    });
  });

  it("gzip on the wire when asked", () =>
    new Promise<void>((resolve, reject) => {
      http
        .get(`${base}/api/agents/local/snapshot`, { headers: { "accept-encoding": "gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            try {
              expect(res.headers["content-encoding"]).toBe("gzip");
              expect((JSON.parse(gunzipSync(Buffer.concat(chunks)).toString()) as Full).runs).toHaveLength(200);
              resolve();
            } catch (e) {
              reject(e as Error);
            }
          });
        })
        .on("error", reject);
    }));
});
