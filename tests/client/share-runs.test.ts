import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import { shareRuns } from "@/lib/client/share-runs";

const copy = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const RUNS: Run[] = [
  { run_id: 1, name: "A", type: "folder", status: "syncing", size_completed: 10, errors: [{ code: 2, message: "x" }] },
  { run_id: 2, name: "B", type: "folder", status: "synced", size_completed: 99 },
  { run_id: 3, name: "C", type: "script", status: "error", errors: ["boom"] },
];

describe("shareRuns", () => {
  it("returns the previous array when a poll changed nothing", () => {
    expect(shareRuns(RUNS, copy(RUNS))).toBe(RUNS);
  });
  it("keeps unchanged runs' objects and takes the changed ones", () => {
    const next = copy(RUNS);
    next[1]!.size_completed = 100;
    const shared = shareRuns(RUNS, next) as Run[];
    expect(shared).not.toBe(RUNS);
    expect(shared[0]).toBe(RUNS[0]);
    expect(shared[1]).toBe(next[1]);
    expect(shared[2]).toBe(RUNS[2]);
  });
  it("sees changes inside errors and added or removed fields", () => {
    const changedError = copy(RUNS);
    (changedError[0]!.errors![0] as { message: string }).message = "y";
    expect((shareRuns(RUNS, changedError) as Run[])[0]).toBe(changedError[0]);
    const added = copy(RUNS);
    added[1]!.eta = 5;
    expect((shareRuns(RUNS, added) as Run[])[1]).toBe(added[1]);
    const removed = copy(RUNS);
    delete removed[0]!.errors;
    expect((shareRuns(RUNS, removed) as Run[])[0]).toBe(removed[0]);
  });
  it("matches runs by id when the order or the set changes", () => {
    const next = [copy(RUNS[2]!), copy(RUNS[0]!), { run_id: 4, name: "D", type: "folder", status: "idle" }];
    const shared = shareRuns(RUNS, next) as Run[];
    expect(shared[0]).toBe(RUNS[2]);
    expect(shared[1]).toBe(RUNS[0]);
    expect(shared[2]).toBe(next[2]);
    expect(shareRuns(RUNS, copy(RUNS).slice(0, 2))).not.toBe(RUNS);
  });
  it("takes the new data when there is nothing to share with", () => {
    const next = copy(RUNS);
    expect(shareRuns(undefined, next)).toBe(next);
    expect(shareRuns([], next)).toBe(next);
  });
});
