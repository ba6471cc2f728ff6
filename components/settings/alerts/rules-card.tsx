"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Channel, Rule } from "@/lib/bff/contract-alerts";
import { alertChanges, alertQueries } from "@/lib/client/alerts";
import { agentQueries } from "@/lib/client/queries";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FileBadge } from "./file-badge";
import { TRIGGER_LABEL, seconds } from "./labels";
import { RuleForm } from "./rule-form";
import { EditDelete, ListCard } from "./parts";
import { useAlertAction } from "./use-alert-action";

/** A rule's timing and scope in one line: "every agent · runs nightly* · after 60 s · remind 1 h · quiet 22:00–07:00". */
function summary(rule: Rule, agentName: (id: string) => string): string {
  const parts = [rule.agents === "*" ? "every agent" : rule.agents.map(agentName).join(", ")];
  if (rule.runMatch) parts.push(`runs ${rule.runMatch}`);
  if (rule.forSeconds > 0) parts.push(`after ${seconds(rule.forSeconds)}`);
  if (rule.remindSeconds) parts.push(`remind every ${seconds(rule.remindSeconds)}`);
  if (rule.onlyWithData) parts.push("only when data moved");
  if (rule.quietHours) parts.push(`quiet ${rule.quietHours.from}–${rule.quietHours.to}`);
  return parts.join(" · ");
}

function RuleRow({ rule, channels, canChange }: { rule: Rule; channels: Channel[]; canChange: boolean }) {
  const [editing, setEditing] = useState(false);
  const agents = useQuery(agentQueries.agents());
  const action = useAlertAction();
  const agentList = agents.data ?? [];
  if (editing) return <RuleForm rule={rule} channels={channels} agents={agentList} onDone={() => setEditing(false)} />;
  const names = rule.channels.map((id) => channels.find((c) => c.id === id)?.name ?? id);
  const editable = canChange && rule.source === "ui";
  return (
    <div className="flex flex-wrap items-start gap-x-4 gap-y-2 py-3" data-rule-id={rule.id}>
      <div className="min-w-0 flex-1 basis-64">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          {rule.name}
          <Badge tone={rule.enabled ? "green" : "neutral"}>{rule.enabled ? "Enabled" : "Disabled"}</Badge>
          {rule.source === "file" && <FileBadge />}
        </p>
        <p className="mt-0.5 text-sm text-zinc-700 dark:text-zinc-300">
          {TRIGGER_LABEL[rule.trigger].label} → {names.length ? names.join(", ") : "no channel"}
        </p>
        <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
          {summary(rule, (id) => agentList.find((a) => a.id === id)?.name ?? id)}
        </p>
        {action.error && (
          <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {action.error.message}
          </p>
        )}
      </div>
      {editable && (
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            disabled={action.busy}
            onClick={() => void action.run(() => alertChanges.updateRule(rule.id, { enabled: !rule.enabled }))}
          >
            {rule.enabled ? "Disable" : "Enable"}
          </Button>
          <EditDelete
            what={`rule "${rule.name}"`}
            busy={action.busy}
            onEdit={() => setEditing(true)}
            onDelete={() => void action.run(() => alertChanges.deleteRule(rule.id))}
          />
        </div>
      )}
    </div>
  );
}

export function RulesCard({ canChange }: { canChange: boolean }) {
  const rules = useQuery(alertQueries.rules());
  const channels = useQuery(alertQueries.channels());
  const agents = useQuery(agentQueries.agents());
  const channelList = channels.data ?? [];
  return (
    <ListCard
      id="rules-title"
      title="Rules"
      addLabel="Add rule"
      canChange={canChange}
      form={(done) => <RuleForm channels={channelList} agents={agents.data ?? []} onDone={done} />}
      error={rules.error?.message}
      empty={
        rules.data?.length === 0
          ? "No rules yet. A rule says when to notify (a run in error for a minute, an agent unreachable…) and which channels to tell."
          : undefined
      }
    >
      {rules.data?.map((r) => (
        <RuleRow key={r.id} rule={r} channels={channelList} canChange={canChange} />
      ))}
    </ListCard>
  );
}
