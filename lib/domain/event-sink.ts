import type { EventKind, Severity } from "@/lib/bff/contract-store";
import type { DetectedEvent } from "./events";

const rank = (s: Severity) => (s === "error" ? 2 : s === "warning" ? 1 : 0);

/**
 * Where a poll's events go: the first `perKind` of each kind are listed, the rest of a kind become
 * one summary event saying how many (with the worst severity among them). Callers ask `wants` before
 * building an event, so a mass change (5,000 runs at once) costs a count per run, not 5,000
 * messages built and dropped.
 */
export class EventSink {
  private readonly listed: DetectedEvent[] = [];
  private readonly counts = new Map<EventKind, number>();
  private readonly unlisted = new Map<EventKind, { n: number; worst: Severity }>();

  constructor(private readonly perKind = Number.POSITIVE_INFINITY) {}

  /** True when an event of this kind is to be listed (then `push` it); otherwise it is counted for the summary. */
  wants(kind: EventKind, severity: Severity): boolean {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    if (n <= this.perKind) return true;
    const over = this.unlisted.get(kind);
    if (over) {
      over.n++;
      if (rank(severity) > rank(over.worst)) over.worst = severity;
    } else {
      this.unlisted.set(kind, { n: 1, worst: severity });
    }
    return false;
  }

  push(event: DetectedEvent): void {
    this.listed.push(event);
  }

  /** For events that cost nothing to build. */
  add(event: DetectedEvent): void {
    if (this.wants(event.kind, event.severity)) this.listed.push(event);
  }

  /** The listed events in the order they came, then one summary per kind that had more. */
  events(): DetectedEvent[] {
    const out = [...this.listed];
    for (const [kind, { n, worst }] of this.unlisted) {
      out.push({
        kind,
        severity: worst,
        message: `…and ${n.toLocaleString("en-US")} more ${kind.replace(/_/g, " ")} events in this poll, not listed one by one`,
      });
    }
    return out;
  }
}
