"use client";

import Link from "next/link";
import { EMPTY_ACTIVITY } from "@/lib/client/activity-view";
import { usePollMs } from "@/lib/client/poll-interval";
import { useEventFeed } from "@/lib/client/use-events";
import { Card, CardTitle } from "@/components/ui/card";
import { StaleNote } from "@/components/status/poll-problem";
import { EventList } from "./event-list";

const SHOWN = 8;

/** The agent page's latest events, live; "View all" opens the agent's activity page. */
export function ActivityPanel({ agentId, className }: { agentId: string; className?: string }) {
  "use memo"; // compiled by the React Compiler (next.config.js): a poll redraws only what changed
  const pollMs = usePollMs();
  const { feed } = useEventFeed(agentId, EMPTY_ACTIVITY, SHOWN, pollMs);
  return (
    <Card aria-labelledby="activity-title" className={className}>
      <CardTitle
        id="activity-title"
        actions={
          <span className="flex items-center gap-2">
            <StaleNote query={feed} />
            <Link
              prefetch={false}
              href={`/agents/${encodeURIComponent(agentId)}/activity`}
              className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
            >
              View all activity
            </Link>
          </span>
        }
      >
        Activity
      </CardTitle>
      <EventList events={feed.data?.events.slice(0, SHOWN)} error={feed.error} rows={SHOWN} label="Latest events" />
    </Card>
  );
}
