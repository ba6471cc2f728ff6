import type { Run } from "@/lib/agent-api/runs";
import { equalValues } from "./equal-values";

/**
 * What changed in a runs list between two snapshots, keyed by run_id (the idea of qBittorrent's
 * `sync/maindata?rid=`): the server computes it once per (base, version) and every tab applies it to
 * the list it holds, so a poll carries only the runs and fields that moved.
 *
 * A patch field set to `null` means the field is gone. The agent's JSON cannot tell a field that is
 * null from one that is absent anyway, so both read as absent on either side of a delta.
 */
export type RunPatch = { run_id: number } & Partial<{ [K in keyof Run]: Run[K] | null }>;

export type RunsDelta = {
  /** A run new in `next` as a whole; a run in both as `{run_id, ...the top-level fields that differ}`. */
  changed: RunPatch[];
  /** run_ids in base but not in next. */
  removed: number[];
  /**
   * next's full list of run_ids, sent only when the default rule (keep base order, drop removed,
   * append new runs in the order of `changed`) would not reproduce next's order.
   */
  order?: number[];
};

type Fields = Record<string, unknown>;

const isAbsent = (value: unknown) => value === undefined || value === null;

/** The fields of `next` that differ from `base` (nulls for fields gone), or undefined when none do. */
function diffRun(base: Run, next: Run): RunPatch | undefined {
  const before = base as Fields;
  const after = next as Fields;
  let patch: Fields | undefined;
  for (const key in after) {
    if (key === "run_id") continue;
    const value = after[key];
    if (isAbsent(value)) {
      if (!isAbsent(before[key])) (patch ??= {})[key] = null;
    } else if (!equalValues(before[key], value)) {
      (patch ??= {})[key] = value;
    }
  }
  for (const key in before) {
    if (!(key in after) && !isAbsent(before[key])) (patch ??= {})[key] = null;
  }
  return patch && ({ run_id: next.run_id, ...patch } as RunPatch);
}

/**
 * The delta that turns `base` into `next`. `changed` follows next's order, so new runs appended in that
 * order land where next has them whenever next only appends; `order` covers every other reordering.
 * O(n) in the number of runs and their fields.
 */
export function diffRuns(base: readonly Run[], next: readonly Run[]): RunsDelta {
  const baseById = new Map<number, Run>();
  for (const run of base) baseById.set(run.run_id, run);
  const nextIds = new Set<number>();
  const changed: RunPatch[] = [];
  const newIds: number[] = [];
  for (const run of next) {
    nextIds.add(run.run_id);
    const old = baseById.get(run.run_id);
    if (old === undefined) {
      changed.push(run);
      newIds.push(run.run_id);
    } else {
      const patch = diffRun(old, run);
      if (patch) changed.push(patch);
    }
  }
  const removed: number[] = [];
  const kept: number[] = [];
  for (const run of base) (nextIds.has(run.run_id) ? kept : removed).push(run.run_id);
  const delta: RunsDelta = { changed, removed };
  if (!followsDefaultOrder(next, kept, newIds)) delta.order = next.map((run) => run.run_id);
  return delta;
}

/** True when next's ids are exactly `kept` (base order) followed by `added` (next order). */
function followsDefaultOrder(next: readonly Run[], kept: readonly number[], added: readonly number[]): boolean {
  if (next.length !== kept.length + added.length) return false;
  for (let i = 0; i < kept.length; i++) if (next[i]!.run_id !== kept[i]) return false;
  for (let i = 0; i < added.length; i++) if (next[kept.length + i]!.run_id !== added[i]) return false;
  return true;
}

/** `{...base, ...patch}` without the fields the patch marks as gone. */
function patchRun(base: Run | undefined, patch: RunPatch): Run {
  const merged: Fields = { ...base, ...patch };
  for (const key in patch) if (patch[key] === null) delete merged[key];
  return merged as Run;
}

/**
 * `base` with `delta` applied, sharing structure: a run the delta does not name keeps its object, and
 * an empty delta returns `base` itself, so memoised rows and React Query's equality checks skip what
 * did not move. O(n). Throws when `order` names a run that neither base nor the delta holds (a delta
 * for another base): the caller should then fetch the full snapshot.
 */
export function applyRunsDelta(base: readonly Run[], delta: RunsDelta): Run[] {
  const { changed, removed, order } = delta;
  if (changed.length === 0 && removed.length === 0 && order === undefined) return base as Run[];
  const baseById = new Map<number, Run>();
  for (const run of base) baseById.set(run.run_id, run);
  const patched = new Map<number, Run>();
  const added: Run[] = [];
  for (const patch of changed) {
    const old = baseById.get(patch.run_id);
    const run = patchRun(old, patch);
    patched.set(patch.run_id, run);
    if (old === undefined) added.push(run);
  }
  if (order !== undefined) {
    return order.map((id) => {
      const run = patched.get(id) ?? baseById.get(id);
      if (run === undefined) throw new Error(`Runs delta orders run ${id}, which neither the base nor the delta holds`);
      return run;
    });
  }
  const gone = new Set(removed);
  const result: Run[] = [];
  for (const run of base) {
    if (!gone.has(run.run_id)) result.push(patched.get(run.run_id) ?? run);
  }
  for (const run of added) result.push(run);
  return result;
}
