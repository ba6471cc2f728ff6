import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { FleetSnapshotSchema, SnapshotSchema } from "@/lib/bff/contract";
import { agentPath, apiGet } from "../api";
import { read } from "../decode";
import type { HistoryPoint } from "../types";
import { keys, polling } from "../queries";
import { mergeSnapshot, OutOfStep, type AgentView } from "./merge";
import { extendTrend } from "./trend";

/**
 * The one query per agent that pages poll: its query function sends `since` with the version this
 * tab holds and merges the answer into what it holds (so each poll carries only what changed); a
 * dashboard restart or an aged-out version brings a full snapshot, told apart by `base`. React
 * Query's own structural sharing is off: the merge already keeps unchanged parts and runs as they were.
 */
export async function fetchAgentView(
  agentId: string,
  held: AgentView | undefined,
  signal?: AbortSignal,
): Promise<AgentView> {
  // A delta only when the runs are held: a page drawn from the server's seed has none yet.
  const since = held?.runs.value ? `?since=${encodeURIComponent(held.version)}` : "";
  const wire = read(SnapshotSchema, await apiGet(agentPath(agentId, "snapshot") + since, signal));
  try {
    return mergeSnapshot(held, wire);
  } catch (err) {
    if (!(err instanceof OutOfStep)) throw err;
    // Should not happen (the server answers a delta only from the version asked for): start over.
    return mergeSnapshot(held, read(SnapshotSchema, await apiGet(agentPath(agentId, "snapshot"), signal)));
  }
}

/** Each agent as the fleet query holds it, with its throughput trend (trend.ts). */
export type FleetView = { agents: { id: string; name: string; view: AgentView; trend: HistoryPoint[] }[] };

/**
 * The fleet query's function (the overview, the fleet wall): each agent's summary answer
 * (`?parts=summary`: status, summary, problems, the first runs with errors; no runs), whole and
 * small every time, merged over what is held so each part keeps its health history.
 */
export async function fetchFleetView(held: FleetView | undefined, signal?: AbortSignal): Promise<FleetView> {
  const wire = read(FleetSnapshotSchema, await apiGet("/api/snapshot?parts=summary", signal));
  return {
    agents: wire.agents.map((a) => {
      const before = held?.agents.find((h) => h.id === a.id);
      const view = mergeSnapshot(before?.view, a.snapshot);
      return { id: a.id, name: a.name, view, trend: extendTrend(before?.trend, view) };
    }),
  };
}

const held = <T>(client: QueryClient, key: readonly unknown[]) => client.getQueryData<T>(key);

export const snapshotQueries = {
  agent: (agentId: string, pollMs: number) =>
    queryOptions({
      queryKey: keys.snapshot(agentId),
      queryFn: ({ signal, client }) => fetchAgentView(agentId, held<AgentView>(client, keys.snapshot(agentId)), signal),
      ...polling(pollMs),
      structuralSharing: false,
    }),
  fleet: (pollMs: number) =>
    queryOptions({
      queryKey: keys.fleet(),
      queryFn: ({ signal, client }) => fetchFleetView(held<FleetView>(client, keys.fleet()), signal),
      ...polling(pollMs),
      structuralSharing: false,
    }),
};
