"use client";

import type { PollState } from "@/lib/client/outage";

/** "Live": the list follows new events as they are recorded; hidden while polls fail (the stale note speaks then). */
export function LiveNote({ query }: { query: PollState }) {
  if (query.isError || !query.dataUpdatedAt) return null;
  return (
    <span className="flex items-center gap-1.5 text-xs font-medium text-emerald-800 dark:text-emerald-300">
      <span aria-hidden="true" className="inline-block size-2 animate-pulse rounded-full bg-emerald-500" />
      Live
    </span>
  );
}
