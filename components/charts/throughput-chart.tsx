"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";
import type uPlot from "uplot";
import type { HistoryPoint } from "@/lib/client/types";
import { formatSpeed } from "@/lib/format/bytes";
import { formatDateTime } from "@/lib/format/time";
import { ChartFrame, THROUGHPUT_PX } from "./chart-frame";
import { timeAxisLabels } from "./time-axis";
import { AXIS, DOWN, GRID, TIME_LABEL_SPACE, UP, usePlot } from "./use-plot";

/** The time the chart spans: `[to - rangeMs, to]` (epoch ms), as the history answer gives it. */
export type ChartWindow = { to: number; rangeMs: number; from?: number };
/** Before the history's first answer: the last 15 minutes, ending now. */
const FALLBACK_RANGE_MS = 15 * 60_000;
const BEFORE_DATA = "rgba(113,113,122,0.12)";

function toData(points: readonly HistoryPoint[]): uPlot.AlignedData {
  return [points.map((p) => p.t / 1000), points.map((p) => p.down), points.map((p) => p.up)];
}

function options(width: number, height: number, win: { current: ChartWindow | undefined }): uPlot.Options {
  const speedAxis = (_u: uPlot, splits: number[]) => splits.map((v) => formatSpeed(v));
  return {
    width,
    height,
    cursor: { drag: { x: false, y: false } },
    // Our own HTML legend below: uPlot's is a <table>, which would add a second table to the page.
    legend: { show: false },
    scales: {
      // The whole window the answer covers, ending at the server's "now": the chart scrolls evenly,
      // a pause in the data shows as a gap, and a window longer than the data shows where it begins.
      x: {
        time: true,
        range: () => {
          const to = (win.current?.to ?? Date.now()) / 1000;
          return [to - (win.current?.rangeMs ?? FALLBACK_RANGE_MS) / 1000, to];
        },
      },
      y: { range: (_u, _min, max) => [0, Math.max(1024, max * 1.1)] },
    },
    hooks: {
      // Shade the part of the window before the data starts ("watching since"), under the series.
      drawClear: [
        (u) => {
          // A bucket is stamped with its start, which can be before the first poll in it.
          const first = u.data[0][0];
          const from =
            win.current?.from === undefined
              ? undefined
              : Math.min(win.current.from, first === undefined ? Infinity : first * 1000);
          const { min, max } = u.scales.x ?? {};
          if (from === undefined || min === undefined || max === undefined || from / 1000 <= min) return;
          const x = u.valToPos(Math.min(from / 1000, max), "x", true);
          u.ctx.fillStyle = BEFORE_DATA;
          u.ctx.fillRect(u.bbox.left, u.bbox.top, x - u.bbox.left, u.bbox.height);
        },
      ],
    },
    axes: [
      // Room for a clock time with AM/PM between ticks, so an hourly axis does not run its labels together.
      {
        stroke: AXIS,
        space: TIME_LABEL_SPACE,
        grid: { stroke: GRID, width: 1 },
        ticks: { stroke: GRID },
        values: (_u, splits, _axis, _space, incr) => timeAxisLabels(splits, incr),
      },
      { stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID }, values: speedAxis, size: 80 },
    ],
    series: [
      { value: (_u, v) => (v == null ? "—" : formatDateTime(v * 1000)) },
      {
        label: "Down",
        stroke: DOWN,
        width: 2,
        fill: "rgba(14,165,233,0.12)",
        value: (_u, v) => (v == null ? "—" : formatSpeed(v)),
        points: { show: false },
      },
      {
        label: "Up",
        stroke: UP,
        width: 2,
        fill: "rgba(16,185,129,0.10)",
        value: (_u, v) => (v == null ? "—" : formatSpeed(v)),
        points: { show: false },
      },
    ],
  };
}

/**
 * Download/upload speed over the window the history answer covers, updated in place on every poll.
 * The points come at poll resolution for short windows, as per-minute or hourly averages for long ones.
 */
export function ThroughputChart({
  points,
  height = THROUGHPUT_PX,
  label,
  window,
}: {
  points: HistoryPoint[] | undefined;
  height?: number;
  label: string;
  window?: ChartWindow;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  // Read by the plot's scale and drawing at each redraw: a new window must not rebuild the plot.
  const win = useRef(window);
  const data = useMemo(() => toData(points ?? []), [points]);
  useEffect(() => {
    win.current = window;
  }, [window]);
  const makeOptions = useCallback((_U: unknown, width: number) => options(width, height, win), [height]);
  const loaded = usePlot(boxRef, makeOptions, data);

  const latest = points?.at(-1);
  const summary = latest
    ? `${label}: now ${formatSpeed(latest.down)} down and ${formatSpeed(latest.up)} up.`
    : `${label}: no data yet.`;

  return (
    <ChartFrame
      summary={summary}
      boxRef={boxRef}
      plotPx={height}
      drawn={loaded}
      note={points && points.length < 2 ? "Collecting data… the chart fills in as the agent is polled." : undefined}
      legend={
        <>
          <span className="flex items-center gap-1.5">
            <span className="inline-block h-0.5 w-4 bg-sky-500" /> Down {latest ? formatSpeed(latest.down) : "—"}
          </span>
          <span className="flex items-center gap-1.5">
            <span className="inline-block h-0.5 w-4 bg-emerald-500" /> Up {latest ? formatSpeed(latest.up) : "—"}
          </span>
        </>
      }
    />
  );
}
