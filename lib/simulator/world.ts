import type { AgentClientStatusWire } from "../agent-api/client";
import type { Run } from "../agent-api/runs";
import type { Tag } from "../agent-api/tags";
import { Rng } from "./rng";
import { createRuns } from "./run-fixtures";
import { applyActiveMix } from "./run-mix";
import { stepRun } from "./run-motion";
import type { RunStatus, SimRun } from "./run-types";
import { base32 } from "./tokens";

export interface WorldOptions {
  seed: number;
  runs: number;
  /** Simulated start time, ms since the epoch; the process passes Date.now(). */
  now: number;
  /** A realistic mix: only this percentage of runs moves (see run-mix.ts); absent, the busy default. */
  activePercent?: number | null;
}

export const INITIAL_TAGS: readonly Tag[] = [
  { name: "SITE", value: "Berlin" },
  { name: "ROLE", value: "render-node" },
];
const MAX_RESUME_TIMER_S = 30 * 24 * 3600;

/**
 * The simulated agent's state: client status, runs and tags. Pure and deterministic for a given
 * seed and sequence of ticks (no timers, no I/O), so it is unit-tested without HTTP; the process
 * drives it with `tick()` and the HTTP layer only reads and mutates it.
 */
export class World {
  private simRuns: SimRun[] = [];
  private byId = new Map<number, SimRun>();
  private readonly motion: Rng;
  private nowMs: number;
  private paused = false;
  private resumeAtMs: number | null = null;
  private restartRequired = true;
  private serverState = "CONNECTED";
  private lastSeenSec: number;
  private tagList: Tag[] = INITIAL_TAGS.map((t) => ({ ...t }));
  private version = 0;
  private runsCache: { version: number; json: string } | null = null;
  name = "RENDER-NODE-07";
  addr = "mc.agentdeck.example:8444";
  readonly deviceid: string;
  readonly deviceidHex: string;

  constructor(private readonly opts: WorldOptions) {
    this.nowMs = opts.now;
    this.lastSeenSec = Math.floor(opts.now / 1000);
    // Separate streams: changing how runs move must not change which runs exist.
    this.motion = new Rng(opts.seed ^ 0x9e3779b9);
    const id = new Rng(opts.seed + 1).bytes(20);
    this.deviceid = base32(id);
    this.deviceidHex = Buffer.from(id).toString("hex").toUpperCase();
    this.setRunCount(opts.runs);
  }

  get now(): number {
    return this.nowMs;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get runCount(): number {
    return this.simRuns.length;
  }

  /** Advances simulated time. O(runs): one step per run, nothing else. */
  tick(dtMs: number): void {
    if (!(dtMs > 0)) return;
    this.nowMs += dtMs;
    const nowSec = Math.floor(this.nowMs / 1000);
    if (this.serverState === "CONNECTED") this.lastSeenSec = nowSec;
    if (this.paused && this.resumeAtMs !== null && this.nowMs >= this.resumeAtMs) this.resume();
    if (!this.paused) for (const run of this.simRuns) stepRun(run, dtMs, this.motion, nowSec);
    this.version++;
  }

  /** What an agent before 3.0 answers at GET /api/v2/client, inside `{"data": …}` (agent-facts.md). */
  v2Client(): { peerid: string; name: string; paused: boolean } {
    return { peerid: this.deviceidHex, name: this.name, paused: this.paused };
  }

  client(): AgentClientStatusWire {
    const server =
      this.serverState === "NOT_CONFIGURED"
        ? { state: this.serverState } // nothing to be connected to: no address, never seen
        : { addr: this.addr, last_seen: this.lastSeenSec, state: this.serverState };
    return {
      deviceid: this.deviceid,
      deviceidHex: this.deviceidHex,
      name: this.name,
      paused: this.paused,
      // The doc: the string "true", and the field is missing when no restart is required.
      ...(this.restartRequired ? { restartRequired: "true" as const } : {}),
      server,
    };
  }

  /** Copies, so callers can keep them across ticks. */
  runs(): Run[] {
    return this.simRuns.map((r) => ({ ...r.wire, errors: [...r.wire.errors] }));
  }

  run(runId: number): Run | undefined {
    const r = this.byId.get(runId);
    return r ? { ...r.wire, errors: [...r.wire.errors] } : undefined;
  }

  /** The runs as JSON, built at most once per change: thousands of runs, many pollers. */
  runsJson(): string {
    if (this.runsCache?.version !== this.version) {
      this.runsCache = { version: this.version, json: JSON.stringify(this.simRuns.map((r) => r.wire)) };
    }
    return this.runsCache.json;
  }

  /**
   * Pauses every run (status "paused", speeds and eta 0), remembering what each was doing.
   * `fromMs` is when the request arrived: the world's clock only moves on ticks, and a resume
   * timer counts from the request, not from the last tick.
   */
  pause(resumeTimerSec?: number, fromMs = this.nowMs): void {
    if (
      resumeTimerSec !== undefined &&
      !(Number.isInteger(resumeTimerSec) && resumeTimerSec > 0 && resumeTimerSec <= MAX_RESUME_TIMER_S)
    ) {
      throw new RangeError(`resume_timer must be a whole number of seconds between 1 and ${MAX_RESUME_TIMER_S}`);
    }
    // Pausing again only changes the timer; the statuses saved by the first pause are the real ones.
    this.resumeAtMs = resumeTimerSec === undefined ? null : Math.max(fromMs, this.nowMs) + resumeTimerSec * 1000;
    if (this.paused) return;
    this.paused = true;
    for (const run of this.simRuns) this.pauseRun(run);
    this.version++;
  }

  resume(): void {
    this.resumeAtMs = null;
    if (!this.paused) return;
    this.paused = false;
    for (const run of this.simRuns) {
      if (!run.beforePause) continue;
      Object.assign(run.wire, run.beforePause);
      delete run.beforePause;
    }
    this.version++;
  }

  /** When the agent will resume by itself, ms since the epoch (simulated clock), or null. */
  get resumeAt(): number | null {
    return this.resumeAtMs;
  }

  /** A restarted agent is running again and no longer needs a restart. */
  restart(): void {
    this.resume();
    this.restartRequired = false;
  }

  tags(): Tag[] {
    return this.tagList.map((t) => ({ ...t }));
  }

  /** Creates or updates each tag by name; the API has no delete. */
  upsertTags(tags: readonly Tag[]): void {
    for (const { name, value } of tags) {
      const existing = this.tagList.find((t) => t.name === name);
      if (existing) existing.value = value;
      else this.tagList.push({ name, value });
    }
  }

  /** Control API only: replace all tags (there is no agent call that deletes). */
  replaceTags(tags: readonly Tag[]): void {
    this.tagList = tags.map(({ name, value }) => ({ name, value }));
  }

  setServerState(state: string): void {
    this.serverState = state;
    if (state === "CONNECTED") this.lastSeenSec = Math.floor(this.nowMs / 1000);
  }

  setRestartRequired(required: boolean): void {
    this.restartRequired = required;
  }

  /**
   * Control API only: puts one run into `status` now (e.g. "error", or "successfully finished" for a
   * transfer that just completed); the simulation moves it on from there. False if no such run.
   */
  setRunStatus(runId: number, status: RunStatus, errors?: unknown[]): boolean {
    const run = this.byId.get(runId);
    if (!run) return false;
    const w = run.wire;
    w.status = status;
    if (errors !== undefined) w.errors = [...errors];
    if (status === "synced" || status === "successfully finished") {
      w.size_completed = w.size_total;
      w.files_completed = w.files_total;
    }
    if (status !== "syncing" && status !== "downloading") w.down_speed = w.eta = 0;
    if (status !== "seeding") w.up_speed = 0;
    run.phaseMs = 0;
    // A run set by hand moves on from there, even an idle one of a realistic mix.
    delete run.still;
    // While paused the agent reports "paused"; the new status shows once it resumes.
    if (run.beforePause) {
      run.beforePause.status = status;
      w.status = "paused";
    }
    this.version++;
    return true;
  }

  /** Regenerates the runs from the seed: the first N are the same whatever N is. */
  setRunCount(count: number): void {
    const nowSec = Math.floor(this.nowMs / 1000);
    this.simRuns = createRuns(count, this.opts.seed, nowSec);
    const percent = this.opts.activePercent;
    if (percent !== undefined && percent !== null) applyActiveMix(this.simRuns, percent, this.opts.seed, nowSec);
    this.byId = new Map(this.simRuns.map((r) => [r.wire.run_id, r]));
    if (this.paused) for (const run of this.simRuns) this.pauseRun(run);
    this.version++;
  }

  private pauseRun(run: SimRun): void {
    const w = run.wire;
    run.beforePause = { status: w.status, down_speed: w.down_speed, up_speed: w.up_speed, eta: w.eta };
    w.status = "paused";
    w.down_speed = 0;
    w.up_speed = 0;
    w.eta = 0;
  }
}
