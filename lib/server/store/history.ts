import "server-only";
import type Database from "better-sqlite3";
import type { Run } from "@/lib/agent-api/runs";
import type { Snapshot } from "../collector/snapshot";
import { drainWithin } from "./drain";
import { DAY_MS, FINE_RETENTION_MS, HOUR_MS, MINUTE_MS, bucketOf } from "./history-tiers";
import { add, emptySums, newSlot, progressMoved, rowOf, track, type Slot, type SlotRow } from "./history-slots";
import { amount, polledRuns } from "./poll-runs";
import type { PollWriter } from "./store";

/*
 * Long history (issue 10, item 4), written at every poll of every agent, watched or not:
 * - the agent's totals (speed sums, bytes completed and total) at every poll, at least
 *   POLL_INTERVAL_MS apart, for a day; and per minute for HISTORY_DAYS;
 * - each run's speeds and progress per minute for a day and per hour for HISTORY_DAYS, only for
 *   minutes and hours in which it moved (a speed above 0 or its progress changed): a still run costs
 *   no row, however many there are.
 * Minutes and hours are summed in memory and queued when they end (runs' minutes in blocks, see
 * AgentState); the queue drains within a time budget per poll, so 5,000 runs' rows spread over the
 * next polls. Held, queued and current slots are part of every answer (see HistoryReader), so
 * batching and spreading change nothing anyone sees.
 */

/**
 * `held`: finished run minutes kept back until a block of BATCH_MS ends, then queued sorted by run:
 * a run's rows sit together in the file, so a block's rows land in one page per run instead of one
 * page write per run every minute (at 5,000 runs that is the difference between megabytes and
 * gigabytes written a day). A kill loses at most a block of per-run minutes; a stop loses none.
 */
type AgentState = {
  lastPointT?: number;
  minute?: Slot;
  hour?: Slot;
  held: SlotRow[];
  queue: SlotRow[];
  written: number;
};

export type { SlotRow } from "./history-slots";

export type HistoryOptions = { pollIntervalMs: number; historyDays: number };

/** Time of a poll's transaction spent writing queued rows (the whole poll's target is 20 ms p99). */
const FLUSH_BUDGET_MS = 6;
const CHUNK = 64;
/** Expired fine rows deleted per chunk: a day-old minute of 5,000 runs goes over a few polls. */
const TRIM_CHUNK = 500;
/**
 * Rows held while writes fail (disk full): a few hours of 5,000 moving runs. Beyond that the oldest
 * go; health already says storage is failing, and live data never depended on it.
 */
const MAX_QUEUE = 250_000;
const BATCH_MS = 10 * MINUTE_MS;

export class HistoryWriter implements PollWriter {
  readonly pollIntervalMs: number;
  readonly historyDays: number;
  private readonly agents = new Map<string, AgentState>();
  /** Expired rows of a run tier left to delete, and the time they are older than. */
  private readonly trimDue = new Map<"run_minutes" | "run_hours", number>();
  private readonly sql;

  constructor(db: Database.Database, options: HistoryOptions) {
    this.pollIntervalMs = options.pollIntervalMs;
    this.historyDays = options.historyDays;
    const slot = (table: string, key: string) =>
      db.prepare(
        `INSERT INTO ${table} (${key}, t, n, down, up, completed, total) VALUES (${key.replace(/\w+/g, "?")}, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET n = n + excluded.n,
           down = round((down * n + excluded.down * excluded.n) * 1.0 / (n + excluded.n)),
           up = round((up * n + excluded.up * excluded.n) * 1.0 / (n + excluded.n)),
           completed = excluded.completed, total = excluded.total`,
      );
    // In key order, so one chunk empties a few runs' pages rather than touching one row in hundreds.
    const trim = (table: string) =>
      db.prepare(
        `DELETE FROM ${table} WHERE (agent, run_id, t) IN (SELECT agent, run_id, t FROM ${table} WHERE t < ? ORDER BY agent, run_id, t LIMIT ${TRIM_CHUNK})`,
      );
    // A slot written twice (a restart within one minute or hour) keeps the sample-weighted average.
    this.sql = {
      point: db.prepare(
        `INSERT INTO agent_points (agent, t, down, up, completed, total) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET down = excluded.down, up = excluded.up, completed = excluded.completed, total = excluded.total`,
      ),
      agent_minutes: slot("agent_minutes", "agent"),
      run_minutes: slot("run_minutes", "agent, run_id"),
      run_hours: slot("run_hours", "agent, run_id"),
      trimPoints: db.prepare("DELETE FROM agent_points WHERE agent = ? AND t < ?"),
      trimMinutes: db.prepare("DELETE FROM agent_minutes WHERE agent = ? AND t < ?"),
      trim: {
        run_minutes: trim("run_minutes"),
        run_hours: trim("run_hours"),
      },
      prune: ["agent_points", "run_minutes", "agent_minutes", "run_hours"].map((table) =>
        db.prepare(`DELETE FROM ${table} WHERE t < ?`),
      ),
    };
  }

  get retentionMs(): number {
    return this.historyDays * DAY_MS;
  }

  onPoll(agent: string, next: Snapshot, prev: Snapshot): void {
    const state = this.stateOf(agent);
    state.written = 0;
    const runs = polledRuns(next);
    if (runs) this.sample(agent, state, runs, next.polledAt, progressMoved(next, prev));
    this.drain(agent, state, FLUSH_BUDGET_MS);
  }

  /** The poll's transaction committed: what it wrote leaves the queue (after a failed one, it is written again). */
  committed(): void {
    for (const state of this.agents.values()) {
      state.queue.splice(0, state.written);
      state.written = 0;
    }
  }

  /** Shutdown: the minutes and hours in progress are written as they stand, and the whole queue. */
  flush(): void {
    for (const [agent, state] of this.agents) {
      state.written = 0;
      if (state.minute) this.closeMinute(agent, state, true);
      if (state.hour) this.closeHour(state);
      this.drain(agent, state, Number.POSITIVE_INFINITY);
    }
  }

  /** Hourly: the fine tiers past a day, the rest past HISTORY_DAYS. */
  prune(now: number): void {
    const [points, minutes, agentMinutes, hours] = this.sql.prune;
    points!.run(now - FINE_RETENTION_MS);
    minutes!.run(now - FINE_RETENTION_MS);
    agentMinutes!.run(now - this.retentionMs);
    hours!.run(now - this.retentionMs);
  }

  /** What the file does not hold yet for one series: queued slots and the slot in progress. */
  unwritten(agent: string, table: SlotRow["table"], runId: string): SlotRow[] {
    const state = this.agents.get(agent);
    if (!state) return [];
    // The whole queue: a poll's rows leave it only once its transaction committed.
    const out = [...state.held, ...state.queue].filter((r) => r.table === table && r.runId === runId);
    const slot = table === "run_hours" ? state.hour : state.minute;
    if (slot && slot.n > 0) {
      const sums = runId === "" ? slot : slot.runs.get(runId);
      if (sums) out.push(rowOf(table, runId, slot, sums));
    }
    return out;
  }

  private stateOf(agent: string): AgentState {
    let state = this.agents.get(agent);
    if (!state) this.agents.set(agent, (state = { held: [], queue: [], written: 0 }));
    return state;
  }

  private sample(agent: string, state: AgentState, runs: readonly Run[], t: number, moved: ReadonlySet<number>): void {
    if (state.minute && state.minute.start !== bucketOf(t, MINUTE_MS))
      this.closeMinute(
        agent,
        state,
        bucketOf(t, BATCH_MS) !== bucketOf(state.held[0]?.t ?? state.minute.start, BATCH_MS),
      );
    if (state.hour && state.hour.start !== bucketOf(t, HOUR_MS)) this.closeHour(state);
    const minute = (state.minute ??= newSlot(bucketOf(t, MINUTE_MS)));
    const hour = (state.hour ??= newSlot(bucketOf(t, HOUR_MS)));
    const all = emptySums();
    for (const run of runs) {
      const down = amount(run.down_speed);
      const up = amount(run.up_speed);
      const completed = amount(run.size_completed);
      const total = amount(run.size_total);
      all.down += down;
      all.up += up;
      all.completed += completed;
      all.total += total;
      // A still sample changes nothing a run's slot holds (no speed to add, the same progress).
      if (down === 0 && up === 0 && !moved.has(run.run_id)) continue;
      const id = String(run.run_id);
      track(minute, id, down, up, completed, total);
      track(hour, id, down, up, completed, total);
    }
    minute.n++;
    hour.n++;
    add(minute, all.down, all.up, all.completed, all.total);
    add(hour, all.down, all.up, all.completed, all.total);
    // A sample within an interval of the latest point updates that point and keeps its time: the
    // collector's extra polls (after a change, a stale read) are not evenly spaced.
    const within = state.lastPointT !== undefined && t - state.lastPointT < this.pollIntervalMs;
    if (!within) state.lastPointT = t;
    this.sql.point.run(agent, state.lastPointT, all.down, all.up, all.completed, all.total);
  }

  /** The minute ends: the agent's row is queued now, the runs' rows are held until `release`. */
  private closeMinute(agent: string, state: AgentState, release: boolean): void {
    const slot = state.minute!;
    state.minute = undefined;
    if (slot.n > 0) state.queue.push(rowOf("agent_minutes", "", slot, slot));
    for (const [runId, sums] of slot.runs) state.held.push(rowOf("run_minutes", runId, slot, sums));
    // Once a minute, what has aged out of this agent's own tiers (about one row each).
    this.sql.trimPoints.run(agent, slot.start - FINE_RETENTION_MS);
    this.sql.trimMinutes.run(agent, slot.start - this.retentionMs);
    if (!release) return;
    state.held.sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : a.t - b.t));
    for (const row of state.held) state.queue.push(row);
    state.held = [];
    if (state.queue.length > MAX_QUEUE) state.queue.splice(0, state.queue.length - MAX_QUEUE);
    // And a block of expired run minutes, in bounded chunks (all agents' rows; found by time).
    this.trimDue.set("run_minutes", slot.start - FINE_RETENTION_MS);
  }

  private closeHour(state: AgentState): void {
    const slot = state.hour!;
    state.hour = undefined;
    for (const [runId, sums] of slot.runs) state.queue.push(rowOf("run_hours", runId, slot, sums));
    this.trimDue.set("run_hours", slot.start - this.retentionMs);
  }

  private drain(agent: string, state: AgentState, budgetMs: number): void {
    drainWithin(budgetMs, () => {
      const chunk = state.queue.slice(state.written, state.written + CHUNK);
      if (chunk.length === 0) return this.trimStep();
      for (const r of chunk) {
        const key = r.table === "agent_minutes" ? [agent] : [agent, r.runId];
        this.sql[r.table].run(...key, r.t, r.n, r.down, r.up, r.completed, r.total);
      }
      state.written += chunk.length;
      return true;
    });
  }

  /** One chunk of expired run rows; false once none is left. */
  private trimStep(): boolean {
    const [table, before] = this.trimDue.entries().next().value ?? [];
    if (!table || before === undefined) return false;
    if (this.sql.trim[table].run(before).changes < TRIM_CHUNK) this.trimDue.delete(table);
    return true;
  }
}
