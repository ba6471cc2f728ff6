"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { agentQueries } from "@/lib/client/queries";
import { displayName } from "@/lib/client/display-name";
import { usePollMs } from "@/lib/client/poll-interval";
import { isApiError } from "@/lib/client/api";
import { unsupportedText } from "@/lib/client/outage";
import { useAgent } from "@/lib/client/snapshot/use-agent";
import { useChangesFromOtherTabs } from "@/lib/client/mutations";
import { tabState } from "@/lib/client/document-status";
import { useDocumentStatus } from "@/lib/client/use-document-status";
import { useEventNotifications } from "@/lib/client/use-agent-notifications";
import { AppShell } from "@/components/ui/app-shell";
import { Banner } from "@/components/ui/banner";
import { Card, CardTitle } from "@/components/ui/card";
import { HistoryCard } from "@/components/charts/history-card";
import { PauseControls } from "@/components/controls/pause-controls";
import { RestartControl } from "@/components/controls/restart-control";
import { useRestartTracker } from "@/components/controls/use-restart-tracker";
import { NearRunsPanel } from "@/components/runs/near-runs-panel";
import { ActivityPanel, ActivityPanelSkeleton } from "@/components/activity/lazy-activity-panel";
import { NearScreen } from "@/components/ui/near-screen";
import { TotalsCard } from "@/components/charts/totals-card";
import { NotifyToggle } from "./notify-toggle";
import { PollProblem, StaleNote } from "./poll-problem";
import { StatusCard } from "./status-card";
import { SummaryFigures } from "./summary-figures";
import { UnknownAgent } from "./unknown-agent";
import { UnsupportedAgent } from "./unsupported-agent";
import { SkeletonLines } from "@/components/ui/skeleton";

/**
 * The tag editor (its form, validation and rows) is not needed for the first paint of the status and
 * the runs; it loads just after, which keeps the page's first-load JavaScript within its budget.
 */
const TagsPanel = dynamic(() => import("@/components/tags/tags-panel").then((m) => m.TagsPanel), {
  ssr: false,
  loading: () => <SkeletonLines lines={2} />,
});

/** The schedule row (its query and words) loads after the first paint, like the tag editor. */
const ScheduleRow = dynamic(() => import("@/components/schedules/schedule-row").then((m) => m.ScheduleRow), {
  ssr: false,
  loading: () => <span className="text-zinc-500">…</span>,
});

/**
 * The agent page: status, controls, figures, throughput, runs and tags. Every panel keeps its last
 * known data when a poll fails; the banner at the top says what is wrong and since when.
 */
export function AgentDashboard({
  agentId,
  canChange: visitorCanChange,
  seed,
}: {
  agentId: string;
  canChange: boolean;
  /** What the server drew the page with: the configured name and the latest snapshot without runs. */
  seed?: { name: string; snapshot: unknown };
}) {
  "use memo"; // compiled by the React Compiler (next.config.js): see there why, and in the panels below
  const pollMs = usePollMs();
  const { client, runs, tags, summary, readOnly } = useAgent(agentId, pollMs, seed?.snapshot);
  // The visitor may change things, but this agent may be read-only here for everyone (a hub's deck token).
  const canChange = visitorCanChange && !readOnly;
  const agents = useQuery(agentQueries.agents());
  const restart = useRestartTracker(client);
  const restarting = restart.phase === "restarting";
  useChangesFromOtherTabs(agentId);

  const configured = agents.data?.find((a) => a.id === agentId)?.name ?? seed?.name;
  const name = displayName(configured, client.data?.name, agentId);
  const unreachable = client.isError;
  // An agent before 3.0 has no runs, before 2.10 no tags to read: their panels say so.
  const runsLacking = unsupportedText(runs);
  const tagsLacking = unsupportedText(tags);

  useDocumentStatus({
    name,
    state: tabState({
      unreachable,
      errors: summary?.withErrors ?? 0,
      paused: client.data?.paused,
      active: summary?.byGroup.active ?? 0,
      loaded: Boolean(client.data && (summary || runsLacking)),
    }),
    percent: summary?.percent,
    errors: summary?.withErrors,
  });
  useEventNotifications(agentId, () => name, pollMs);

  if (!client.data && isApiError(client.error) && client.error.code === "not_found")
    return <UnknownAgent agentId={agentId} />;
  if (!client.data && unsupportedText(client))
    return <UnsupportedAgent agentId={agentId} name={name} client={client} />;

  return (
    <AppShell
      crumbs={[{ label: name }]}
      actions={
        <>
          <NotifyToggle />
          <Link
            prefetch={false}
            href={`/agents/${encodeURIComponent(agentId)}/wall`}
            className="rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
          >
            Wall view
          </Link>
        </>
      }
    >
      <div className="space-y-4">
        <PollProblem
          query={client}
          hasData={Boolean(client.data)}
          also={{ query: runs, hasData: Boolean(runs.data) }}
          restarting={restarting}
        />
        {client.data?.restartRequired && (
          <Banner tone="warning" title="Restart required">
            The agent reports that it must be restarted to apply changes
            {canChange ? ". Use “Restart agent” below when convenient." : "."}
          </Banner>
        )}

        <div className="grid gap-4 lg:grid-cols-5">
          <Card className="lg:col-span-3" aria-labelledby="agent-name">
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <h1 id="agent-name" className="truncate text-xl font-semibold">
                {client.data || configured ? name : "…"}
              </h1>
              <StaleNote query={client} />
            </div>
            <StatusCard
              client={client.data}
              schedule={<ScheduleRow agentId={agentId} paused={client.data?.paused} />}
            />
            {visitorCanChange && readOnly && (
              <p
                role="note"
                className="mt-4 border-t border-zinc-100 pt-4 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
              >
                {readOnly}.
              </p>
            )}
            {canChange && (
              <div className="mt-4 flex flex-wrap items-start justify-between gap-3 border-t border-zinc-100 pt-4 dark:border-zinc-800">
                <PauseControls agentId={agentId} paused={client.data?.paused} disabled={restarting} />
                <RestartControl agentId={agentId} agentName={name} phase={restart.phase} onRestarted={restart.begin} />
              </div>
            )}
          </Card>
          <Card className="lg:col-span-2" aria-labelledby="summary-title">
            <CardTitle id="summary-title" actions={<StaleNote query={runs} />}>
              Summary
            </CardTitle>
            {runsLacking && !summary ? (
              <Lacking text="No figures: this agent reports no job runs." />
            ) : (
              <SummaryFigures summary={summary} />
            )}
          </Card>
        </div>

        <HistoryCard agentId={agentId} title="Throughput" label="Agent throughput" />

        {/* min-w-0: a grid item is never narrower than its content by default, and the chart's canvas
            keeps the width it was drawn at, so a window made narrower would scroll sideways. */}
        <div className="grid gap-4 lg:grid-cols-5">
          <NearScreen className="min-w-0 lg:col-span-3" placeholder={<ActivityPanelSkeleton />}>
            <ActivityPanel agentId={agentId} className="h-full" />
          </NearScreen>
          <TotalsCard agentId={agentId} className="min-w-0 lg:col-span-2" />
        </div>

        <Card aria-labelledby="runs-title">
          <CardTitle id="runs-title" actions={<StaleNote query={runs} />}>
            Runs
          </CardTitle>
          {runsLacking && !runs.data ? (
            <Lacking text={runsLacking} />
          ) : (
            <NearRunsPanel agentId={agentId} runs={runs.data} neverAnswered={runs.isError && !runs.data} />
          )}
        </Card>

        <Card aria-labelledby="tags-title">
          <CardTitle id="tags-title" actions={<StaleNote query={tags} />}>
            Tags
          </CardTitle>
          {tagsLacking && !tags.data ? (
            <Lacking text={tagsLacking} />
          ) : canChange ? (
            <TagsPanel agentId={agentId} tags={tags.data} />
          ) : (
            <ul className="text-sm">
              {tags.data?.tags.map((t) => (
                <li key={t.name}>
                  <span className="font-mono">{t.name}</span> = {t.value}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </AppShell>
  );
}

/** In place of a panel's content when the agent does not offer it (older than the feature). */
function Lacking({ text }: { text: string }) {
  return <p className="text-sm text-zinc-600 dark:text-zinc-400">{text}</p>;
}
