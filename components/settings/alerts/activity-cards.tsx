"use client";

import { useQuery } from "@tanstack/react-query";
import type { Delivery } from "@/lib/bff/contract-alerts";
import { alertQueries } from "@/lib/client/alerts";
import { usePollMs } from "@/lib/client/poll-interval";
import { useNow } from "@/lib/client/use-now";
import { formatWhen } from "@/lib/format/time";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";

/** Incidents (open first) and the delivery log: what alerts did, live. */
const OUTCOME_TONE: Record<Delivery["outcome"], Tone> = {
  delivered: "green",
  retrying: "amber",
  failed: "red",
  muted: "neutral",
};

export function IncidentsCard() {
  const incidents = useQuery(alertQueries.incidents(usePollMs()));
  const now = useNow(30_000);
  return (
    <Card aria-labelledby="incidents-title">
      <CardTitle id="incidents-title">Incidents</CardTitle>
      {incidents.data?.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No incidents yet.</p>}
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {incidents.data?.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm" data-incident-id={i.id}>
            <Badge tone={i.state === "open" ? "red" : "green"}>{i.state === "open" ? "Open" : "Resolved"}</Badge>
            <span className="min-w-0 flex-1 basis-56 break-words">{i.title}</span>
            <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
              {i.ruleName} · opened {formatWhen(i.openedAt, now)}
              {i.resolvedAt !== undefined ? ` · resolved ${formatWhen(i.resolvedAt, now)}` : ""}
              {i.flaps > 0 ? ` · came back ${i.flaps}×` : ""}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function DeliveriesCard() {
  const deliveries = useQuery(alertQueries.deliveries(usePollMs()));
  const now = useNow(30_000);
  return (
    <Card aria-labelledby="deliveries-title">
      <CardTitle id="deliveries-title">Delivery log</CardTitle>
      {deliveries.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {deliveries.error.message}
        </p>
      )}
      {deliveries.data?.length === 0 && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Nothing sent yet. “Send test” on a channel tries it now.
        </p>
      )}
      {deliveries.data && deliveries.data.length > 0 && (
        <>
          {/* A phone gets one block per delivery; wider screens a table. */}
          <ul className="divide-y divide-zinc-100 sm:hidden dark:divide-zinc-800">
            {deliveries.data.map((d) => (
              <li key={d.id} data-delivery-id={d.id} className="py-2 text-sm">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone={OUTCOME_TONE[d.outcome]}>{d.outcome}</Badge>
                  <span className="font-medium">{d.channelName}</span>
                  <span className="tabular-nums text-zinc-500 dark:text-zinc-400">{formatWhen(d.t, now)}</span>
                </p>
                <p className="mt-0.5 font-mono text-xs">{`${d.trigger} · ${d.state} · attempt ${d.attempt || "—"}`}</p>
                {details(d, now) && (
                  <p className="mt-0.5 text-xs break-words text-zinc-600 dark:text-zinc-400">{details(d, now)}</p>
                )}
              </li>
            ))}
          </ul>
          <table className="hidden w-full text-left text-sm sm:table">
            <thead className="text-xs text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="py-1 pr-3 font-medium">Time</th>
                <th className="py-1 pr-3 font-medium">Channel</th>
                <th className="py-1 pr-3 font-medium">Notification</th>
                <th className="py-1 pr-3 font-medium">Attempt</th>
                <th className="py-1 pr-3 font-medium">Outcome</th>
                <th className="py-1 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {deliveries.data.map((d) => (
                <tr key={d.id} data-delivery-id={d.id} className="align-top">
                  <td className="py-1.5 pr-3 whitespace-nowrap tabular-nums">{formatWhen(d.t, now)}</td>
                  <td className="py-1.5 pr-3">{d.channelName}</td>
                  <td className="py-1.5 pr-3 font-mono text-xs">{`${d.trigger} · ${d.state}`}</td>
                  <td className="py-1.5 pr-3 tabular-nums">{d.attempt || "—"}</td>
                  <td className="py-1.5 pr-3">
                    <Badge tone={OUTCOME_TONE[d.outcome]}>{d.outcome}</Badge>
                  </td>
                  <td className="py-1.5 text-xs break-words text-zinc-600 dark:text-zinc-400">{details(d, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}

/**
 * A muted row: the mute's own words (stored after "Not sent: ": the snooze, the rule's quiet hours,
 * a maintenance window and its end), and what becomes of it: an incident still open when the mute
 * ends is announced then; a one-shot notification is not sent later.
 */
function mutedText(d: Delivery): string {
  const reason = (d.error ?? "").replace(/^Not sent: /, "") || "muted";
  const later =
    d.incidentId !== undefined && d.state === "open"
      ? "sent when the mute ends, if the incident is still open"
      : "not sent later";
  return `Muted: ${reason} · ${later}`;
}

/** Status, error, how long after it was seen, and the next try, in one line. */
function details(d: Delivery, now: number): string {
  if (d.outcome === "muted") return mutedText(d);
  return [
    d.status !== undefined ? `status ${d.status}` : undefined,
    d.error,
    d.latencyMs !== undefined ? `${(d.latencyMs / 1000).toFixed(1)} s after it was seen` : undefined,
    d.nextAttemptAt !== undefined ? `next try ${formatWhen(d.nextAttemptAt, now)}` : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
}
