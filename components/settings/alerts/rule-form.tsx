"use client";

import { useId, useState } from "react";
import {
  DAYS,
  ONE_SHOT_TRIGGERS,
  RUN_TRIGGERS,
  TIMED_TRIGGERS,
  TRIGGERS,
  type Channel,
  type Rule,
  type Trigger,
} from "@/lib/bff/contract-alerts";
import type { AgentSummary } from "@/lib/bff/contract";
import { alertChanges } from "@/lib/client/alerts";
import { Field } from "@/components/ui/field";
import { TRIGGER_LABEL } from "./labels";
import { FormFooter } from "./parts";
import { useAlertAction } from "./use-alert-action";

/** Add or edit a rule: what triggers it, for which agents and runs, how long, where it goes, and when it is quiet. */
const box = "h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const small = "text-xs font-medium text-zinc-600 dark:text-zinc-400";

function Checks<T extends string>({
  legend,
  options,
  chosen,
  onChange,
  labelOf,
}: {
  legend: string;
  options: readonly T[];
  chosen: readonly T[];
  onChange: (next: T[]) => void;
  labelOf: (v: T) => string;
}) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className={small}>{legend}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1 pt-1">
        {options.map((o) => (
          <label key={o} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={chosen.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))}
            />
            {labelOf(o)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function RuleForm({
  rule,
  channels,
  agents,
  onDone,
}: {
  rule?: Rule;
  channels: Channel[];
  agents: AgentSummary[];
  onDone: () => void;
}) {
  const [name, setName] = useState(rule?.name ?? "");
  const [trigger, setTrigger] = useState<Trigger>(rule?.trigger ?? "run_error");
  const [allAgents, setAllAgents] = useState(rule ? rule.agents === "*" : true);
  const [agentIds, setAgentIds] = useState<string[]>(rule && rule.agents !== "*" ? rule.agents : []);
  const [runMatch, setRunMatch] = useState(rule?.runMatch ?? "");
  const [forSeconds, setFor] = useState(String(rule?.forSeconds ?? 60));
  const [remind, setRemind] = useState(rule?.remindSeconds ? String(rule.remindSeconds / 60) : "");
  const [resolve, setResolve] = useState(String(rule?.resolveSeconds ?? 60));
  const [onlyWithData, setOnlyWithData] = useState(rule?.onlyWithData ?? false);
  const [quiet, setQuiet] = useState(rule?.quietHours !== undefined);
  const [quietFrom, setQuietFrom] = useState(rule?.quietHours?.from ?? "22:00");
  const [quietTo, setQuietTo] = useState(rule?.quietHours?.to ?? "07:00");
  const [quietDays, setQuietDays] = useState<string[]>(rule?.quietHours?.days ?? [...DAYS]);
  const [channelIds, setChannelIds] = useState<string[]>(rule?.channels ?? []);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const action = useAlertAction();
  const triggerId = useId();
  const err = (k: string) => action.error?.fields?.[k]?.[0];
  const runTrigger = RUN_TRIGGERS.includes(trigger);
  const lasting = !ONE_SHOT_TRIGGERS.includes(trigger);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
    const body = {
      name,
      trigger,
      agents: allAgents ? "*" : agentIds,
      runMatch: runTrigger && runMatch.trim() !== "" ? runMatch.trim() : null,
      ...(lasting ? { forSeconds: num(forSeconds) ?? 0, resolveSeconds: num(resolve) ?? 60 } : {}),
      remindSeconds: lasting && num(remind) ? Math.round(Number(remind) * 60) : null,
      ...(trigger === "run_finished" ? { onlyWithData } : rule ? { onlyWithData: false } : {}),
      quietHours: quiet ? { from: quietFrom, to: quietTo, days: quietDays } : null,
      channels: channelIds,
      enabled,
    };
    const done = await action.run(() =>
      rule ? alertChanges.updateRule(rule.id, body) : alertChanges.createRule(body),
    );
    if (done) onDone();
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label={rule ? `Edit ${rule.name}` : "New rule"}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" value={name} onChange={setName} error={err("name")} />
        <div className="flex flex-col gap-1">
          <label htmlFor={triggerId} className={small}>
            Trigger
          </label>
          <select
            id={triggerId}
            value={trigger}
            onChange={(e) => setTrigger(e.target.value as Trigger)}
            className={box}
          >
            {TRIGGERS.map((t) => (
              <option key={t} value={t}>
                {TRIGGER_LABEL[t].label}
              </option>
            ))}
          </select>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{TRIGGER_LABEL[trigger].help}</p>
        </div>
        {trigger !== "storage_failing" && (
          <div className="flex flex-col gap-1">
            <label className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={allAgents} onChange={(e) => setAllAgents(e.target.checked)} />
              Every agent
            </label>
            {!allAgents && (
              <Checks
                legend="Agents"
                options={agents.map((a) => a.id)}
                chosen={agentIds}
                onChange={setAgentIds}
                labelOf={(id) => agents.find((a) => a.id === id)?.name ?? id}
              />
            )}
            {err("agents") && <p className="text-xs text-red-700 dark:text-red-400">{err("agents")}</p>}
          </div>
        )}
        {runTrigger && (
          <Field
            label="Runs (name or path; * and ? as wildcards)"
            value={runMatch}
            onChange={setRunMatch}
            error={err("runMatch")}
            placeholder="All runs"
          />
        )}
        {lasting && (
          <Field
            label={`Lasting (seconds)${TIMED_TRIGGERS.includes(trigger) ? "" : ", 0 for at once"}`}
            type="number"
            value={forSeconds}
            onChange={setFor}
            error={err("forSeconds")}
          />
        )}
        {lasting && (
          <Field
            label="Resolve once clear for (seconds)"
            type="number"
            value={resolve}
            onChange={setResolve}
            error={err("resolveSeconds")}
            hint="A condition that returns sooner stays the same incident."
          />
        )}
        {lasting && (
          <Field
            label="Remind every (minutes)"
            type="number"
            value={remind}
            onChange={setRemind}
            error={err("remindSeconds")}
            placeholder="No reminders"
          />
        )}
        {trigger === "run_finished" && (
          <label className="flex items-center gap-1.5 self-end text-sm">
            <input type="checkbox" checked={onlyWithData} onChange={(e) => setOnlyWithData(e.target.checked)} />
            Only when data moved
          </label>
        )}
        <Checks
          legend="Send to"
          options={channels.map((c) => c.id)}
          chosen={channelIds}
          onChange={setChannelIds}
          labelOf={(id) => channels.find((c) => c.id === id)?.name ?? id}
        />
        <div className="flex flex-col gap-1">
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} />
            Quiet hours (no notifications)
          </label>
          {quiet && (
            <div className="flex flex-wrap items-end gap-2">
              <Field
                label="From"
                value={quietFrom}
                onChange={setQuietFrom}
                className="w-24"
                error={err("quietHours.from")}
              />
              <Field label="To" value={quietTo} onChange={setQuietTo} className="w-24" error={err("quietHours.to")} />
              <Checks
                legend="Days"
                options={DAYS}
                chosen={quietDays as (typeof DAYS)[number][]}
                onChange={setQuietDays}
                labelOf={(d) => d[0]!.toUpperCase() + d.slice(1)}
              />
            </div>
          )}
        </div>
        <label className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
      </div>
      <FormFooter
        error={action.error?.message}
        busy={action.busy}
        submitLabel={rule ? "Save rule" : "Add rule"}
        onCancel={onDone}
      />
    </form>
  );
}
