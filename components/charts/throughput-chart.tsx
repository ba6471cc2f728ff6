"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { HistoryPoint } from "@/lib/client/types";
import { formatSpeed } from "@/lib/format/bytes";
import { formatClock } from "@/lib/format/time";
import { Skeleton } from "@/components/ui/skeleton";
import { timeAxisLabels } from "./time-axis";

const WINDOW_S = 15 * 60;
const DOWN = "#0ea5e9"; // sky-500
const UP = "#10b981"; // emerald-500
const AXIS = "#71717a"; // zinc-500 reads on light and dark backgrounds alike
const GRID = "rgba(113,113,122,0.18)";

type UPlotCtor = typeof uPlot;

function toData(points: readonly HistoryPoint[]): uPlot.AlignedData {
  return [points.map((p) => p.t / 1000), points.map((p) => p.down), points.map((p) => p.up)];
}

function options(width: number, height: number): uPlot.Options {
  const speedAxis = (_u: uPlot, splits: number[]) => splits.map((v) => formatSpeed(v));
  return {
    width,
    height,
    cursor: { drag: { x: false, y: false } },
    // Our own HTML legend below: uPlot's is a <table>, which would add a second table to the page.
    legend: { show: false },
    scales: {
      // Always show the last 15 minutes ending at the newest point, so the chart scrolls evenly.
      x: {
        time: true,
        range: (_u, _min, max) => {
          // With no points yet uPlot reports no sensible max; anchor the window at "now" instead.
          const hi = max && max > 1e9 ? max : Date.now() / 1000;
          return [hi - WINDOW_S, hi];
        },
      },
      y: { range: (_u, _min, max) => [0, Math.max(1024, max * 1.1)] },
    },
    axes: [
      { stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID }, values: (_u, splits, _axis, _space, incr) => timeAxisLabels(splits, incr) },
      { stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID }, values: speedAxis, size: 80 },
    ],
    series: [
      { value: (_u, v) => (v == null ? "—" : formatClock(v * 1000)) },
      { label: "Down", stroke: DOWN, width: 2, fill: "rgba(14,165,233,0.12)", value: (_u, v) => (v == null ? "—" : formatSpeed(v)), points: { show: false } },
      { label: "Up", stroke: UP, width: 2, fill: "rgba(16,185,129,0.10)", value: (_u, v) => (v == null ? "—" : formatSpeed(v)), points: { show: false } },
    ],
  };
}

/**
 * Download/upload speed over the last 15 minutes. uPlot is loaded on demand (it is only needed
 * once a chart is on screen) and updated in place with setData on every poll.
 */
export function ThroughputChart({ points, height = 200, label }: { points: HistoryPoint[] | undefined; height?: number; label: string }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const dataRef = useRef<uPlot.AlignedData>([[], [], []]);
  const [U, setU] = useState<UPlotCtor | null>(null);

  useEffect(() => {
    let cancelled = false;
    void import("uplot").then((m) => {
      if (!cancelled) setU(() => m.default);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // Declared before the creation effect so a newly created plot starts from the latest data.
  useEffect(() => {
    dataRef.current = toData(points ?? []);
    plotRef.current?.setData(dataRef.current);
  }, [points]);

  useEffect(() => {
    const box = boxRef.current;
    if (!U || !box) return;
    const plot = new U(options(Math.max(200, box.clientWidth), height), dataRef.current, box);
    plotRef.current = plot;
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(200, box.clientWidth), height }));
    ro.observe(box);
    return () => {
      ro.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [U, height]);

  const latest = points?.at(-1);
  const summary = useMemo(
    () => (latest ? `${label}: now ${formatSpeed(latest.down)} down and ${formatSpeed(latest.up)} up.` : `${label}: no data yet.`),
    [latest, label],
  );

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
      {!U && <Skeleton className="h-48 w-full" />}
      {U && points && points.length < 2 && (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-zinc-500 dark:text-zinc-400">Collecting data… the chart fills in as the agent is polled.</p>
      )}
    </figure>
  );
}
