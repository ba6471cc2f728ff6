import type { StoredEvent } from "@/lib/bff/contract-store";
import { Banner } from "@/components/ui/banner";
import { Busy } from "@/components/ui/skeleton";
import { EventRow } from "./event-row";
import { EventListSkeleton } from "./event-list-skeleton";

const EMPTY_TEXT = "No events yet — the dashboard records from now on.";

type Props = {
  events: StoredEvent[] | undefined;
  /** The request's own failure, when there is nothing to show: the BFF's message, in its words. */
  error: Error | null;
  rows: number;
  /** Shown instead of "no events yet" when filters are on. */
  noMatch?: React.ReactNode;
  agentNames?: Map<string, string>;
  showRun?: boolean;
  label: string;
};

/** The event list with honest states: loading (reserving its space), failed, empty, or the events. */
export function EventList({ events, error, rows, noMatch, agentNames, showRun, label }: Props) {
  if (!events) {
    if (error)
      return (
        <Banner tone="error" title="The activity could not be loaded">
          {error.message}
        </Banner>
      );
    return (
      <Busy label={`${label}: loading`}>
        <EventListSkeleton rows={rows} />
      </Busy>
    );
  }
  if (events.length === 0)
    return (
      <div className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        {noMatch ?? <p>{EMPTY_TEXT}</p>}
      </div>
    );
  return (
    <ul aria-label={label}>
      {events.map((e) => (
        <EventRow
          key={e.id}
          event={e}
          agentName={agentNames ? (agentNames.get(e.agent) ?? e.agent) : undefined}
          showRun={showRun}
        />
      ))}
    </ul>
  );
}
