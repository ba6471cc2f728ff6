"use client";

import { useEffect, useState, type RefObject } from "react";

/** Height of an element, kept current with a ResizeObserver (0 until measured). */
export function useElementHeight(ref: RefObject<HTMLElement | null>): number {
  const [h, setH] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setH(entry ? entry.contentRect.height : 0));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return h;
}

/**
 * Pages through `count` items, `perPage` at a time, advancing every `intervalMs`: wall monitors
 * have no scrolling, so everything gets its turn on screen.
 */
export function usePager(count: number, perPage: number, intervalMs = 10_000) {
  const pages = Math.max(1, Math.ceil(count / Math.max(1, perPage)));
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (pages <= 1) return;
    const id = window.setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => window.clearInterval(id);
  }, [pages, intervalMs]);
  // Derived rather than reset in an effect: when the list shrinks the page simply wraps.
  const page = tick % pages;
  return { page, pages, start: page * perPage, end: page * perPage + perPage };
}
