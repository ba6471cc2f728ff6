import { chanceWithin, type Rng } from "./rng";
import { isTransient, statusAfter } from "./run-fixtures";
import { MAX_SPEED, MB, MIN_SPEED, type SimRun } from "./run-types";

/** Mean times between the random events that keep a long-running simulation lively. */
const NEW_DATA_MEAN_MS = 180_000; // a synced folder sees new files appear
const PEERS_FOUND_MEAN_MS = 300_000; // a run with no peers finds one
const SOURCE_READY_MEAN_MS = 120_000; // a transfer's source starts offering files
const SEEDING_DONE_MEAN_MS = 600_000; // a seeding transfer is finished with
const SCRIPT_RERUN_MEAN_MS = 600_000; // a scheduled script job runs again

/** Multiplicative random walk, scaled so the wobble per second is the same whatever the tick. */
function wander(value: number, dtMs: number, rng: Rng, min: number, max: number): number {
  const step = (rng.next() * 2 - 1) * 0.25 * Math.sqrt(dtMs / 1000);
  return Math.min(max, Math.max(min, value * Math.exp(step)));
}

function finishDownload(run: SimRun, rng: Rng, nowSec: number): void {
  const w = run.wire;
  w.size_completed = w.size_total;
  w.files_completed = w.files_total;
  w.down_speed = 0;
  w.eta = 0;
  if (w.type === "folder") {
    w.status = "synced";
    w.up_speed = 0;
    w.last_synced = nowSec;
    return;
  }
  const roll = rng.next();
  if (roll < 0.35) {
    w.status = "seeding";
    run.upSpeed = rng.logUniform(0.1 * MB, 10 * MB);
    w.peers_count = Math.max(1, w.peers_count);
  } else if (roll < 0.6) {
    w.status = "executing post-download script";
    run.phaseMs = rng.int(3, 10) * 1000;
    run.next = "successfully finished";
  } else {
    w.status = "successfully finished";
  }
  w.up_speed = w.status === "seeding" ? Math.round(run.upSpeed) : 0;
}

function download(run: SimRun, dtMs: number, rng: Rng, nowSec: number): void {
  const w = run.wire;
  run.speed = wander(run.speed, dtMs, rng, MIN_SPEED, MAX_SPEED);
  const remaining = w.size_total - w.size_completed;
  const bytes = Math.min(remaining, Math.round((run.speed * dtMs) / 1000));
  w.size_completed += bytes;
  w.transferred_down += bytes;
  if (w.size_total > 0)
    w.files_completed = Math.min(w.files_total, Math.floor((w.files_total * w.size_completed) / w.size_total));
  if (run.upSpeed > 0) {
    run.upSpeed = wander(run.upSpeed, dtMs, rng, 0.01 * MB, MAX_SPEED);
    w.up_speed = Math.round(run.upSpeed);
    w.transferred_up += Math.round((run.upSpeed * dtMs) / 1000);
  }
  if (w.size_completed >= w.size_total) return finishDownload(run, rng, nowSec);
  w.down_speed = Math.round(run.speed);
  // Units as the doc's sample: eta in seconds = remaining bytes / bytes per second.
  w.eta = Math.round((w.size_total - w.size_completed) / w.down_speed);
}

function seed(run: SimRun, dtMs: number, rng: Rng): void {
  const w = run.wire;
  if (rng.chance(chanceWithin(dtMs, SEEDING_DONE_MEAN_MS))) {
    w.status = "successfully finished";
    w.up_speed = 0;
    return;
  }
  run.upSpeed = wander(run.upSpeed || MIN_SPEED, dtMs, rng, 0.05 * MB, MAX_SPEED);
  w.up_speed = Math.round(run.upSpeed);
  w.transferred_up += Math.round((run.upSpeed * dtMs) / 1000);
}

function startMoving(run: SimRun, rng: Rng): void {
  const w = run.wire;
  w.status = w.type === "folder" ? "syncing" : "downloading";
  w.peers_count = Math.max(1, w.peers_count || rng.int(1, 4));
}

/** Advances one run by `dtMs` of simulated time. Paused runs are not stepped at all, nor still ones. */
export function stepRun(run: SimRun, dtMs: number, rng: Rng, nowSec: number): void {
  if (run.still) return;
  const w = run.wire;
  if (isTransient(w.status)) {
    w.down_speed = 0;
    w.up_speed = 0;
    w.eta = 0;
    run.phaseMs -= dtMs;
    if (run.phaseMs <= 0) {
      w.status = run.next;
      run.next = statusAfter(w.type, w.status);
      if (isTransient(w.status)) run.phaseMs = rng.int(5, 90) * 1000;
    }
    return;
  }
  switch (w.status) {
    case "syncing":
    case "downloading":
      return download(run, dtMs, rng, nowSec);
    case "seeding":
      return seed(run, dtMs, rng);
    case "synced":
      // New data appears on a peer: the folder re-indexes, then syncs the difference.
      if (rng.chance(chanceWithin(dtMs, NEW_DATA_MEAN_MS))) {
        const added = Math.round(rng.logUniform(1 * MB, 2_000 * MB));
        w.size_total += added;
        w.files_total += Math.max(1, Math.round(added / rng.logUniform(50_000, 20 * MB)));
        w.status = "indexing";
        run.phaseMs = rng.int(2, 6) * 1000;
        run.next = "syncing";
      }
      return;
    case "no peers":
      if (rng.chance(chanceWithin(dtMs, PEERS_FOUND_MEAN_MS))) startMoving(run, rng);
      return;
    case "waiting for files from source":
      if (rng.chance(chanceWithin(dtMs, SOURCE_READY_MEAN_MS))) startMoving(run, rng);
      return;
    case "successfully finished":
      if (w.type === "script" && rng.chance(chanceWithin(dtMs, SCRIPT_RERUN_MEAN_MS))) {
        w.status = "executing script";
        run.phaseMs = rng.int(5, 90) * 1000;
        run.next = "successfully finished";
      }
      return;
    default:
      // error, low priority, expired, invalid state, waiting for scheduled script: they stay put.
      return;
  }
}
