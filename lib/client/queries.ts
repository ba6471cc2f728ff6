import { queryOptions } from "@tanstack/react-query";
import { AgentsResponseSchema, type AgentSummary } from "@/lib/bff/contract";
import {
  DEFAULT_HISTORY_RANGE,
  TotalsResponseSchema,
  type HistoryRange,
  type TotalsResponse,
} from "@/lib/bff/contract-store";
import { agentPath, apiGet } from "./api";
import { read } from "./decode";
import { HistorySchema, type History } from "./types";

export { DEFAULT_POLL_MS } from "./constants";

/** How often the tags panel polls while the agent answers. */
export const TAGS_POLL_MS = 10_000;

/**
 * Query keys: hierarchical so one agent's data can be invalidated together, and free of
 * timestamps so a tab left open for days keeps a bounded cache.
 */
export const keys = {
  agents: () => ["agents"] as const,
  agent: (agentId: string) => ["agent", agentId] as const,
  client: (agentId: string) => ["agent", agentId, "client"] as const,
  runs: (agentId: string) => ["agent", agentId, "runs"] as const,
  run: (agentId: string, runId: string) => ["agent", agentId, "runs", runId] as const,
  tags: (agentId: string) => ["agent", agentId, "tags"] as const,
  snapshot: (agentId: string) => ["agent", agentId, "snapshot"] as const,
  fleet: () => ["fleet", "snapshot"] as const,
  history: (agentId: string, runId?: string, range: HistoryRange = DEFAULT_HISTORY_RANGE) =>
    ["agent", agentId, "history", runId ?? "all", range] as const,
  totals: (agentId: string, days: number) => ["agent", agentId, "totals", days] as const,
};

/** The longest wait between two reads of a long range's history: its newest bucket is still filling. */
const HISTORY_REFRESH_MAX_MS = 60_000;

/** Daily totals change by the minute at most: checked once a minute while they load fine. */
const TOTALS_POLL_MS = 60_000;

/**
 * Shared polling behaviour. Wall monitors sit in unfocused, sometimes hidden windows, so polling
 * never pauses; a failed poll is not retried because the next poll is the retry (and an outage
 * should show within one interval, not after backoff). A panel that polls more slowly when healthy
 * (`healthyMs`) polls at the page's interval while it fails, so it heals with the rest of the page
 * instead of staying stale until its own next poll (the refetch on recovery can land on the BFF's
 * cached failure from a moment before).
 */
export function polling(pollMs: number, healthyMs = pollMs) {
  return {
    refetchInterval: (query: { state: { status: string } }) => (query.state.status === "error" ? pollMs : healthyMs),
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: true,
    retry: false,
    staleTime: Math.max(0, pollMs - 250),
  } as const;
}

export const agentQueries = {
  agents: () =>
    queryOptions({
      queryKey: keys.agents(),
      queryFn: async ({ signal }): Promise<AgentSummary[]> =>
        read(AgentsResponseSchema, await apiGet("/api/agents", signal)).agents,
      // The configured agent list changes only with a restart of the dashboard.
      staleTime: 60_000,
      retry: 2,
    }),

  history: (agentId: string, pollMs: number, runId?: string, range: HistoryRange = DEFAULT_HISTORY_RANGE) =>
    queryOptions({
      queryKey: keys.history(agentId, runId, range),
      queryFn: async ({ signal }): Promise<History> => {
        const query = new URLSearchParams(range === DEFAULT_HISTORY_RANGE ? {} : { range });
        if (runId) query.set("runId", runId);
        return read(
          HistorySchema,
          await apiGet(`${agentPath(agentId, "history")}${query.size ? `?${query.toString()}` : ""}`, signal),
        );
      },
      ...polling(pollMs),
      // A long range comes in buckets (a minute, an hour): asking again sooner than a bucket's width
      // (and a minute at most, for the bucket in progress) would only fetch the same points.
      refetchInterval: (query) =>
        query.state.status === "error"
          ? pollMs
          : Math.max(pollMs, Math.min(query.state.data?.intervalMs ?? pollMs, HISTORY_REFRESH_MAX_MS)),
    }),

  totals: (agentId: string, days: number, pollMs: number) =>
    queryOptions({
      queryKey: keys.totals(agentId, days),
      queryFn: async ({ signal }): Promise<TotalsResponse> =>
        read(TotalsResponseSchema, await apiGet(`${agentPath(agentId, "totals")}?days=${days}`, signal)),
      ...polling(pollMs, TOTALS_POLL_MS),
    }),
};
