import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ClientStatus } from "@/lib/agent-api/client";
import type { Run } from "@/lib/agent-api/runs";
import { diffRuns } from "@/lib/domain/run-delta";
import type { Snapshot } from "@/lib/server/collector/snapshot";
import { EventLog, type EventLogOptions } from "@/lib/server/store/events";
import { openDatabase } from "@/lib/server/store/open";
import { Store } from "@/lib/server/store/store";

/** A real store in a fresh temporary DATA_DIR, with the event log as its writer. */
export function eventStore(options: Partial<EventLogOptions> = {}): { dir: string; store: Store; log: EventLog } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-events-"));
  const store = new Store(openDatabase(dir));
  const log = new EventLog(store, { eventsDays: 90, coalesceMs: 10_000, pausedLatelyMs: 10_000, ...options });
  store.addWriter(log);
  return { dir, store, log };
}

import { status } from "../domain/event-builders";

export { status };
export const run = (runId: number, over: Partial<Run> = {}): Run => ({
  run_id: runId,
  name: `run ${runId}`,
  type: "transfer",
  status: "downloading",
  ...over,
});

/**
 * The collector's polls of one agent, made by hand: each `poll` builds the next snapshot from the
 * last (with the runs delta the collector would have computed) and records it, as onSnapshot does.
 */
export class Polls {
  last: Snapshot = { seq: 0, polledAt: 0, status: {}, runs: {}, tags: {} };
  constructor(
    private readonly store: Store,
    private readonly agent = "local",
  ) {}

  poll(at: number, next: Next): Snapshot {
    return this.record(this.build(at, next));
  }

  /** What the collector records after the poll: timed on its own, without the test's diffing. */
  record(snapshot: Snapshot): Snapshot {
    this.store.recordPoll(this.agent, snapshot, this.last);
    this.last = snapshot;
    return snapshot;
  }

  build(at: number, next: Next): Snapshot {
    const prev = this.last;
    const runs = next.runs ?? prev.runs.value;
    const snapshot: Snapshot = {
      seq: prev.seq + 1,
      polledAt: at,
      status: { value: next.status ?? prev.status.value ?? status(), okAt: at },
      runs: { value: runs ?? [], okAt: at },
      tags: { value: next.tags ? { tags: next.tags } : (prev.tags.value ?? { tags: [] }), okAt: at },
      ...(prev.runs.value && runs ? { runsStep: { fromSeq: prev.seq, delta: diffRuns(prev.runs.value, runs) } } : {}),
    };
    return snapshot;
  }
}

type Next = { status?: ClientStatus; runs?: Run[]; tags?: { name: string; value: string }[] };
