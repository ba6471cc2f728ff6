import { describe, expect, it } from "vitest";
import type { StoredEvent } from "@/lib/bff/contract-store";
import {
  appendOlder,
  eventsCsvPath,
  eventsPath,
  HELD_MAX,
  mergeNewer,
  pollFrom,
  REPEAT_WATCH_MS,
} from "@/lib/client/events";

const NOW = 1_800_000_000_000;
const event = (id: number, patch: Partial<StoredEvent> = {}): StoredEvent => ({
  id,
  t: NOW - (1000 - id) * 60_000,
  lastT: NOW - (1000 - id) * 60_000,
  count: 1,
  agent: "local",
  kind: "run_status",
  severity: "info",
  message: `event ${id}`,
  ...patch,
});
const ids = (events: StoredEvent[]) => events.map((e) => e.id);

describe("the event feed a page holds", () => {
  it("puts newer events first and replaces one whose repeats grew, where it stands", () => {
    const held = { events: [event(5), event(4), event(3)], next: 3 };
    const merged = mergeNewer(held, [event(7), event(6), event(4, { count: 3, lastT: NOW })]);
    expect(ids(merged.events)).toEqual([7, 6, 5, 4, 3]);
    expect(merged.events[3]).toMatchObject({ id: 4, count: 3, lastT: NOW });
    expect(merged.next).toBe(3);
    expect(mergeNewer(held, [])).toBe(held);
  });

  it("keeps at most HELD_MAX events, and 'load older' resumes where the kept ones end", () => {
    const held = { events: Array.from({ length: HELD_MAX }, (_, i) => event(HELD_MAX - i)), next: 1 };
    const merged = mergeNewer(held, [event(HELD_MAX + 2), event(HELD_MAX + 1)]);
    expect(merged.events).toHaveLength(HELD_MAX);
    expect(merged.events[0]!.id).toBe(HELD_MAX + 2);
    expect(merged.next).toBe(3);
  });

  it("a panel keeps only what it shows: news pushes the oldest out", () => {
    const held = { events: [event(5), event(4), event(3)], next: 3 };
    const merged = mergeNewer(held, [event(7), event(6)], 3);
    expect(ids(merged.events)).toEqual([7, 6, 5]);
    expect(merged.next).toBe(5);
  });

  it("appends an older page after what is held, without repeats, and takes its next", () => {
    const held = { events: [event(9), event(8)], next: 8 };
    expect(appendOlder(held, { events: [event(8), event(7), event(6)], next: 6 })).toEqual({
      events: [event(9), event(8), event(7), event(6)],
      next: 6,
    });
    expect(appendOlder(held, { events: [event(2)] }).next).toBeUndefined();
  });

  it("polls after the newest event, or from before the oldest one still repeating lately", () => {
    expect(pollFrom({ events: [event(9), event(8)], next: undefined }, NOW + 10 * 60_000)).toBe(9);
    const repeating = {
      events: [
        event(9, { lastT: NOW }),
        event(8, { lastT: NOW - 1000 }),
        event(7, { lastT: NOW - REPEAT_WATCH_MS - 1 }),
        event(6, { lastT: NOW }),
      ],
      next: undefined,
    };
    expect(pollFrom(repeating, NOW)).toBe(7);
    expect(pollFrom({ events: [], next: undefined }, NOW)).toBeUndefined();
  });

  it("names one agent's events, every agent's, and their CSV, with the filters as the query", () => {
    expect(eventsPath("local", new URLSearchParams("kind=paused"))).toBe("/api/agents/local/events?kind=paused");
    expect(eventsCsvPath("a b", new URLSearchParams())).toBe("/api/agents/a%20b/events.csv");
    expect(eventsPath(undefined, new URLSearchParams("before=5"))).toBe("/api/events?before=5");
  });
});
