"use client";

import { useQuery } from "@tanstack/react-query";
import { alertChanges, alertQueries } from "@/lib/client/alerts";
import { usePollMs } from "@/lib/client/poll-interval";
import { useNow } from "@/lib/client/use-now";
import { formatWhen } from "@/lib/format/time";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { useAlertAction } from "./use-alert-action";

/** The global snooze: "Snooze all for 1 h / until tomorrow", or while snoozed, until when, by whom, and "Resume". */
export function SnoozeBar({ canChange }: { canChange: boolean }) {
  const snooze = useQuery(alertQueries.snooze(usePollMs()));
  const now = useNow(30_000);
  const action = useAlertAction();
  const until = snooze.data?.until;
  const snoozed = until !== undefined && until > now;
  return (
    <Banner
      tone={snoozed ? "warning" : "info"}
      title={snoozed ? `All notifications are snoozed until ${formatWhen(until, now, false)}` : "Notifications are on"}
      actions={
        canChange ? (
          <div className="flex flex-wrap gap-2">
            {snoozed ? (
              <Button size="sm" disabled={action.busy} onClick={() => void action.run(() => alertChanges.unsnooze())}>
                Resume notifications
              </Button>
            ) : (
              <>
                <Button
                  size="sm"
                  disabled={action.busy}
                  onClick={() => void action.run(() => alertChanges.snooze("1h"))}
                >
                  Snooze all for 1 h
                </Button>
                <Button
                  size="sm"
                  disabled={action.busy}
                  onClick={() => void action.run(() => alertChanges.snooze("tomorrow"))}
                >
                  Snooze until tomorrow
                </Button>
              </>
            )}
          </div>
        ) : undefined
      }
    >
      {snoozed
        ? `Incidents still open and resolve; nothing is sent until then${snooze.data?.by ? ` (snoozed by ${snooze.data.by})` : ""}.`
        : "Rules send to their channels as incidents open, remind and resolve."}
      {action.error && (
        <span role="alert" className="block text-red-700 dark:text-red-400">
          {action.error.message}
        </span>
      )}
    </Banner>
  );
}
