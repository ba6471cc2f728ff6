"use client";

import { useState } from "react";
import type { Schedule } from "@/lib/bff/contract-schedules";
import { describeDays, formatScheduleTime } from "@/lib/domain/schedule-text";
import { useDeleteSchedule, useUpdateSchedule } from "@/lib/client/schedules";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ScheduleForm } from "./schedule-form";

/** What a schedule is, in words: its days and hours, its dates, or its cron and tag. */
export function describeView(s: Schedule, at: (t: number) => string): string {
  switch (s.kind) {
    case "weekly":
      return `${describeDays(s.days)} ${s.from}–${s.to}`;
    case "maintenance":
      return `${at(Date.parse(s.start))} – ${at(Date.parse(s.end))}`;
    case "tag":
      return `Sets ${s.tag.name} = ${s.tag.value} at “${s.cron}”`;
  }
}

function titleOf(s: Schedule): string {
  if (s.name) return s.name;
  return s.kind === "weekly" ? "Weekly window" : s.kind === "maintenance" ? "Maintenance window" : `Tag ${s.tag.name}`;
}

/** When it runs: now (until when), next, or that it is over or off. */
function whenText(s: Schedule, at: (t: number, from?: number) => string, now: number): string {
  if (!s.enabled) return "Disabled: it does nothing until enabled again";
  if (s.kind === "tag") {
    const last = s.firedAt ? ` · last set ${at(s.firedAt)}` : "";
    return s.nextAt ? `Next ${at(s.nextAt)}${last}` : `No time ahead${last}`;
  }
  if (s.active) return `Running now, until ${at(s.active.end)}`;
  if (s.next) return `Next ${at(s.next.start)} – ${at(s.next.end, s.next.start)}`;
  return s.kind === "maintenance" && Date.parse(s.end) <= now ? "Ended" : "Not within the next 8 days";
}

/** One schedule: what it does and when, and (for those who may change things) edit, disable, delete. */
export function ScheduleItem({
  agentId,
  schedule: s,
  canChange,
  dashboardZone,
  viewerZone,
  now,
}: {
  agentId: string;
  schedule: Schedule;
  canChange: boolean;
  dashboardZone: string;
  viewerZone: string;
  now: number;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const update = useUpdateSchedule(agentId);
  const del = useDeleteSchedule(agentId);
  // Weekly windows and crons are read in their zone; maintenance times are instants, shown in the reader's.
  const zone = s.kind === "maintenance" ? viewerZone : s.zone;
  // `from`: the moment it is said relative to (an end relative to its start: "09:00 – 10:00").
  const at = (t: number, from = now) => formatScheduleTime(t, zone, from, zone !== viewerZone);
  const title = titleOf(s);
  const active = s.kind !== "tag" && s.enabled && s.active !== undefined;
  const error = update.error ?? del.error;

  if (editing)
    return (
      <li className="py-3">
        <p className="mb-2 text-sm font-medium">Edit “{title}”</p>
        <ScheduleForm agentId={agentId} dashboardZone={dashboardZone} schedule={s} onDone={() => setEditing(false)} />
      </li>
    );
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between" aria-label={title}>
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="font-medium break-words">{title}</span>
          {active && <Badge tone="amber">Running now</Badge>}
          {!s.enabled && <Badge>Disabled</Badge>}
          {s.kind !== "tag" && !s.pause && <Badge tone="violet">Mute only</Badge>}
          {s.kind !== "tag" && s.pause && s.muteAlerts && <Badge tone="violet">Mutes alerts</Badge>}
        </div>
        <p className="text-sm text-zinc-700 tabular-nums dark:text-zinc-300">
          {describeView(s, at)}
          {s.kind !== "maintenance" && s.timeZone && ` (${s.timeZone})`}
        </p>
        <p className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{whenText(s, at, now)}</p>
        {error && (
          <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {error.message}
          </p>
        )}
      </div>
      {canChange && (
        <div className="flex shrink-0 flex-wrap gap-1.5">
          <Button size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${title}`}>
            Edit
          </Button>
          <Button
            size="sm"
            disabled={update.isPending}
            aria-label={`${s.enabled ? "Disable" : "Enable"} ${title}`}
            onClick={() => update.mutate({ id: s.id, patch: { enabled: !s.enabled } })}
          >
            {s.enabled ? "Disable" : "Enable"}
          </Button>
          <Button size="sm" variant="danger" aria-label={`Delete ${title}`} onClick={() => setConfirming(true)}>
            Delete
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete “${title}”?`}
        confirmLabel="Delete"
        danger
        busy={del.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => del.mutate(s.id, { onSettled: () => setConfirming(false) })}
      >
        {active && s.pause
          ? "It is running now: deleting it ends it now, and the agent is resumed if this window paused it."
          : "It will not run again."}
      </ConfirmDialog>
    </li>
  );
}
