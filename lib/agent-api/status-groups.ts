import type { Run } from "./runs";

/**
 * Runs are grouped for filters, summaries and metrics. The vendor's statuses are many and
 * multi-word; anything unknown lands in "idle" (neutral) rather than failing.
 */
export const STATUS_GROUPS = ["error", "active", "paused", "done", "idle"] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

const ACTIVE = new Set([
  "loading",
  "writing acl",
  "processing files",
  "indexing",
  "mounting selective sync volume",
  "syncing",
  "downloading",
  "seeding",
  "cleaning up destination folder",
  "executing pre-indexing script",
  "executing post-download script",
  "executing complete script",
  "archiving script logs",
  "executing script",
]);
const DONE = new Set(["synced", "successfully finished"]);
const ERROR = new Set(["error", "invalid state"]);

export function statusGroup(status: string): StatusGroup {
  const s = status.trim().toLowerCase();
  if (ERROR.has(s)) return "error";
  if (s === "paused") return "paused";
  if (ACTIVE.has(s)) return "active";
  if (DONE.has(s)) return "done";
  return "idle";
}

/** A run "has errors" when the agent lists any, whatever its status says. */
export function runHasErrors(run: Pick<Run, "errors" | "status">): boolean {
  return (run.errors?.length ?? 0) > 0 || statusGroup(run.status) === "error";
}

/** Percent complete 0–100 by size, falling back to files; 100 for "done" runs with nothing to move. */
export function runPercent(
  run: Pick<Run, "size_completed" | "size_total" | "files_completed" | "files_total" | "status">,
): number {
  const ratio = (done?: number, total?: number) =>
    total && total > 0 && done !== undefined ? done / total : undefined;
  const r = ratio(run.size_completed, run.size_total) ?? ratio(run.files_completed, run.files_total);
  if (r === undefined) return statusGroup(run.status) === "done" ? 100 : 0;
  return Math.max(0, Math.min(100, Math.floor(r * 1000) / 10));
}
