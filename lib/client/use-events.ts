"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiError } from "./api";
import type { ActivityView } from "./activity-view";
import { appendOlder, eventKeys, eventQueries, fetchOlder, type EventsFeed } from "./events";

/**
 * An event feed kept live (polling `after=` the newest held) plus "load older" (`before=`), one
 * page at a time. The older pages join the same cached feed, so the live poll keeps them.
 */
export function useEventFeed(
  agentId: string | undefined,
  view: ActivityView,
  limit: number,
  pollMs: number,
  keep = limit,
) {
  const qc = useQueryClient();
  const feed = useQuery(eventQueries.feed(agentId, view, limit, pollMs, keep));
  const next = feed.data?.next;
  const older = useMutation<EventsFeed | undefined, ApiError>({
    mutationFn: async () => {
      if (next === undefined) return undefined;
      const page = await fetchOlder(agentId, view, limit, next);
      return qc.setQueryData<EventsFeed>(eventKeys.feed(agentId, view, limit), (held) =>
        held ? appendOlder(held, page) : held,
      );
    },
  });
  return {
    feed,
    hasOlder: next !== undefined,
    loadOlder: () => {
      if (!older.isPending) older.mutate();
    },
    loadingOlder: older.isPending,
    olderError: older.error,
  };
}
