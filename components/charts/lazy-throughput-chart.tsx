"use client";

import dynamic from "next/dynamic";
import { ChartPlaceholder, THROUGHPUT_PX } from "./chart-frame";

/**
 * The throughput chart, loaded just after the page's first paint: the chart has nothing to draw
 * until a second history point arrives, and its code (with uPlot behind it) is not part of the
 * page's first-load JavaScript. The placeholder has the chart's height, so nothing jumps.
 */
export const ThroughputChart = dynamic(() => import("./throughput-chart").then((m) => m.ThroughputChart), {
  ssr: false,
  loading: () => <ChartPlaceholder plotPx={THROUGHPUT_PX} />,
});
