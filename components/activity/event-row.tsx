import Link from "next/link";
import { memo } from "react";
import { DASHBOARD_EVENTS, type StoredEvent } from "@/lib/bff/contract-store";
import { formatWhen } from "@/lib/format/time";
import { useNow } from "@/lib/client/use-now";
import { RelativeTime } from "@/components/ui/relative-time";
import { SeverityBadge } from "./severity-badge";

const agentHref = (agentId: string) => `/agents/${encodeURIComponent(agentId)}`;

/** "×12, last 10:42": a burst of repeats coalesced into one event. */
function Repeats({ event, now }: { event: StoredEvent; now: number }) {
  return (
    <span className="font-medium text-zinc-700 dark:text-zinc-300">
      ×{event.count.toLocaleString()}, last{" "}
      <time dateTime={new Date(event.lastT).toISOString()}>{formatWhen(event.lastT, now, false)}</time>
    </span>
  );
}

/**
 * One event: when (in the browser's locale, with its age kept current), how bad, what happened,
 * and to what. The agent's own text (run names, errors) is rendered as text, never as markup.
 * `agentName` is given on the fleet page, where rows of every agent mix.
 */
export const EventRow = memo(function EventRow({
  event,
  agentName,
  showRun = true,
}: {
  event: StoredEvent;
  agentName?: string;
  showRun?: boolean;
}) {
  // A minute's resolution is enough to tell today's times from other days'.
  const now = useNow(60_000);
  const details: React.ReactNode[] = [];
  // No prefetch, as in the runs table: a live list mounts new links every poll, and each prefetched
  // page stayed in the router's cache (at 5,000 busy runs the agent page's heap grew 11.7 -> 19.6 MB
  // in ten minutes, 446 prefetched run pages in three; `npm run bench`, browser phase).
  // Events of the dashboard itself (API tokens, alert settings, a delivery given up) belong to no agent.
  if (agentName !== undefined && event.agent === DASHBOARD_EVENTS)
    details.push(
      <span key="agent" className="font-medium text-zinc-700 dark:text-zinc-300">
        Dashboard
      </span>,
    );
  else if (agentName !== undefined)
    details.push(
      <Link
        key="agent"
        prefetch={false}
        href={agentHref(event.agent)}
        className="font-medium text-sky-700 hover:underline dark:text-sky-400"
      >
        {agentName}
      </Link>,
    );
  if (showRun && event.runId !== undefined)
    details.push(
      <Link
        key="run"
        prefetch={false}
        href={`${agentHref(event.agent)}/runs/${encodeURIComponent(event.runId)}`}
        className="text-sky-700 hover:underline dark:text-sky-400"
      >
        {/* The message names the run already, as a rule: then the link need not say it again. */}
        {event.runName && !event.message.includes(event.runName) ? event.runName : "Open run"}
      </Link>,
    );
  // The change in the agent's own words, where the message does not already say it.
  if (event.from !== undefined && event.to !== undefined && !event.message.includes(event.to))
    details.push(<span key="change">{`${event.from} → ${event.to}`}</span>);
  if (event.actor) details.push(<span key="actor">by {event.actor}</span>);
  if (event.count > 1) details.push(<Repeats key="repeats" event={event} now={now} />);

  return (
    // Narrow screens: when and how bad on one line, the message below at full width.
    <li
      data-event-id={event.id}
      data-kind={event.kind}
      data-severity={event.severity}
      className="grid min-h-14 grid-cols-[auto_1fr] items-start gap-x-3 gap-y-1 border-b border-zinc-100 py-2 last:border-b-0 sm:grid-cols-[9rem_4rem_1fr] dark:border-zinc-800"
    >
      <div className="flex gap-x-2 text-xs leading-5 tabular-nums sm:block">
        <time dateTime={new Date(event.t).toISOString()} className="block font-medium text-zinc-800 dark:text-zinc-200">
          {formatWhen(event.t, now)}
        </time>
        <RelativeTime ms={event.t} className="block text-zinc-500 dark:text-zinc-400" />
      </div>
      <div className="pt-0.5">
        <SeverityBadge severity={event.severity} />
      </div>
      <div className="col-span-2 min-w-0 text-sm sm:col-span-1">
        <p className="break-words">{event.message}</p>
        {details.length > 0 && (
          <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-zinc-600 dark:text-zinc-400">
            {details.map((d, i) => (
              <span key={i} className="flex min-w-0 gap-x-2">
                {i > 0 && <span aria-hidden="true">·</span>}
                {d}
              </span>
            ))}
          </p>
        )}
      </div>
    </li>
  );
});
