"use client";

import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { describeServerState } from "@/lib/agent-api/client";
import { runHasErrors, statusGroup } from "@/lib/agent-api/status-groups";
import { agentQueries } from "@/lib/client/queries";
import { useAgent } from "@/lib/client/snapshot/use-agent";
import { displayName } from "@/lib/client/display-name";
import { usePollMs } from "@/lib/client/poll-interval";
import { summarizeRuns, wallOrder } from "@/lib/domain/summary";
import { tabState } from "@/lib/client/document-status";
import { useDocumentStatus } from "@/lib/client/use-document-status";
import { formatNumber, formatPercent, formatSpeed } from "@/lib/format";
import { ResumeCountdown } from "@/components/status/status-card";
import { WallFigure, WallFrame, WallProblem } from "./wall-frame";
import { WallRunList } from "./wall-run-list";
import { Sparkline } from "@/components/charts/sparkline";

/** One agent on a wall monitor: big figures, then runs needing attention, the rest as counts. */
export function AgentWall({ agentId }: { agentId: string }) {
  const pollMs = usePollMs();
  const { client, runs, summary } = useAgent(agentId, pollMs);
  const history = useQuery(agentQueries.history(agentId, pollMs));
  const agents = useQuery(agentQueries.agents());
  const name = displayName(agents.data?.find((a) => a.id === agentId)?.name, client.data?.name, agentId);

  // Errors and active runs get rows; everything else is only counted.
  const { listed, rest } = useMemo(() => {
    const all = runs.data ?? [];
    const shown = all.filter((r) => runHasErrors(r) || statusGroup(r.status) === "active");
    return {
      listed: wallOrder(shown),
      rest: summarizeRuns(all.filter((r) => !runHasErrors(r) && statusGroup(r.status) !== "active")).byGroup,
    };
  }, [runs.data]);
  const g = summary?.byGroup;

  useDocumentStatus({
    name,
    state: tabState({
      unreachable: client.isError,
      errors: summary?.withErrors ?? 0,
      paused: client.data?.paused,
      active: g?.active ?? 0,
      loaded: Boolean(client.data && summary),
    }),
    percent: summary?.percent,
    errors: summary?.withErrors,
  });

  const state = client.data?.server?.state;
  return (
    <WallFrame
      title={name}
      updatedAt={Math.min(client.dataUpdatedAt || runs.dataUpdatedAt, runs.dataUpdatedAt || client.dataUpdatedAt)}
      problem={client.isError ? <WallProblem query={client} /> : <WallProblem query={runs} label="Runs" />}
    >
      <div className="flex h-full flex-col gap-5">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[1.35fr_1.35fr_1fr_1fr_1fr_1fr] lg:gap-4">
          <WallFigure label="Download" value={summary ? formatSpeed(summary.down) : "—"} tone="sky" />
          <WallFigure label="Upload" value={summary ? formatSpeed(summary.up) : "—"} tone="green" />
          <WallFigure label="Overall" value={formatPercent(summary?.percent)} />
          <WallFigure label="Active" value={formatNumber(g?.active)} tone="sky" />
          <WallFigure
            label="With errors"
            value={formatNumber(summary?.withErrors)}
            tone={summary?.withErrors ? "red" : undefined}
          />
          <WallFigure label="Done" value={formatNumber(g?.done)} tone="green" />
        </dl>
        <div className="flex h-24 items-center gap-4 rounded-xl bg-zinc-900 px-4 py-3 lg:gap-6 lg:px-6">
          <p className="w-20 shrink-0 text-base leading-tight text-zinc-400 lg:w-28 lg:text-xl">Last 15 min</p>
          <Sparkline
            points={history.data?.points}
            label={`Throughput of ${name}, last 15 minutes`}
            className="h-full min-w-0 flex-1 text-xl"
          />
        </div>
        <div className="flex flex-wrap items-center gap-x-8 gap-y-2 text-lg text-zinc-300 lg:text-2xl">
          {client.data?.paused && (
            <span className="rounded-lg bg-amber-500/20 px-3 py-1 font-semibold text-amber-300">
              Paused
              {client.data.resumeAt ? (
                <>
                  {" "}
                  · <ResumeCountdown resumeAt={client.data.resumeAt} />
                </>
              ) : (
                " until resumed"
              )}
            </span>
          )}
          {client.data?.restartRequired && (
            <span className="rounded-lg bg-amber-500/20 px-3 py-1 font-semibold text-amber-300">Restart required</span>
          )}
          {state && (
            <span className={state === "CONNECTED" ? "text-emerald-300" : "text-amber-300"} title={state}>
              {describeServerState(state)}
            </span>
          )}
          {runs.data && (
            <span className="ml-auto text-zinc-400">
              Also: {formatNumber(rest.done)} done · {formatNumber(rest.paused)} paused · {formatNumber(rest.idle)} idle
            </span>
          )}
        </div>
        <div className="min-h-0 flex-1">
          <WallRunList runs={listed} emptyText={runs.data ? "Nothing active, no errors." : "Loading runs…"} />
        </div>
      </div>
    </WallFrame>
  );
}
