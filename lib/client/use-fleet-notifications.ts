"use client";

import { useEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { EventsResponseSchema, type StoredEvent } from "@/lib/bff/contract-store";
import type { AgentSummary } from "@/lib/bff/contract";
import { apiGet } from "./api";
import { read } from "./decode";
import { displayName } from "./display-name";
import { NOTIFY_KINDS, notifyFromLog } from "./notify-events";
import { polling } from "./queries";
import { notificationsSupported, useNotificationsOptIn } from "./use-agent-notifications";

/**
 * Opt-in desktop notifications for every agent on the overview, from the dashboard's event log
 * (`GET /api/events?after=`): the server has detected each run error, finished transfer and outage
 * already, so the page neither downloads nor compares any run (fifty agents' 10,000 runs cost 130 ms
 * of main thread per poll that way). The first answer is only the baseline: opening the page never
 * floods the desktop.
 */
type Feed = { cursor: number; events: StoredEvent[] };
const KEY = ["notify", "fleet"] as const;

async function fetchNew(held: Feed | undefined, signal: AbortSignal): Promise<Feed> {
  if (!held) {
    const newest = read(EventsResponseSchema, await apiGet("/api/events?limit=1", signal)).events[0];
    return { cursor: newest?.id ?? 0, events: [] };
  }
  const query = new URLSearchParams({ after: String(held.cursor), kind: NOTIFY_KINDS.join(","), limit: "100" });
  const events = read(EventsResponseSchema, await apiGet(`/api/events?${query.toString()}`, signal)).events;
  return { cursor: Math.max(held.cursor, ...events.map((e) => e.id)), events };
}

export function useFleetNotifications(agents: readonly AgentSummary[] | undefined, pollMs: number): void {
  const [enabled] = useNotificationsOptIn();
  const client = useQueryClient();
  const shown = useRef<Feed | undefined>(undefined);
  const feed = useQuery({
    queryKey: KEY,
    queryFn: ({ signal, client }) => fetchNew(client.getQueryData<Feed>(KEY), signal),
    ...polling(pollMs),
    enabled,
    // Each answer is what is new since the one before: never one from a cache.
    gcTime: 0,
  });
  const data = feed.data;
  useEffect(() => {
    // Switched off: the next switch-on starts from a new baseline, not from where this one stopped.
    if (!enabled) client.removeQueries({ queryKey: KEY });
  }, [enabled, client]);
  useEffect(() => {
    // Each answer is shown once, whatever else re-runs this (the agent list refreshing).
    if (!enabled || !data || data === shown.current || data.events.length === 0) return;
    shown.current = data;
    if (!notificationsSupported() || Notification.permission !== "granted") return;
    const nameOf = (id: string) => displayName(agents?.find((a) => a.id === id)?.name, undefined, id);
    for (const e of notifyFromLog(data.events, nameOf)) {
      try {
        new Notification(e.title, { body: e.body, tag: e.tag });
      } catch {
        // Some platforms only allow notifications from a service worker; the page still shows it all.
      }
    }
  }, [enabled, data, agents]);
}
