"use client";

import { useState } from "react";
import type { Schedule, ScheduleKind } from "@/lib/bff/contract-schedules";
import {
  draftOf,
  emptyDraft,
  inputOf,
  patchOf,
  serverErrors,
  validateDraft,
  type DraftErrors,
  type ScheduleDraft,
} from "@/lib/client/schedule-form";
import { useAddSchedule, useUpdateSchedule } from "@/lib/client/schedules";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Segmented } from "@/components/ui/segmented";
import { MaintenanceFields, TagFields, WeeklyFields } from "./kind-fields";

const KIND_LABEL: Record<ScheduleKind, string> = {
  weekly: "Weekly window",
  maintenance: "Maintenance",
  tag: "Tag schedule",
};
const KIND_HELP: Record<ScheduleKind, string> = {
  weekly: "Every week on the chosen days, from one time to another.",
  maintenance: "Once, from a start to an end. Mutes alerts unless told not to.",
  tag: "Sets a tag on the agent at the times of a cron expression.",
};

const PLACEHOLDER: Record<ScheduleKind, string> = {
  weekly: "e.g. Office hours",
  maintenance: "e.g. MC upgrade",
  tag: "e.g. Office closed",
};

/**
 * Adds a schedule, or edits one (`schedule`). Checked with the contract's own schema before it is
 * sent; the BFF's 400s land on the same inputs. An edit sends only the fields that changed.
 */
export function ScheduleForm({
  agentId,
  dashboardZone,
  schedule,
  onDone,
}: {
  agentId: string;
  dashboardZone: string;
  schedule?: Schedule;
  onDone?: () => void;
}) {
  const [draft, setDraft] = useState<ScheduleDraft>(() =>
    schedule ? draftOf(schedule, Date.now()) : emptyDraft("weekly", Date.now()),
  );
  const [local, setLocal] = useState<DraftErrors>({});
  const [saved, setSaved] = useState(false);
  const add = useAddSchedule(agentId);
  const update = useUpdateSchedule(agentId);
  const m = schedule ? update : add;
  const errors = { ...serverErrors(m.error), ...local };

  const set =
    <K extends keyof ScheduleDraft>(key: K) =>
    (value: ScheduleDraft[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      setLocal({});
      setSaved(false);
      if (m.error) m.reset();
    };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (m.isPending) return;
    const v = validateDraft(draft);
    if (!v.ok) return setLocal(v.errors);
    if (!schedule)
      return add.mutate(v.body, {
        onSuccess: () => {
          setDraft(emptyDraft(draft.kind, Date.now()));
          setSaved(true);
        },
      });
    const patch = patchOf(inputOf(schedule, Date.now()), v.body);
    if (Object.keys(patch).length === 0) return onDone?.();
    update.mutate({ id: schedule.id, patch }, { onSuccess: () => onDone?.() });
  };

  const fields = { draft, errors, set, dashboardZone };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={schedule ? "Edit schedule" : "Add a schedule"}
      className="flex flex-col gap-3"
    >
      {!schedule && (
        <div className="flex flex-col items-start gap-1">
          <Segmented
            label="Kind of schedule"
            options={["weekly", "maintenance", "tag"] as const}
            value={draft.kind}
            labelOf={(k) => KIND_LABEL[k]}
            onChange={(k) => {
              setDraft(emptyDraft(k, Date.now()));
              setLocal({});
              if (m.error) m.reset();
            }}
          />
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{KIND_HELP[draft.kind]}</p>
        </div>
      )}
      <Field
        label="Name (optional)"
        value={draft.name}
        onChange={set("name")}
        error={errors.name}
        placeholder={PLACEHOLDER[draft.kind]}
      />
      {draft.kind === "weekly" && <WeeklyFields {...fields} />}
      {draft.kind === "maintenance" && <MaintenanceFields {...fields} />}
      {draft.kind === "tag" && <TagFields {...fields} />}
      {errors.form && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errors.form}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary" disabled={m.isPending}>
          {m.isPending ? "Saving…" : schedule ? "Save changes" : "Add schedule"}
        </Button>
        {onDone && (
          <Button variant="ghost" onClick={onDone} disabled={m.isPending}>
            Cancel
          </Button>
        )}
        {saved && (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            Schedule added.
          </span>
        )}
      </div>
    </form>
  );
}
