"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

/** The daily totals chart, loaded after first paint like the throughput chart; the placeholder has its height. */
export const TotalsChart = dynamic(() => import("./totals-chart").then((m) => m.TotalsChart), {
  ssr: false,
  loading: () => <Skeleton className="h-[196px] w-full" />,
});
