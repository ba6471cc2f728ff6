import { queryObject } from "./http";

export interface LogEntry {
  t: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Filled in when the answer is sent; null while pending (or forever, for a "hang" fault). */
  status: number | null;
  fault?: string;
}

const CAPACITY = 5000;
// The token is the one secret the agent has; nothing the simulator exposes may repeat it, even
// when a client misspells the parameter's case.
const isSecret = (key: string) => key.toLowerCase() === "token";

/**
 * Every request the agent answered, newest last (bounded), plus counts per resource. Tests and
 * benchmarks use it to prove how many upstream calls the dashboard made.
 */
export class RequestLog {
  private entries: LogEntry[] = [];
  private counts = new Map<string, number>();

  /** `template` is the matched route (e.g. "/api/v3/runs/{run_id}") or null for unknown paths. */
  record(method: string, path: string, params: URLSearchParams, template: string | null, t = Date.now()): LogEntry {
    const entry: LogEntry = { t, method, path, query: queryObject(params, isSecret), status: null };
    this.entries.push(entry);
    // Trim in batches: shifting one element per request would be O(n) every time.
    if (this.entries.length > CAPACITY + 500) this.entries.splice(0, this.entries.length - CAPACITY);
    const key = `${method} ${template ?? "(unknown path)"}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return entry;
  }

  list(): LogEntry[] {
    return this.entries.slice(-CAPACITY);
  }

  stats(): { requests: Record<string, number> } {
    return { requests: Object.fromEntries(this.counts) };
  }

  clear(): void {
    this.entries = [];
    this.counts.clear();
  }
}
