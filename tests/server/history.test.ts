import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import { AgentHistory } from "@/lib/server/history";

const run = (run_id: number, down_speed: number, up_speed = 0): Run => ({ run_id, name: `R${run_id}`, type: "folder", status: "syncing", down_speed, up_speed });

describe("AgentHistory stays bounded however long it runs", () => {
  it("holds exactly `capacity` points after far more samples than that (15 min at a 1 s poll = 900)", () => {
    const h = new AgentHistory(1000, 900);
    expect(h.capacity).toBe(900);
    const sizes = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      h.record([run(1, i, 1)], i * 1000);
      if (i >= 900) sizes.add(h.points().length);
    }
    expect([...sizes]).toEqual([900]);
    const points = h.points();
    expect(points[0]).toEqual({ t: 19_100_000, down: 19_100, up: 1 });
    expect(points.at(-1)).toEqual({ t: 19_999_000, down: 19_999, up: 1 });
    // The run's own buffer is the same ring: never more than capacity points either.
    expect(h.points("1")).toHaveLength(900);
  });

  it("drops a run's buffer as soon as the agent no longer lists it", () => {
    const h = new AgentHistory(1000, 60);
    h.record([run(1, 10), run(2, 20), run(3, 30)], 0);
    h.record([run(1, 11), run(3, 31)], 1000);
    expect(h.trackedRuns).toBe(2);
    expect(h.points("2")).toEqual([]);
    expect(h.points("3")).toEqual([{ t: 0, down: 30, up: 0 }, { t: 1000, down: 31, up: 0 }]);
    // The agent's total still has both samples.
    expect(h.points().map((p) => p.down)).toEqual([60, 42]);
  });

  it("caps per-run buffers, and frees them for new runs as old ones vanish", () => {
    const h = new AgentHistory(1000, 900);
    const cap = h.maxTrackedRuns;
    expect(cap).toBeGreaterThan(100);
    // Churn: every sample lists cap + 50 runs, 100 of them new (the oldest 100 vanish).
    let first = 0;
    for (let i = 0; i < 30; i++, first += 100) {
      const runs = Array.from({ length: cap + 50 }, (_, k) => run(first + k, 1));
      h.record(runs, i * 1000);
      expect(h.trackedRuns).toBe(cap);
    }
    expect(h.points().at(-1)).toEqual({ t: 29_000, down: cap + 50, up: 0 });
    // Vanished runs have no history left; a new run gets a buffer once others have vanished.
    expect(h.points("0")).toEqual([]);
    expect(h.points(String(first - 100 + cap - 1))).toEqual([{ t: 29_000, down: 1, up: 0 }]);
    expect(h.points(String(first - 100 + 2)).length).toBeGreaterThan(1);
  });

  it("several fetches within one interval update that interval's point instead of adding points", () => {
    const spaced = new AgentHistory(1000, 60);
    // Uneven polls (a read or a change starts an extra one): never two points under an interval apart.
    for (const t of [0, 900, 1700, 1980, 2700, 3500]) spaced.record([run(1, 1)], t);
    const times = spaced.points().map((p) => p.t);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    const h = new AgentHistory(1000, 60);
    for (let k = 0; k < 50; k++) h.record([run(1, k)], 5000 + k * 10);
    // The point keeps its first sample's time, so points stay at least an interval apart.
    expect(h.points()).toEqual([{ t: 5000, down: 49, up: 0 }]);
  });
});
