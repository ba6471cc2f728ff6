import type { Run } from "@/lib/agent-api/runs";
import { equalValues } from "@/lib/domain/equal-values";

/**
 * Structural sharing for the runs list, in place of React Query's generic deep merge: a poll's run
 * that equals the previous one (same fields, same values) is replaced by the previous object, and
 * when no run changed the previous array itself is returned. Memoised rows then skip every run that
 * did not move, and a paused agent's polls render nothing at all. Runs are flat records, so a
 * field-by-field comparison suffices; only `errors` (and unknown extra fields) nest.
 */
export function shareRuns(previous: unknown, next: unknown): unknown {
  if (!Array.isArray(previous) || !Array.isArray(next) || previous.length === 0) return next;
  const before = previous as Run[];
  const after = next as Run[];
  const keep = matchRuns(before, after);
  if (isIdentity(keep, before.length)) return previous;
  return after.map((run, i) => (keep[i]! >= 0 ? before[keep[i]!]! : run));
}

/**
 * For each run of `next`, the index of an equal run (same id, same values) in `previous`, or -1.
 * Runs usually come back in the same order; otherwise they are matched by id.
 */
export function matchRuns(previous: readonly Run[], next: readonly Run[]): Int32Array {
  const keep = new Int32Array(next.length);
  let byId: Map<number, number> | undefined;
  for (let i = 0; i < next.length; i++) {
    const run = next[i]!;
    let j = i;
    if (previous[i]?.run_id !== run.run_id) {
      byId ??= new Map(previous.map((r, index) => [r.run_id, index]));
      j = byId.get(run.run_id) ?? -1;
    }
    keep[i] = j >= 0 && equalValues(previous[j], run) ? j : -1;
  }
  return keep;
}

/** True when `keep` says: the same runs as before, in the same order, none changed. */
export function isIdentity(keep: Int32Array, previousLength: number): boolean {
  if (keep.length !== previousLength) return false;
  for (let i = 0; i < keep.length; i++) if (keep[i] !== i) return false;
  return true;
}
