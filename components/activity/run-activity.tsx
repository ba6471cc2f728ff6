"use client";

import Link from "next/link";
import { useMemo } from "react";
import { EMPTY_ACTIVITY } from "@/lib/client/activity-view";
import { usePollMs } from "@/lib/client/poll-interval";
import { useEventFeed } from "@/lib/client/use-events";
import { Card, CardTitle } from "@/components/ui/card";
import { StaleNote } from "@/components/status/poll-problem";
import { EventList } from "./event-list";

const SHOWN = 10;

/** A run's page: that run's own events, live, with a link to all of them on the activity page. */
export function RunActivity({ agentId, runId }: { agentId: string; runId: string }) {
  const pollMs = usePollMs();
  const view = useMemo(() => ({ ...EMPTY_ACTIVITY, runId }), [runId]);
  const { feed } = useEventFeed(agentId, view, SHOWN, pollMs);
  return (
    <Card aria-labelledby="run-activity-title">
      <CardTitle
        id="run-activity-title"
        actions={
          <span className="flex items-center gap-2">
            <StaleNote query={feed} />
            <Link
              href={`/agents/${encodeURIComponent(agentId)}/activity?runId=${encodeURIComponent(runId)}`}
              className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
            >
              All of this run’s events
            </Link>
          </span>
        }
      >
        Activity
      </CardTitle>
      <EventList
        events={feed.data?.events.slice(0, SHOWN)}
        error={feed.error}
        rows={4}
        label="This run’s events"
        showRun={false}
        noMatch={<p>No events for this run yet — the dashboard records from now on.</p>}
      />
    </Card>
  );
}
