import "server-only";
import type Database from "better-sqlite3";
import type { Delivery, Incident, Trigger } from "@/lib/bff/contract-alerts";

/**
 * The SQL of what alerts did: incidents (at most one open per rule, agent and subject), the outbox
 * (notifications not yet delivered: a row stays until delivered or given up, so a restart picks up
 * where the last process left off) and the delivery log (every attempt, every muted notification).
 */
export type OutboxRow = {
  id: number;
  channel_id: string;
  incident_id: number | null;
  trigger: string;
  state: string;
  payload: string;
  seen_at: number;
  created_at: number;
  next_at: number;
  attempts: number;
};
export type NewOutbox = Omit<OutboxRow, "id" | "attempts" | "next_at" | "created_at"> & { created_at: number };
export type DeliveryRecord = Omit<Delivery, "id">;
export type OpenIncidentRow = {
  id: number;
  rule_id: string;
  agent: string;
  subject: string;
  opened_at: number;
  last_notified_at: number | null;
  open_sent: number;
  flaps: number;
};

type IncidentRow = OpenIncidentRow & {
  trigger: Trigger;
  state: "open" | "resolved";
  resolved_at: number | null;
  title: string;
  rule_name: string | null;
};
type DeliveryRow = {
  id: number;
  t: number;
  channel_id: string;
  channel_name: string;
  incident_id: number | null;
  trigger: string;
  state: string;
  attempt: number;
  outcome: Delivery["outcome"];
  status: number | null;
  error: string | null;
  duration_ms: number;
  latency_ms: number | null;
  next_at: number | null;
};

const opt = <K extends string, V>(key: K, v: V | null | undefined) =>
  (v === null || v === undefined ? {} : { [key]: v }) as Partial<Record<K, V>>;

export class OutboxStore {
  private readonly s: Record<string, Database.Statement>;

  constructor(private readonly db: Database.Database) {
    this.s = {
      open: db.prepare(
        `INSERT INTO alert_incidents (rule_id, agent, subject, trigger, state, opened_at, last_notified_at, open_sent, title)
         VALUES (@ruleId, @agent, @subject, @trigger, 'open', @openedAt, @lastNotifiedAt, @openSent, @title)`,
      ),
      touch: db.prepare(
        "UPDATE alert_incidents SET last_notified_at = @lastNotifiedAt, open_sent = @openSent, flaps = @flaps WHERE id = @id",
      ),
      resolve: db.prepare(
        "UPDATE alert_incidents SET state = 'resolved', resolved_at = ? WHERE id = ? AND state = 'open'",
      ),
      openRows: db.prepare("SELECT * FROM alert_incidents WHERE state = 'open'"),
      enqueue: db.prepare(
        `INSERT INTO alert_outbox (channel_id, incident_id, trigger, state, payload, seen_at, created_at, next_at)
         VALUES (@channel_id, @incident_id, @trigger, @state, @payload, @seen_at, @created_at, @created_at)`,
      ),
      // Per channel and incident in order: "resolved" never overtakes an "open" still being retried.
      due: db.prepare(
        `SELECT * FROM alert_outbox o WHERE next_at <= ? AND NOT EXISTS (
           SELECT 1 FROM alert_outbox p WHERE p.channel_id = o.channel_id AND p.incident_id IS o.incident_id AND p.id < o.id)
         ORDER BY next_at, id LIMIT ?`,
      ),
      // Rows due already are either being sent or waiting behind an earlier row of their channel and
      // incident, whose end wakes the worker: the next wake-up is the first row due later.
      nextDue: db.prepare("SELECT min(next_at) AS t FROM alert_outbox WHERE next_at > ?"),
      reschedule: db.prepare("UPDATE alert_outbox SET attempts = ?, next_at = ? WHERE id = ?"),
      remove: db.prepare("DELETE FROM alert_outbox WHERE id = ?"),
      log: db.prepare(
        `INSERT INTO alert_deliveries (t, outbox_id, channel_id, channel_name, incident_id, trigger, state, attempt, outcome, status, error, duration_ms, latency_ms, next_at)
         VALUES (@t, @outboxId, @channelId, @channelName, @incidentId, @trigger, @state, @attempt, @outcome, @status, @error, @durationMs, @latencyMs, @nextAttemptAt)`,
      ),
    };
  }

  openIncident(i: {
    ruleId: string;
    agent: string;
    subject: string;
    trigger: Trigger;
    openedAt: number;
    lastNotifiedAt: number | null;
    openSent: boolean;
    title: string;
  }): number {
    return Number(this.s.open!.run({ ...i, openSent: i.openSent ? 1 : 0 }).lastInsertRowid);
  }

  touchIncident(id: number, lastNotifiedAt: number | undefined, openSent: boolean, flaps: number): void {
    this.s.touch!.run({ id, lastNotifiedAt: lastNotifiedAt ?? null, openSent: openSent ? 1 : 0, flaps });
  }

  resolveIncident(id: number, at: number): void {
    this.s.resolve!.run(at, id);
  }

  openIncidents(): OpenIncidentRow[] {
    return this.s.openRows!.all() as OpenIncidentRow[];
  }

  incidents(state: "open" | "resolved" | undefined, limit: number): Incident[] {
    const rows = this.db
      .prepare(
        `SELECT i.*, r.name AS rule_name FROM alert_incidents i LEFT JOIN alert_rules r ON r.id = i.rule_id
         ${state ? "WHERE i.state = ?" : ""} ORDER BY i.id DESC LIMIT ?`,
      )
      .all(...(state ? [state, limit] : [limit])) as IncidentRow[];
    return rows.map((r) => ({
      id: r.id,
      ruleId: r.rule_id,
      ruleName: r.rule_name ?? r.rule_id,
      trigger: r.trigger,
      agent: r.agent,
      subject: r.subject,
      title: r.title,
      state: r.state,
      openedAt: r.opened_at,
      ...opt("resolvedAt", r.resolved_at),
      ...opt("lastNotifiedAt", r.last_notified_at),
      flaps: r.flaps,
    }));
  }

  enqueue(row: NewOutbox): number {
    return Number(this.s.enqueue!.run(row).lastInsertRowid);
  }

  due(now: number, limit: number): OutboxRow[] {
    return this.s.due!.all(now, limit) as OutboxRow[];
  }

  /** The first time after `now` a row is due. */
  nextDueAfter(now: number): number | undefined {
    return (this.s.nextDue!.get(now) as { t: number | null }).t ?? undefined;
  }

  reschedule(id: number, attempts: number, nextAt: number): void {
    this.s.reschedule!.run(attempts, nextAt, id);
  }

  remove(id: number): void {
    this.s.remove!.run(id);
  }

  logDelivery(d: DeliveryRecord & { outboxId?: number }): void {
    this.s.log!.run({
      outboxId: null,
      incidentId: null,
      status: null,
      error: null,
      latencyMs: null,
      nextAttemptAt: null,
      ...d,
    });
  }

  deliveries(limit: number, before?: number, channel?: string): { deliveries: Delivery[]; next?: number } {
    const where = [...(before !== undefined ? ["id < @before"] : []), ...(channel ? ["channel_id = @channel"] : [])];
    const rows = this.db
      .prepare(
        `SELECT * FROM alert_deliveries ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT @limit`,
      )
      .all({
        limit: limit + 1,
        ...(before !== undefined ? { before } : {}),
        ...(channel ? { channel } : {}),
      }) as DeliveryRow[];
    const deliveries = rows.slice(0, limit).map((r) => ({
      id: r.id,
      t: r.t,
      channelId: r.channel_id,
      channelName: r.channel_name,
      ...opt("incidentId", r.incident_id),
      trigger: r.trigger,
      state: r.state,
      attempt: r.attempt,
      outcome: r.outcome,
      ...opt("status", r.status),
      ...opt("error", r.error),
      durationMs: r.duration_ms,
      ...opt("latencyMs", r.latency_ms),
      ...opt("nextAttemptAt", r.next_at),
    }));
    const last = deliveries[deliveries.length - 1];
    return rows.length > limit && last ? { deliveries, next: last.id } : { deliveries };
  }

  /** For the metrics: rows in the outbox and incidents open. */
  counts(): { pending: number; open: number } {
    return this.db
      .prepare(
        "SELECT (SELECT count(*) FROM alert_outbox) AS pending, (SELECT count(*) FROM alert_incidents WHERE state = 'open') AS open",
      )
      .get() as { pending: number; open: number };
  }

  /** Drops delivery log rows and resolved incidents older than `before` (the event log's retention). */
  prune(before: number): void {
    this.db.prepare("DELETE FROM alert_deliveries WHERE t < ?").run(before);
    this.db.prepare("DELETE FROM alert_incidents WHERE state = 'resolved' AND resolved_at < ?").run(before);
  }
}
