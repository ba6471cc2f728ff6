import { describe, expect, it } from "vitest";
import { DEFAULT_HISTORY_RANGE as DEFAULT_RANGE, HISTORY_RANGES } from "@/lib/bff/contract-store";
import { parseRangeView, rangeLabel, writeRangeView } from "@/lib/client/history-range";

describe("the charts' range in the URL", () => {
  it("reads a known range and falls back to the default otherwise", () => {
    expect(parseRangeView(new URLSearchParams("range=7d")).range).toBe("7d");
    expect(parseRangeView(new URLSearchParams("range=2y")).range).toBe(DEFAULT_RANGE);
    expect(parseRangeView(new URLSearchParams("")).range).toBe(DEFAULT_RANGE);
  });

  it("writes it beside the runs view's parameters, leaving the default out", () => {
    expect(writeRangeView(new URLSearchParams("q=photos"), { range: "24h" }).toString()).toBe("q=photos&range=24h");
    expect(writeRangeView(new URLSearchParams("q=photos&range=24h"), { range: DEFAULT_RANGE }).toString()).toBe(
      "q=photos",
    );
  });

  it("names every range in words", () => {
    expect(HISTORY_RANGES.map(rangeLabel)).toEqual([
      "last 15 minutes",
      "last hour",
      "last 6 hours",
      "last 24 hours",
      "last 7 days",
      "last 30 days",
    ]);
  });
});
