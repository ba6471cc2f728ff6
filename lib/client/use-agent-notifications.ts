"use client";

import { useEffect, useRef } from "react";
import { EventsResponseSchema } from "@/lib/bff/contract-store";
import { apiGet } from "./api";
import { read } from "./decode";
import { eventsPath } from "./events";
import { NOTIFY_KINDS, notificationsFor } from "./notify-events";
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
 * Opt-in desktop notifications from the event log: one agent's (its page) or every agent's (the
 * overview, one request for the fleet). Only events newer than those there were when the page
 * opted in count, so opening a page never floods the desktop; each poll asks for what is newer than
 * the last event seen (`after=`), a few small rows at most.
 */
export function useEventNotifications(
  /** One agent's id, undefined for every agent, null for none (nothing to watch yet). */
  agentId: string | undefined | null,
  nameOf: (agentId: string) => string,
  pollMs: number,
) {
  const [enabled] = useNotificationsOptIn();
  const names = useRef(nameOf);
  useEffect(() => {
    names.current = nameOf;
  }, [nameOf]);

  useEffect(() => {
    if (!enabled || agentId === null) return;
    const path = (params: URLSearchParams) => eventsPath(agentId, params);
    let after: number | undefined;
    let stopped = false;
    const controller = new AbortController();
    const poll = async () => {
      try {
        if (after === undefined) {
          // The newest event of any kind is where "new" starts.
          const newest = read(
            EventsResponseSchema,
            await apiGet(path(new URLSearchParams({ limit: "1" })), controller.signal),
          );
          after = newest.events[0]?.id ?? 0;
          return;
        }
        const params = new URLSearchParams({ after: String(after), kind: NOTIFY_KINDS.join(","), limit: "500" });
        const page = read(EventsResponseSchema, await apiGet(path(params), controller.signal));
        if (page.events.length === 0) return;
        after = Math.max(after, ...page.events.map((e) => e.id));
        if (!notificationsSupported() || Notification.permission !== "granted") return;
        for (const n of notificationsFor(page.events, names.current)) {
          try {
            new Notification(n.title, { body: n.body, tag: n.tag });
          } catch {
            // Some platforms only allow notifications from a service worker; the page shows it all anyway.
          }
        }
      } catch {
        // A failed poll is retried at the next one; the page says when the dashboard cannot be reached.
      }
    };
    let timer: number | undefined;
    const loop = async () => {
      await poll();
      if (!stopped) timer = window.setTimeout(() => void loop(), pollMs);
    };
    void loop();
    return () => {
      stopped = true;
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [enabled, agentId, pollMs]);
}
