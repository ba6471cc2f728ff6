import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { EventsResponseSchema, MAX_EVENTS_PAGE, type EventsResponse, type StoredEvent } from "@/lib/bff/contract-store";
import { agentPath, apiGet } from "./api";
import { read } from "./decode";
import { polling } from "./queries";
import { activityParams, type ActivityView } from "./activity-view";

/**
 * The event log as a page holds it: newest first, kept current by asking only for what is newer
 * than the newest event held (`after=`), and extended into the past page by page (`before=`).
 * A tab left open for months keeps at most HELD_MAX events: the oldest fall off the end and
 * "load older" fetches them again when wanted. A panel that shows a few and links to the full page
 * keeps only what it shows: at 5,000 busy runs a panel of 8 that kept 1,000 held 8 MB more after
 * ten minutes (`npm run bench`, JS heap).
 */
export type EventsFeed = { events: StoredEvent[]; next: number | undefined };

export const HELD_MAX = 1000;

const withQuery = (path: string, params: URLSearchParams) => (params.size ? `${path}?${params.toString()}` : path);

/** Where one agent's events are, or every agent's without an id. */
export function eventsPath(agentId: string | undefined, params: URLSearchParams): string {
  return withQuery(agentId === undefined ? "/api/events" : agentPath(agentId, "events"), params);
}

/** One agent's events matching the filters, as a CSV file. */
export function eventsCsvPath(agentId: string, params: URLSearchParams): string {
  return withQuery(agentPath(agentId, "events.csv"), params);
}

/** Newer events go first; an event held already (its repeat count grew) is replaced where it stands. */
export function mergeNewer(held: EventsFeed, newer: readonly StoredEvent[], keep = HELD_MAX): EventsFeed {
  if (newer.length === 0) return held;
  const byId = new Map(newer.map((e) => [e.id, e]));
  const heldIds = new Set(held.events.map((e) => e.id));
  const fresh = newer.filter((e) => !heldIds.has(e.id));
  const kept = held.events.map((e) => byId.get(e.id) ?? e);
  return trim({ events: [...fresh, ...kept].sort((a, b) => b.id - a.id), next: held.next }, keep);
}

/** One page further into the past, after what is held. */
export function appendOlder(held: EventsFeed, page: EventsResponse): EventsFeed {
  const oldest = held.events.at(-1)?.id ?? Number.POSITIVE_INFINITY;
  return { events: [...held.events, ...page.events.filter((e) => e.id < oldest)], next: page.next };
}

function trim(feed: EventsFeed, keep: number): EventsFeed {
  if (feed.events.length <= keep) return feed;
  const events = feed.events.slice(0, keep);
  // What fell off is older than the last one kept: "load older" starts there.
  return { events, next: events.at(-1)?.id };
}

/**
 * A repeat within the log's coalescing window (seconds) is counted on the event already recorded
 * (its `count` and `lastT` change, its id does not), so `after=` the newest id alone would never
 * show the count growing. The poll asks from just before the oldest event that was still repeating
 * in the last REPEAT_WATCH_MS, comfortably longer than that window: a few recent rows come again,
 * and replace what is held.
 */
export const REPEAT_WATCH_MS = 120_000;

export function pollFrom(feed: EventsFeed, now: number): number | undefined {
  let from = feed.events[0]?.id;
  for (const e of feed.events) {
    if (now - e.lastT > REPEAT_WATCH_MS) break;
    from = e.id - 1;
  }
  return from;
}

async function fetchPage(
  agentId: string | undefined,
  view: ActivityView,
  cursor: Record<string, number>,
  signal?: AbortSignal,
) {
  const params = activityParams(view);
  for (const [k, v] of Object.entries(cursor)) params.set(k, String(v));
  return read(EventsResponseSchema, await apiGet(eventsPath(agentId, params), signal));
}

/** Keys: an agent's events sit under the agent (a change made from this tab refreshes them too). */
export const eventKeys = {
  feed: (agentId: string | undefined, view: ActivityView, limit: number) =>
    [
      ...(agentId === undefined ? ["fleet"] : ["agent", agentId]),
      "events",
      activityParams(view).toString(),
      limit,
    ] as const,
};

export async function fetchFeed(
  agentId: string | undefined,
  view: ActivityView,
  limit: number,
  keep: number,
  client: QueryClient,
  signal?: AbortSignal,
): Promise<EventsFeed> {
  const key = eventKeys.feed(agentId, view, limit);
  const held = client.getQueryData<EventsFeed>(key);
  const after = held ? pollFrom(held, Date.now()) : undefined;
  if (held && after !== undefined) {
    const newer = await fetchPage(agentId, view, { after, limit: MAX_EVENTS_PAGE }, signal);
    // Read the cache again: "load older" may have added a page while this request was out. More
    // news than one answer holds (a tab asleep for hours) starts the list afresh instead.
    if (newer.next === undefined) return mergeNewer(client.getQueryData<EventsFeed>(key) ?? held, newer.events, keep);
  }
  const first = await fetchPage(agentId, view, { limit }, signal);
  return { events: first.events, next: first.next };
}

export async function fetchOlder(
  agentId: string | undefined,
  view: ActivityView,
  limit: number,
  before: number,
  signal?: AbortSignal,
) {
  return fetchPage(agentId, view, { before, limit }, signal);
}

export const eventQueries = {
  /** `keep`: how many events the feed holds at most (HELD_MAX for a page that loads older ones). */
  feed: (agentId: string | undefined, view: ActivityView, limit: number, pollMs: number, keep = limit) =>
    queryOptions({
      queryKey: eventKeys.feed(agentId, view, limit),
      queryFn: ({ signal, client }) => fetchFeed(agentId, view, limit, keep, client, signal),
      ...polling(pollMs),
      structuralSharing: false,
    }),
};
