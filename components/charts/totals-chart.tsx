"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import type uPlot from "uplot";
import type { TotalsResponse } from "@/lib/bff/contract-store";
import { formatBytes } from "@/lib/format/bytes";
import { formatDay } from "@/lib/format/time";
import { ChartFrame, TOTALS_PX } from "./chart-frame";
import { timeAxisLabels } from "./time-axis";
import { AXIS, DOWN, GRID, UP, usePlot, type UPlotCtor } from "./use-plot";

type Day = TotalsResponse["days"][number];
const DAY_S = 86_400;

/** "2026-12-02" → noon of that local day in epoch seconds: the bar's centre, whatever the DST shift. */
export function dayCentre(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  return new Date(y, m - 1, d, 12).getTime() / 1000;
}

function options(U: UPlotCtor, width: number, height: number, onHover: (idx: number | null) => void): uPlot.Options {
  const bars = (align: -1 | 1) => U.paths.bars?.({ align, size: [0.4, 24], gap: 1 });
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    hooks: { setCursor: [(u) => onHover(u.cursor.idx ?? null)] },
    scales: {
      x: { time: true, range: (_u, min, max) => [min - DAY_S / 2, max + DAY_S / 2] },
      y: { range: (_u, _min, max) => [0, Math.max(1024, max * 1.1)] },
    },
    axes: [
      {
        stroke: AXIS,
        grid: { show: false },
        ticks: { stroke: GRID },
        values: (_u, splits, _a, _s, incr) => timeAxisLabels(splits, Math.max(incr, DAY_S)),
      },
      {
        stroke: AXIS,
        grid: { stroke: GRID, width: 1 },
        ticks: { stroke: GRID },
        values: (_u, splits) => splits.map((v) => formatBytes(v)),
        size: 80,
      },
    ],
    series: [
      {},
      { label: "Down", fill: DOWN, stroke: DOWN, paths: bars(-1), points: { show: false } },
      { label: "Up", fill: UP, stroke: UP, paths: bars(1), points: { show: false } },
    ],
  };
}

/**
 * Bytes moved per day, download and upload side by side. The caption names the day under the
 * pointer, or the whole period's sum; the figure's accessible name says the same in words.
 */
export function TotalsChart({
  days,
  height = TOTALS_PX,
  label,
}: {
  days: Day[] | undefined;
  height?: number;
  label: string;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const data = useMemo<uPlot.AlignedData>(() => {
    const d = days ?? [];
    // A day without traffic has no bar at all (uPlot draws a sliver for 0).
    const bar = (v: number) => (v > 0 ? v : null);
    return [d.map((x) => dayCentre(x.date)), d.map((x) => bar(x.down)), d.map((x) => bar(x.up))];
  }, [days]);
  const makeOptions = useCallback((U: UPlotCtor, width: number) => options(U, width, height, setHover), [height]);
  const loaded = usePlot(boxRef, makeOptions, data);

  const sum = useMemo(
    () => (days ?? []).reduce((a, d) => ({ down: a.down + d.down, up: a.up + d.up }), { down: 0, up: 0 }),
    [days],
  );
  const hovered = hover !== null ? days?.[hover] : undefined;
  const shown = hovered ?? sum;
  const when = hovered ? formatDay(dayCentre(hovered.date) * 1000) : `${days?.length ?? 0} days`;
  const summary = days
    ? `${label}: ${formatBytes(sum.down)} down and ${formatBytes(sum.up)} up in ${days.length} days.`
    : `${label}: loading.`;

  return (
    <ChartFrame
      summary={summary}
      boxRef={boxRef}
      plotPx={height}
      drawn={loaded}
      note={days && days.length === 0 ? "No traffic recorded yet — totals build up from now on." : undefined}
      legend={
        <>
          <span className="font-medium text-zinc-800 dark:text-zinc-200">{when}</span>
          <span className="flex items-center gap-1.5">
            <span className="inline-block size-2.5 rounded-sm bg-sky-500" /> Down {formatBytes(shown.down)}
          </span>
          <span className="flex items-center gap-1.5">
            <span className="inline-block size-2.5 rounded-sm bg-emerald-500" /> Up {formatBytes(shown.up)}
          </span>
        </>
      }
    />
  );
}
