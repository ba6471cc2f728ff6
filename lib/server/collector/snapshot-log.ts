import "server-only";
import type { Snapshot } from "./snapshot";

/**
 * The recent versions of one agent's snapshot, so a viewer holding any of them gets a delta rather
 * than the whole list. Bounded by age and by count: runs share their unchanged objects between
 * versions (settleRuns), so a version costs its array of references plus the runs that changed.
 * A viewer whose version has aged out gets a full snapshot, which is always correct.
 */
export class SnapshotLog {
  private readonly versions = new Map<number, Snapshot>();

  constructor(
    private readonly maxAgeMs = 5 * 60_000,
    private readonly maxVersions = 300,
  ) {}

  /** Keeps the first snapshot of each version (later polls of the same version change only fetchedAt). */
  record(snapshot: Snapshot): void {
    if (snapshot.seq === 0 || this.versions.has(snapshot.seq)) return;
    // As a base, a version needs only its values: the step that made it (a diff as large as the
    // changes) is of use only while it is the latest, so five minutes of versions do not keep them.
    this.versions.set(snapshot.seq, snapshot.runsStep ? { ...snapshot, runsStep: undefined } : snapshot);
    for (const [seq, s] of this.versions) {
      if (this.versions.size <= this.maxVersions && snapshot.polledAt - s.polledAt <= this.maxAgeMs) break;
      this.versions.delete(seq);
    }
  }

  get(seq: number): Snapshot | undefined {
    return this.versions.get(seq);
  }

  get size(): number {
    return this.versions.size;
  }
}
