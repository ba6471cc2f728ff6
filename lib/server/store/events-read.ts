import "server-only";
import type Database from "better-sqlite3";
import type { EventKind, EventsExportQuery, EventsResponse, Severity, StoredEvent } from "@/lib/bff/contract-store";

/**
 * Reading the event log, newest first, by keyset paging on the id (`before`, `after`): a page costs
 * its own rows, however long the log. Each query walks the index its filters deserve (a run's, a
 * kind's, a severity's, an agent's) in id order and stops at the page's end. A list of kinds (or of
 * severities) is one such walk per value, merged here: at most (values × page) rows, where one
 * query over "kind IN (...)" would have scanned the agent's whole log to find a rare kind.
 * `q` is a substring search (LIKE), which no index serves: one request reads at most SEARCH_SPAN
 * ids back, and a page that got there without filling says where to go on (`next`), so a rare
 * word in a long log costs a few bounded requests, never one that holds the process for seconds.
 */
const SEARCH_SPAN = 25_000;
export type EventFilter = {
  agent?: string;
  kind?: readonly EventKind[];
  severity?: readonly Severity[];
  runId?: string;
  /** Words to find in the message or the run's name (case-insensitive for ASCII letters). */
  q?: string;
  /** Only events older than this id (the next page). */
  before?: number;
  /** Only events newer than this id (what a page polls). */
  after?: number;
  /** Only events from this id on (the bound of one search step). */
  from?: number;
};

/** The filters of a validated query (its page size aside). */
export function eventFilter(query: EventsExportQuery, agent?: string): EventFilter {
  const { kind, severity, runId, q, before, after } = query;
  return { ...(agent !== undefined ? { agent } : {}), kind, severity, runId, q, before, after };
}

type Row = {
  id: number;
  t: number;
  last_t: number;
  count: number;
  agent: string;
  kind: EventKind;
  severity: Severity;
  run_id: string | null;
  run_name: string | null;
  message: string;
  from_value: string | null;
  to_value: string | null;
  actor: string | null;
};

const COLUMNS = "id, t, last_t, count, agent, kind, severity, run_id, run_name, message, from_value, to_value, actor";

/** LIKE's own wildcards in what a person typed are meant literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function toEvent(r: Row): StoredEvent {
  return {
    id: r.id,
    t: r.t,
    count: r.count,
    lastT: r.last_t,
    agent: r.agent,
    kind: r.kind,
    severity: r.severity,
    ...(r.run_id !== null ? { runId: r.run_id } : {}),
    ...(r.run_name !== null ? { runName: r.run_name } : {}),
    message: r.message,
    ...(r.from_value !== null ? { from: r.from_value } : {}),
    ...(r.to_value !== null ? { to: r.to_value } : {}),
    ...(r.actor !== null ? { actor: r.actor } : {}),
  };
}

type Walk = Omit<EventFilter, "kind" | "severity"> & {
  kind?: EventKind;
  severities?: readonly Severity[];
  severity?: Severity;
};

export class EventReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    /** How many ids one search request reads back at most. */
    private readonly searchSpan = SEARCH_SPAN,
  ) {}

  /** At most `limit` events, newest first; `next` is the `before` of the following page, when there is one. */
  page(filter: EventFilter, limit: number): EventsResponse {
    if (filter.q) return this.search(filter, limit);
    const rows = this.rows(filter, limit + 1);
    const events = rows.slice(0, limit).map(toEvent);
    const last = events[events.length - 1];
    return rows.length > limit && last ? { events, next: last.id } : { events };
  }

  private search(filter: EventFilter, limit: number): EventsResponse {
    const { top, bottom } = this.statement("SELECT max(id) AS top, min(id) AS bottom FROM events").get() as {
      top: number | null;
      bottom: number | null;
    };
    if (top === null || bottom === null) return { events: [] };
    const before = Math.min(filter.before ?? top + 1, top + 1);
    const from = before - this.searchSpan;
    const floor = Math.max(bottom, (filter.after ?? 0) + 1);
    const rows = this.rows(from > floor ? { ...filter, before, from } : { ...filter, before }, limit + 1);
    const events = rows.slice(0, limit).map(toEvent);
    const last = events[events.length - 1];
    if (rows.length > limit && last) return { events, next: last.id };
    return from > floor ? { events, next: from } : { events };
  }

  private rows(filter: EventFilter, limit: number): Row[] {
    const { kind, severity, ...rest } = filter;
    if (kind?.length)
      return merge(
        kind.map((k) => this.walk({ ...rest, kind: k, ...(severity?.length ? { severities: severity } : {}) }, limit)),
        limit,
      );
    if (severity?.length)
      return merge(
        severity.map((s) => this.walk({ ...rest, severity: s }, limit)),
        limit,
      );
    return this.walk(rest, limit);
  }

  private walk(w: Walk, limit: number): Row[] {
    const where: string[] = [];
    const args: Record<string, string | number> = { limit };
    const add = (clause: string, name: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      args[name] = value;
    };
    add("agent = @agent", "agent", w.agent);
    add("run_id = @runId", "runId", w.runId);
    add("kind = @kind", "kind", w.kind);
    add("severity = @severity", "severity", w.severity);
    add(
      "severity IN (SELECT value FROM json_each(@severities))",
      "severities",
      w.severities && JSON.stringify(w.severities),
    );
    add("id < @before", "before", w.before);
    add("id > @after", "after", w.after);
    add("id >= @from", "from", w.from);
    add("(message LIKE @q ESCAPE '\\' OR run_name LIKE @q ESCAPE '\\')", "q", w.q ? likePattern(w.q) : undefined);
    // Named, because without statistics SQLite may walk the agent's index and filter a rare kind out of it.
    const index =
      w.runId !== undefined && w.agent !== undefined
        ? "events_by_run"
        : w.kind !== undefined
          ? "events_by_kind"
          : w.severity !== undefined
            ? "events_by_severity"
            : w.agent !== undefined
              ? "events_by_agent"
              : undefined;
    const sql = `SELECT ${COLUMNS} FROM events${index ? ` INDEXED BY ${index}` : ""}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT @limit`;
    return this.statement(sql).all(args) as Row[];
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}

/** The newest `limit` rows of several newest-first walks. */
function merge(walks: Row[][], limit: number): Row[] {
  if (walks.length === 1) return walks[0]!;
  return walks
    .flat()
    .sort((a, b) => b.id - a.id)
    .slice(0, limit);
}
