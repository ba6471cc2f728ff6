import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import { fleetPercent, summarizeRuns, wallOrder } from "@/lib/domain/summary";

const run = (over: Partial<Run> & Pick<Run, "run_id">): Run => ({
  name: `run ${over.run_id}`,
  type: "folder",
  status: "synced",
  ...over,
});

describe("summarizeRuns", () => {
  it("counts, sums speeds, groups statuses, counts errors and computes percent by size", () => {
    const s = summarizeRuns([
      run({ run_id: 1, status: "syncing", down_speed: 100, up_speed: 5, size_completed: 50, size_total: 100 }),
      run({ run_id: 2, status: "synced", size_completed: 100, size_total: 100 }),
      run({ run_id: 3, status: "error", errors: ["disk full"] }),
      run({ run_id: 4, status: "something new", down_speed: 1 }),
      run({ run_id: 5, status: "paused", errors: [{ code: 1 }] }),
    ]);
    expect(s).toEqual({
      total: 5,
      down: 101,
      up: 5,
      byGroup: { error: 1, active: 1, paused: 1, done: 1, idle: 1 },
      withErrors: 2,
      sizeCompleted: 150,
      sizeTotal: 200,
      percent: 75,
    });
  });

  it("gives zeros and no percent for an empty list", () => {
    expect(summarizeRuns([])).toEqual({
      total: 0,
      down: 0,
      up: 0,
      byGroup: { error: 0, active: 0, paused: 0, done: 0, idle: 0 },
      withErrors: 0,
      sizeCompleted: 0,
      sizeTotal: 0,
      percent: undefined,
    });
  });

  it("counts negative, NaN, infinite and missing speeds as zero", () => {
    const s = summarizeRuns([
      run({ run_id: 1, down_speed: -50, up_speed: Number.NaN }),
      run({ run_id: 2, down_speed: Number.POSITIVE_INFINITY, up_speed: Number.NEGATIVE_INFINITY }),
      run({ run_id: 3 }),
      run({ run_id: 4, down_speed: 7, up_speed: 3 }),
    ]);
    expect(s.down).toBe(7);
    expect(s.up).toBe(3);
  });

  it("clamps each run's completed size into [0, size_total]", () => {
    const s = summarizeRuns([
      run({ run_id: 1, size_completed: 150, size_total: 100 }),
      run({ run_id: 2, size_completed: -20, size_total: 100 }),
      run({ run_id: 3, size_completed: Number.NaN, size_total: 100 }),
      run({ run_id: 4, size_total: 100 }),
    ]);
    expect(s.sizeCompleted).toBe(100);
    expect(s.sizeTotal).toBe(400);
    expect(s.percent).toBe(25);
  });

  it("leaves out runs without a usable size_total", () => {
    const s = summarizeRuns([
      run({ run_id: 1, size_completed: 10, size_total: 0 }),
      run({ run_id: 2, size_completed: 10, size_total: -5 }),
      run({ run_id: 3, size_completed: 10, size_total: Number.NaN }),
      run({ run_id: 4, size_completed: 10, size_total: Number.POSITIVE_INFINITY }),
      run({ run_id: 5, size_completed: 10 }),
    ]);
    expect(s.sizeCompleted).toBe(0);
    expect(s.sizeTotal).toBe(0);
    expect(s.percent).toBeUndefined();
  });

  it("floors the percent to one decimal, so a nearly finished list never shows 100", () => {
    expect(summarizeRuns([run({ run_id: 1, size_completed: 999_999, size_total: 1_000_000 })]).percent).toBe(99.9);
    expect(summarizeRuns([run({ run_id: 1, size_completed: 1, size_total: 3 })]).percent).toBe(33.3);
  });

  it("puts unknown or oddly cased statuses in a group without failing", () => {
    const s = summarizeRuns([
      run({ run_id: 1, status: "  Syncing " }),
      run({ run_id: 2, status: "teleporting" }),
      run({ run_id: 3, status: "" }),
      run({ run_id: 4, status: "INVALID STATE" }),
    ]);
    expect(s.byGroup).toEqual({ error: 1, active: 1, paused: 0, done: 0, idle: 2 });
    expect(s.withErrors).toBe(1);
  });

  it("counts a run with errors once, whatever its status, and ignores an empty errors list", () => {
    const s = summarizeRuns([
      run({ run_id: 1, status: "error", errors: ["a", "b"] }),
      run({ run_id: 2, status: "synced", errors: [] }),
      run({ run_id: 3, status: "synced", errors: [null] }),
    ]);
    expect(s.withErrors).toBe(2);
  });
});

describe("wallOrder", () => {
  it("puts errors first, then active runs, then the rest, by name within each", () => {
    const order = wallOrder([
      run({ run_id: 1, name: "z-done", status: "synced" }),
      run({ run_id: 2, name: "b-active", status: "syncing" }),
      run({ run_id: 3, name: "c-error", status: "synced", errors: ["x"] }),
      run({ run_id: 4, name: "a-active", status: "downloading" }),
      run({ run_id: 5, name: "a-active", status: "seeding" }),
    ]).map((r) => r.run_id);
    expect(order).toEqual([3, 4, 5, 2, 1]);
  });
  it("does not reorder its input", () => {
    const runs = [run({ run_id: 2, name: "b" }), run({ run_id: 1, name: "a" })];
    wallOrder(runs);
    expect(runs.map((r) => r.run_id)).toEqual([2, 1]);
  });
});

describe("fleetPercent", () => {
  it("is the whole fleet's runs as one list would read, from the agents' summaries", () => {
    const a = [
      run({ run_id: 1, size_completed: 50, size_total: 100 }),
      run({ run_id: 2, size_completed: 300, size_total: 200 }),
    ];
    const b = [run({ run_id: 3, size_completed: 1, size_total: 3 }), run({ run_id: 4 })];
    expect(fleetPercent([summarizeRuns(a), summarizeRuns(b), undefined])).toBe(summarizeRuns([...a, ...b]).percent);
    expect(fleetPercent([summarizeRuns(a), summarizeRuns(b)])).toBe(82.8);
    expect(fleetPercent([summarizeRuns([run({ run_id: 5 })]), undefined])).toBeUndefined();
  });
});
