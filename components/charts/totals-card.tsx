"use client";

import { useQuery } from "@tanstack/react-query";
import { agentQueries } from "@/lib/client/queries";
import { usePollMs } from "@/lib/client/poll-interval";
import { useNearScreen } from "@/lib/client/use-near-screen";
import { Banner } from "@/components/ui/banner";
import { Card, CardTitle } from "@/components/ui/card";
import { StaleNote } from "@/components/status/poll-problem";
import { ChartPlaceholder, TOTALS_PX } from "./chart-frame";
import { TotalsChart } from "./lazy-totals-chart";

const DAYS = 30;

/**
 * Bytes moved per day over the last 30 days (the store's daily totals), as bars; the chart and its
 * query wait until the card comes near the screen (useNearScreen).
 */
export function TotalsCard({ agentId, className }: { agentId: string; className?: string }) {
  const { ref, near } = useNearScreen<HTMLDivElement>();
  const totals = useQuery({ ...agentQueries.totals(agentId, DAYS, usePollMs()), enabled: near });
  return (
    <Card aria-labelledby="totals-title" className={className}>
      <CardTitle id="totals-title" actions={<StaleNote query={totals} />}>
        {`Transferred per day, last ${totals.data?.days.length ?? DAYS} days`}
      </CardTitle>
      {totals.isError && !totals.data ? (
        <Banner tone="error" title="Daily totals could not be loaded">
          {totals.error.message}
        </Banner>
      ) : (
        <div ref={ref}>
          {near ? (
            <TotalsChart days={totals.data?.days} label="Daily totals" />
          ) : (
            <ChartPlaceholder plotPx={TOTALS_PX} />
          )}
        </div>
      )}
    </Card>
  );
}
