"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { HISTORY_RANGES } from "@/lib/bff/contract-store";
import { parseRangeView, rangeLabel, writeRangeView } from "@/lib/client/history-range";
import { agentQueries } from "@/lib/client/queries";
import { usePollMs } from "@/lib/client/poll-interval";
import { useNow } from "@/lib/client/use-now";
import { useNearScreen } from "@/lib/client/use-near-screen";
import { useUrlView } from "@/lib/client/use-url-view";
import { formatWhen } from "@/lib/format/time";
import { Card, CardTitle } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import { StaleNote } from "@/components/status/poll-problem";
import { ChartPlaceholder, THROUGHPUT_PX } from "./chart-frame";
import { ThroughputChart } from "./lazy-throughput-chart";

/** Where the dashboard's data of this agent starts, in words: the chart's shaded part is before it. */
function WatchingSince({ from, windowStart }: { from: number | undefined; windowStart: number | undefined }) {
  const now = useNow(60_000);
  if (windowStart === undefined) return <p className="h-4" />;
  if (from === undefined)
    return (
      <p className="h-4 text-xs text-zinc-600 dark:text-zinc-400">
        Nothing recorded yet: the chart starts with the first poll of this agent.
      </p>
    );
  return (
    <p className="h-4 text-xs text-zinc-600 dark:text-zinc-400">
      Watching since <time dateTime={new Date(from).toISOString()}>{formatWhen(from, now, false)}</time>
      {from > windowStart ? "; nothing was recorded before that." : "."}
    </p>
  );
}

/**
 * A speed chart with its range picker (15 minutes to 30 days, kept in the URL as `?range=`): the
 * agent's throughput, or one run's speed with `runId`. While another range loads, the chart keeps
 * the one it shows; the title, the window and "watching since" come from the answer itself. Below
 * the first screen (a phone's) the chart and its query wait until the card comes near (useNearScreen).
 */
export function HistoryCard({
  agentId,
  runId,
  title,
  label,
}: {
  agentId: string;
  runId?: string;
  title: string;
  label: string;
}) {
  const [{ range }, setRange] = useUrlView(parseRangeView, writeRangeView);
  const { ref, near } = useNearScreen<HTMLDivElement>();
  const history = useQuery({
    ...agentQueries.history(agentId, usePollMs(), runId, range),
    placeholderData: keepPreviousData,
    enabled: near,
  });
  const data = history.data;
  const window = useMemo(() => (data ? { to: data.to, rangeMs: data.rangeMs, from: data.from } : undefined), [data]);
  const id = runId === undefined ? "throughput-title" : "run-speed";
  return (
    <Card aria-labelledby={id}>
      <CardTitle
        id={id}
        actions={
          <span className="flex flex-wrap items-center gap-2">
            <StaleNote query={history} />
            <Segmented
              label="History range"
              options={HISTORY_RANGES}
              value={range}
              onChange={(r) => setRange({ range: r })}
            />
          </span>
        }
      >
        {`${title}, ${rangeLabel(data?.range ?? range)}`}
      </CardTitle>
      <div ref={ref}>
        {near ? (
          <ThroughputChart points={data?.points} label={label} window={window} />
        ) : (
          <ChartPlaceholder plotPx={THROUGHPUT_PX} />
        )}
      </div>
      <WatchingSince from={data?.from} windowStart={data ? data.to - data.rangeMs : undefined} />
    </Card>
  );
}
