import { describe, expect, it } from "vitest";
import { AgentClientStatusSchema, KNOWN_SERVER_STATES } from "@/lib/agent-api/client";
import {
  FOLDER_STATUSES,
  GENERAL_STATUSES,
  RunsSchema,
  SCRIPT_STATUSES,
  TRANSFER_STATUSES,
  type Run,
} from "@/lib/agent-api/runs";
import { MAX_SPEED, MIN_SPEED } from "@/lib/simulator/run-types";
import { World } from "@/lib/simulator/world";

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const world = (runs = 25, seed = 7) => new World({ seed, runs, now: NOW });
const DOCUMENTED: Record<string, readonly string[]> = {
  folder: [...GENERAL_STATUSES, ...FOLDER_STATUSES],
  transfer: [...GENERAL_STATUSES, ...TRANSFER_STATUSES],
  script: [...GENERAL_STATUSES, ...SCRIPT_STATUSES],
};
const moving = (r: Run) => r.status === "syncing" || r.status === "downloading";

describe("World fixtures", () => {
  it("creates the requested number of runs, all valid against the agent-api schemas", () => {
    for (const n of [0, 1, 5, 25, 300]) {
      const w = world(n);
      expect(w.runs()).toHaveLength(n);
      expect(RunsSchema.safeParse(JSON.parse(w.runsJson())).success).toBe(true);
    }
    const client = world().client();
    const parsed = AgentClientStatusSchema.parse(client);
    expect(client.restartRequired).toBe("true"); // the documented string, not a boolean
    expect(parsed.restartRequired).toBe(true);
    expect(client.server?.state).toBe("CONNECTED");
    expect(client.server?.last_seen).toBe(NOW / 1000);
  });

  it("uses only documented types and statuses, unique run ids, and a realistic mix", () => {
    const runs = world(5000).runs();
    const share = (pred: (r: Run) => boolean) => runs.filter(pred).length / runs.length;
    expect(runs.filter((r) => !DOCUMENTED[r.type]?.includes(r.status)).map((r) => `${r.type}/${r.status}`)).toEqual([]);
    expect(new Set(runs.map((r) => r.run_id)).size).toBe(runs.length);
    expect(share((r) => r.type === "folder")).toBeCloseTo(0.6, 1);
    expect(share((r) => r.type === "transfer")).toBeCloseTo(0.3, 1);
    expect(share((r) => r.type === "script")).toBeCloseTo(0.1, 1);
    expect(share((r) => r.status === "error")).toBeGreaterThan(0.07);
    expect(share((r) => r.status === "error")).toBeLessThan(0.13);
    for (const s of [
      "no peers",
      "indexing",
      "waiting for files from source",
      "seeding",
      "synced",
      "executing script",
    ]) {
      expect(
        runs.some((r) => r.status === s),
        s,
      ).toBe(true);
    }
    for (const p of ["rw", "ro", "sro"]) expect(runs.some((r) => r.permission === p)).toBe(true);
  });

  it("includes non-ASCII names, Windows paths and errors of mixed shapes", () => {
    const runs = world(25).runs();
    const names = runs.map((r) => r.name);
    for (const n of ["Проекты", "東京オフィス", "Café Réunion", "Ünïcödé 📁"]) expect(names).toContain(n);
    expect(runs[0]).toMatchObject({ name: "FullSync", path: "C:\\UserData\\FullSync", run_id: 543, id: 384 });
    const errors = runs.filter((r) => r.status === "error").flatMap((r) => r.errors ?? []);
    expect(runs.filter((r) => r.status === "error").every((r) => (r.errors?.length ?? 0) > 0)).toBe(true);
    const all = world(100)
      .runs()
      .flatMap((r) => r.errors ?? []);
    expect(all.some((e) => typeof e === "string")).toBe(true);
    expect(all.some((e) => typeof e === "object" && e !== null && "code" in e && "message" in e)).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("is deterministic for a seed, and the first runs do not depend on the count", () => {
    const a = world(50, 1);
    const b = world(50, 1);
    for (let i = 0; i < 30; i++) {
      a.tick(1000);
      b.tick(1000);
    }
    expect(a.runsJson()).toBe(b.runsJson());
    expect(world(50, 2).runsJson()).not.toBe(world(50, 1).runsJson());
    expect(
      world(10, 3)
        .runs()
        .map((r) => r.name + r.run_id),
    ).toEqual(
      world(40, 3)
        .runs()
        .slice(0, 10)
        .map((r) => r.name + r.run_id),
    );
    expect(a.client().deviceid).toMatch(/^[A-Z2-7]{32}$/);
    expect(a.client().deviceidHex).toMatch(/^[0-9A-F]{40}$/);
  });
});

describe("World motion", () => {
  it("advances size at down_speed (bytes/s), files proportionally, eta = remaining / speed", () => {
    const w = world(100);
    const before = new Map(w.runs().map((r) => [r.run_id, r]));
    w.tick(2000);
    const still = w.runs().filter((r) => moving(r) && moving(before.get(r.run_id) as Run));
    expect(still.length).toBeGreaterThan(20);
    for (const r of still) {
      const prev = before.get(r.run_id) as Run;
      const moved = (r.size_completed ?? 0) - (prev.size_completed ?? 0);
      expect(moved).toBeGreaterThan(0);
      expect(Math.abs(moved - 2 * (r.down_speed ?? 0))).toBeLessThanOrEqual(2); // 2 s at the new speed
      expect((r.transferred_down ?? 0) - (prev.transferred_down ?? 0)).toBe(moved);
      expect(r.down_speed).toBeGreaterThanOrEqual(MIN_SPEED);
      expect(r.down_speed).toBeLessThanOrEqual(MAX_SPEED);
      expect(r.files_completed).toBe(
        Math.floor(((r.files_total ?? 0) * (r.size_completed ?? 0)) / (r.size_total ?? 1)),
      );
      const remaining = (r.size_total ?? 0) - (r.size_completed ?? 0);
      expect(Math.abs((r.eta ?? 0) - remaining / (r.down_speed ?? 1))).toBeLessThanOrEqual(0.5);
    }
    const speeds = new Set(still.map((r) => r.down_speed));
    expect(speeds.size).toBeGreaterThan(still.length / 2); // speeds vary
  });

  it("walks runs through their life cycles", () => {
    const w = world(60);
    const seen = new Set<string>();
    let prev = w.runs();
    const startSec = w.now / 1000;
    for (let t = 0; t < 900; t++) {
      w.tick(1000);
      const cur = w.runs();
      cur.forEach((r, i) => {
        const p = prev[i] as Run;
        if (p.status !== r.status) seen.add(`${r.type}: ${p.status} -> ${r.status}`);
        if (r.type === "folder" && p.status === "syncing" && r.status === "synced") {
          expect(r.size_completed).toBe(r.size_total);
          expect(r.files_completed).toBe(r.files_total);
          expect(r.eta).toBe(0);
          expect(r.down_speed).toBe(0);
          expect(r.last_synced).toBe(Math.floor(w.now / 1000));
          expect(r.last_synced).toBeGreaterThan(startSec);
        }
        if (r.status === "seeding" && p.status === "seeding") {
          expect(r.up_speed).toBeGreaterThan(0);
          expect(r.transferred_up).toBeGreaterThan(p.transferred_up ?? 0);
        }
      });
      prev = cur;
    }
    for (const t of [
      "folder: syncing -> synced",
      "folder: synced -> indexing",
      "folder: indexing -> syncing",
      "script: executing script -> successfully finished",
    ])
      expect(seen, t).toContain(t);
    expect(
      [...seen].some((t) =>
        /^transfer: downloading -> (seeding|successfully finished|executing post-download script)$/.test(t),
      ),
    ).toBe(true);
    expect(RunsSchema.safeParse(w.runs()).success).toBe(true);
  });

  it("pause sets every run paused with zero speeds and restores the exact statuses on resume", () => {
    const w = world(200);
    w.tick(1000);
    const before = w.runs();
    w.pause();
    expect(w.client().paused).toBe(true);
    const paused = w.runs();
    expect(paused.every((r) => r.status === "paused" && r.down_speed === 0 && r.up_speed === 0 && r.eta === 0)).toBe(
      true,
    );
    w.pause(30); // pausing again must not save "paused" as the previous status
    w.tick(5000);
    expect(w.runs().map((r) => r.size_completed)).toEqual(before.map((r) => r.size_completed)); // nothing moves
    w.resume();
    expect(w.client().paused).toBe(false);
    expect(w.runs()).toEqual(before);
  });

  it("resume_timer resumes by itself after that many seconds", () => {
    const w = world(25);
    const statuses = w.runs().map((r) => r.status);
    w.pause(3);
    w.tick(2000);
    expect(w.isPaused).toBe(true);
    w.tick(1000);
    expect(w.isPaused).toBe(false);
    expect(w.runs().map((r) => r.status)).not.toContain("paused");
    expect(w.runs().filter((r, i) => r.status === statuses[i]).length).toBeGreaterThan(20);
    for (const bad of [0, -1, 1.5, 10 ** 12]) expect(() => w.pause(bad)).toThrow(RangeError);
    // A timer counts from the request, even when the world's clock lags behind it.
    w.pause(2, w.now + 900);
    w.tick(2000);
    expect(w.isPaused).toBe(true);
    w.tick(900);
    expect(w.isPaused).toBe(false);
    expect(w.isPaused).toBe(false);
  });

  it("restart clears restartRequired (field absent) and unpauses", () => {
    const w = world(5);
    w.pause();
    w.restart();
    const c = w.client();
    expect("restartRequired" in c).toBe(false);
    expect(c.paused).toBe(false);
    expect(AgentClientStatusSchema.parse(c).restartRequired).toBe(false);
  });

  it("updates last_seen each tick only while connected; NOT_CONFIGURED has no address", () => {
    const w = world(1);
    w.tick(1500);
    expect(w.client().server?.last_seen).toBe(Math.floor(w.now / 1000));
    w.setServerState("DECLINED");
    const seen = w.client().server?.last_seen;
    w.tick(5000);
    expect(w.client().server).toMatchObject({ state: "DECLINED", last_seen: seen });
    w.setServerState("NOT_CONFIGURED");
    expect(w.client().server).toEqual({ state: "NOT_CONFIGURED" });
    for (const s of KNOWN_SERVER_STATES) {
      w.setServerState(s);
      expect(AgentClientStatusSchema.safeParse(w.client()).success).toBe(true);
    }
  });

  it("upserts tags by name, never deletes", () => {
    const w = world(1);
    expect(w.tags()).toEqual([
      { name: "SITE", value: "Berlin" },
      { name: "ROLE", value: "render-node" },
    ]);
    w.upsertTags([
      { name: "SITE", value: "Hamburg" },
      { name: "TIER", value: "gold" },
    ]);
    w.upsertTags([]);
    expect(w.tags()).toEqual([
      { name: "SITE", value: "Hamburg" },
      { name: "ROLE", value: "render-node" },
      { name: "TIER", value: "gold" },
    ]);
  });

  it("handles 5000 runs cheaply", () => {
    const w = world(5000);
    for (let i = 0; i < 5; i++) w.tick(1000); // warm up the JIT
    // Best of three, so a busy CI machine does not turn a timing check into a flaky one.
    let tickMs = Infinity;
    let jsonMs = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      w.tick(1000);
      const t1 = performance.now();
      w.runsJson();
      tickMs = Math.min(tickMs, t1 - t0);
      jsonMs = Math.min(jsonMs, performance.now() - t1);
    }
    const json = w.runsJson();
    expect(w.runsJson()).toBe(json); // cached until the next change
    expect(JSON.parse(json)).toHaveLength(5000);
    expect(tickMs).toBeLessThan(25);
    expect(jsonMs).toBeLessThan(100);
  });
});
