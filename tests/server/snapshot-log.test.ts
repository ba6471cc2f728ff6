import { describe, expect, it } from "vitest";
import { SnapshotLog } from "@/lib/server/collector/snapshot-log";
import { EMPTY_SNAPSHOT, type Snapshot } from "@/lib/server/collector/snapshot";
import type { RunsDelta } from "@/lib/domain/run-delta";

/** A version whose poll changed `changed` runs (the step from the version before). */
function version(seq: number, polledAt: number, changed: number): Snapshot {
  const delta: RunsDelta = {
    changed: Array.from({ length: changed }, (_, i) => ({ run_id: i })),
    removed: [],
  } as RunsDelta;
  return { ...EMPTY_SNAPSHOT, seq, polledAt, runsStep: { fromSeq: seq - 1, delta } };
}

describe("the log of recent versions", () => {
  it("keeps a few minutes of versions while they change little", () => {
    const log = new SnapshotLog();
    for (let seq = 1; seq <= 200; seq++) log.record(version(seq, seq * 1000, 10));
    expect(log.size).toBe(200);
    expect(log.get(1)).toBeDefined();
    // A version kept as a base no longer carries the step that made it.
    expect(log.get(1)?.runsStep).toBeUndefined();
  });

  it("drops versions past five minutes", () => {
    const log = new SnapshotLog();
    // A version every 2 s for 400 s: the ones more than 300 s older than the latest go.
    for (let seq = 1; seq <= 200; seq++) log.record(version(seq, seq * 2000, 1));
    expect(log.get(49)).toBeUndefined();
    expect(log.get(50)).toBeDefined();
  });

  it("holds at most 25,000 changed runs in all: at 5,000 busy runs that is seconds, not minutes", () => {
    const log = new SnapshotLog();
    for (let seq = 1; seq <= 100; seq++) log.record(version(seq, seq * 1000, 1500));
    // 16 versions of 1,500 changed runs are 24,000; a 17th would pass the budget.
    expect(log.size).toBe(16);
    expect(log.get(85)).toBeDefined();
    expect(log.get(84)).toBeUndefined();
    // The latest version is always kept, however large.
    log.record(version(101, 101_000, 40_000));
    expect(log.size).toBe(1);
    expect(log.get(101)).toBeDefined();
  });
});
