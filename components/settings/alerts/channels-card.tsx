"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Channel, TestResult } from "@/lib/bff/contract-alerts";
import { alertChanges, alertQueries } from "@/lib/client/alerts";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ChannelForm } from "./channel-form";
import { FileBadge } from "./file-badge";
import { CHANNEL_LABEL } from "./labels";
import { EditDelete, ListCard } from "./parts";
import { useAlertAction } from "./use-alert-action";

/** Where a channel sends, in words: never a secret (Slack's and Discord's URLs are secrets). */
function target(c: Channel): string {
  const s = c.settings as Record<string, unknown>;
  switch (c.type) {
    case "webhook":
      return String(s.url);
    case "ntfy":
      return `${String(s.server)} · topic ${String(s.topic)}`;
    case "email":
      return `${(s.to as string[]).join(", ")} via ${String(s.host)}:${String(s.port)}`;
    default:
      return "Incoming webhook (URL not shown)";
  }
}

function TestOutcome({ result }: { result: TestResult }) {
  const ok = result.outcome === "delivered";
  return (
    <span role="status" className={ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
      {ok
        ? `Test delivered (${result.status ?? "ok"}, ${result.durationMs} ms)`
        : `Test failed: ${result.error ?? "no answer"}`}
    </span>
  );
}

function ChannelRow({ channel, canChange }: { channel: Channel; canChange: boolean }) {
  const [editing, setEditing] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const action = useAlertAction();
  if (editing) return <ChannelForm channel={channel} onDone={() => setEditing(false)} />;
  const editable = canChange && channel.source === "ui";
  return (
    <div className="flex flex-wrap items-start gap-x-4 gap-y-2 py-3" data-channel-id={channel.id}>
      <div className="min-w-0 flex-1 basis-64">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          {channel.name}
          <Badge tone="blue">{CHANNEL_LABEL[channel.type]}</Badge>
          {channel.source === "file" && <FileBadge />}
        </p>
        <p className="mt-0.5 text-sm break-all text-zinc-600 dark:text-zinc-400">{target(channel)}</p>
        <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
          {channel.secretSet ? `Write-only fields set: ${channel.secretFields.join(", ")}` : "No secret set"}
        </p>
        {result && (
          <p className="mt-1 text-sm">
            <TestOutcome result={result} />
          </p>
        )}
        {action.error && (
          <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {action.error.message}
          </p>
        )}
      </div>
      {canChange && (
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            disabled={action.busy}
            onClick={() => void action.run(() => alertChanges.testChannel(channel.id)).then((r) => r && setResult(r))}
          >
            {action.busy ? "Sending…" : "Send test"}
          </Button>
          {editable && (
            <EditDelete
              what={`channel "${channel.name}"`}
              busy={action.busy}
              onEdit={() => setEditing(true)}
              onDelete={() => void action.run(() => alertChanges.deleteChannel(channel.id))}
            />
          )}
        </div>
      )}
    </div>
  );
}

export function ChannelsCard({ canChange }: { canChange: boolean }) {
  const channels = useQuery(alertQueries.channels());
  return (
    <ListCard
      id="channels-title"
      title="Channels"
      addLabel="Add channel"
      canChange={canChange}
      form={(done) => <ChannelForm onDone={done} />}
      error={channels.error?.message}
      empty={
        channels.data?.length === 0
          ? "No channels yet. A channel is where notifications go: a webhook, ntfy, Slack, Discord or email."
          : undefined
      }
    >
      {channels.data?.map((c) => (
        <ChannelRow key={c.id} channel={c} canChange={canChange} />
      ))}
    </ListCard>
  );
}
