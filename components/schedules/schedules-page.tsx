"use client";

import { useQuery } from "@tanstack/react-query";
import type { Schedule } from "@/lib/bff/contract-schedules";
import { describeScheduleState } from "@/lib/domain/schedule-text";
import { agentQueries } from "@/lib/client/queries";
import { displayName } from "@/lib/client/display-name";
import { usePollMs } from "@/lib/client/poll-interval";
import { scheduleQueries } from "@/lib/client/schedules";
import { useNow } from "@/lib/client/use-now";
import { AppShell } from "@/components/ui/app-shell";
import { Banner } from "@/components/ui/banner";
import { Card, CardTitle } from "@/components/ui/card";
import { SkeletonLines } from "@/components/ui/skeleton";
import { PauseJobIfNote } from "./kind-fields";
import { ScheduleForm } from "./schedule-form";
import { ScheduleItem } from "./schedule-item";
import { StateText, viewerZone } from "./schedule-row";

/**
 * /agents/{id}/schedules: where the agent stands with its schedules, its pause windows and its tag
 * schedules, and (for sessions that may change things) the editor. View sessions see it all, read-only.
 */
export function SchedulesPage({ agentId, canChange }: { agentId: string; canChange: boolean }) {
  const pollMs = usePollMs();
  const q = useQuery(scheduleQueries.list(agentId, pollMs));
  const agents = useQuery(agentQueries.agents());
  const now = useNow(15_000);
  const name = displayName(agents.data?.find((a) => a.id === agentId)?.name, undefined, agentId);
  const data = q.data;
  const viewer = now ? viewerZone() : "UTC";
  const lines = data && now ? describeScheduleState(data.state, now, viewer) : undefined;
  const list = (items: Schedule[], empty: string) =>
    items.length === 0 ? (
      <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>
    ) : (
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {items.map((s) => (
          <ScheduleItem
            key={s.id}
            agentId={agentId}
            schedule={s}
            canChange={canChange}
            dashboardZone={data!.timeZone}
            viewerZone={viewer}
            now={now}
          />
        ))}
      </ul>
    );

  return (
    <AppShell crumbs={[{ label: name, href: `/agents/${encodeURIComponent(agentId)}` }, { label: "Schedules" }]}>
      <div className="space-y-4">
        {q.isError && (
          <Banner tone="error" title="The schedules could not be read">
            {q.error.message}
          </Banner>
        )}
        {!canChange && (
          <Banner tone="info">
            This session is read-only: sign in with the dashboard password to change schedules.
          </Banner>
        )}
        <div className="grid items-start gap-4 lg:grid-cols-5">
          <div className="space-y-4 lg:col-span-3">
            <Card aria-labelledby="now-title">
              <CardTitle id="now-title">Now</CardTitle>
              {!data || !lines ? (
                <SkeletonLines lines={2} />
              ) : (
                <div className="flex flex-col gap-2 text-sm" data-testid="schedule-state">
                  {lines.current && <StateText line={lines.current} strong />}
                  {lines.next && <StateText line={lines.next} />}
                  {!lines.current && !lines.next && (
                    <p className="text-zinc-600 dark:text-zinc-400">No pause ahead in the next 8 days.</p>
                  )}
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    Weekly windows and crons are read in {data.timeZone} (the dashboard&apos;s time zone) unless they
                    name their own; daylight saving is taken into account.
                  </p>
                </div>
              )}
            </Card>
            <Card aria-labelledby="windows-title">
              <CardTitle id="windows-title">Pause windows</CardTitle>
              {!data || !now ? (
                <SkeletonLines lines={3} />
              ) : (
                list(
                  data.schedules.filter((s) => s.kind !== "tag"),
                  "No pause windows. A weekly window pauses the agent at the same hours every week; a maintenance window once.",
                )
              )}
            </Card>
            <Card aria-labelledby="tags-title">
              <CardTitle id="tags-title">Tag schedules</CardTitle>
              {!data || !now ? (
                <SkeletonLines lines={2} />
              ) : (
                <div className="flex flex-col gap-3">
                  <PauseJobIfNote />
                  {list(
                    data.schedules.filter((s) => s.kind === "tag"),
                    "No tag schedules.",
                  )}
                </div>
              )}
            </Card>
          </div>
          {canChange && (
            <Card aria-labelledby="add-title" className="lg:sticky lg:top-4 lg:col-span-2">
              <CardTitle id="add-title">Add a schedule</CardTitle>
              {data ? <ScheduleForm agentId={agentId} dashboardZone={data.timeZone} /> : <SkeletonLines lines={6} />}
            </Card>
          )}
        </div>
      </div>
    </AppShell>
  );
}
