import { describe, expect, it } from "vitest";
import { RunsSchema, type Run } from "@/lib/agent-api/runs";
import { parseArgs } from "@/lib/simulator/cli";
import { World } from "@/lib/simulator/world";

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const world = (activePercent: number | null, runs: number) => new World({ seed: 42, runs, now: NOW, activePercent });
const sig = (r: Run) => `${r.status}|${r.size_completed}|${r.transferred_up}|${r.down_speed}|${r.up_speed}|${r.eta}`;
const changedBy = (before: Run[], after: Run[]) => after.filter((r, i) => sig(r) !== sig(before[i]!)).length;

describe("--active-percent (a realistic mix)", () => {
  it("parses 0–100 and defaults to the busy mix", () => {
    const r = parseArgs(["--active-percent", "5"]);
    expect(r.ok && "options" in r && r.options.activePercent).toBe(5);
    const d = parseArgs([]);
    expect(d.ok && "options" in d && d.options.activePercent).toBeNull();
    for (const bad of ["101", "-1", "2.5", "x"]) {
      const e = parseArgs(["--active-percent", bad]);
      expect(!e.ok && e.error).toMatch(/--active-percent/);
    }
  });

  it("moves about that share of runs per tick, and keeps doing so, where the default moves far more", () => {
    const realistic = world(5, 2000);
    const busy = world(null, 2000);
    expect(RunsSchema.safeParse(JSON.parse(realistic.runsJson())).success).toBe(true);
    let realisticMax = 0;
    let busyMin = Infinity;
    // Ten minutes of five-second ticks: an idle run never wakes up, so the share does not drift.
    for (let t = 0; t < 120; t++) {
      const [a, b] = [realistic.runs(), busy.runs()];
      realistic.tick(5000);
      busy.tick(5000);
      realisticMax = Math.max(realisticMax, changedBy(a, realistic.runs()));
      busyMin = Math.min(busyMin, changedBy(b, busy.runs()));
    }
    expect(realisticMax).toBeLessThanOrEqual(2000 * 0.06);
    expect(realisticMax).toBeGreaterThan(2000 * 0.02);
    expect(busyMin).toBeGreaterThan(2000 * 0.25);
  });

  it("keeps the runs' identities and is deterministic for a seed", () => {
    const [a, b, busy] = [world(5, 300).runs(), world(5, 300).runs(), world(null, 300).runs()];
    expect(a).toEqual(b);
    expect(a.map((r) => [r.run_id, r.name, r.size_total])).toEqual(busy.map((r) => [r.run_id, r.name, r.size_total]));
    expect(
      a.filter((r) => r.status === "syncing" || r.status === "downloading" || r.status === "executing script").length,
    ).toBeGreaterThan(0);
  });

  it("an idle run set by hand moves on from there", () => {
    const w = world(0, 20);
    const run = w.runs().find((r) => r.type === "folder")!;
    w.setRunStatus(run.run_id, "indexing");
    w.tick(1000);
    // A still run would stay "indexing" for ever; a moving one leaves it once its phase is over.
    expect(w.run(run.run_id)!.status).not.toBe("indexing");
  });
});
