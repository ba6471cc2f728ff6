"use client";

import { useEffect, useRef } from "react";
import type { Run } from "@/lib/agent-api/runs";
import { notifyEvents, snapshot, type Snapshot } from "./notify-events";
import { useLocalStorage } from "./use-local-storage";

export const NOTIFY_KEY = "agent-deck:notifications";

export function notificationsSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

/** Whether the user opted in (stored per browser) and the browser allows it. */
export function useNotificationsOptIn(): [boolean, (on: boolean) => void] {
  const [raw, setRaw] = useLocalStorage(NOTIFY_KEY);
  return [raw === "on", (on: boolean) => setRaw(on ? "on" : null)];
}

/**
 * Opt-in desktop notifications for one agent. Compares each poll with the previous one; the first
 * poll only sets the baseline, so opening the page never floods the desktop.
 */
export function useAgentNotifications(
  agentName: string,
  reachable: boolean,
  serverState: string | undefined,
  runs: Run[] | undefined,
): void {
  const [enabled] = useNotificationsOptIn();
  const prev = useRef<Snapshot | null>(null);

  useEffect(() => {
    // Comparing thousands of runs each poll is wasted work unless the user opted in.
    if (!enabled) {
      prev.current = null;
      return;
    }
    const next = snapshot(reachable, serverState, runs, prev.current ?? undefined);
    const before = prev.current;
    prev.current = next;
    if (!before || !notificationsSupported() || Notification.permission !== "granted") return;
    for (const e of notifyEvents(agentName, before, next)) {
      try {
        new Notification(e.title, { body: e.body, tag: e.tag });
      } catch {
        // Some platforms only allow notifications from a service worker; the UI still shows it all.
      }
    }
  }, [enabled, agentName, reachable, serverState, runs]);
}
