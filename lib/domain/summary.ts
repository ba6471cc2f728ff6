import type { Run } from "@/lib/agent-api/runs";
import { STATUS_GROUPS, runHasErrors, statusGroup, type StatusGroup } from "@/lib/agent-api/status-groups";

/**
 * The one summary of a runs list: computed once per snapshot and read by pages, walls, the overview,
 * metrics and alerts, so that they can never disagree on what a figure means.
 */
export type RunsSummary = {
  /** Number of runs. */
  total: number;
  /** Sum of download speeds, bytes per second. */
  down: number;
  /** Sum of upload speeds, bytes per second. */
  up: number;
  byGroup: Record<StatusGroup, number>;
  withErrors: number;
  /** Bytes done over the runs that report a size (size_total > 0), each clamped into [0, size_total]. */
  sizeCompleted: number;
  /** Bytes to move over the runs that report a size (size_total > 0). */
  sizeTotal: number;
  /** sizeCompleted / sizeTotal in percent, floored to one decimal; undefined when no run reports a size. */
  percent: number | undefined;
};

/**
 * A figure the agent may send as negative, NaN or Infinity (a glitch, a counter reset) must not drag a
 * sum below zero or poison it: such a value, or a missing one, counts as nothing.
 */
function nonNegative(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Pure, so every consumer gets the same figures from the same runs. */
export function summarizeRuns(runs: readonly Run[]): RunsSummary {
  const byGroup = Object.fromEntries(STATUS_GROUPS.map((group) => [group, 0])) as Record<StatusGroup, number>;
  let down = 0;
  let up = 0;
  let withErrors = 0;
  let sizeCompleted = 0;
  let sizeTotal = 0;
  for (const run of runs) {
    byGroup[statusGroup(run.status)]++;
    down += nonNegative(run.down_speed);
    up += nonNegative(run.up_speed);
    if (runHasErrors(run)) withErrors++;
    const runSize = nonNegative(run.size_total);
    if (runSize > 0) {
      sizeTotal += runSize;
      // An agent may report more done than total while a file grows: never above 100% per run.
      sizeCompleted += Math.min(nonNegative(run.size_completed), runSize);
    }
  }
  return {
    total: runs.length,
    down,
    up,
    byGroup,
    withErrors,
    sizeCompleted,
    sizeTotal,
    percent: sizeTotal > 0 ? Math.floor((sizeCompleted / sizeTotal) * 1000) / 10 : undefined,
  };
}

/** Several agents' progress as one: their bytes done over their bytes to move, as `percent` reads. */
export function fleetPercent(summaries: readonly (RunsSummary | undefined)[]): number | undefined {
  let completed = 0;
  let total = 0;
  for (const s of summaries) {
    completed += s?.sizeCompleted ?? 0;
    total += s?.sizeTotal ?? 0;
  }
  return total > 0 ? Math.floor((completed / total) * 1000) / 10 : undefined;
}

/** Wall ordering: runs with errors first, then active ones, then the rest; stable by name within. */
export function wallOrder(runs: readonly Run[]): Run[] {
  const rank = (run: Run) => (runHasErrors(run) ? 0 : statusGroup(run.status) === "active" ? 1 : 2);
  return [...runs].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.run_id - b.run_id);
}
