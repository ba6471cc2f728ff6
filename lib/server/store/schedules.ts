import "server-only";
import type Database from "better-sqlite3";
import type { ScheduleInput, ScheduleKind } from "@/lib/bff/contract-schedules";
import { AppError } from "../errors";
import type { Store } from "./store";

/**
 * The schedules' rows (tables `schedules` and `schedule_agents`, see migrations.ts). A schedule's
 * fields are its checked input, kept as JSON; the scheduler's memory of what it did per agent (the
 * pause it applied, a person's override) is kept beside them, so a restart of the dashboard inside a
 * window knows both. Changes asked for through the API fail loudly when the store cannot write; the
 * scheduler's own notes are written through the store's failure handling and kept in memory anyway.
 */
export type StoredSchedule = {
  id: number;
  agent: string;
  kind: ScheduleKind;
  spec: ScheduleInput;
  createdAt: number;
  updatedAt: number;
  /** Tag schedules: the fire time whose tag was last set. */
  firedAt?: number;
};

/** The pause the scheduler sent for a (merged) window: until `target`, with the agent's timer ending at `timerEnd`. */
export type AppliedPause = {
  ids: number[];
  name: string;
  timeZone: string;
  start: number;
  target: number;
  timerEnd: number;
  at: number;
  /** The agent was already paused by hand with no timer the dashboard knew: it was left as it was. */
  left?: boolean;
};

/** A person resumed (or paused) the agent by hand inside a window: the schedule stands back until `until`. */
export type PauseOverride = { ids: number[]; name: string; timeZone: string; until: number; by: string; at: number };

export type AgentScheduleState = { applied?: AppliedPause; override?: PauseOverride };

type Row = {
  id: number;
  agent: string;
  kind: string;
  spec: string;
  created_at: number;
  updated_at: number;
  fired_at: number | null;
};

function fromRow(row: Row): StoredSchedule {
  return {
    id: row.id,
    agent: row.agent,
    kind: row.kind as ScheduleKind,
    spec: JSON.parse(row.spec) as ScheduleInput,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.fired_at === null ? {} : { firedAt: row.fired_at }),
  };
}

const parse = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));

export class ScheduleStore {
  private readonly byAgent: Database.Statement;
  private readonly everyOne: Database.Statement;
  private readonly one: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly updateRow: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly fired: Database.Statement;
  private readonly stateOf: Database.Statement;
  private readonly saveState: Database.Statement;

  constructor(private readonly store: Store) {
    const db = store.db;
    this.byAgent = db.prepare("SELECT * FROM schedules WHERE agent = ? ORDER BY id");
    this.everyOne = db.prepare("SELECT * FROM schedules ORDER BY agent, id");
    this.one = db.prepare("SELECT * FROM schedules WHERE agent = ? AND id = ?");
    this.insertRow = db.prepare(
      "INSERT INTO schedules (agent, kind, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *",
    );
    this.updateRow = db.prepare("UPDATE schedules SET spec = ?, updated_at = ? WHERE agent = ? AND id = ? RETURNING *");
    this.deleteRow = db.prepare("DELETE FROM schedules WHERE agent = ? AND id = ?");
    this.fired = db.prepare("UPDATE schedules SET fired_at = ? WHERE id = ?");
    this.stateOf = db.prepare("SELECT applied, override FROM schedule_agents WHERE agent = ?");
    this.saveState = db.prepare(
      `INSERT INTO schedule_agents (agent, applied, override) VALUES (?, ?, ?)
       ON CONFLICT (agent) DO UPDATE SET applied = excluded.applied, override = excluded.override`,
    );
  }

  list(agent: string): StoredSchedule[] {
    return (this.byAgent.all(agent) as Row[]).map(fromRow);
  }

  all(): StoredSchedule[] {
    return (this.everyOne.all() as Row[]).map(fromRow);
  }

  get(agent: string, id: number): StoredSchedule | undefined {
    const row = this.one.get(agent, id) as Row | undefined;
    return row && fromRow(row);
  }

  insert(agent: string, spec: ScheduleInput, now: number): StoredSchedule {
    return this.must("saved", () =>
      fromRow(this.insertRow.get(agent, spec.kind, JSON.stringify(spec), now, now) as Row),
    );
  }

  update(agent: string, id: number, spec: ScheduleInput, now: number): StoredSchedule | undefined {
    return this.must("saved", () => {
      const row = this.updateRow.get(JSON.stringify(spec), now, agent, id) as Row | undefined;
      return { row: row && fromRow(row) };
    }).row;
  }

  remove(agent: string, id: number): boolean {
    return this.must("deleted", () => ({ gone: this.deleteRow.run(agent, id).changes === 1 })).gone;
  }

  /** The scheduler's note that a tag schedule's fire at `t` was applied. */
  setFired(id: number, t: number): void {
    this.store.write(() => this.fired.run(t, id));
  }

  agentState(agent: string): AgentScheduleState {
    const row = this.stateOf.get(agent) as { applied: string | null; override: string | null } | undefined;
    if (!row) return {};
    const applied = parse<AppliedPause>(row.applied);
    const override = parse<PauseOverride>(row.override);
    return { ...(applied ? { applied } : {}), ...(override ? { override } : {}) };
  }

  saveAgentState(agent: string, state: AgentScheduleState): void {
    const text = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
    this.store.write(() => this.saveState.run(agent, text(state.applied), text(state.override)));
  }

  /** A change asked for through the API: written, or a 500 that says why (the disk is full, ...). */
  private must<T extends object>(what: string, fn: () => T): T {
    const result = this.store.write(fn);
    if (result !== undefined) return result;
    const health = this.store.health();
    const reason = health.state === "failing" ? health.reason : "the store did not accept it";
    throw new AppError("internal_error", `The schedule could not be ${what}: ${reason}`);
  }
}
