import { describe, expect, it } from "vitest";
import type { AgentView } from "@/lib/client/snapshot/merge";
import { extendTrend, joinTrend, TREND_WINDOW_MS } from "@/lib/client/snapshot/trend";
import { summarizeRuns } from "@/lib/domain/summary";

const view = (fetchedAt: number, down: number, failing = false): AgentView => ({
  version: `00000000.${fetchedAt}`,
  fetchedAt,
  status: { value: undefined, okAt: 0, error: undefined, errorAt: 0 },
  runs: failing
    ? { value: undefined, okAt: 0, error: new Error("down") as never, errorAt: fetchedAt }
    : { value: undefined, okAt: fetchedAt, error: undefined, errorAt: 0 },
  tags: { value: undefined, okAt: 0, error: undefined, errorAt: 0 },
  summary: { ...summarizeRuns([]), down, up: down / 2 },
});

describe("a fleet page's throughput trend", () => {
  it("appends each new poll's speeds once, skips failing polls, and keeps 15 minutes", () => {
    let trend = extendTrend(undefined, view(1000, 10));
    trend = extendTrend(trend, view(1000, 99)); // the same poll again (nothing new)
    trend = extendTrend(trend, view(2000, 20));
    trend = extendTrend(trend, view(3000, 30, true)); // the agent failed: its last figures are not news
    expect(trend).toEqual([
      { t: 1000, down: 10, up: 5 },
      { t: 2000, down: 20, up: 10 },
    ]);
    const later = extendTrend(trend, view(2000 + TREND_WINDOW_MS, 40));
    expect(later.map((p) => p.t)).toEqual([2000, 2000 + TREND_WINDOW_MS]);
  });

  it("draws the store's points from before the trend began, then the trend", () => {
    const seed = [0, 500, 1000, 1500].map((t) => ({ t, down: 1, up: 1 }));
    const trend = [1200, 2200].map((t) => ({ t, down: 2, up: 2 }));
    expect(joinTrend(seed, trend)?.map((p) => p.t)).toEqual([0, 500, 1000, 1200, 2200]);
    expect(joinTrend(undefined, trend)?.map((p) => p.t)).toEqual([1200, 2200]);
    expect(joinTrend(undefined, [])).toBeUndefined();
    // Seed points older than the window, counted from the newest point, are not drawn.
    const old = [{ t: 0, down: 1, up: 1 }];
    expect(joinTrend(old, [{ t: TREND_WINDOW_MS + 1, down: 1, up: 1 }])?.map((p) => p.t)).toEqual([
      TREND_WINDOW_MS + 1,
    ]);
  });
});
