"use client";

import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import type { PollState } from "../outage";
import type { AgentView, Part } from "./merge";
import { snapshotQueries } from "./queries";

/**
 * One agent's parts (status, runs, tags) as panels read them, from the one snapshot query: each
 * part looks like a query result of its own (data, error, timestamps), so the banners, stale notes,
 * the restart tracker and the tab title work on them as they did on separate queries. A failure of
 * the request itself (the dashboard not answering, signed out) is every part's failure.
 */
export type PartState<T> = PollState & { data: T | undefined };

function partState<T>(q: UseQueryResult<unknown>, part: Part<T> | undefined): PartState<T> {
  const base = { data: part?.value, isFetching: q.isFetching, dataUpdatedAt: part?.okAt ?? 0 };
  if (q.isError) return { ...base, error: q.error, isError: true, errorUpdatedAt: q.errorUpdatedAt };
  if (part?.error) return { ...base, error: part.error, isError: true, errorUpdatedAt: part.errorAt };
  return { ...base, error: null, isError: false, errorUpdatedAt: 0 };
}

export function agentParts(q: UseQueryResult<unknown>, view: AgentView | undefined) {
  return {
    client: partState(q, view?.status),
    runs: partState(q, view?.runs),
    tags: partState(q, view?.tags),
    summary: view?.summary,
    version: view?.version,
    errorRuns: view?.errorRuns,
    readOnly: view?.readOnly,
  };
}

export type AgentParts = ReturnType<typeof agentParts>;

/** The agent page, its wall and a run's page: the agent's own snapshot query. */
export function useAgent(agentId: string, pollMs: number): AgentParts {
  const q = useQuery(snapshotQueries.agent(agentId, pollMs));
  return agentParts(q, q.data);
}

/** The overview and the fleet wall: one request per poll for every agent. */
export function useFleet(pollMs: number) {
  const q = useQuery(snapshotQueries.fleet(pollMs));
  return {
    query: q,
    agents: (q.data?.agents ?? []).map((a) => ({ id: a.id, name: a.name, trend: a.trend, ...agentParts(q, a.view) })),
  };
}

/** One agent of the fleet query (an overview card): the cards share that one request. */
export function useFleetAgent(agentId: string, pollMs: number) {
  const q = useQuery(snapshotQueries.fleet(pollMs));
  const entry = q.data?.agents.find((a) => a.id === agentId);
  return { ...agentParts(q, entry?.view), trend: entry?.trend };
}
