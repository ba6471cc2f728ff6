import type { Run } from "../lib/agent-api/runs";
import type { RunPatch } from "../lib/domain/run-delta";
import { EMPTY_SNAPSHOT, type Snapshot } from "../lib/server/collector/snapshot";

/**
 * A synthetic agent for the store bench: `n` runs of which about `activePercent`% move at any time
 * (each for a while, then it settles and another starts), the rest settled and still, as on a real
 * fleet. Each `poll(t)` makes the snapshot the collector would make at time `t`: a new list sharing
 * every unchanged run, and the delta of the runs that changed (what settleRuns computes), built
 * directly so the bench spends its time in the store, not in diffing 5,000 runs per poll.
 */
const MB = 1024 * 1024;

type Motion = { until: number; down: number; up: number };

export class SyntheticFleet {
  private runs: Run[];
  private readonly moving = new Map<number, Motion>();
  private prev: Snapshot = EMPTY_SNAPSHOT;
  private lastT = 0;
  private seed = 7;

  constructor(
    readonly n: number,
    activePercent: number,
  ) {
    this.runs = Array.from({ length: n }, (_, i) => {
      const total = Math.round(this.logUniform(10 * MB, 50_000 * MB));
      return {
        run_id: i + 1,
        id: 1000 + i,
        name: `Job ${i + 1}`,
        type: i % 5 === 0 ? "transfer" : "folder",
        status: "synced",
        down_speed: 0,
        up_speed: 0,
        eta: 0,
        size_total: total,
        size_completed: total,
        files_total: 100,
        files_completed: 100,
        transferred_down: Math.round(total * this.random()),
        transferred_up: 0,
        peers_count: 2,
        errors: [],
      } satisfies Run;
    });
    this.target = Math.max(1, Math.round((n * activePercent) / 100));
  }

  private readonly target: number;

  /** The snapshot at `t`: the moving runs advanced by the time since the last poll. */
  poll(t: number): { next: Snapshot; prev: Snapshot } {
    const dt = this.lastT === 0 ? 0 : (t - this.lastT) / 1000;
    this.lastT = t;
    const changed: RunPatch[] = [];
    const list = this.runs.slice();
    for (const [index, motion] of this.moving) {
      const run = list[index]!;
      if (t >= motion.until) {
        this.moving.delete(index);
        const settled = {
          ...run,
          status: "synced",
          down_speed: 0,
          up_speed: 0,
          eta: 0,
          size_completed: run.size_total,
        };
        list[index] = settled;
        changed.push({
          run_id: run.run_id,
          status: "synced",
          down_speed: 0,
          up_speed: 0,
          eta: 0,
          size_completed: run.size_total,
        });
        continue;
      }
      // Speeds wander around the run's own rate, as real transfers do.
      const down = Math.round(motion.down * (0.7 + 0.6 * this.random()));
      const up = Math.round(motion.up * (0.7 + 0.6 * this.random()));
      const completed = Math.min(run.size_total ?? 0, (run.size_completed ?? 0) + Math.round(down * dt));
      const patch = {
        down_speed: down,
        up_speed: up,
        size_completed: completed,
        eta: down > 0 ? Math.round(((run.size_total ?? 0) - completed) / down) : 0,
        transferred_down: (run.transferred_down ?? 0) + Math.round(down * dt),
        transferred_up: (run.transferred_up ?? 0) + Math.round(up * dt),
      };
      list[index] = { ...run, ...patch };
      changed.push({ run_id: run.run_id, ...patch });
    }
    while (this.moving.size < this.target) this.start(list, changed, t);
    const prev = this.prev;
    const next: Snapshot = {
      seq: prev.seq + 1,
      polledAt: t,
      status: { value: { paused: false } as never, okAt: t },
      runs: { value: list, okAt: t },
      tags: {},
      ...(prev.seq > 0 ? { runsStep: { fromSeq: prev.seq, delta: { changed, removed: [] } } } : {}),
    };
    this.runs = list;
    this.prev = next;
    return { next, prev };
  }

  /** A still run starts moving: a new version of its folder, for minutes to hours. */
  private start(list: Run[], changed: RunPatch[], t: number): void {
    let index = Math.floor(this.random() * this.n);
    while (this.moving.has(index)) index = (index + 1) % this.n;
    const run = list[index]!;
    const total = run.size_total ?? 0;
    const patch = { status: "syncing", size_completed: Math.round(total * this.random() * 0.9) };
    list[index] = { ...run, ...patch };
    changed.push({ run_id: run.run_id, ...patch });
    const uploads = this.random() < 0.3;
    this.moving.set(index, {
      until: t + this.logUniform(2 * 60_000, 4 * 3_600_000),
      down: this.logUniform(50_000, 20 * MB),
      up: uploads ? this.logUniform(10_000, 5 * MB) : 0,
    });
  }

  /** A small seeded generator (mulberry32): every bench run writes the same fleet. */
  private random(): number {
    let x = (this.seed = (this.seed + 0x6d2b79f5) | 0);
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }

  private logUniform(lo: number, hi: number): number {
    return Math.exp(Math.log(lo) + this.random() * (Math.log(hi) - Math.log(lo)));
  }
}
