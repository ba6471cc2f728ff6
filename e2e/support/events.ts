import { expect } from "@playwright/test";
import type { EventsResponse, StoredEvent } from "../../lib/bff/contract-store";
import type { Dashboard } from "../../tests/support/processes";

/** One page of an agent's event log, as a script would ask for it (no browser: nothing marks the agent watched). */
export async function eventsOf(dashboard: Dashboard, query = ""): Promise<EventsResponse> {
  const res = await fetch(`${dashboard.url}/api/agents/local/events${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as EventsResponse;
}

/** Every event the filters match (`after=<id>` for only newer ones), newest first, page by page through `next`. */
export async function allEvents(dashboard: Dashboard, filters = ""): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await eventsOf(dashboard, `?limit=500${filters}${before ? `&before=${before}` : ""}`);
    out.push(...page.events);
    if (page.next === undefined) return out;
    before = page.next;
  }
}

/**
 * Resolves once the collector has polled the agent: a change made before that first poll is part of
 * what it first sees, with nothing before to compare, so it is no event.
 */
export async function firstPolled(dashboard: Dashboard): Promise<void> {
  await expect
    .poll(
      async () =>
        ((await (await fetch(`${dashboard.url}/api/health`)).json()) as { agents: { reachable: boolean }[] }).agents[0]
          ?.reachable,
      { timeout: 10_000 },
    )
    .toBe(true);
}
