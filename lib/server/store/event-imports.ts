import "server-only";
import type Database from "better-sqlite3";
import type { StoredEvent } from "@/lib/bff/contract-store";
import type { DetectedEvent } from "@/lib/domain/events";

/** An event's columns of `events` other than its times and count, as both writers insert them. */
export function eventColumns(agent: string, e: DetectedEvent) {
  return {
    agent,
    kind: e.kind,
    severity: e.severity,
    runId: e.runId ?? null,
    runName: e.runName ?? null,
    message: e.message,
    from: e.from ?? null,
    to: e.to ?? null,
    actor: e.actor ?? null,
  };
}

/**
 * Events copied into this dashboard's log from another Agent Deck's (a hub's agents behind other
 * decks): each copy keeps the deck's time, count, kind, words and actor under this hub's id for the
 * agent, and is remembered by the deck's id for the event (`imported_events`), so a repeat the deck
 * counted on its row updates the copy, nothing is copied twice, and a restarted hub goes on from the
 * last id it copied. Run inside the store's transactions (Store.write).
 */
export class EventImports {
  private readonly find: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly remember: Database.Statement;
  private readonly update: Database.Statement;
  private readonly last: Database.Statement;
  private readonly forgetAgent: Database.Statement;
  private readonly pruneOld: Database.Statement;

  constructor(db: Database.Database) {
    this.find = db.prepare("SELECT event_id FROM imported_events WHERE agent = ? AND remote_id = ?");
    this.insert = db.prepare(
      `INSERT INTO events (t, last_t, count, agent, kind, severity, run_id, run_name, message, from_value, to_value, actor)
       VALUES (@t, @lastT, @count, @agent, @kind, @severity, @runId, @runName, @message, @from, @to, @actor)`,
    );
    this.remember = db.prepare("INSERT INTO imported_events (agent, remote_id, event_id) VALUES (?, ?, ?)");
    this.update = db.prepare("UPDATE events SET count = ?, last_t = ? WHERE id = ? AND agent = ?");
    this.last = db.prepare("SELECT max(remote_id) AS id FROM imported_events WHERE agent = ?");
    this.forgetAgent = db.prepare("DELETE FROM imported_events WHERE agent = ?");
    // The copies go with the events they point at (the log's own retention prunes those).
    this.pruneOld = db.prepare(
      "DELETE FROM imported_events WHERE event_id < coalesce((SELECT min(id) FROM events), 9223372036854775807)",
    );
  }

  /** The deck's newest event id copied for `agent`, 0 when none. */
  cursor(agent: string): number {
    return (this.last.get(agent) as { id: number | null }).id ?? 0;
  }

  /** Copies the deck's events (any order) for this hub's `agent`; a copy already made takes the new count. */
  copy(agent: string, events: readonly StoredEvent[]): number {
    let added = 0;
    for (const e of events) {
      const known = this.find.get(agent, e.id) as { event_id: number } | undefined;
      if (known) {
        this.update.run(e.count, e.lastT, known.event_id, agent);
        continue;
      }
      const row = { t: e.t, lastT: e.lastT, count: e.count, ...eventColumns(agent, e) };
      this.remember.run(agent, e.id, Number(this.insert.run(row).lastInsertRowid));
      added++;
    }
    return added;
  }

  /** The deck's log started over (its ids went back): copies are kept, the ids they came with are not. */
  forget(agent: string): void {
    this.forgetAgent.run(agent);
  }

  prune(): void {
    this.pruneOld.run();
  }
}
