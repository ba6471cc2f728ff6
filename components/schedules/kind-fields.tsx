"use client";

import type { DraftErrors, ScheduleDraft } from "@/lib/client/schedule-form";
import { Field } from "@/components/ui/field";
import { Check, DayPicker, ZoneField } from "./inputs";

export type FieldsProps = {
  draft: ScheduleDraft;
  errors: DraftErrors;
  set: <K extends keyof ScheduleDraft>(key: K) => (value: ScheduleDraft[K]) => void;
  dashboardZone: string;
};

/** The zone weekly windows and crons are read in. */
function ScheduleZone({ draft, errors, set, dashboardZone }: FieldsProps) {
  return (
    <ZoneField
      value={draft.timeZone}
      onChange={set("timeZone")}
      error={errors.timeZone}
      dashboardZone={dashboardZone}
    />
  );
}

/** What a window does: pause the agent, mute alerts about it, or both. */
function WindowFlags({ draft, errors, set }: FieldsProps) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="sr-only">What the window does</legend>
      <Check
        label="Pause the agent"
        checked={draft.pause}
        onChange={set("pause")}
        hint="With a resume timer that ends with the window: the agent resumes by itself, even if the dashboard is not running then"
      />
      <Check
        label="Mute alerts"
        checked={draft.muteAlerts}
        onChange={set("muteAlerts")}
        hint="Alerts about this agent are held back while the window runs"
      />
      {errors.pause && <p className="text-xs text-red-700 dark:text-red-400">{errors.pause}</p>}
    </fieldset>
  );
}

export function WeeklyFields(props: FieldsProps) {
  const { draft, errors, set } = props;
  const overnight = draft.to !== "" && draft.from !== "" && draft.to <= draft.from && draft.to !== "24:00";
  return (
    <>
      <DayPicker days={draft.days} onChange={set("days")} error={errors.days} />
      <div className="grid grid-cols-2 gap-2">
        <Field label="From" type="time" value={draft.from} onChange={set("from")} error={errors.from} />
        <Field
          label="To"
          type="time"
          value={draft.to}
          onChange={set("to")}
          error={errors.to}
          hint={overnight ? "Earlier than From: the window ends the next day" : undefined}
        />
      </div>
      <ScheduleZone {...props} />
      <WindowFlags {...props} />
    </>
  );
}

export function MaintenanceFields(props: FieldsProps) {
  const { draft, errors, set } = props;
  return (
    <>
      <div className="grid gap-2 sm:grid-cols-2">
        <Field label="Start" type="datetime-local" value={draft.start} onChange={set("start")} error={errors.start} />
        <Field label="End" type="datetime-local" value={draft.end} onChange={set("end")} error={errors.end} />
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">In your browser&apos;s time zone.</p>
      <WindowFlags {...props} />
    </>
  );
}

/**
 * The agent's API cannot pause one job; a tag can, through the job profile's rule. Said where a
 * tag schedule is made, since the schedule alone does nothing to jobs.
 */
export function PauseJobIfNote() {
  return (
    <p className="rounded-md bg-zinc-50 p-3 text-xs leading-relaxed text-zinc-700 dark:bg-zinc-800/60 dark:text-zinc-300">
      The agent&apos;s API can pause the whole agent but not one job. A tag can pause jobs: in the Management Console,
      give the job&apos;s profile a <strong>Pause job if</strong> rule on the tag (for example{" "}
      <span className="font-mono">OFFICE</span> is <span className="font-mono">closed</span>). A tag schedule sets the
      tag on this agent at its times; the agent then pauses or resumes those jobs by that rule.
    </p>
  );
}

export function TagFields(props: FieldsProps) {
  const { draft, errors, set } = props;
  return (
    <>
      <PauseJobIfNote />
      <Field
        label="When (cron)"
        value={draft.cron}
        onChange={set("cron")}
        error={errors.cron}
        inputClassName="font-mono"
        hint="minute hour day-of-month month day-of-week: 0 18 * * 1-5 is 18:00 Monday to Friday"
      />
      <div className="grid gap-2 sm:grid-cols-2">
        <Field
          label="Tag name"
          value={draft.tagName}
          onChange={set("tagName")}
          error={errors.tagName}
          placeholder="e.g. OFFICE"
        />
        <Field
          label="Tag value"
          value={draft.tagValue}
          onChange={set("tagValue")}
          error={errors.tagValue}
          placeholder="e.g. closed"
        />
      </div>
      <ScheduleZone {...props} />
    </>
  );
}
