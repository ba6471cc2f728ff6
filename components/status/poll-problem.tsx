"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { describeProblem, outageSince, useOutages, type PollState } from "@/lib/client/outage";
import { useNow } from "@/lib/client/use-now";
import { formatRelative } from "@/lib/format/time";
import { Banner } from "@/components/ui/banner";

/**
 * The honest banner for a failing poll: what went wrong in words, when it began, and how old the
 * data still on screen is. Renders nothing while polls succeed, so it heals by itself. While a
 * restart asked for from this page is under way, the agent going away is expected, not an error.
 * `also` is a second query of the same page (the runs under the status): its problem is shown when
 * the first is fine, and "since" is when the page first saw either fail.
 */
export function PollProblem({
  query,
  hasData,
  also,
  restarting,
  className,
}: {
  query: PollState;
  hasData: boolean;
  also?: { query: PollState; hasData: boolean };
  restarting?: boolean;
  className?: string;
}) {
  const outages = useOutages(also ? [query, also.query] : [query]);
  const now = useNow(1000);
  const pathname = usePathname();
  const shown = outages[0]
    ? { outage: outages[0], query, hasData }
    : outages[1] && also
      ? { outage: outages[1], ...also }
      : null;
  if (!shown) return null;
  const problem = describeProblem(shown.outage.error, outageSince(outages));
  const dataAt = shown.query.dataUpdatedAt;
  const age = shown.hasData && dataAt && now ? formatRelative(dataAt, Math.max(now, dataAt)) : null;
  const expected = restarting && (problem.kind === "unreachable" || problem.kind === "timeout");
  // The agent lacks the second part (runs, before agent 3.0) while the first works: a note, not an error.
  const lacksSecond = problem.kind === "unsupported" && shown.query !== query;
  return (
    <Banner
      tone={expected || lacksSecond ? "info" : problem.kind === "timeout" ? "warning" : "error"}
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
      {age ? (
        <span>Showing the last known data. Last updated {age}.</span>
      ) : shown.hasData || problem.kind === "unsupported" ? null : (
        <span>No data has been received yet.</span>
      )}
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
