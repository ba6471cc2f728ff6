import type { Run } from "@/lib/agent-api/runs";
import { STATUS_GROUPS, runHasErrors, statusGroup, type StatusGroup } from "@/lib/agent-api/status-groups";

export type RunsSummary = {
  total: number;
  down: number;
  up: number;
  byGroup: Record<StatusGroup, number>;
  withErrors: number;
  /** Overall percent by size over runs that report a size; undefined when none do. */
  percent: number | undefined;
};

const finite = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : 0);

/** Figures shown in summaries, wall views, the tab title and the favicon. Pure, so it is tested. */
export function summarizeRuns(runs: readonly Run[]): RunsSummary {
  const byGroup = Object.fromEntries(STATUS_GROUPS.map((g) => [g, 0])) as Record<StatusGroup, number>;
  let down = 0;
  let up = 0;
  let withErrors = 0;
  let done = 0;
  let total = 0;
  for (const r of runs) {
    byGroup[statusGroup(r.status)]++;
    down += finite(r.down_speed);
    up += finite(r.up_speed);
    if (runHasErrors(r)) withErrors++;
    if (r.size_total && r.size_total > 0) {
      total += r.size_total;
      done += Math.min(finite(r.size_completed), r.size_total);
    }
  }
  return {
    total: runs.length,
    down,
    up,
    byGroup,
    withErrors,
    percent: total > 0 ? Math.floor((done / total) * 1000) / 10 : undefined,
  };
}

/** Wall ordering: runs with errors first, then active ones, then the rest; stable by name within. */
export function wallOrder(runs: readonly Run[]): Run[] {
  const rank = (r: Run) => (runHasErrors(r) ? 0 : statusGroup(r.status) === "active" ? 1 : 2);
  return [...runs].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.run_id - b.run_id);
}
