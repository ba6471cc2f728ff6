"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { describeProblem, useOutageSince, type PollState } from "@/lib/client/outage";
import { useNow } from "@/lib/client/use-now";
import { formatRelative } from "@/lib/format/time";
import { Banner } from "@/components/ui/banner";

/**
 * The honest banner for a failing poll: what went wrong in words, when it began, and how old the
 * data still on screen is. Renders nothing while polls succeed, so it heals by itself. While a
 * restart asked for from this page is under way, the agent going away is expected, not an error.
 */
export function PollProblem({ query, hasData, restarting, className }: { query: PollState; hasData: boolean; restarting?: boolean; className?: string }) {
  const since = useOutageSince(query);
  const now = useNow(1000);
  const pathname = usePathname();
  if (!query.isError) return null;
  const problem = describeProblem(query.error, since);
  const age = hasData && query.dataUpdatedAt && now ? formatRelative(query.dataUpdatedAt, Math.max(now, query.dataUpdatedAt)) : null;
  const expected = restarting && (problem.kind === "unreachable" || problem.kind === "timeout");
  return (
    <Banner
      tone={expected ? "info" : problem.kind === "timeout" ? "warning" : "error"}
      className={className}
      title={expected ? "The agent is restarting; waiting for it to come back" : problem.text}
      actions={
        problem.kind === "unauthorized" ? (
          <Link className="font-medium underline" href={`/login?next=${encodeURIComponent(pathname)}`}>
            Sign in
          </Link>
        ) : undefined
      }
    >
      {age ? <span>Showing the last known data. Last updated {age}.</span> : hasData ? null : <span>No data has been received yet.</span>}
    </Banner>
  );
}

/** A compact "stale" marker for a panel whose data is older than the latest poll. */
export function StaleNote({ query }: { query: PollState }) {
  const now = useNow(1000);
  if (!query.isError || !query.dataUpdatedAt || !now) return null;
  return (
    <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
      Stale · last updated {formatRelative(query.dataUpdatedAt, Math.max(now, query.dataUpdatedAt))}
    </span>
  );
}
