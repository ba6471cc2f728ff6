import { Rng } from "./rng";
import { isTransient } from "./run-fixtures";
import type { SimRun } from "./run-types";

/**
 * `--active-percent P`: a realistic mix, where only about P% of the runs are moving data at any
 * time. The default mix is busy on purpose (almost half the runs change every tick, to exercise
 * the UI); a real fleet is mostly at rest, and what it costs to follow one (bytes on the wire per
 * viewer, deltas) depends on that. The rest are settled and kept still: left to the random events of
 * the default motion, synced folders would keep waking up and the mix would drift back to busy.
 */
const MIX_SALT = 0x5bd1e995;

/** Statuses that move (or that the motion would move on from): an idle run never shows them. */
const RESTLESS = new Set(["syncing", "downloading", "seeding", "no peers", "waiting for files from source"]);

/**
 * Which runs are active comes from a stream of its own, so the runs' numbers are the same with or
 * without the flag, and the first N runs' roles are the same whatever N is.
 */
export function applyActiveMix(runs: SimRun[], percent: number, seed: number, nowSec: number): void {
  const pick = new Rng((seed ^ MIX_SALT) >>> 0);
  for (const run of runs) {
    if (pick.next() < percent / 100) wake(run, pick);
    else settle(run, nowSec);
  }
}

/** Active: moving data now (a script running), from part-way through. */
function wake(run: SimRun, rng: Rng): void {
  const w = run.wire;
  if (w.status === "error") w.errors = [];
  if (w.type === "script") {
    w.status = "executing script";
    run.phaseMs = rng.int(5, 90) * 1000;
    run.next = "successfully finished";
    return;
  }
  w.status = w.type === "folder" ? "syncing" : "downloading";
  run.phaseMs = 0;
  if (w.size_completed >= w.size_total) {
    const fraction = 0.02 + rng.next() * 0.96;
    w.size_completed = Math.floor(w.size_total * fraction);
    w.files_completed = Math.floor(w.files_total * fraction);
  }
  w.peers_count = Math.max(1, w.peers_count);
  w.down_speed = Math.round(run.speed);
  w.eta = Math.round((w.size_total - w.size_completed) / w.down_speed);
}

/** Idle: done (synced, finished) or in a status that stays put (error, expired…), and still. */
function settle(run: SimRun, nowSec: number): void {
  const w = run.wire;
  run.still = true;
  if (!RESTLESS.has(w.status) && !isTransient(w.status)) return;
  w.status = w.type === "folder" ? "synced" : "successfully finished";
  w.size_completed = w.size_total;
  w.files_completed = w.files_total;
  w.down_speed = w.up_speed = w.eta = 0;
  run.phaseMs = 0;
  if (w.type === "folder") w.last_synced ??= nowSec;
}
