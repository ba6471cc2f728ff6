import { describe, expect, it } from "vitest";
import { timeAxisLabels } from "@/components/charts/time-axis";

describe("timeAxisLabels", () => {
  // Ticks across midnight and a year boundary: exactly where uPlot's default adds a date row.
  const start = Date.UTC(2029, 11, 31, 23, 58, 0) / 1000;
  const splits = [0, 60, 120, 180].map((s) => start + s);

  it("gives one clock time per tick and never a date", () => {
    const labels = timeAxisLabels(splits, 60, "en-US");
    expect(labels).toHaveLength(4);
    for (const l of labels) {
      expect(l).toMatch(/^\d{1,2}:\d{2}\s?[AP]M$/);
      expect(l).not.toMatch(/\d+\/\d+\/\d+|\n/);
    }
  });

  it("adds seconds only when ticks are less than a minute apart", () => {
    expect(timeAxisLabels([start, start + 15], 15, "en-GB")).toEqual(
      [start, start + 15].map((s) =>
        new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(s * 1000),
      ),
    );
    expect(timeAxisLabels([start], 60, "en-GB")[0]).toMatch(/^\d{2}:\d{2}$/);
  });

  it("names days on axes of days, and at midnight on axes of hours", () => {
    const midnight = new Date(2029, 11, 31).getTime() / 1000;
    expect(timeAxisLabels([midnight, midnight + 86_400], 86_400, "en-GB")).toEqual(["31 Dec", "1 Jan"]);
    expect(timeAxisLabels([midnight - 3 * 3600, midnight, midnight + 3 * 3600], 3 * 3600, "en-GB")).toEqual([
      "21:00",
      "31 Dec",
      "03:00",
    ]);
  });
});
