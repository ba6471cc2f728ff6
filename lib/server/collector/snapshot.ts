import "server-only";
import type { ClientStatus } from "@/lib/agent-api/client";
import type { Run } from "@/lib/agent-api/runs";
import type { TagsResponse } from "@/lib/agent-api/tags";
import { equalValues } from "@/lib/domain/equal-values";
import { applyRunsDelta, diffRuns, type RunsDelta } from "@/lib/domain/run-delta";
import { summarizeRuns, type RunsSummary } from "@/lib/domain/summary";
import { AppError, isAppError } from "../errors";

/*
 * What the dashboard knows about one agent right now: the collector replaces it after every poll
 * (never mutates it), and every read (routes, health, metrics) answers from it.
 */

/** One resource as last polled: the last good value, and the latest attempt's failure if it failed. */
export type Slot<T> = {
  value?: T;
  /** When `value` was fetched (epoch ms). */
  okAt?: number;
  /** Present while the latest attempt failed; `value` then is the last known one. */
  error?: AppError;
  /** When the current run of failures began. */
  errorSince?: number;
};

export type Snapshot = {
  /** Bumps whenever anything a viewer could see changed; 0 before the first poll. */
  seq: number;
  /** When the latest poll finished (epoch ms); 0 before the first. */
  polledAt: number;
  status: Slot<ClientStatus>;
  runs: Slot<Run[]>;
  tags: Slot<TagsResponse>;
  /** Of the last good runs list, computed once per list by the one summary function. */
  summary?: RunsSummary;
  /** Why nothing may be changed on this agent from here, whoever asks (a deck's read-only token). */
  readOnly?: string;
  /**
   * How the runs got here from version `fromSeq` (the version before), as the poll computed it: the
   * delta most viewers ask for, so it is not computed a second time.
   */
  runsStep?: { fromSeq: number; delta: RunsDelta };
};

export const EMPTY_SNAPSHOT: Snapshot = { seq: 0, polledAt: 0, status: {}, runs: {}, tags: {} };

/** The problem a page shows: the status's, else the runs'. */
export function snapshotProblem(s: Snapshot): { code: string; message: string; since: number } | undefined {
  const slot = s.status.error ? s.status : s.runs.error ? s.runs : undefined;
  if (!slot?.error) return undefined;
  return { code: slot.error.code, message: slot.error.message, since: slot.errorSince ?? s.polledAt };
}

/**
 * The next slot after an attempt. An unchanged value keeps its previous object, so the work done
 * once per value (its JSON encoding and ETag, the summary) is not redone and `changed` stays false.
 */
export function settle<T>(
  prev: Slot<T>,
  result: PromiseSettledResult<T>,
  at: number,
): { slot: Slot<T>; changed: boolean } {
  if (result.status === "fulfilled") {
    const same = prev.value !== undefined && equalValues(prev.value, result.value);
    const value = same ? prev.value : result.value;
    return { slot: { value, okAt: at }, changed: !same || prev.error !== undefined };
  }
  const error = isAppError(result.reason)
    ? result.reason
    : new AppError("internal_error", "The agent could not be read; the details are in the dashboard's log.");
  const sameError = prev.error?.code === error.code && prev.error.message === error.message;
  // Another deck's problem brings what that deck last knew, and since when it has failed.
  const known = error instanceof RemoteProblem ? (error as RemoteProblem<T>) : undefined;
  const value = prev.value ?? known?.value;
  const okAt = prev.okAt ?? known?.okAt;
  const errorSince = prev.error ? prev.errorSince : (known?.since ?? at);
  return {
    slot: { value, okAt, error, errorSince },
    changed: !sameError || value !== prev.value,
  };
}

/**
 * A part another Agent Deck reports as failing (its agent unreachable, say): its code and message,
 * when that deck first saw it fail, and the value it still holds from before with when it got it.
 */
export class RemoteProblem<T = unknown> extends AppError {
  constructor(
    code: AppError["code"],
    message: string,
    readonly since: number | undefined,
    readonly value: T | undefined,
    readonly okAt: number | undefined,
  ) {
    super(code, message);
  }
}

/**
 * The runs slot after an attempt, sharing structure with the previous list: a run that did not
 * change keeps its previous object, so the lists kept for deltas cost only what changed, and a
 * delta against any base finds unchanged runs by identity.
 */
export function settleRuns(
  prev: Slot<Run[]>,
  result: PromiseSettledResult<Run[]>,
  at: number,
): { slot: Slot<Run[]>; changed: boolean; delta?: RunsDelta } {
  if (result.status === "fulfilled" && prev.value) {
    const delta = diffRuns(prev.value, result.value);
    const shared = applyRunsDelta(prev.value, delta);
    return { slot: { value: shared, okAt: at }, changed: shared !== prev.value || prev.error !== undefined, delta };
  }
  return settle(prev, result, at);
}

/** The summary of `runs`, reused when the list is the same object as before. */
export function summaryFor(prev: Snapshot, runs: Slot<Run[]>): RunsSummary | undefined {
  if (!runs.value) return undefined;
  return runs.value === prev.runs.value && prev.summary ? prev.summary : summarizeRuns(runs.value);
}
