"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { describeScheduleState, type StateLine } from "@/lib/domain/schedule-text";
import { usePollMs } from "@/lib/client/poll-interval";
import { scheduleKey, scheduleQueries } from "@/lib/client/schedules";
import { useNow } from "@/lib/client/use-now";
import { cn } from "@/components/ui/cn";

const TONE_TEXT: Record<StateLine["tone"], string> = {
  amber: "text-amber-800 dark:text-amber-300",
  red: "text-red-700 dark:text-red-400",
  violet: "text-violet-800 dark:text-violet-300",
  neutral: "text-zinc-800 dark:text-zinc-200",
};

/** The reader's own zone: a schedule's times carry their zone's name only when it is another. */
export const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function StateText({ line, strong }: { line: StateLine; strong?: boolean }) {
  return (
    <span className="flex min-w-0 flex-col">
      <span className={cn("tabular-nums", strong && "font-medium", TONE_TEXT[line.tone])}>{line.text}</span>
      <span className="text-xs break-words text-zinc-600 dark:text-zinc-400">{line.detail}</span>
    </span>
  );
}

/**
 * The status card's "Schedule" row: "Paused by schedule until 17:00" while a window holds the agent,
 * "Next pause Mon 09:00" otherwise, and the way to the schedules page. Read again at once when the
 * agent's paused state changes (a window starting or ending shows with the pause it brought).
 */
export function ScheduleRow({ agentId, paused }: { agentId: string; paused: boolean | undefined }) {
  const pollMs = usePollMs();
  const qc = useQueryClient();
  const q = useQuery(scheduleQueries.list(agentId, pollMs));
  const now = useNow(15_000);
  const seen = useRef(paused);
  useEffect(() => {
    if (seen.current === paused) return;
    seen.current = paused;
    void qc.invalidateQueries({ queryKey: scheduleKey(agentId) });
  }, [paused, agentId, qc]);

  const href = `/agents/${encodeURIComponent(agentId)}/schedules`;
  const link = (
    <Link href={href} prefetch={false} className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
      {q.data?.schedules.length ? `Schedules (${q.data.schedules.length})` : "Schedules"}
    </Link>
  );
  if (!q.data || !now)
    return q.isError ? (
      <span className="text-zinc-500">Schedules could not be read · {link}</span>
    ) : (
      <span className="text-zinc-500">…</span>
    );
  const { current, next } = describeScheduleState(q.data.state, now, viewerZone());
  return (
    <span className="flex flex-col gap-1" data-testid="schedule-state">
      {current && <StateText line={current} strong />}
      {next && <StateText line={next} />}
      {!current && !next && (
        <span className="text-zinc-600 dark:text-zinc-400">
          {q.data.schedules.length ? "No pause ahead in the next 8 days" : "No pause windows"}
        </span>
      )}
      <span>{link}</span>
    </span>
  );
}
