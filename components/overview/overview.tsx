"use client";

import Link from "next/link";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { agentQueries } from "@/lib/client/queries";
import { usePollMs } from "@/lib/client/poll-interval";
import { useEventNotifications } from "@/lib/client/use-agent-notifications";
import { AppShell } from "@/components/ui/app-shell";
import { Card } from "@/components/ui/card";
import { Busy, SkeletonLines } from "@/components/ui/skeleton";
import { PollProblem } from "@/components/status/poll-problem";
import { NotifyToggle } from "@/components/status/notify-toggle";
import { AgentCard } from "./agent-card";

/** `/`: one configured agent goes straight to its page; several get an overview card each. */
export function Overview() {
  const router = useRouter();
  const agents = useQuery(agentQueries.agents());
  const only = agents.data?.length === 1 ? agents.data[0] : undefined;
  const names = new Map((agents.data ?? []).map((a) => [a.id, a.name]));
  // The overview watches every agent: opted-in notifications cover the fleet, from one event log.
  useEventNotifications(only || !agents.data ? null : undefined, (id) => names.get(id) ?? id, usePollMs());

  useEffect(() => {
    // replace, not push: Back from the agent page should leave the dashboard, not bounce here.
    if (only) router.replace(`/agents/${encodeURIComponent(only.id)}`);
  }, [only, router]);

  return (
    <AppShell
      actions={
        agents.data && agents.data.length > 1 ? (
          <>
            <NotifyToggle />
            <Link
              href="/activity"
              className="rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
            >
              Activity
            </Link>
            <Link
              href="/wall"
              className="rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
            >
              Wall view
            </Link>
          </>
        ) : undefined
      }
    >
      <h1 className="mb-4 text-xl font-semibold">Agents</h1>
      <PollProblem query={agents} hasData={Boolean(agents.data)} className="mb-4" />
      {!agents.data || only ? (
        <Busy label="Loading the agents" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <Card key={i}>
              <SkeletonLines lines={4} />
            </Card>
          ))}
        </Busy>
      ) : agents.data.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No agents are configured. Set AGENT_URL or AGENTS_FILE and restart the dashboard.
        </p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {agents.data.map((a) => (
            <AgentCard key={a.id} agent={a} />
          ))}
        </div>
      )}
    </AppShell>
  );
}
