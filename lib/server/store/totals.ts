import "server-only";
import type Database from "better-sqlite3";
import type { Run } from "@/lib/agent-api/runs";
import type { TotalsResponse } from "@/lib/bff/contract-store";
import type { RunPatch } from "@/lib/domain/run-delta";
import type { Snapshot } from "../collector/snapshot";
import { drainWithin } from "./drain";
import { MINUTE_MS, bucketOf } from "./history-tiers";
import { localDate, shiftDate } from "./local-date";
import { amount, polledRuns, runsChange } from "./poll-runs";
import type { PollWriter } from "./store";

/**
 * Bytes moved per day (issue 10, item 5), per agent and per run, from the deltas of each run's
 * transferred_down / transferred_up counters. The agent's counters start again when the agent or a run
 * restarts: a counter below its last value is a new session, counted from 0 (never negative traffic).
 * The last counters are kept in transfer_counters, so after a dashboard restart what moved while it was
 * away is counted (on the day it comes back); a run first seen on the first poll of a new agent is a
 * baseline (its past is not today's traffic), a run added later counts from 0.
 *
 * Days are the dashboard's local dates (its time zone, TZ). Counters and deltas are kept in memory
 * and written together once a minute (spread over polls), so a kill loses no bytes: the file's
 * counters are as old as its totals, and the next start counts from them.
 * The agent's own rows use run_id "": in daily_totals its sum over runs, in transfer_counters the
 * marker that counting began (and when).
 */
export const AGENT_ROW = "";

type Counter = { down: number; up: number; since: number };
type Moved = { down: number; up: number };
type AgentTotals = {
  counters: Map<string, Counter>;
  /** Bytes not written yet, per run and date (the agent's are their sum). */
  pending: Map<string, Map<string, Moved>>;
  /** Runs whose counter or bytes changed since they were last written; due = queued for writing. */
  dirty: Set<string>;
  due: Set<string>;
  minute: number;
  written: string[];
};

const FLUSH_BUDGET_MS = 4;
const CHUNK = 32;

export class TotalsWriter implements PollWriter {
  private readonly agents = new Map<string, AgentTotals>();
  private readonly sql;

  constructor(
    db: Database.Database,
    private readonly historyDays: number,
  ) {
    this.sql = {
      counters: db.prepare("SELECT run_id AS id, down, up, since FROM transfer_counters WHERE agent = ?"),
      counter: db.prepare(
        "INSERT INTO transfer_counters (agent, run_id, down, up, since) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET down = excluded.down, up = excluded.up",
      ),
      forget: db.prepare("DELETE FROM transfer_counters WHERE agent = ? AND run_id = ?"),
      add: db.prepare(
        "INSERT INTO daily_totals (agent, run_id, date, down, up) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET down = down + excluded.down, up = up + excluded.up",
      ),
      days: db.prepare("SELECT date, down, up FROM daily_totals WHERE agent = ? AND run_id = ? AND date >= ?"),
      prune: db.prepare("DELETE FROM daily_totals WHERE date < ?"),
    };
  }

  onPoll(agent: string, next: Snapshot, prev: Snapshot): void {
    const state = this.stateOf(agent);
    state.written = [];
    const runs = polledRuns(next);
    if (runs) this.observe(state, runs, runsChange(next, prev), next.polledAt);
    // Once a minute, half a minute off the history's minute ends, so the two never flush in one poll.
    const minute = bucketOf(next.polledAt + MINUTE_MS / 2, MINUTE_MS);
    if (minute !== state.minute) {
      state.minute = minute;
      for (const id of state.dirty) state.due.add(id);
    }
    this.drain(agent, state, FLUSH_BUDGET_MS);
  }

  committed(): void {
    for (const state of this.agents.values()) {
      for (const id of state.written) {
        state.due.delete(id);
        state.dirty.delete(id);
        state.pending.delete(id);
      }
      state.written = [];
    }
  }

  flush(): void {
    for (const [agent, state] of this.agents) {
      state.written = [];
      for (const id of state.dirty) state.due.add(id);
      this.drain(agent, state, Number.POSITIVE_INFINITY);
    }
  }

  /** Hourly: days older than HISTORY_DAYS (today counts as one). */
  prune(now: number): void {
    this.sql.prune.run(shiftDate(localDate(now), -(this.historyDays - 1)));
  }

  /** `days` local dates ending today, oldest first, zeros where nothing moved; `from`: when counting began. */
  days(agent: string, days: number, runId: string = AGENT_ROW, now = Date.now()): TotalsResponse {
    const today = localDate(now);
    const first = shiftDate(today, -(days - 1));
    const moved = new Map<string, Moved>();
    for (const r of this.sql.days.all(agent, runId, first) as ({ date: string } & Moved)[])
      moved.set(r.date, { down: r.down, up: r.up });
    const state = this.stateOf(agent);
    // Not written yet: this run's bytes, or for the agent every run's.
    const unwritten =
      runId === AGENT_ROW ? [...state.pending.values()] : [state.pending.get(runId) ?? new Map<string, Moved>()];
    for (const days of unwritten) {
      for (const [date, m] of days) {
        const sum = moved.get(date) ?? { down: 0, up: 0 };
        moved.set(date, { down: sum.down + m.down, up: sum.up + m.up });
      }
    }
    const out = Array.from({ length: days }, (_, i) => {
      const date = shiftDate(first, i);
      return { date, ...(moved.get(date) ?? { down: 0, up: 0 }) };
    });
    const from = state.counters.get(runId)?.since;
    return { days: out, ...(from === undefined ? {} : { from }) };
  }

  private stateOf(agent: string): AgentTotals {
    let state = this.agents.get(agent);
    if (!state) {
      const counters = new Map<string, Counter>();
      for (const c of this.sql.counters.all(agent) as ({ id: string } & Counter)[])
        counters.set(c.id, { down: c.down, up: c.up, since: c.since });
      state = { counters, pending: new Map(), dirty: new Set(), due: new Set(), minute: 0, written: [] };
      this.agents.set(agent, state);
    }
    return state;
  }

  private observe(state: AgentTotals, runs: readonly Run[], change: ReturnType<typeof runsChange>, t: number): void {
    const date = localDate(t);
    const counted = state.counters.has(AGENT_ROW);
    if (!counted) {
      state.counters.set(AGENT_ROW, { down: 0, up: 0, since: t });
      state.dirty.add(AGENT_ROW);
    }
    if (change === undefined) {
      // Nothing to diff with (this process's first poll): compare every run with the stored counters,
      // and forget the counters of runs that went while the dashboard was away.
      const listed = new Set<string>();
      for (const run of runs) {
        listed.add(String(run.run_id));
        this.count(state, String(run.run_id), run.transferred_down, run.transferred_up, date, t, counted);
      }
      for (const id of state.counters.keys()) if (id !== AGENT_ROW && !listed.has(id)) this.forget(state, id);
      return;
    }
    for (const patch of change.changed) {
      if (!("transferred_down" in patch) && !("transferred_up" in patch)) continue;
      const id = String(patch.run_id);
      const known = state.counters.get(id);
      this.count(
        state,
        id,
        field(patch, "transferred_down", known?.down),
        field(patch, "transferred_up", known?.up),
        date,
        t,
        true,
      );
    }
    for (const runId of change.removed) this.forget(state, String(runId));
  }

  /** One run's counters now: the bytes since its last counters (a drop: a new session, from 0). */
  private count(
    state: AgentTotals,
    id: string,
    down: number | undefined,
    up: number | undefined,
    date: string,
    t: number,
    fromZero: boolean,
  ): void {
    if (down === undefined && up === undefined) return;
    const last = state.counters.get(id);
    // A counter the agent left out keeps its last value (it is not a reset to 0).
    const d = down === undefined ? (last?.down ?? 0) : amount(down);
    const u = up === undefined ? (last?.up ?? 0) : amount(up);
    if (last && last.down === d && last.up === u) return;
    const movedDown = last ? since(d, last.down) : fromZero ? d : 0;
    const movedUp = last ? since(u, last.up) : fromZero ? u : 0;
    // Updated in place: at 5,000 moving runs a new object per run per poll is work for the GC.
    if (last) {
      last.down = d;
      last.up = u;
    } else {
      state.counters.set(id, { down: d, up: u, since: t });
    }
    state.dirty.add(id);
    if (movedDown === 0 && movedUp === 0) return;
    let days = state.pending.get(id);
    if (!days) state.pending.set(id, (days = new Map()));
    const sum = days.get(date);
    if (sum) {
      sum.down += movedDown;
      sum.up += movedUp;
    } else {
      days.set(date, { down: movedDown, up: movedUp });
    }
  }

  private forget(state: AgentTotals, id: string): void {
    if (state.counters.delete(id)) state.dirty.add(id);
  }

  private drain(agent: string, state: AgentTotals, budgetMs: number): void {
    const ids = state.due.values();
    drainWithin(budgetMs, () => {
      for (let i = 0; i < CHUNK; i++) {
        const next = ids.next();
        if (next.done) return false;
        this.write(agent, state, next.value);
      }
      return true;
    });
  }

  private write(agent: string, state: AgentTotals, id: string): void {
    const counter = state.counters.get(id);
    if (counter) this.sql.counter.run(agent, id, counter.down, counter.up, counter.since);
    else this.sql.forget.run(agent, id);
    // The run's bytes and the agent's share of them in one go, so a kill leaves the two consistent.
    for (const [date, m] of state.pending.get(id) ?? []) {
      this.sql.add.run(agent, id, date, m.down, m.up);
      this.sql.add.run(agent, AGENT_ROW, date, m.down, m.up);
    }
    state.written.push(id);
  }
}

/** Bytes moved from counter `before` to `now`: a counter below its last value started again from 0. */
function since(now: number, before: number): number {
  return now >= before ? now - before : now;
}

/** A counter from a patch: its new value, the known one when the patch leaves it alone, none when gone. */
function field(
  patch: RunPatch,
  key: "transferred_down" | "transferred_up",
  known: number | undefined,
): number | undefined {
  if (!(key in patch)) return known;
  const value = patch[key];
  return value === null || value === undefined ? undefined : value;
}
