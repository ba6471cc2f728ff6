"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { runPercent, statusGroup } from "@/lib/agent-api/status-groups";
import { agentQueries } from "@/lib/client/queries";
import { usePollMs } from "@/lib/client/poll-interval";
import { useAgent } from "@/lib/client/snapshot/use-agent";
import { useDocumentTitle } from "@/lib/client/use-document-status";
import { AppShell } from "@/components/ui/app-shell";
import { Banner } from "@/components/ui/banner";
import { Card, CardTitle } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Skeleton, SkeletonLines } from "@/components/ui/skeleton";
import { HistoryCard } from "@/components/charts/history-card";
import { PollProblem, StaleNote } from "@/components/status/poll-problem";
import { RunActivity } from "@/components/activity/run-activity";
import { RunErrors } from "./run-errors";
import { RunFields } from "./run-fields";
import { GROUP_TONE, StatusBadge } from "./status-badge";

/** One run: every field, its errors, and its speed over the last 15 minutes. */
export function RunDetail({ agentId, runId }: { agentId: string; runId: string }) {
  const pollMs = usePollMs();
  const { runs } = useAgent(agentId, pollMs);
  const found = runs.data?.find((r) => String(r.run_id) === runId);
  // A run the agent stops reporting (finished and cleaned up) stays on screen as last seen.
  const [lastSeen, setLastSeen] = useState(found);
  if (found && found !== lastSeen) setLastSeen(found);
  const agents = useQuery(agentQueries.agents());
  const agentName = agents.data?.find((a) => a.id === agentId)?.name ?? agentId;
  const agentHref = `/agents/${encodeURIComponent(agentId)}`;
  const gone = runs.data !== undefined && !found;
  const runName = (found ?? lastSeen)?.name;
  useDocumentTitle(runName !== undefined ? `${runName} · ${agentName} — Agent Deck` : null);
  const back = (
    <Link href={agentHref} className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">
      ← Back to {agentName}
    </Link>
  );

  if (gone && !lastSeen) {
    return (
      <AppShell crumbs={[{ label: agentName, href: agentHref }, { label: "Run not found" }]}>
        <div className="mx-auto max-w-lg py-16 text-center">
          <h1 className="text-xl font-semibold">Run {runId} not found</h1>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            The agent does not report a run with this id. It may have finished and been cleaned up, or the link is from
            another agent.
          </p>
          <div className="mt-4">{back}</div>
        </div>
        {/* What the log recorded of it (finished, removed) outlives the run itself. */}
        <RunActivity agentId={agentId} runId={runId} />
      </AppShell>
    );
  }

  const r = found ?? lastSeen;
  return (
    <AppShell crumbs={[{ label: agentName, href: agentHref }, { label: r?.name ?? `Run ${runId}` }]}>
      <div className="space-y-4">
        {back}
        {gone ? (
          <Banner tone="warning" title="The agent no longer reports this run">
            Showing its last known state.
          </Banner>
        ) : (
          <PollProblem query={runs} hasData={Boolean(r)} />
        )}
        <Card aria-labelledby="run-name">
          {/* The heading is there from the first paint (the page's name while it loads), so the
              card is named and nothing moves when the run arrives. */}
          <div className="flex min-h-7 flex-wrap items-center gap-3">
            <h1 id="run-name" className="min-w-0 truncate text-xl font-semibold">
              {r ? r.name || `Run ${r.run_id}` : `Run ${runId}`}
            </h1>
            {r && <StatusBadge status={r.status} />}
            <span className="ml-auto">
              <StaleNote query={runs} />
            </span>
          </div>
          {r ? (
            <ProgressBar
              className="mt-3 max-w-xl"
              value={runPercent(r)}
              label={`Progress of ${r.name}`}
              tone={GROUP_TONE[statusGroup(r.status)]}
            />
          ) : (
            <Skeleton className="mt-3 h-4 max-w-xl" />
          )}
        </Card>
        <Card aria-labelledby="run-errors">
          <CardTitle id="run-errors">Errors</CardTitle>
          {r ? <RunErrors errors={r.errors} /> : <SkeletonLines lines={1} />}
        </Card>
        <RunActivity agentId={agentId} runId={runId} />
        <HistoryCard agentId={agentId} runId={runId} title="Speed" label="Run speed" />
        <Card aria-labelledby="run-fields">
          <CardTitle id="run-fields">All fields</CardTitle>
          {r ? <RunFields run={r} /> : <SkeletonLines lines={6} />}
        </Card>
      </div>
    </AppShell>
  );
}
