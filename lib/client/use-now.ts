"use client";

import { useSyncExternalStore } from "react";

/**
 * The current time, re-rendering every `stepMs`. Through useSyncExternalStore so render stays pure
 * (no Date.now() in render) and hydration sees 0 ("unknown") instead of the server's clock.
 */
const subscribers = new Map<number, (cb: () => void) => () => void>();

function subscribeFor(stepMs: number) {
  let sub = subscribers.get(stepMs);
  if (!sub) {
    sub = (cb: () => void) => {
      const id = window.setInterval(cb, stepMs);
      return () => window.clearInterval(id);
    };
    subscribers.set(stepMs, sub);
  }
  return sub;
}

const serverNow = () => 0;

export function useNow(stepMs = 1000): number {
  // Bucketed so repeated reads within one step return the same value, as the store contract requires.
  return useSyncExternalStore(subscribeFor(stepMs), () => Math.floor(Date.now() / stepMs) * stepMs, serverNow);
}
