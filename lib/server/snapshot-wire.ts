import "server-only";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Run } from "@/lib/agent-api/runs";
import { runHasErrors } from "@/lib/agent-api/status-groups";
import { diffRuns, type RunsDelta } from "@/lib/domain/run-delta";
import { equalValues } from "@/lib/domain/equal-values";
import type { Slot, Snapshot } from "./collector/snapshot";
import { snapshotProblem } from "./collector/snapshot";
import { asciiJson } from "./etag";
import { countSnapshotEncoding, type SnapshotKind } from "./metrics";

/**
 * The snapshot as pages read it (GET /api/agents/{id}/snapshot[?since=]), encoded once and shared:
 * for each poll, the full body and each delta asked for are serialised and gzipped once, and the
 * same bytes go to every viewer; the runs part of a delta is computed once per (base, version).
 * Versions carry this process's boot id, so after a restart a client's version matches nothing
 * here and it gets the full snapshot, never a wrong merge.
 */
const BOOT = Symbol.for("agent-deck.boot-id");
export function bootId(): string {
  const holder = globalThis as { [BOOT]?: string };
  holder[BOOT] ??= randomBytes(4).toString("hex");
  return holder[BOOT];
}

export function versionOf(s: Snapshot): string {
  return `${bootId()}.${s.seq}`;
}

/** The seq of `version` when it is one of this process's versions, else undefined. */
export function seqOf(version: string): number | undefined {
  const [boot, seq] = version.split(".");
  return boot === bootId() && seq !== undefined ? Number(seq) : undefined;
}

export type Encoded = { json: Buffer; gzip: Buffer };

/** `dataAt`: when the value still shown was fetched, so a tab opened during an outage can say how old it is. */
const problemOf = <T>(slot: Slot<T>) =>
  slot.error
    ? {
        code: slot.error.code,
        message: slot.error.message,
        since: slot.errorSince ?? 0,
        ...(slot.okAt ? { dataAt: slot.okAt } : {}),
      }
    : undefined;

/** What every body carries: the version, when it was polled, the summary and the problems. */
function envelope(s: Snapshot) {
  const problems = { status: problemOf(s.status), runs: problemOf(s.runs), tags: problemOf(s.tags) };
  const any = problems.status || problems.runs || problems.tags;
  return {
    version: versionOf(s),
    fetchedAt: s.polledAt,
    summary: s.summary,
    problem: snapshotProblem(s),
    problems: any ? problems : undefined,
    readOnly: s.readOnly,
  };
}

export function fullBody(s: Snapshot) {
  return { ...envelope(s), status: s.status.value, runs: s.runs.value, tags: s.tags.value?.tags };
}

/** How many runs with errors an agent's summary answer names (a wall tile shows two). */
export const ERROR_RUNS_NAMED = 3;

/** The first runs with errors, in the agent's order: what a tile names without holding every run. */
function errorRuns(runs: readonly Run[] | undefined): { run_id: number; name: string }[] {
  const out: { run_id: number; name: string }[] = [];
  for (const run of runs ?? []) {
    if (out.length === ERROR_RUNS_NAMED) break;
    if (runHasErrors(run)) out.push({ run_id: run.run_id, name: run.name });
  }
  return out;
}

/**
 * An agent as the overview and the fleet wall show it (`GET /api/snapshot?parts=summary`): status,
 * summary, problems and the first runs with errors, without the runs themselves. Always whole
 * (it is small), so it needs no base.
 */
export function summaryBody(s: Snapshot) {
  return { ...envelope(s), status: s.status.value, errorRuns: errorRuns(s.runs.value) };
}

export function deltaBody(base: Snapshot, s: Snapshot, runs: RunsDelta) {
  return {
    ...envelope(s),
    base: versionOf(base),
    status: equalValues(base.status.value, s.status.value) ? undefined : s.status.value,
    tags: equalValues(base.tags.value, s.tags.value) ? undefined : s.tags.value?.tags,
    runs,
  };
}

function encode(body: object, kind: SnapshotKind): Encoded {
  countSnapshotEncoding(kind);
  const json = Buffer.from(asciiJson(body), "latin1");
  return { json, gzip: gzipSync(json, { level: 6 }) };
}

/**
 * Per agent: the encodings of its latest polls and the runs deltas between its versions. Only the
 * two latest polls keep their encodings: every answer is about the snapshot now (a request that
 * began just before a poll may still be encoding the one before). Older versions stay in the
 * SnapshotLog as bases for deltas, but their own bodies are never asked for again, so keeping them
 * (a full body per version, five minutes of versions) would be memory spent on nothing.
 */
const POLLS_KEPT = 2;

export class SnapshotEncoder {
  private readonly perPoll: { snapshot: Snapshot; bodies: Map<number, Encoded> }[] = [];
  private readonly runsDeltas = new Map<string, RunsDelta>();

  /** `base` undefined: the full snapshot; "summary": the summary answer (summaryBody). */
  encoded(s: Snapshot, base: Snapshot | undefined | "summary"): Encoded {
    let forPoll = this.perPoll.find((p) => p.snapshot === s)?.bodies;
    if (!forPoll) {
      forPoll = new Map();
      this.perPoll.push({ snapshot: s, bodies: forPoll });
      if (this.perPoll.length > POLLS_KEPT) this.perPoll.shift();
    }
    const key = base === "summary" ? -2 : base ? base.seq : -1;
    let out = forPoll.get(key);
    if (!out) {
      out =
        base === "summary"
          ? encode(summaryBody(s), "summary")
          : base
            ? encode(deltaBody(base, s, this.runsDelta(base, s)), "delta")
            : encode(fullBody(s), "full");
      // Viewers hold a handful of versions at most; a flood of old ones must not grow this.
      if (forPoll.size >= 32) forPoll.delete(forPoll.keys().next().value!);
      forPoll.set(key, out);
    }
    return out;
  }

  private runsDelta(base: Snapshot, s: Snapshot): RunsDelta {
    const key = `${base.seq}:${s.seq}`;
    let delta = this.runsDeltas.get(key);
    if (!delta) {
      // The poll's own diff serves the viewers one version behind; other bases are diffed here.
      const step = s.runsStep;
      delta = step && step.fromSeq === base.seq ? step.delta : diffRuns(base.runs.value ?? [], s.runs.value ?? []);
      if (this.runsDeltas.size >= 16) this.runsDeltas.delete(this.runsDeltas.keys().next().value!);
      this.runsDeltas.set(key, delta);
    }
    return delta;
  }
}
