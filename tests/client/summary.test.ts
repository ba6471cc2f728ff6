import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import { summarizeRuns, wallOrder } from "@/lib/client/summary";

const run = (over: Partial<Run> & Pick<Run, "run_id" | "name" | "status">): Run => ({ type: "folder", ...over });

describe("summarizeRuns", () => {
  it("adds speeds, counts groups and errors, and computes an overall percent by size", () => {
    const s = summarizeRuns([
      run({ run_id: 1, name: "a", status: "syncing", down_speed: 100, up_speed: 5, size_completed: 50, size_total: 100 }),
      run({ run_id: 2, name: "b", status: "synced", size_completed: 100, size_total: 100 }),
      run({ run_id: 3, name: "c", status: "error", errors: ["disk full"] }),
      run({ run_id: 4, name: "d", status: "something new", down_speed: 1 }),
      run({ run_id: 5, name: "e", status: "paused", errors: [{ code: 1 }] }),
    ]);
    expect(s.total).toBe(5);
    expect(s.down).toBe(101);
    expect(s.up).toBe(5);
    expect(s.byGroup).toEqual({ error: 1, active: 1, paused: 1, done: 1, idle: 1 });
    expect(s.withErrors).toBe(2);
    expect(s.percent).toBe(75);
  });
  it("has no percent without sizes and survives an empty list", () => {
    expect(summarizeRuns([]).percent).toBeUndefined();
    expect(summarizeRuns([]).total).toBe(0);
  });
});

describe("wallOrder", () => {
  it("puts errors first, then active, then the rest", () => {
    const order = wallOrder([
      run({ run_id: 1, name: "z-done", status: "synced" }),
      run({ run_id: 2, name: "b-active", status: "syncing" }),
      run({ run_id: 3, name: "c-error", status: "synced", errors: ["x"] }),
      run({ run_id: 4, name: "a-active", status: "downloading" }),
    ]).map((r) => r.name);
    expect(order).toEqual(["c-error", "a-active", "b-active", "z-done"]);
  });
});

import { displayName } from "@/lib/client/display-name";

describe("displayName", () => {
  it("prefers the configured name, but not the unconfigured default", () => {
    expect(displayName("Office PC", "RENDER-NODE-07", "local")).toBe("Office PC");
    expect(displayName("Local agent", "RENDER-NODE-07", "local")).toBe("RENDER-NODE-07");
    expect(displayName("Local agent", undefined, "local")).toBe("Local agent");
    expect(displayName(undefined, undefined, "local")).toBe("local");
  });
});
