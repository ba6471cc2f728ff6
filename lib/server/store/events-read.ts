import "server-only";
import type Database from "better-sqlite3";
import type { EventKind, EventsExportQuery, EventsResponse, Severity, StoredEvent } from "@/lib/bff/contract-store";

/**
 * Reading the event log, newest first, by keyset paging on the id (`before`, `after`): a page costs
 * its own rows, however long the log. One statement per combination of filters present, prepared
 * once, so each query has the plan its filters deserve (by agent, by run, or the whole log) rather
 * than one statement full of "parameter is null or" that no index can serve.
 */
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
};

/** The filters of a validated query (its page size aside). */
export function eventFilter(query: EventsExportQuery, agent?: string): EventFilter {
  const { kind, severity, runId, q, before, after } = query;
  return { ...(agent !== undefined ? { agent } : {}), kind, severity, runId, q, before, after };
}

type Row = {
  id: number; t: number; last_t: number; count: number; agent: string; kind: EventKind; severity: Severity;
  run_id: string | null; run_name: string | null; message: string; from_value: string | null; to_value: string | null; actor: string | null;
};

const COLUMNS = "id, t, last_t, count, agent, kind, severity, run_id, run_name, message, from_value, to_value, actor";

/** LIKE's own wildcards in what a person typed are meant literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function toEvent(r: Row): StoredEvent {
  return {
    id: r.id, t: r.t, count: r.count, lastT: r.last_t, agent: r.agent, kind: r.kind, severity: r.severity,
    ...(r.run_id !== null ? { runId: r.run_id } : {}),
    ...(r.run_name !== null ? { runName: r.run_name } : {}),
    message: r.message,
    ...(r.from_value !== null ? { from: r.from_value } : {}),
    ...(r.to_value !== null ? { to: r.to_value } : {}),
    ...(r.actor !== null ? { actor: r.actor } : {}),
  };
}

export class EventReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** At most `limit` events, newest first; `next` is the `before` of the following page, when there is one. */
  page(filter: EventFilter, limit: number): EventsResponse {
    const rows = this.rows(filter, limit + 1);
    const events = rows.slice(0, limit).map(toEvent);
    const last = events[events.length - 1];
    return rows.length > limit && last ? { events, next: last.id } : { events };
  }

  private rows(filter: EventFilter, limit: number): Row[] {
    const where: string[] = [];
    const args: Record<string, string | number> = { limit };
    if (filter.agent !== undefined) {
      where.push("agent = @agent");
      args.agent = filter.agent;
    }
    if (filter.runId !== undefined) {
      where.push("run_id = @runId");
      args.runId = filter.runId;
    }
    if (filter.before !== undefined) {
      where.push("id < @before");
      args.before = filter.before;
    }
    if (filter.after !== undefined) {
      where.push("id > @after");
      args.after = filter.after;
    }
    if (filter.kind?.length) {
      where.push("kind IN (SELECT value FROM json_each(@kinds))");
      args.kinds = JSON.stringify(filter.kind);
    }
    if (filter.severity?.length) {
      where.push("severity IN (SELECT value FROM json_each(@severities))");
      args.severities = JSON.stringify(filter.severity);
    }
    if (filter.q) {
      where.push("(message LIKE @q ESCAPE '\\' OR run_name LIKE @q ESCAPE '\\')");
      args.q = likePattern(filter.q);
    }
    const sql = `SELECT ${COLUMNS} FROM events${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT @limit`;
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement.all(args) as Row[];
  }
}
