import "server-only";
import type { Snapshot } from "../collector/snapshot";
import { runsChange } from "./poll-runs";

/* The history writer's slots (a minute or an hour in progress) and the rows they end as. */

/** A finished (or, at shutdown, partial) minute or hour; runId "" is the agent's own row. */
export type SlotRow = {
  table: "agent_minutes" | "run_minutes" | "run_hours";
  runId: string;
  t: number;
  /** The agent's samples in this slot: a run's values are its sums over them (a still sample is 0). */
  n: number;
  down: number;
  up: number;
  completed: number;
  total: number;
};

export type Sums = { down: number; up: number; completed: number; total: number };
export type Slot = Sums & { start: number; n: number; runs: Map<string, Sums> };
export const emptySums = (): Sums => ({ down: 0, up: 0, completed: 0, total: 0 });
export const newSlot = (start: number): Slot => ({ ...emptySums(), start, n: 0, runs: new Map() });

/** A run gets sums in a slot at its first move in it (a slot without them reads 0, progress unchanged). */
export function track(slot: Slot, id: string, down: number, up: number, completed: number, total: number): void {
  let sums = slot.runs.get(id);
  if (!sums) slot.runs.set(id, (sums = emptySums()));
  add(sums, down, up, completed, total);
}

export function add(sums: Sums, down: number, up: number, completed: number, total: number): void {
  sums.down += down;
  sums.up += up;
  // Progress is a level, not a rate: the slot keeps the latest.
  sums.completed = completed;
  sums.total = total;
}

/** A slot's row: speeds averaged over the agent's samples in it; progress as it ended. */
export function rowOf(table: SlotRow["table"], runId: string, slot: Slot, sums: Sums): SlotRow {
  const n = Math.max(1, slot.n);
  return {
    table,
    runId,
    t: slot.start,
    n,
    down: Math.round(sums.down / n),
    up: Math.round(sums.up / n),
    completed: sums.completed,
    total: sums.total,
  };
}

/** Runs whose bytes completed or total changed in this poll: they moved even at speed 0. */
export function progressMoved(next: Snapshot, prev: Snapshot): Set<number> {
  const moved = new Set<number>();
  for (const patch of runsChange(next, prev)?.changed ?? []) {
    if ("size_completed" in patch || "size_total" in patch) moved.add(patch.run_id);
  }
  return moved;
}
