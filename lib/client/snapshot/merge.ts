import type { Run } from "@/lib/agent-api/runs";
import type { TagsResponse } from "@/lib/agent-api/tags";
import { ERROR_CODES, type ErrorCode, type SnapshotWire } from "@/lib/bff/contract";
import { applyRunsDelta, type RunsDelta } from "@/lib/domain/run-delta";
import type { RunsSummary } from "@/lib/domain/summary";
import { ApiError, BAD_BODY } from "../api";
import { readRuns } from "../decode";
import type { AgentClient } from "../types";

/**
 * One agent as a page holds it: the snapshot it last received, merged from deltas, with each part's
 * health as this tab saw it. A part keeps its last good value while it fails. An unchanged part
 * keeps its object (and each unchanged run its object), so memoised rows and panels skip it.
 */
export type Part<T> = {
  value: T | undefined;
  /** When this tab last received the part in good health (epoch ms; 0 never). */
  okAt: number;
  /** The part's failure as of the latest snapshot; the same object for as long as it lasts. */
  error: ApiError | undefined;
  /** When the current failure began, as the dashboard saw it (epoch ms; 0 when healthy). */
  errorAt: number;
};

export type AgentView = {
  version: string;
  /** When the dashboard's collector polled the agent for this snapshot (the server's clock). */
  fetchedAt: number;
  status: Part<AgentClient>;
  runs: Part<Run[]>;
  tags: Part<TagsResponse>;
  summary: RunsSummary | undefined;
  /** Why nothing may be changed on this agent through this dashboard (a hub's read-only token for its deck). */
  readOnly?: string;
  /** From a fleet summary answer: the first runs with errors (the runs themselves are not sent). */
  errorRuns?: { run_id: number; name: string }[];
};

type WireProblem = { code: string; message: string; since?: number; dataAt?: number };

/** JSON has no `undefined`: the summary's absent percent is the domain type's undefined one. */
const summaryOf = (wire: SnapshotWire) => wire.summary as RunsSummary | undefined;

/** Thrown for a delta whose base is not what this tab holds: the caller asks for a full snapshot. */
export class OutOfStep extends Error {}

function nextPart<T>(
  prev: Part<T> | undefined,
  value: T | undefined,
  problem: WireProblem | undefined,
  now: number,
): Part<T> {
  if (!problem) return { value, okAt: value === undefined ? (prev?.okAt ?? 0) : now, error: undefined, errorAt: 0 };
  const same = prev?.error && prev.error.code === problem.code && prev.error.message === problem.message;
  const status = (ERROR_CODES as Record<string, number>)[problem.code] ?? 502;
  return {
    value,
    // A tab opened during an outage has seen no good answer itself: the server says how old its data is.
    okAt: prev?.okAt || (value === undefined ? 0 : (problem.dataAt ?? 0)),
    error: same ? prev.error : new ApiError(status, problem.code as ErrorCode, problem.message),
    // When the dashboard's collector first saw it fail (the server's clock, on this machine as a
    // rule): the outage's real start, also for a tab opened in the middle of it.
    errorAt: prev?.error ? prev.errorAt : problem.since || now,
  };
}

/** The tags object kept when the list did not change (a delta leaves unchanged tags out). */
function tagsOf(
  prev: Part<TagsResponse> | undefined,
  tags: TagsResponse["tags"] | undefined,
): TagsResponse | undefined {
  return tags === undefined ? prev?.value : { tags };
}

export function mergeSnapshot(prev: AgentView | undefined, wire: SnapshotWire, now = Date.now()): AgentView {
  const problems = wire.problems;
  if ("base" in wire) {
    if (!prev || prev.version !== wire.base)
      throw new OutOfStep(`delta from ${wire.base}, holding ${prev?.version ?? "nothing"}`);
    const delta = wire.runs as RunsDelta;
    // No list yet and nothing in the delta: still no list (an agent that never answered has not
    // said it has no runs). A first list arrives as a delta of new runs against none.
    const nothing = delta.changed.length === 0 && delta.removed.length === 0 && !delta.order;
    let runs: Run[] | undefined;
    try {
      runs = prev.runs.value === undefined && nothing ? undefined : applyRunsDelta(prev.runs.value ?? [], delta);
    } catch {
      throw new OutOfStep("the delta does not fit the runs held");
    }
    return {
      version: wire.version,
      fetchedAt: wire.fetchedAt,
      status: nextPart(prev.status, wire.status ?? prev.status.value, problems?.status, now),
      runs: nextPart(prev.runs, runs, problems?.runs, now),
      tags: nextPart(prev.tags, tagsOf(prev.tags, wire.tags), problems?.tags, now),
      summary: summaryOf(wire) ?? prev.summary,
      ...(wire.readOnly ? { readOnly: wire.readOnly } : {}),
    };
  }
  const runs = wire.runs === undefined ? undefined : readRuns(wire.runs);
  if (wire.runs !== undefined && !runs) throw new ApiError(200, BAD_BODY, "unexpected data at runs");
  return {
    version: wire.version,
    fetchedAt: wire.fetchedAt,
    status: nextPart(prev?.status, wire.status, problems?.status, now),
    runs: nextPart(prev?.runs, runs, problems?.runs, now),
    tags: nextPart(prev?.tags, tagsOf(undefined, wire.tags), problems?.tags, now),
    summary: summaryOf(wire),
    ...(wire.readOnly ? { readOnly: wire.readOnly } : {}),
    ...(wire.errorRuns ? { errorRuns: wire.errorRuns } : {}),
  };
}
