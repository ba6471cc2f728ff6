"use client";

import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { agentQueries } from "../queries";
import type { HistoryPoint } from "../types";
import { joinTrend } from "./trend";

/**
 * A fleet page's sparkline points for one agent: the store's 15 minutes before the page opened,
 * asked once, then the trend the fleet query keeps (no further request).
 */
export function useTrendPoints(
  agentId: string,
  pollMs: number,
  trend: readonly HistoryPoint[] | undefined,
): HistoryPoint[] | undefined {
  const seed = useQuery({
    ...agentQueries.history(agentId, pollMs),
    refetchInterval: false,
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const points = seed.data?.points;
  return useMemo(() => joinTrend(points, trend ?? []), [points, trend]);
}
