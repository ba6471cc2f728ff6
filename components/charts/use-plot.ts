"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export type UPlotCtor = typeof uPlot;

/**
 * A uPlot chart in `box`: uPlot is loaded on demand (only once a chart is on screen), the plot is
 * made again when `makeOptions` changes (keep it memoised), follows the box's width, and gets new
 * data in place with setData. Returns whether uPlot has loaded.
 */
export function usePlot(
  box: RefObject<HTMLDivElement | null>,
  makeOptions: (U: UPlotCtor, width: number) => uPlot.Options,
  data: uPlot.AlignedData,
): boolean {
  const [U, setU] = useState<UPlotCtor | null>(null);
  const plotRef = useRef<uPlot | null>(null);
  const dataRef = useRef(data);

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
    dataRef.current = data;
    plotRef.current?.setData(data);
  }, [data]);

  useEffect(() => {
    const el = box.current;
    if (!U || !el) return;
    const width = () => Math.max(200, el.clientWidth);
    const opts = makeOptions(U, width());
    const plot = new U(opts, dataRef.current, el);
    plotRef.current = plot;
    const ro = new ResizeObserver(() => plot.setSize({ width: width(), height: opts.height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [U, box, makeOptions]);

  return U !== null;
}

/** Axis and grid colours that read on light and dark backgrounds alike. */
export const AXIS = "#71717a"; // zinc-500
export const GRID = "rgba(113,113,122,0.18)";
export const DOWN = "#0ea5e9"; // sky-500
export const UP = "#10b981"; // emerald-500
/** Least CSS pixels between two time-axis ticks: a label such as "10:00 PM" with a gap. */
export const TIME_LABEL_SPACE = 90;
