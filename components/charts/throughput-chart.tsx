"use client";

import { useCallback, useMemo, useRef } from "react";
import type uPlot from "uplot";
import type { HistoryPoint } from "@/lib/client/types";
import { formatSpeed } from "@/lib/format/bytes";
import { formatDateTime } from "@/lib/format/time";
import { Skeleton } from "@/components/ui/skeleton";
import { timeAxisLabels } from "./time-axis";
import { AXIS, DOWN, GRID, UP, usePlot } from "./use-plot";

const DEFAULT_WINDOW_MS = 15 * 60_000;

function toData(points: readonly HistoryPoint[]): uPlot.AlignedData {
  return [points.map((p) => p.t / 1000), points.map((p) => p.down), points.map((p) => p.up)];
}

function options(width: number, height: number, windowS: number): uPlot.Options {
  const speedAxis = (_u: uPlot, splits: number[]) => splits.map((v) => formatSpeed(v));
  return {
    width,
    height,
    cursor: { drag: { x: false, y: false } },
    // Our own HTML legend below: uPlot's is a <table>, which would add a second table to the page.
    legend: { show: false },
    scales: {
      // Always the whole window ending at the newest point, so the chart scrolls evenly and a
      // window longer than the data shows where the data begins.
      x: {
        time: true,
        range: (_u, _min, max) => {
          // With no points yet uPlot reports no sensible max; anchor the window at "now" instead.
          const hi = max && max > 1e9 ? max : Date.now() / 1000;
          return [hi - windowS, hi];
        },
      },
      y: { range: (_u, _min, max) => [0, Math.max(1024, max * 1.1)] },
    },
    axes: [
      { stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID }, values: (_u, splits, _axis, _space, incr) => timeAxisLabels(splits, incr) },
      { stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID }, values: speedAxis, size: 80 },
    ],
    series: [
      { value: (_u, v) => (v == null ? "—" : formatDateTime(v * 1000)) },
      { label: "Down", stroke: DOWN, width: 2, fill: "rgba(14,165,233,0.12)", value: (_u, v) => (v == null ? "—" : formatSpeed(v)), points: { show: false } },
      { label: "Up", stroke: UP, width: 2, fill: "rgba(16,185,129,0.10)", value: (_u, v) => (v == null ? "—" : formatSpeed(v)), points: { show: false } },
    ],
  };
}

/**
 * Download/upload speed over a window (15 minutes unless told), updated in place on every poll.
 * The points come as the history route gives them: at poll resolution for short windows, as
 * per-minute or hourly averages for long ones.
 */
export function ThroughputChart({ points, height = 200, label, windowMs = DEFAULT_WINDOW_MS }: { points: HistoryPoint[] | undefined; height?: number; label: string; windowMs?: number }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const data = useMemo(() => toData(points ?? []), [points]);
  const makeOptions = useCallback((_U: unknown, width: number) => options(width, height, windowMs / 1000), [height, windowMs]);
  const loaded = usePlot(boxRef, makeOptions, data);

  const latest = points?.at(-1);
  const summary = latest ? `${label}: now ${formatSpeed(latest.down)} down and ${formatSpeed(latest.up)} up.` : `${label}: no data yet.`;

  return (
    <figure className="relative m-0" aria-label={summary} role="img">
      <div ref={boxRef} className="w-full overflow-hidden text-xs text-zinc-600 dark:text-zinc-300" />
      <figcaption aria-hidden="true" className="mt-1 flex justify-center gap-5 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-0.5 w-4 bg-sky-500" /> Down {latest ? formatSpeed(latest.down) : "—"}
        </span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-0.5 w-4 bg-emerald-500" /> Up {latest ? formatSpeed(latest.up) : "—"}
        </span>
      </figcaption>
      {!loaded && <Skeleton className="h-48 w-full" />}
      {loaded && points && points.length < 2 && (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-zinc-500 dark:text-zinc-400">Collecting data… the chart fills in as the agent is polled.</p>
      )}
    </figure>
  );
}
