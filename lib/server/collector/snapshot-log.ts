import "server-only";
import type { Snapshot } from "./snapshot";

/**
 * The recent versions of one agent's snapshot, so a viewer holding any of them gets a delta rather
 * than the whole list. Runs share their unchanged objects between versions (settleRuns), so what a
 * version costs is the run objects that changed in it. Bounded three ways: by age (a few minutes),
 * by count, and by those run objects in all (so at 5,000 busy runs, where most runs change at every
 * poll, the log holds seconds rather than minutes, instead of hundreds of megabytes). A viewer whose
 * version has aged out gets a full snapshot, which is always correct.
 */
export class SnapshotLog {
  private readonly versions = new Map<number, { snapshot: Snapshot; runObjects: number }>();
  private runObjects = 0;

  constructor(
    private readonly maxAgeMs = 5 * 60_000,
    private readonly maxVersions = 300,
    private readonly maxRunObjects = 25_000,
  ) {}

  /** Keeps the first snapshot of each version (later polls of the same version change only fetchedAt). */
  record(snapshot: Snapshot): void {
    if (snapshot.seq === 0 || this.versions.has(snapshot.seq)) return;
    // As a base, a version needs only its values: the step that made it (a diff as large as the
    // changes) is of use only while it is the latest.
    const step = snapshot.runsStep;
    const runObjects = step ? step.delta.changed.length : (snapshot.runs.value?.length ?? 0);
    this.versions.set(snapshot.seq, { snapshot: step ? { ...snapshot, runsStep: undefined } : snapshot, runObjects });
    this.runObjects += runObjects;
    for (const [seq, v] of this.versions) {
      if (seq === snapshot.seq) break;
      const within =
        this.versions.size <= this.maxVersions &&
        this.runObjects <= this.maxRunObjects &&
        snapshot.polledAt - v.snapshot.polledAt <= this.maxAgeMs;
      if (within) break;
      this.versions.delete(seq);
      this.runObjects -= v.runObjects;
    }
  }

  get(seq: number): Snapshot | undefined {
    return this.versions.get(seq)?.snapshot;
  }

  get size(): number {
    return this.versions.size;
  }
}
