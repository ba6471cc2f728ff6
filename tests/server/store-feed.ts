import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Run } from "@/lib/agent-api/runs";
import { AppError } from "@/lib/server/errors";
import { EMPTY_SNAPSHOT, settle, settleRuns, type Snapshot } from "@/lib/server/collector/snapshot";
import { openDatabase } from "@/lib/server/store/open";
import { installSeries, type Series } from "@/lib/server/store/series";
import { Store } from "@/lib/server/store/store";

/**
 * A real store in a temporary folder, fed snapshots made the way the collector makes them (settleRuns
 * diffs each list against the last), at whatever times a test says: the store sees what it would see
 * from a live agent, minutes or months compressed into a test.
 */
export type Opened = { store: Store; series: Series; dir: string };

export function openIn(dir: string, historyDays = 30, pollIntervalMs = 1000): Opened {
  const store = new Store(openDatabase(dir));
  return { store, series: installSeries(store, { pollIntervalMs, historyDays }), dir };
}

export function tempStore(historyDays = 30, pollIntervalMs = 1000): Opened & { cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-store-"));
  const opened = openIn(dir, historyDays, pollIntervalMs);
  return {
    ...opened,
    cleanup: () => {
      opened.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export class Feed {
  prev: Snapshot = EMPTY_SNAPSHOT;
  constructor(
    public store: Store,
    readonly agent = "local",
  ) {}

  poll(runs: Run[], t: number): Snapshot {
    return this.record(settleRuns(this.prev.runs, { status: "fulfilled", value: runs }, t), t);
  }

  /** A poll in which the agent could not be reached: no runs read, the last list kept. */
  fail(t: number): Snapshot {
    return this.record(
      settle(this.prev.runs, { status: "rejected", reason: new AppError("agent_unreachable", "down") }, t),
      t,
    );
  }

  private record(
    r: { slot: Snapshot["runs"]; changed: boolean; delta?: NonNullable<Snapshot["runsStep"]>["delta"] },
    t: number,
  ): Snapshot {
    const prev = this.prev;
    const next: Snapshot = {
      seq: r.changed ? prev.seq + 1 : prev.seq,
      polledAt: t,
      status: {},
      runs: r.slot,
      tags: {},
      ...(r.changed && r.delta && prev.seq > 0 ? { runsStep: { fromSeq: prev.seq, delta: r.delta } } : {}),
    };
    this.store.recordPoll(this.agent, next, prev);
    this.prev = next;
    return next;
  }
}

type RunFields = { down?: number; up?: number; completed?: number; total?: number; tdown?: number; tup?: number };
export const run = (run_id: number, f: RunFields = {}): Run => ({
  run_id,
  name: `Run ${run_id}`,
  type: "folder",
  status: "syncing",
  down_speed: f.down ?? 0,
  up_speed: f.up ?? 0,
  size_completed: f.completed ?? 0,
  size_total: f.total ?? 1000,
  ...(f.tdown === undefined ? {} : { transferred_down: f.tdown }),
  ...(f.tup === undefined ? {} : { transferred_up: f.tup }),
});

/** A minute-aligned moment well inside the epoch, so buckets of any width start where a test expects. */
export const T0 = Date.UTC(2026, 10, 2, 0, 0, 0);
