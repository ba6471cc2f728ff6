"use client";

import { useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { activityParams, isFiltered, parseActivityView, writeActivityView } from "@/lib/client/activity-view";
import { HELD_MAX, eventsCsvPath } from "@/lib/client/events";
import { agentQueries } from "@/lib/client/queries";
import { usePollMs } from "@/lib/client/poll-interval";
import { useEventFeed } from "@/lib/client/use-events";
import { useUrlView } from "@/lib/client/use-url-view";
import { useDocumentTitle } from "@/lib/client/use-document-status";
import { AppShell } from "@/components/ui/app-shell";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { StaleNote } from "@/components/status/poll-problem";
import { ActivityToolbar } from "./activity-toolbar";
import { EventList } from "./event-list";
import { LiveNote } from "./live-note";

const PAGE = 50;

/**
 * `/agents/{id}/activity` (one agent, `runs` given for the run filter) and `/activity` (every
 * agent): the event log, newest first, live, with filters in the URL and paging into the past.
 */
export function ActivityPage({ agentId, runs }: { agentId?: string; runs?: { id: string; name: string }[] }) {
  const pollMs = usePollMs();
  const [view, updateView] = useUrlView(parseActivityView, writeActivityView);
  const [q, setQ] = useState(view.q);
  useEffect(() => {
    if (q === view.q) return;
    const id = window.setTimeout(() => updateView({ q }), 300);
    return () => window.clearTimeout(id);
  }, [q, view.q, updateView]);

  const { feed, hasOlder, loadOlder, loadingOlder, olderError } = useEventFeed(agentId, view, PAGE, pollMs, HELD_MAX);
  const agents = useQuery(agentQueries.agents());
  const names = useMemo(() => new Map((agents.data ?? []).map((a) => [a.id, a.name])), [agents.data]);
  const agentName = agentId === undefined ? undefined : (names.get(agentId) ?? agentId);
  useDocumentTitle(agentName ? `Activity · ${agentName} — Agent Deck` : "Activity — Agent Deck");

  const agentHref = agentId === undefined ? undefined : `/agents/${encodeURIComponent(agentId)}`;
  const crumbs =
    agentName && agentHref ? [{ label: agentName, href: agentHref }, { label: "Activity" }] : [{ label: "Activity" }];
  const events = feed.data?.events;

  return (
    <AppShell crumbs={crumbs}>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <h1 className="text-xl font-semibold">{agentName ? `Activity of ${agentName}` : "Activity of all agents"}</h1>
          <LiveNote query={feed} />
          <StaleNote query={feed} />
          {/* The export is per agent (a file per machine, as its runs.csv). */}
          {agentId !== undefined && (
            <a
              href={eventsCsvPath(agentId, activityParams(view))}
              download
              className="ml-auto text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
            >
              Export CSV
            </a>
          )}
        </div>
        <Card aria-label="Events">
          <ActivityToolbar q={q} onQ={setQ} view={view} onView={updateView} runs={runs} />
          <div className="mt-3">
            <EventList
              events={events}
              error={feed.error}
              rows={10}
              label="Events"
              agentNames={agentId === undefined ? names : undefined}
              noMatch={isFiltered(view) ? <p>No events match these filters.</p> : undefined}
            />
          </div>
          {events && events.length > 0 && (
            <div className="mt-3 flex flex-wrap items-center justify-center gap-3 border-t border-zinc-100 pt-3 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <span className="tabular-nums">{`${events.length.toLocaleString()} events shown`}</span>
              {hasOlder ? (
                <Button onClick={loadOlder} disabled={loadingOlder}>
                  {loadingOlder ? "Loading…" : "Load older"}
                </Button>
              ) : (
                <span>That is the oldest event kept.</span>
              )}
              {olderError && (
                <span
                  role="alert"
                  className="text-red-700 dark:text-red-400"
                >{`Older events could not be loaded: ${olderError.message}`}</span>
              )}
            </div>
          )}
        </Card>
      </div>
    </AppShell>
  );
}
