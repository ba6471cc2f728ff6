"use client";

import { useEffect, useRef, useState } from "react";

/**
 * How far ahead of the screen a deferred panel starts: one screen's height (a percentage of the
 * viewport), so a reader scrolling at an ordinary pace meets it drawn. A phone's first screen then
 * draws the status and summary only; a desktop or a wall monitor tall enough draws everything at once.
 */
export const AHEAD = "100% 0px";

/**
 * Whether the element behind `ref` is on the screen or within one screen of it, and from then on true
 * (a panel once drawn stays). Panels below a phone's first screen (charts, activity, runs) wait for
 * it, which spares the page's start-up their rendering and their queries. Printing draws everything,
 * and `wake()` draws it at once (a keyboard shortcut that needs the panel). Without
 * IntersectionObserver the panel is drawn at once.
 */
export function useNearScreen<T extends Element>() {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (near || !box) return;
    const draw = () => setNear(true);
    if (typeof IntersectionObserver === "undefined") return draw();
    const observer = new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && draw(), {
      rootMargin: AHEAD,
    });
    observer.observe(box);
    window.addEventListener("beforeprint", draw);
    return () => {
      observer.disconnect();
      window.removeEventListener("beforeprint", draw);
    };
  }, [near]);
  return { ref, near, wake: () => setNear(true) };
}
