"use client";

import dynamic from "next/dynamic";
import { ChartPlaceholder, TOTALS_PX } from "./chart-frame";

/** The daily totals chart, loaded after first paint like the throughput chart; the placeholder has its height. */
export const TotalsChart = dynamic(() => import("./totals-chart").then((m) => m.TotalsChart), {
  ssr: false,
  loading: () => <ChartPlaceholder plotPx={TOTALS_PX} />,
});
