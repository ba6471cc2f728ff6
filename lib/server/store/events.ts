import "server-only";
import type Database from "better-sqlite3";
import { deckEvents } from "@/lib/domain/deck-events";
import { detectEvents, type DetectedEvent, type EventContext } from "@/lib/domain/events";
import type { Snapshot } from "../collector/snapshot";
import type { Config } from "../config";
import { AppError } from "../errors";
import { EventImports, eventColumns } from "./event-imports";
import { EventReader } from "./events-read";
import { currentStore } from "./index";
import type { PollWriter, Store } from "./store";

/**
 * The event log: at every poll of every agent, inside the poll's transaction, what changed since the
 * last poll becomes rows of `events` (lib/domain/events.ts decides what). Two rules keep it small:
 *
 * - A repeat of the same event (agent, kind, run, from, to, message, actor) within the coalescing
 *   window of its last occurrence adds to that row's `count` and moves its `last_t`: a run or an
 *   agent flapping every poll for a night is one row per direction, not thousands.
 * - A poll records at most EVENTS_PER_KIND events of each kind; the rest of a kind become one summary
 *   row saying how many. A mass change (5,000 runs paused or re-added at once) costs 21 rows, and
 *   the runs that go into or out of "paused" with their agent are one row whatever their number.
 *
 * Who made a change is known only to the dashboard: routes say who asked (`expect`) before they
 * call the agent, and the poll that sees the change names them if it comes within a few seconds.
 */
export const EVENTS_PER_KIND = 20;
/** How long a change asked for through the dashboard waits to be seen before it counts as someone else's. */
const ACTOR_WINDOW_MS = 15_000;
/** Old events deleted per step of a prune (about 0.1 s of work on a loaded machine). */
const PRUNE_BATCH = 5_000;
/** How long a restart asked for may take to show (the agent away, then back). */
const RESTART_WINDOW_MS = 10 * 60_000;

export type ExpectedChange = "paused" | "resumed" | "tags_changed";
type Asked = { actor: string; at: number };
type AgentState = {
  asked: Map<ExpectedChange, Asked>;
  restart?: Asked;
  resumeTimerAt?: number;
  pausedSeenAt?: number;
};

/**
 * A reader of the events the dashboard records itself outside a poll (the scheduler's), called
 * inside the event's own transaction (alerts queue their notifications with it), then told it committed.
 */
export type RecordReader = { recorded(agent: string, event: DetectedEvent, at: number): void; committed(): void };

export type EventLogOptions = {
  eventsDays: number;
  /** Repeats closer than this to the last one are counted on its row. */
  coalesceMs: number;
  /** Runs going into or out of "paused" this soon after the agent was seen paused follow the agent. */
  pausedLatelyMs: number;
  /** Agents behind other Agent Decks: their events are copied from those decks (EventImports), not detected here. */
  imported?: ReadonlySet<string>;
};

export function eventLogOptions(config: Config): EventLogOptions {
  // Ten seconds, or two polls at the slow rate, so a flap seen at every poll coalesces either way.
  const coalesceMs = Math.max(10_000, 2 * config.backgroundPollMs);
  const imported = new Set(config.agents.filter((a) => a.deck !== undefined).map((a) => a.id));
  return { eventsDays: config.eventsDays, coalesceMs, pausedLatelyMs: coalesceMs, imported };
}

export class EventLog implements PollWriter {
  readonly read: EventReader;
  readonly imports: EventImports;
  private readonly insert: Database.Statement;
  private readonly bump: Database.Statement;
  private readonly pruneOld: Database.Statement;
  /** The row each recent event went to, for coalescing, without a lookup in the table. */
  private readonly recent = new Map<string, { id: number; lastT: number }>();
  private sweptAt = 0;
  private readonly agents = new Map<string, AgentState>();
  private detected: { agent: string; at: number; events: readonly DetectedEvent[] } | undefined;
  private readonly readers: RecordReader[] = [];

  constructor(
    private readonly store: Store,
    private readonly options: EventLogOptions,
  ) {
    const db = store.db;
    this.read = new EventReader(db);
    this.imports = new EventImports(db);
    this.insert = db.prepare(
      `INSERT INTO events (t, last_t, count, agent, kind, severity, run_id, run_name, message, from_value, to_value, actor)
       VALUES (@t, @t, 1, @agent, @kind, @severity, @runId, @runName, @message, @from, @to, @actor)`,
    );
    // The row is checked to be the one remembered: a rolled-back poll may have left an id that a
    // later insert reused.
    this.bump = db.prepare(
      "UPDATE events SET count = count + 1, last_t = ? WHERE id = ? AND agent = ? AND kind = ? AND message = ?",
    );
    this.pruneOld = db.prepare(
      "DELETE FROM events WHERE id IN (SELECT id FROM events INDEXED BY events_by_time WHERE t < ? LIMIT ?)",
    );
  }

  onPoll(agent: string, next: Snapshot, prev: Snapshot): void {
    const at = next.polledAt;
    if (this.options.imported?.has(agent)) {
      for (const event of deckEvents(prev, next)) this.add(agent, at, event);
      return;
    }
    const state = this.stateOf(agent);
    const events = detectEvents(prev, next, this.context(state, at), EVENTS_PER_KIND);
    this.detected = { agent, at, events };
    for (const event of events) this.add(agent, at, event);
    this.settle(state, events, next);
  }

  /** The events this poll of `agent` detected, for writers after this one in the same poll (alerts). */
  detectedIn(agent: string, at: number): readonly DetectedEvent[] {
    const d = this.detected;
    return d && d.agent === agent && d.at === at ? d.events : [];
  }

  /** An event the dashboard knows of itself, from a writer already inside a transaction (alerts). */
  append(agent: string, event: DetectedEvent, at = Date.now()): void {
    this.add(agent, at, event);
  }

  /**
   * A batch at a time, the next a second later while there is more: a whole backlog at once (a
   * shorter EVENTS_DAYS, or a long stop) would hold the process for seconds (11 s for 500,000 rows).
   */
  prune(now: number): void {
    this.imports.prune();
    if (this.pruneOld.run(now - this.options.eventsDays * 86_400_000, PRUNE_BATCH).changes < PRUNE_BATCH) return;
    setTimeout(() => {
      if (this.store.db.open) this.store.write(() => this.prune(now));
    }, 1000).unref();
  }

  /** A route is about to ask the agent for this change, on behalf of `actor`. */
  expect(agent: string, change: ExpectedChange, actor: string, at = Date.now()): void {
    this.stateOf(agent).asked.set(change, { actor, at });
  }

  /** The resume timer the dashboard set (or cleared, with undefined) for this agent. */
  setResumeTimer(agent: string, at: number | undefined): void {
    this.stateOf(agent).resumeTimerAt = at;
  }

  /** The agent accepted a restart: recorded now (the agent will not say it), completed when it is back. */
  restartRequested(agent: string, actor: string, at = Date.now()): void {
    this.stateOf(agent).restart = { actor, at };
    this.record(
      agent,
      { kind: "restart_requested", severity: "info", message: "A restart of the agent was requested", actor },
      at,
    );
  }

  /** Start-up, once per configured agent: each timeline shows where the dashboard was not watching. */
  dashboardStarted(agents: readonly string[], at = Date.now()): void {
    this.store.write(() => {
      for (const agent of agents)
        this.add(agent, at, {
          kind: "dashboard_started",
          severity: "info",
          message: "The dashboard started; what happened while it was not running was not seen",
        });
    });
  }

  /** An event the dashboard knows of itself, in a transaction of its own (with what its readers write). */
  record(agent: string, event: DetectedEvent, at = Date.now()): void {
    const done = this.store.write(() => {
      this.add(agent, at, event);
      for (const reader of this.readers) reader.recorded(agent, event, at);
      return true;
    });
    if (done) for (const reader of this.readers) reader.committed();
  }

  /** Boot: `reader` sees every event recorded from now on (see RecordReader). */
  addReader(reader: RecordReader): void {
    this.readers.push(reader);
  }

  private add(agent: string, t: number, e: DetectedEvent): void {
    const key = [agent, e.kind, e.runId, e.from, e.to, e.message, e.actor].join("\u0000");
    const hit = this.recent.get(key);
    if (
      hit &&
      t - hit.lastT <= this.options.coalesceMs &&
      this.bump.run(t, hit.id, agent, e.kind, e.message).changes === 1
    ) {
      hit.lastT = t;
      return;
    }
    const row = { t, ...eventColumns(agent, e) };
    this.recent.set(key, { id: Number(this.insert.run(row).lastInsertRowid), lastT: t });
    this.sweep(t);
  }

  /** Forgets rows too old to coalesce with, now and then (the map holds one window's events). */
  private sweep(now: number): void {
    if (now - this.sweptAt < this.options.coalesceMs) return;
    this.sweptAt = now;
    for (const [key, hit] of this.recent) if (now - hit.lastT > this.options.coalesceMs) this.recent.delete(key);
  }

  private stateOf(agent: string): AgentState {
    let state = this.agents.get(agent);
    if (!state) this.agents.set(agent, (state = { asked: new Map() }));
    return state;
  }

  private context(state: AgentState, at: number): EventContext {
    const actors: EventContext["actors"] = {};
    for (const [change, asked] of state.asked) {
      if (at - asked.at <= ACTOR_WINDOW_MS) actors[change] = asked.actor;
      else state.asked.delete(change);
    }
    if (state.restart && at - state.restart.at > RESTART_WINDOW_MS) state.restart = undefined;
    return {
      actors,
      ...(state.restart ? { restartBy: state.restart.actor } : {}),
      ...(state.resumeTimerAt !== undefined ? { resumeTimerAt: state.resumeTimerAt } : {}),
      pausedLately: state.pausedSeenAt !== undefined && at - state.pausedSeenAt <= this.options.pausedLatelyMs,
    };
  }

  /** What the poll's events answered: the changes asked for that were seen, a restart seen through. */
  private settle(state: AgentState, events: readonly DetectedEvent[], next: Snapshot): void {
    for (const e of events) {
      if (e.kind === "paused" || e.kind === "resumed" || e.kind === "tags_changed") state.asked.delete(e.kind);
      if (e.kind === "resumed") state.resumeTimerAt = undefined;
      if (e.kind === "restart_completed") state.restart = undefined;
    }
    if (next.status.value?.paused) state.pausedSeenAt = next.polledAt;
  }
}

const KEY = Symbol.for("agent-deck.event-log");
type Holder = { [KEY]?: { store: Store; log: EventLog } };

/** Boot: the log joins the store's writers (one per store, whatever bundle asks), and says the dashboard started. */
export function installEventLog(store: Store, config: Config, now = Date.now()): EventLog {
  const holder = globalThis as Holder;
  if (holder[KEY]?.store === store) return holder[KEY].log;
  const log = new EventLog(store, eventLogOptions(config));
  store.addWriter(log);
  holder[KEY] = { store, log };
  // Agents behind other decks have those decks' logs, which saw what happened while this one was down.
  log.dashboardStarted(
    config.agents.filter((a) => a.deck === undefined).map((a) => a.id),
    now,
  );
  return log;
}

/** The event log boot installed; undefined before boot or once its store is closed. */
export function currentEventLog(): EventLog | undefined {
  const installed = (globalThis as Holder)[KEY];
  return installed && installed.store === currentStore() ? installed.log : undefined;
}

/** For routes: the log, or a 500 saying the store is not open (only before boot, which no route precedes). */
export function requireEventLog(): EventLog {
  const log = currentEventLog();
  if (!log) throw new AppError("internal_error", "The event log is not open");
  return log;
}
