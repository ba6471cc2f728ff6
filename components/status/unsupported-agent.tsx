"use client";

import { AppShell } from "@/components/ui/app-shell";
import { Card } from "@/components/ui/card";
import { ActivityPanel } from "@/components/activity/lazy-activity-panel";
import type { PollState } from "@/lib/client/outage";
import { PollProblem } from "./poll-problem";

/**
 * An agent that answers but has nothing this dashboard can read: older than 3.0 (only the v2 API)
 * or with its Agent API turned off. The banner says which (the server tells them apart); below it,
 * what the dashboard needs and that the page fills in by itself once the agent has it, and the
 * Activity panel, which keeps its record. Panels that could only wait forever are not shown.
 */
export function UnsupportedAgent({ agentId, name, client }: { agentId: string; name: string; client: PollState }) {
  return (
    <AppShell crumbs={[{ label: name }]}>
      <div className="space-y-4">
        <PollProblem query={client} hasData={false} />
        <Card aria-labelledby="agent-name">
          <h1 id="agent-name" className="text-xl font-semibold">
            {name}
          </h1>
          <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
            Agent Deck reads the agent’s own API, which needs:
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
            <li>
              Agent version 3.0 or later. Older agents answer only the v2 API; update the agent, from the Management
              Console or its installer.
            </li>
            <li>
              The Agent API turned on: the custom parameter <code className="font-mono">client_api_enabled</code> ={" "}
              <code className="font-mono">true</code> in the agent’s Agent Profile (and{" "}
              <code className="font-mono">client_api_port</code> if it should not listen on 3840, the port in this
              dashboard’s <code className="font-mono">AGENT_URL</code>).
            </li>
          </ul>
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
            The dashboard keeps checking: this page fills in by itself once the agent answers.
          </p>
        </Card>
        <ActivityPanel agentId={agentId} />
      </div>
    </AppShell>
  );
}
