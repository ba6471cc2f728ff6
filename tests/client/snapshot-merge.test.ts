import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import type { SnapshotWire } from "@/lib/bff/contract";
import { mergeSnapshot, OutOfStep } from "@/lib/client/snapshot/merge";

/** The page's side of the snapshot protocol: full answers, deltas merged into what the tab holds. */
const run = (run_id: number, extra: Partial<Run> = {}): Run =>
  ({ run_id, name: `Run ${run_id}`, type: "folder", status: "syncing", ...extra }) as Run;
const status = { paused: false, restartRequired: false, server: { state: "CONNECTED" } };
const full = (version: string, runs: Run[], extra: Partial<SnapshotWire> = {}): SnapshotWire =>
  ({ version, fetchedAt: 1, status, runs, tags: [{ name: "A", value: "1" }], ...extra }) as SnapshotWire;
const delta = (
  base: string,
  version: string,
  runs: { changed: unknown[]; removed: number[] },
  extra: Partial<SnapshotWire> = {},
): SnapshotWire => ({ base, version, fetchedAt: 2, runs, ...extra }) as SnapshotWire;

describe("mergeSnapshot", () => {
  it("a delta keeps every unchanged part and run as the same object", () => {
    const first = mergeSnapshot(undefined, full("00000000.1", [run(1), run(2), run(3)]), 100);
    const next = mergeSnapshot(
      first,
      delta("00000000.1", "00000000.2", { changed: [{ run_id: 2, status: "synced" }], removed: [3] }),
      200,
    );
    expect(next.version).toBe("00000000.2");
    expect(next.status.value).toBe(first.status.value);
    expect(next.tags.value).toBe(first.tags.value);
    expect(next.runs.value![0]).toBe(first.runs.value![0]);
    expect(next.runs.value![1]).toEqual(run(2, { status: "synced" }));
    expect(next.runs.value).toHaveLength(2);
    expect(next.runs.okAt).toBe(200);
  });

  it("an empty delta returns the very runs list held", () => {
    const first = mergeSnapshot(undefined, full("00000000.1", [run(1)]), 100);
    const next = mergeSnapshot(first, delta("00000000.1", "00000000.1", { changed: [], removed: [] }), 200);
    expect(next.runs.value).toBe(first.runs.value);
  });

  it("a failing part keeps its last value, one error object for the whole outage, and when it began", () => {
    const first = mergeSnapshot(undefined, full("00000000.1", [run(1)]), 100);
    const problems = { status: { code: "agent_unreachable", message: "Cannot reach the agent", since: 5 } };
    const down = mergeSnapshot(
      first,
      delta("00000000.1", "00000000.2", { changed: [], removed: [] }, { problems }),
      200,
    );
    expect(down.status.value).toBe(first.status.value);
    expect(down.status.error).toMatchObject({
      status: 503,
      code: "agent_unreachable",
      message: "Cannot reach the agent",
    });
    // Since when the dashboard saw it fail, not when this tab first heard of it.
    expect(down.status.errorAt).toBe(5);
    expect(down.status.okAt).toBe(100);
    const still = mergeSnapshot(
      down,
      delta("00000000.2", "00000000.2", { changed: [], removed: [] }, { problems }),
      300,
    );
    expect(still.status.error).toBe(down.status.error);
    expect(still.status.errorAt).toBe(5);
    const back = mergeSnapshot(still, delta("00000000.2", "00000000.3", { changed: [], removed: [] }), 400);
    expect(back.status.error).toBeUndefined();
    expect(back.status.okAt).toBe(400);
  });

  it("a delta from another base is out of step (the caller then asks for a full snapshot)", () => {
    const first = mergeSnapshot(undefined, full("00000000.1", [run(1)]), 100);
    expect(() => mergeSnapshot(first, delta("00000000.7", "00000000.8", { changed: [], removed: [] }), 200)).toThrow(
      OutOfStep,
    );
    expect(() =>
      mergeSnapshot(undefined, delta("00000000.1", "00000000.2", { changed: [], removed: [] }), 200),
    ).toThrow(OutOfStep);
  });

  it("an agent that never answered has no runs list, not an empty one, until its first list arrives", () => {
    const problems = {
      status: { code: "agent_unreachable", message: "Cannot reach the agent", since: 5 },
      runs: { code: "agent_unreachable", message: "Cannot reach the agent", since: 5 },
    };
    const none = mergeSnapshot(undefined, { version: "00000000.1", fetchedAt: 1, problems } as SnapshotWire, 100);
    const still = mergeSnapshot(
      none,
      delta("00000000.1", "00000000.1", { changed: [], removed: [] }, { problems }),
      200,
    );
    expect(still.runs.value).toBeUndefined();
    const first = mergeSnapshot(still, delta("00000000.1", "00000000.2", { changed: [run(1)], removed: [] }), 300);
    expect(first.runs.value).toEqual([run(1)]);
  });

  it("a full snapshot after a restart of the dashboard replaces what was held", () => {
    const first = mergeSnapshot(undefined, full("00000000.9", [run(1), run(2)]), 100);
    const after = mergeSnapshot(first, full("11111111.1", [run(5)]), 200);
    expect(after.version).toBe("11111111.1");
    expect(after.runs.value!.map((r) => r.run_id)).toEqual([5]);
  });
});
