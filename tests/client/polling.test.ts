import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { environmentManager, QueryClient, QueryObserver } from "@tanstack/react-query";
import { agentQueries, TAGS_POLL_MS } from "@/lib/client/queries";
import type { TagsResponse } from "@/lib/agent-api/tags";

/**
 * The tags panel's polling schedule, driven by React Query's own timers. The query function stands
 * in for the network only: what is under test is when the panel asks again, healthy and failing.
 */
const POLL_MS = 1000;

function observeTags(answers: (call: number) => "ok" | "fail") {
  const client = new QueryClient();
  const calls: number[] = [];
  const observer = new QueryObserver(client, {
    ...agentQueries.tags("local", POLL_MS),
    queryFn: async (): Promise<TagsResponse> => {
      calls.push(Date.now());
      if (answers(calls.length) === "fail") throw new Error("agent_bad_response");
      return { tags: [] };
    },
  });
  const stop = observer.subscribe(() => undefined);
  return { calls, stop: () => (stop(), client.clear()) };
}

describe("tags polling", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    // Node has no window, so React Query would treat this as a server and schedule no polls.
    environmentManager.setIsServer(() => false);
  });
  afterEach(() => {
    environmentManager.setIsServer(() => typeof window === "undefined");
    vi.useRealTimers();
  });

  it("asks every 10 s while the agent answers", async () => {
    const tags = observeTags(() => "ok");
    await vi.advanceTimersByTimeAsync(2 * TAGS_POLL_MS + 500);
    tags.stop();
    expect(tags.calls).toEqual([0, TAGS_POLL_MS, 2 * TAGS_POLL_MS]);
  });

  it("asks at the page's interval while failing, so it heals with the rest of the page", async () => {
    // The first poll succeeds, the one at 10 s fails and the agent is back one second later.
    const tags = observeTags((call) => (call === 2 ? "fail" : "ok"));
    await vi.advanceTimersByTimeAsync(TAGS_POLL_MS + POLL_MS + 500);
    expect(tags.calls).toEqual([0, TAGS_POLL_MS, TAGS_POLL_MS + POLL_MS]);
    // Healthy again: back to the slow schedule, not a poll every second.
    await vi.advanceTimersByTimeAsync(5 * POLL_MS);
    tags.stop();
    expect(tags.calls).toHaveLength(3);
  });
});
