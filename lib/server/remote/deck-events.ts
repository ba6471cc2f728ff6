import "server-only";
import { z } from "zod";
import { EventSchema, MAX_EVENTS_PAGE, type StoredEvent } from "@/lib/bff/contract-store";
import { log } from "../log";
import { currentStore } from "../store";
import { currentEventLog } from "../store/events";
import type { DeckClient } from "./deck-client";

/**
 * The timeline of an agent behind another Agent Deck is that deck's event log, copied into this
 * hub's (`GET /api/agents/{agent}/events?after=`): the deck saw every change at its own polls and
 * knows who made it. After a poll whose snapshot moved (at most every few seconds), and at least
 * every half minute, the events newer than the last copied are copied; the last few minutes' are
 * asked again, so a repeat the deck counted on an existing row reaches the copy too.
 */
const EventsPageSchema = z.object({ events: z.array(z.unknown()), next: z.number().optional() });
const MIN_GAP_MS = 3_000;
const MAX_GAP_MS = 30_000;
/** How long a copied event is asked for again (the deck counts repeats on its row for 10 s or two slow polls). */
const RECOUNT_MS = 2 * 60_000;

export class DeckEvents {
  private inFlight: Promise<void> | undefined;
  private syncedAt = 0;
  private syncedVersion: string | undefined;
  private firstDone = false;
  private failing: string | undefined;
  /** Ids copied lately, with when: asked for again until RECOUNT_MS has passed. */
  private recent: { id: number; at: number }[] = [];

  constructor(
    private readonly client: DeckClient,
    private readonly agentId: string,
  ) {}

  /** After a good poll of the deck: copies what is new, when due; never holds the poll up. */
  follow(version: string | undefined, now = Date.now()): void {
    if (this.inFlight) return;
    const gap = now - this.syncedAt;
    if (gap < MIN_GAP_MS || (version === this.syncedVersion && gap < MAX_GAP_MS)) return;
    this.inFlight = this.sync(version, now)
      .then(() => (this.failing = undefined))
      .catch((err: unknown) => {
        // The deck's own problems show on the snapshot; here they only delay the timeline. Logged
        // when they start or change, not at every try.
        const message = err instanceof Error ? err.message : String(err);
        if (message !== this.failing) log("warn", "deck_events_failed", { agent: this.agentId, message });
        this.failing = message;
      })
      .finally(() => (this.inFlight = undefined));
  }

  private async sync(version: string | undefined, now: number): Promise<void> {
    const imports = currentEventLog()?.imports;
    const store = currentStore();
    if (!imports || !store) return;
    const cursor = imports.cursor(this.agentId);
    this.recent = this.recent.filter((r) => now - r.at < RECOUNT_MS);
    // The first time in this process: the deck's newest page (its recent past, and a check that its
    // log has not started over, its ids now below ours). Then: what is newer than the floor.
    let after = this.firstDone ? Math.min(cursor, ...this.recent.map((r) => r.id - 1)) : undefined;
    for (let pages = 0; pages < 10; pages++) {
      const query = after === undefined ? `?limit=${MAX_EVENTS_PAGE}` : `?after=${after}&limit=${MAX_EVENTS_PAGE}`;
      const page = await this.client.call(
        { resource: "deck_events", method: "GET", path: `/events${query}` },
        EventsPageSchema,
      );
      // A kind this hub does not know (a newer deck) is left out rather than failing the whole page.
      const events = page.events.flatMap((e) => {
        const parsed = EventSchema.safeParse(e);
        return parsed.success ? [parsed.data as StoredEvent] : [];
      });
      const newest = Math.max(0, ...events.map((e) => e.id));
      if (after === undefined && newest < cursor) store.write(() => imports.forget(this.agentId));
      // Oldest first, so the copies' order follows the deck's.
      const ordered = [...events].sort((a, b) => a.id - b.id);
      store.write(() => imports.copy(this.agentId, ordered));
      for (const e of ordered) if (e.id > cursor) this.recent.push({ id: e.id, at: now });
      if (after === undefined || page.events.length < MAX_EVENTS_PAGE) break;
      after = newest;
    }
    this.firstDone = true;
    this.syncedAt = now;
    this.syncedVersion = version;
  }
}
