import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import { filterRuns, RunSorter, type SortSpec } from "@/components/runs/run-order";

const run = (run_id: number, name: string, extra: Partial<Run> = {}): Run => ({
  run_id,
  name,
  type: "folder",
  status: "syncing",
  ...extra,
});
const RUNS: Run[] = [
  run(1, "Run 10", { eta: 30, path: "D:\\Media" }),
  run(2, "run 9", { eta: undefined, type: "transfer", status: "error" }),
  run(3, "Ärzte", { eta: 5, status: "synced" }),
  run(4, "Alpha", { eta: 30 }),
];
const byName: SortSpec = { sortValue: (r) => r.name, dir: "asc" };
const byEta: SortSpec = { sortValue: (r) => r.eta, dir: "asc" };
const ids = (runs: readonly Run[]) => runs.map((r) => r.run_id);

describe("filterRuns", () => {
  it("returns the same array when nothing filters", () => {
    expect(filterRuns(RUNS, { q: " ", status: "", type: "" })).toBe(RUNS);
  });
  it("searches name and path, case-insensitively", () => {
    expect(ids(filterRuns(RUNS, { q: "RUN", status: "", type: "" }))).toEqual([1, 2]);
    expect(ids(filterRuns(RUNS, { q: "media", status: "", type: "" }))).toEqual([1]);
  });
  it("filters by status group and type together", () => {
    expect(ids(filterRuns(RUNS, { q: "", status: "error", type: "" }))).toEqual([2]);
    expect(ids(filterRuns(RUNS, { q: "", status: "active", type: "folder" }))).toEqual([1, 4]);
    expect(ids(filterRuns(RUNS, { q: "", status: "", type: "script" }))).toEqual([]);
  });
});

describe("RunSorter", () => {
  it("keeps the agent's order without a sort", () => {
    expect(new RunSorter().sort(RUNS, undefined)).toBe(RUNS);
  });
  it("sorts names naturally and by language, both directions", () => {
    const sorter = new RunSorter();
    expect(sorter.sort(RUNS, byName).map((r) => r.name)).toEqual(["Alpha", "Ärzte", "run 9", "Run 10"]);
    expect(sorter.sort(RUNS, { ...byName, dir: "desc" }).map((r) => r.name)).toEqual([
      "Run 10",
      "run 9",
      "Ärzte",
      "Alpha",
    ]);
  });
  it("puts missing values last in either direction and keeps ties in the agent's order", () => {
    const sorter = new RunSorter();
    expect(ids(sorter.sort(RUNS, byEta))).toEqual([3, 1, 4, 2]);
    expect(ids(sorter.sort(RUNS, { ...byEta, dir: "desc" }))).toEqual([1, 4, 3, 2]);
  });
  it("re-sorts when a key changes and hands back the new run objects", () => {
    const sorter = new RunSorter();
    expect(ids(sorter.sort(RUNS, byEta))).toEqual([3, 1, 4, 2]);
    const moved = RUNS.map((r) =>
      r.run_id === 3 ? { ...r, eta: 60 } : r.run_id === 1 ? { ...r, status: "synced" } : r,
    );
    const sorted = sorter.sort(moved, byEta);
    expect(ids(sorted)).toEqual([1, 4, 3, 2]);
    expect(sorted[0]).toBe(moved[0]);
  });
});
