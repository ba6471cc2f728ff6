"use client";

import { useMemo } from "react";
import { usePollMs } from "@/lib/client/poll-interval";
import { useAgent } from "@/lib/client/snapshot/use-agent";
import { ActivityPage } from "./activity-page";

/** One agent's activity page: its runs (from the agent's snapshot) fill the run filter. */
export function AgentActivity({ agentId }: { agentId: string }) {
  const { runs } = useAgent(agentId, usePollMs());
  const choices = useMemo(
    () =>
      (runs.data ?? [])
        .map((r) => ({ id: String(r.run_id), name: r.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [runs.data],
  );
  return <ActivityPage agentId={agentId} runs={choices} />;
}
