"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { agentQueries } from "@/lib/client/queries";
import { displayName } from "@/lib/client/display-name";
import { usePollMs } from "@/lib/client/poll-interval";
import { isApiError } from "@/lib/client/api";
import { useAgent } from "@/lib/client/snapshot/use-agent";
import { useChangesFromOtherTabs } from "@/lib/client/mutations";
import { tabState } from "@/lib/client/document-status";
import { useDocumentStatus } from "@/lib/client/use-document-status";
import { useAgentNotifications } from "@/lib/client/use-agent-notifications";
import { AppShell } from "@/components/ui/app-shell";
import { Banner } from "@/components/ui/banner";
import { Card, CardTitle } from "@/components/ui/card";
import { HistoryCard } from "@/components/charts/history-card";
import { PauseControls } from "@/components/controls/pause-controls";
import { RestartControl } from "@/components/controls/restart-control";
import { useRestartTracker } from "@/components/controls/use-restart-tracker";
import { RunsSkeleton } from "@/components/runs/runs-skeleton";
import { ActivityPanel } from "@/components/activity/lazy-activity-panel";
import { TotalsCard } from "@/components/charts/totals-card";
import { NotifyToggle } from "./notify-toggle";
import { PollProblem, StaleNote } from "./poll-problem";
import { StatusCard } from "./status-card";
import { SummaryFigures } from "./summary-figures";
import { UnknownAgent } from "./unknown-agent";
import { SkeletonLines } from "@/components/ui/skeleton";

/**
 * The tag editor (its form, validation and rows) is not needed for the first paint of the status and
 * the runs; it loads just after, which keeps the page's first-load JavaScript within its budget.
 */
const TagsPanel = dynamic(() => import("@/components/tags/tags-panel").then((m) => m.TagsPanel), {
  ssr: false,
  loading: () => <SkeletonLines lines={2} />,
});

/**
 * The runs (table, toolbar, keyboard selection, the virtualiser) sit below the first screen: their
 * code loads just after the page's own, with a placeholder of the panel's final size meanwhile.
 */
const RunsPanel = dynamic(() => import("@/components/runs/runs-panel").then((m) => m.RunsPanel), {
  ssr: false,
  loading: () => <RunsSkeleton />,
});

/**
 * The agent page: status, controls, figures, throughput, runs and tags. Every panel keeps its last
 * known data when a poll fails; the banner at the top says what is wrong and since when.
 */
export function AgentDashboard({
  agentId,
  canChange,
  seed,
}: {
  agentId: string;
  canChange: boolean;
  /** What the server drew the page with: the configured name and the latest snapshot without runs. */
  seed?: { name: string; snapshot: unknown };
}) {
  const pollMs = usePollMs();
  const { client, runs, tags, summary } = useAgent(agentId, pollMs, seed?.snapshot);
  const agents = useQuery(agentQueries.agents());
  const restart = useRestartTracker(client);
  const restarting = restart.phase === "restarting";
  useChangesFromOtherTabs(agentId);

  const configured = agents.data?.find((a) => a.id === agentId)?.name ?? seed?.name;
  const name = displayName(configured, client.data?.name, agentId);
  const unreachable = client.isError;

  useDocumentStatus({
    name,
    state: tabState({
      unreachable,
      errors: summary?.withErrors ?? 0,
      paused: client.data?.paused,
      active: summary?.byGroup.active ?? 0,
      loaded: Boolean(client.data && summary),
    }),
    percent: summary?.percent,
    errors: summary?.withErrors,
  });
  useAgentNotifications(name, !unreachable, client.data?.server?.state, runs.data);

  if (!client.data && isApiError(client.error) && client.error.code === "not_found")
    return <UnknownAgent agentId={agentId} />;

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
            <StatusCard client={client.data} />
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
            <SummaryFigures summary={summary} />
          </Card>
        </div>

        <HistoryCard agentId={agentId} title="Throughput" label="Agent throughput" />

        <div className="grid gap-4 lg:grid-cols-5">
          <div className="lg:col-span-3">
            <ActivityPanel agentId={agentId} className="h-full" />
          </div>
          <TotalsCard agentId={agentId} className="lg:col-span-2" />
        </div>

        <Card aria-labelledby="runs-title">
          <CardTitle id="runs-title" actions={<StaleNote query={runs} />}>
            Runs
          </CardTitle>
          <RunsPanel agentId={agentId} runs={runs.data} neverAnswered={runs.isError && !runs.data} />
        </Card>

        <Card aria-labelledby="tags-title">
          <CardTitle id="tags-title" actions={<StaleNote query={tags} />}>
            Tags
          </CardTitle>
          {canChange ? (
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
