"use client";

import { useEffect } from "react";

/**
 * Keeps the screen awake on a wall monitor where the Screen Wake Lock API exists. The browser drops
 * the lock whenever the page is hidden, so it is requested again each time the page is visible.
 */
export function useWakeLock(): void {
  useEffect(() => {
    if (!("wakeLock" in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let stopped = false;

    const acquire = async () => {
      if (stopped || document.visibilityState !== "visible" || (sentinel && !sentinel.released)) return;
      try {
        sentinel = await navigator.wakeLock.request("screen");
      } catch {
        // Denied (battery saver, permissions policy): the wall still works, the screen may sleep.
      }
    };
    const onVisibility = () => void acquire();

    void acquire();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", onVisibility);
      void sentinel?.release().catch(() => {});
    };
  }, []);
}
