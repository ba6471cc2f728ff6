"use client";

import Link from "next/link";
import type { AgentSummary } from "@/lib/bff/contract";
import { STATUS_GROUPS } from "@/lib/agent-api/status-groups";
import { describeServerState } from "@/lib/agent-api/client";
import { displayName } from "@/lib/client/display-name";
import { usePollMs } from "@/lib/client/poll-interval";
import { useFleetAgent } from "@/lib/client/snapshot/use-agent";
import { useTrendPoints } from "@/lib/client/snapshot/use-trend";
import { describeProblem, failureLabel } from "@/lib/client/outage";
import { formatNumber, formatSpeed } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { SkeletonLines } from "@/components/ui/skeleton";
import { Sparkline } from "@/components/charts/sparkline";
import { GROUP_LABEL, GROUP_TONE } from "@/components/runs/status-badge";

/**
 * One agent on the overview: state, speeds, runs by group, errors, and a link to its page. Its
 * figures need no runs (notifications come from the event log), so the fleet query asks for summaries.
 */
export function AgentCard({ agent }: { agent: AgentSummary }) {
  const pollMs = usePollMs();
  const { client, runs, summary, trend } = useFleetAgent(agent.id, pollMs);
  const points = useTrendPoints(agent.id, pollMs, trend);
  const name = displayName(agent.name, client.data?.name, agent.id);
  const state = client.data?.server?.state;
  const href = `/agents/${encodeURIComponent(agent.id)}`;

  return (
    <Card className="flex flex-col gap-3" aria-labelledby={`agent-${agent.id}-name`}>
      <div className="flex items-start justify-between gap-2">
        <h2 id={`agent-${agent.id}-name`} className="min-w-0 truncate text-lg font-semibold">
          <Link href={href} className="hover:underline">
            {name}
          </Link>
        </h2>
        <div className="flex shrink-0 flex-wrap justify-end gap-1">
          {client.isError ? (
            <Badge tone="red">{failureLabel(client.error)}</Badge>
          ) : client.data ? (
            <Badge tone={client.data.paused ? "amber" : "green"}>{client.data.paused ? "Paused" : "Running"}</Badge>
          ) : null}
          {state && (
            <span title={describeServerState(state)}>
              <Badge tone={state === "CONNECTED" ? "green" : "amber"}>{`MC ${state}`}</Badge>
            </span>
          )}
        </div>
      </div>
      {client.isError && (
        <p className="text-sm text-red-700 dark:text-red-400">{describeProblem(client.error, null).text}</p>
      )}
      {summary ? (
        <>
          <dl className="grid grid-cols-3 gap-2 text-sm">
            <div>
              <dt className="text-xs text-zinc-500 dark:text-zinc-400">Down</dt>
              <dd className="font-semibold tabular-nums">{formatSpeed(summary.down)}</dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500 dark:text-zinc-400">Up</dt>
              <dd className="font-semibold tabular-nums">{formatSpeed(summary.up)}</dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500 dark:text-zinc-400">With errors</dt>
              <dd className={summary.withErrors ? "font-semibold text-red-600 dark:text-red-400" : "font-semibold"}>
                {formatNumber(summary.withErrors)}
              </dd>
            </div>
          </dl>
          <ul aria-label="Runs by status" className="flex flex-wrap gap-1.5">
            {STATUS_GROUPS.map((g) => (
              <li key={g}>
                <Badge tone={summary.byGroup[g] ? GROUP_TONE[g] : "neutral"}>
                  {GROUP_LABEL[g]} {formatNumber(summary.byGroup[g])}
                </Badge>
              </li>
            ))}
          </ul>
        </>
      ) : runs.isError ? null : (
        <SkeletonLines lines={2} />
      )}
      <Sparkline points={points} label={`Throughput of ${name}, last 15 minutes`} className="h-10 text-xs" />
      <Link href={href} className="mt-auto text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">
        Open {name} →
      </Link>
    </Card>
  );
}
