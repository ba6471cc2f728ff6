import "server-only";
import type { Run } from "@/lib/agent-api/runs";

/**
 * Speed history, fed each time runs are fetched upstream: fixed-size ring buffers, so a dashboard
 * left running for weeks holds at most HISTORY_SECONDS of points per agent and per run.
 */
export type HistoryPoint = { t: number; down: number; up: number };

/** Beyond this many points the slot widens instead, so a long HISTORY_SECONDS stays cheap. */
const MAX_POINTS = 3600;
/** Budget for per-run buffers of one agent (two Float32 per slot per run). */
const RUN_BUFFER_BUDGET_BYTES = 16 * 1024 * 1024;

type RunSeries = { down: Float32Array; up: Float32Array };

export class AgentHistory {
  readonly intervalMs: number;
  readonly capacity: number;
  private readonly maxRuns: number;
  private readonly times: Float64Array;
  private readonly down: Float64Array;
  private readonly up: Float64Array;
  private readonly runs = new Map<string, RunSeries>();
  private head = -1;
  private count = 0;

  constructor(pollIntervalMs: number, historySeconds: number) {
    const retentionMs = historySeconds * 1000;
    this.intervalMs = Math.max(pollIntervalMs, Math.ceil(retentionMs / MAX_POINTS));
    this.capacity = Math.max(1, Math.ceil(retentionMs / this.intervalMs));
    this.maxRuns = Math.max(1, Math.floor(RUN_BUFFER_BUDGET_BYTES / (8 * this.capacity)));
    this.times = new Float64Array(this.capacity);
    this.down = new Float64Array(this.capacity);
    this.up = new Float64Array(this.capacity);
  }

  /** Runs with a buffer of their own right now (at most `maxTrackedRuns`). */
  get trackedRuns(): number {
    return this.runs.size;
  }

  /** Beyond this many runs, further runs get no per-run history (the agent total still counts them). */
  get maxTrackedRuns(): number {
    return this.maxRuns;
  }

  /**
   * At most one point per interval: a sample less than an interval after the latest point updates
   * that point's values (it keeps its time). The collector polls on its own clock, but a read of a
   * stale snapshot or a change starts an extra poll, so samples are not evenly spaced.
   */
  record(runs: readonly Run[], t: number = Date.now()): void {
    if (this.count === 0 || t - (this.times[this.head] ?? 0) >= this.intervalMs) {
      this.head = (this.head + 1) % this.capacity;
      this.count = Math.min(this.count + 1, this.capacity);
      this.times[this.head] = t;
      // The slot being reused held the oldest point: forget it for every run too.
      for (const series of this.runs.values()) {
        series.down[this.head] = Number.NaN;
        series.up[this.head] = Number.NaN;
      }
    }
    // A run the agent no longer lists has vanished (removed job, finished transfer cleaned up):
    // its buffers go first, so the per-run budget serves runs that exist.
    const listed = new Set(runs.map((r) => String(r.run_id)));
    for (const key of this.runs.keys()) if (!listed.has(key)) this.runs.delete(key);
    let down = 0;
    let up = 0;
    for (const run of runs) {
      const d = finite(run.down_speed);
      const u = finite(run.up_speed);
      down += d;
      up += u;
      const key = String(run.run_id);
      let series = this.runs.get(key);
      if (!series && this.runs.size < this.maxRuns) {
        series = { down: new Float32Array(this.capacity).fill(Number.NaN), up: new Float32Array(this.capacity).fill(Number.NaN) };
        this.runs.set(key, series);
      }
      if (series) {
        series.down[this.head] = d;
        series.up[this.head] = u;
      }
    }
    this.down[this.head] = down;
    this.up[this.head] = up;
  }

  /** Oldest first. With `runId`, only the slots in which that run was present. */
  points(runId?: string): HistoryPoint[] {
    const series = runId === undefined ? undefined : this.runs.get(runId);
    if (runId !== undefined && !series) return [];
    const out: HistoryPoint[] = [];
    for (let i = 0; i < this.count; i++) {
      const idx = (this.head - this.count + 1 + i + this.capacity) % this.capacity;
      const t = this.times[idx] ?? 0;
      if (series) {
        const d = series.down[idx] ?? Number.NaN;
        if (Number.isNaN(d)) continue;
        out.push({ t, down: d, up: series.up[idx] ?? 0 });
      } else {
        out.push({ t, down: this.down[idx] ?? 0, up: this.up[idx] ?? 0 });
      }
    }
    return out;
  }
}

function finite(n: number | undefined): number {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : 0;
}
