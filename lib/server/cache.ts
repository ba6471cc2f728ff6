import "server-only";

/**
 * Single-flight cache: N viewers polling must not mean N calls to the agent. Concurrent callers of
 * one key share one in-flight load; its result, success or failure, is reused for `ttlMs` after it
 * settles, so a down agent gets at most one attempt per interval however many tabs poll.
 */
type Entry = {
  promise: Promise<unknown>;
  /** When the load settled (epoch ms); undefined while in flight. */
  settledAt?: number;
  ok?: boolean;
};

export type CacheOptions = { ttlMs: number; maxEntries?: number; now?: () => number };

export class SingleFlightCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(options: CacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? 5000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.entries.get(key);
    if (existing && this.fresh(existing)) return existing.promise as Promise<T>;

    const entry: Entry = { promise: Promise.resolve() };
    const settle = (ok: boolean) => {
      // A mutation may have invalidated the key meanwhile: then this (older) answer must not be kept.
      if (this.entries.get(key) === entry) {
        entry.settledAt = this.now();
        entry.ok = ok;
      }
    };
    entry.promise = load().then(
      (value) => {
        settle(true);
        return value;
      },
      (err: unknown) => {
        settle(false);
        throw err;
      },
    );
    // Cached failures are awaited by later callers; this handler keeps Node from calling them unhandled.
    entry.promise.catch(() => undefined);
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.sweep();
    this.evict();
    return entry.promise as Promise<T>;
  }

  /** When the cached answer for `key` was obtained, if there is a settled one. */
  settledAt(key: string): number | undefined {
    return this.entries.get(key)?.settledAt;
  }

  invalidate(...keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  invalidatePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** Forgets the settled failures under `prefix` (answers and loads in flight stay). */
  dropFailuresWithPrefix(prefix: string): void {
    for (const [key, entry] of [...this.entries]) if (entry.ok === false && key.startsWith(prefix)) this.entries.delete(key);
  }

  private fresh(entry: Entry): boolean {
    return entry.settledAt === undefined || this.now() - entry.settledAt < this.ttlMs;
  }

  /** Expired entries (e.g. runs nobody looks at any more) are dropped every so often. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < Math.max(this.ttlMs, 10_000)) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries) if (!this.fresh(entry)) this.entries.delete(key);
  }

  /** Keeps memory bounded: expired entries go first, then the oldest inserted (Map order). */
  private evict(): void {
    if (this.entries.size <= this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (entry.settledAt !== undefined && !this.fresh(entry)) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
