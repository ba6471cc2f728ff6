"use client";

import { useCallback, useSyncExternalStore } from "react";

/**
 * A string persisted in localStorage and shared by every component (and tab) that reads it.
 * Values are stored as strings; callers parse and validate what they read.
 */
const EVENT = "agent-deck:storage";

function subscribe(cb: () => void) {
  window.addEventListener("storage", cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener("storage", cb);
    window.removeEventListener(EVENT, cb);
  };
}

export function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    // Private modes and locked-down browsers may refuse storage; behave as if nothing was saved.
    return null;
  }
}

export function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    /* storage unavailable: the choice lasts for this page only */
  }
  window.dispatchEvent(new Event(EVENT));
}

export function useLocalStorage(key: string): [string | null, (value: string | null) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => readStorage(key),
    () => null,
  );
  const set = useCallback((v: string | null) => writeStorage(key, v), [key]);
  return [value, set];
}
