"use client";

import { describeServerState } from "@/lib/agent-api/client";
import type { AgentClient } from "@/lib/client/types";
import { useNow } from "@/lib/client/use-now";
import { formatCountdown } from "@/lib/format/duration";
import { Badge, type Tone } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonLines } from "@/components/ui/skeleton";

const STATE_TONE: Record<string, Tone> = {
  CONNECTED: "green",
  CONNECTING: "blue",
  PENDING_APPROVAL: "amber",
  WAITING_FOR_INCOMING_CONNECTION: "blue",
  NOT_CONNECTED: "red",
  DECLINED: "red",
  STOPPED: "red",
  NOT_CONFIGURED: "neutral",
};

/** "resumes in about 14:59", ticking every second while a dashboard-set resume timer runs. */
export function ResumeCountdown({ resumeAt }: { resumeAt: number }) {
  const now = useNow(1000);
  if (!now) return null;
  const left = resumeAt - now;
  return <span className="tabular-nums">{left > 0 ? `resumes in about ${formatCountdown(left)}` : "resuming…"}</span>;
}

export function PausedBadge({ client }: { client: AgentClient }) {
  if (!client.paused) return <Badge tone="green">Running</Badge>;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Badge tone="amber">Paused</Badge>
      {client.resumeAt ? (
        <span className="text-xs text-amber-800 dark:text-amber-300">
          <ResumeCountdown resumeAt={client.resumeAt} />
        </span>
      ) : (
        <span className="text-xs text-zinc-500 dark:text-zinc-400">until resumed</span>
      )}
    </span>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_1fr] items-baseline gap-2 py-1.5 sm:grid-cols-[9rem_1fr]">
      <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

/** Who the agent is and how it is connected to its Management Console; `schedule`: its schedules' row. */
export function StatusCard({ client, schedule }: { client: AgentClient | undefined; schedule?: React.ReactNode }) {
  if (!client) return <SkeletonLines lines={5} />;
  const state = client.server?.state;
  return (
    <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
      <Row label="State">
        <PausedBadge client={client} />
      </Row>
      {schedule && <Row label="Schedule">{schedule}</Row>}
      <Row label="Device name">
        {client.name ? (
          <span className="break-all">{client.name}</span>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">Not reported</span>
        )}
      </Row>
      <Row label="Device ID">
        {client.deviceid ? (
          <span className="flex min-w-0 items-center gap-1">
            <code
              className="truncate font-mono text-xs"
              title={client.deviceidHex ? `Hex: ${client.deviceidHex}` : undefined}
            >
              {client.deviceid}
            </code>
            <CopyButton text={client.deviceid} label="Copy device ID" />
          </span>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">Not reported by this agent version</span>
        )}
      </Row>
      <Row label="Management Console">
        {client.server?.addr ? (
          <span className="break-all">{client.server.addr}</span>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">—</span>
        )}
      </Row>
      <Row label="Connection">
        {state ? (
          <span className="flex flex-col gap-0.5">
            <span>
              <Badge tone={STATE_TONE[state] ?? "neutral"}>{state}</Badge>
            </span>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">{describeServerState(state)}</span>
          </span>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">Not reported</span>
        )}
      </Row>
      <Row label="Last seen by MC">
        <RelativeTime
          ms={client.server?.last_seen ? client.server.last_seen * 1000 : undefined}
          fallback="Not reported"
        />
      </Row>
    </dl>
  );
}
