"use client";

import { useDeferredValue } from "react";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { SnapshotSchema } from "@/lib/bff/contract";
import { read } from "../decode";
import { mergeSnapshot } from "./merge";
import type { PollState } from "../outage";
import type { AgentView, Part } from "./merge";
import { snapshotQueries } from "./queries";

/*
 * Each poll's data is read through useDeferredValue: React Query delivers it with a synchronous
 * update (useSyncExternalStore), which React cannot split, so a poll that changes hundreds of rows
 * was one long task on a slow phone. The deferred copy is drawn in a background render that React
 * slices into short pieces between frames and input, which keeps the page responsive under load.
 */

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

/**
 * The agent page, its wall and a run's page: the agent's own snapshot query. `seed`, the snapshot
 * the server drew the page with (no runs), is where the query starts; as old as it is, it is
 * refreshed at once, and its ages count from when the dashboard polled it.
 */
export function useAgent(agentId: string, pollMs: number, seed?: unknown): AgentParts {
  const q = useQuery({
    ...snapshotQueries.agent(agentId, pollMs),
    initialData: seed ? () => mergeSnapshot(undefined, read(SnapshotSchema, seed), seedTime(seed)) : undefined,
    initialDataUpdatedAt: seed ? seedTime(seed) : undefined,
  });
  return agentParts(q, useDeferredValue(q.data));
}

const seedTime = (seed: unknown) => (seed as { fetchedAt?: number }).fetchedAt || Date.now();

/** The overview and the fleet wall: one request per poll for every agent. */
export function useFleet(pollMs: number) {
  const q = useQuery(snapshotQueries.fleet(pollMs));
  const data = useDeferredValue(q.data);
  return {
    query: q,
    agents: (data?.agents ?? []).map((a) => ({ id: a.id, name: a.name, trend: a.trend, ...agentParts(q, a.view) })),
  };
}

/** One agent of the fleet query (an overview card): the cards share that one request. */
export function useFleetAgent(agentId: string, pollMs: number) {
  const q = useQuery(snapshotQueries.fleet(pollMs));
  const entry = useDeferredValue(q.data)?.agents.find((a) => a.id === agentId);
  return { ...agentParts(q, entry?.view), trend: entry?.trend };
}
