import "server-only";
import type Database from "better-sqlite3";
import type { Snapshot } from "../collector/snapshot";
import { log } from "../log";
import { countStorageError } from "../metrics";

/**
 * The one owner of the store's file. Writers (events, history, totals) each keep their prepared
 * statements and are run for every poll of every agent in one transaction, so a poll is written
 * whole or not at all. A failing write (disk full, I/O error) never stops the dashboard: live data
 * keeps flowing, health says `storage: failing` with the reason, the failure is counted and logged
 * once, and the next write that succeeds brings it back to `ok` by itself.
 */
export type StorageHealth = { state: "ok" } | { state: "failing"; reason: string; since: number };

export type PollWriter = {
  /** Called inside the poll's transaction: throw to roll the whole poll back. */
  onPoll(agent: string, next: Snapshot, prev: Snapshot): void;
  /** Called hourly, in a transaction of its own: drop what is past its retention. */
  prune?(now: number): void;
  /**
   * The transaction of the poll (or flush) just run committed: what a writer holds in memory until
   * it is written may go now. Not called after a failed one, so that is written again later.
   */
  committed?(): void;
  /** At close, in one last transaction: write what is still held in memory (minutes in progress). */
  flush?(now: number): void;
};

export class Store {
  private readonly writers: PollWriter[] = [];
  private failure: { reason: string; since: number } | undefined;
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(readonly db: Database.Database) {
    this.pruneTimer = setInterval(() => this.prune(), 60 * 60 * 1000);
    this.pruneTimer.unref();
  }

  addWriter(writer: PollWriter): void {
    this.writers.push(writer);
  }

  health(): StorageHealth {
    return this.failure ? { state: "failing", ...this.failure } : { state: "ok" };
  }

  recordPoll(agent: string, next: Snapshot, prev: Snapshot): void {
    const done = this.write(() => {
      for (const writer of this.writers) writer.onPoll(agent, next, prev);
      return true;
    });
    if (done) for (const writer of this.writers) writer.committed?.();
  }

  prune(now = Date.now()): void {
    this.write(() => {
      for (const writer of this.writers) writer.prune?.(now);
    });
  }

  /** `fn` in one transaction; a storage failure is recorded, not thrown (the caller carries on). */
  write<T>(fn: () => T): T | undefined {
    try {
      const result = this.db.transaction(fn)();
      if (this.failure) {
        log("info", "storage_recovered", { failingSinceMs: this.failure.since });
        this.failure = undefined;
      }
      return result;
    } catch (err) {
      const reason = describe(err);
      countStorageError(codeOf(err));
      if (this.failure?.reason !== reason) {
        log("error", "storage_failing", { reason });
        this.failure = { reason, since: this.failure?.since ?? Date.now() };
      }
      return undefined;
    }
  }

  close(): void {
    clearInterval(this.pruneTimer);
    if (!this.db.open) return;
    const done = this.write(() => {
      for (const writer of this.writers) writer.flush?.(Date.now());
      return true;
    });
    if (done) for (const writer of this.writers) writer.committed?.();
    this.db.close();
  }
}

/** The error code SQLite or the file system gave (SQLITE_FULL, EACCES, ...), for messages and metrics. */
export const codeOf = (err: unknown) => String((err as { code?: unknown } | undefined)?.code ?? "unknown");

const REASONS: Record<string, string> = {
  SQLITE_FULL: "the disk is full",
  SQLITE_IOERR: "the disk reported an I/O error",
  SQLITE_READONLY: "the store became read-only",
  SQLITE_CANTOPEN: "the store's file cannot be opened",
  SQLITE_CORRUPT: "the store's file is damaged",
};

function describe(err: unknown): string {
  const code = codeOf(err);
  const known = Object.entries(REASONS).find(([prefix]) => code.startsWith(prefix));
  return known
    ? `${known[1]} (${code})`
    : `writing failed (${code}: ${(err as Error | undefined)?.message ?? String(err)})`;
}
