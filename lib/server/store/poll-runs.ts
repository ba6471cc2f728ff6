import "server-only";
import type { Run } from "@/lib/agent-api/runs";
import type { RunsDelta } from "@/lib/domain/run-delta";
import type { Snapshot } from "../collector/snapshot";

/*
 * What one poll tells the store's series about runs, read from the snapshots the collector made: the
 * list it read, and what changed since the poll before, as the collector diffed it (not diffed again).
 */

/** The runs this poll read; undefined when reading them failed (a failed poll has no new sample). */
export function polledRuns(next: Snapshot): readonly Run[] | undefined {
  return next.runs.value !== undefined && next.runs.okAt === next.polledAt ? next.runs.value : undefined;
}

const NOTHING: RunsDelta = { changed: [], removed: [] };

/**
 * The change from the previous poll's list: nothing when the list is the same object (the collector
 * keeps an unchanged list), undefined when there is no previous list to compare with (this process's
 * first poll of the agent), where a writer compares with what it stored instead.
 */
export function runsChange(next: Snapshot, prev: Snapshot): RunsDelta | undefined {
  if (prev.runs.value !== undefined && next.runs.value === prev.runs.value) return NOTHING;
  const step = next.runsStep;
  return step !== undefined && step.fromSeq === prev.seq ? step.delta : undefined;
}

/** A speed or a size as the series keep it: a whole non-negative number (the agent may omit either). */
export function amount(n: number | null | undefined): number {
  return n !== undefined && n !== null && Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}
