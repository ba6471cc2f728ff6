import { afterEach, describe, expect, it } from "vitest";
import type { HistoryRange } from "@/lib/bff/contract-store";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/server/store/history-tiers";
import { Feed, T0, openIn, run, tempStore } from "./store-feed";

/** Long history against a real store in a temporary folder, fed the way the collector feeds it. */
let opened: ReturnType<typeof tempStore>;
afterEach(() => opened.cleanup());

const count = (table: string) =>
  (opened.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const history = (range: HistoryRange, now: number, runId?: string, listed = false) =>
  opened.series.reader.history({ agent: "local", range, now, runId, listed });

describe("the agent's totals", () => {
  it("keeps a point per poll, at least an interval apart: a sample within an interval updates the latest point", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    for (const [i, dt] of [0, 900, 1700, 1980, 2700, 3500].entries())
      feed.poll([run(1, { down: 100 * (i + 1) }), run(2, { up: 5 })], T0 + dt);
    const h = history("15m", T0 + 4000);
    expect(h.intervalMs).toBe(1000);
    expect(h.points).toEqual([
      { t: T0, down: 200, up: 5 },
      { t: T0 + 1700, down: 400, up: 5 },
      { t: T0 + 2700, down: 600, up: 5 },
    ]);
    expect(h.from).toBe(T0);
    expect(h).toMatchObject({ range: "15m", rangeMs: 15 * MINUTE_MS, to: T0 + 4000 });
  });

  it("downsamples by bucket averages: 1 h in 5 s buckets, 6 h in 30 s, never more than 1,000 points", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    for (let s = 0; s < 2 * 3600; s++) feed.poll([run(1, { down: s, up: 1 })], T0 + s * 1000);
    const now = T0 + 2 * HOUR_MS;
    const hour = history("1h", now);
    expect(hour.intervalMs).toBe(5000);
    expect(hour.points.length).toBeLessThanOrEqual(1000);
    // The bucket starting at second 7000 averages seconds 7000 to 7004.
    expect(hour.points.find((p) => p.t === T0 + 7000_000)).toEqual({ t: T0 + 7000_000, down: 7002, up: 1 });
    expect(hour.points[0]!.t).toBeLessThanOrEqual(now - HOUR_MS);
    const six = history("6h", now);
    expect(six.intervalMs).toBe(30_000);
    expect(six.points[0]).toEqual({ t: T0, down: 15, up: 1 });
    expect(six.points).toHaveLength(240);
    expect(history("15m", now).points).toHaveLength(900);
  });

  it("24 h, 7 d and 30 d read the minutes: each minute the average of its polls", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    // Three days at one poll every 10 s, the speed the minute's number.
    for (let t = T0; t < T0 + 3 * DAY_MS; t += 10_000)
      feed.poll([run(1, { down: Math.floor((t - T0) / MINUTE_MS) })], t);
    const now = T0 + 3 * DAY_MS;
    const day = history("24h", now);
    expect(day.intervalMs).toBe(2 * MINUTE_MS);
    expect(day.points).toHaveLength(720);
    // Minutes m and m + 1 averaged.
    expect(day.points.at(-1)).toEqual({ t: now - 2 * MINUTE_MS, down: 4319, up: 0 });
    const month = history("30d", now);
    expect(month.intervalMs).toBe(HOUR_MS);
    expect(month.points).toHaveLength(72);
    expect(month.points[1]).toEqual({ t: T0 + HOUR_MS, down: 90, up: 0 });
    expect(month.from).toBe(T0);
    expect(history("7d", now).intervalMs).toBe(15 * MINUTE_MS);
  });
});

describe("per-run history", () => {
  it("costs nothing for still runs: rows only for minutes in which a run moved or its progress changed", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    const runs = (s: number) =>
      Array.from({ length: 100 }, (_, i) =>
        run(i + 1, {
          down: i === 0 ? 500 : 0,
          // Run 2 moves at speed 0 (its progress changes once, in the second minute); the rest stand still.
          completed: i === 1 && s >= 90 ? 10 : 0,
        }),
      );
    // Ten minutes: run minutes are written in blocks of ten, when the next block begins.
    for (let s = 0; s <= 10 * 60; s++) feed.poll(runs(s), T0 + s * 1000);
    const rows = opened.store.db.prepare("SELECT run_id, t FROM run_minutes ORDER BY run_id, t").all() as {
      run_id: string;
      t: number;
    }[];
    expect(rows.filter((r) => r.run_id === "1")).toHaveLength(10);
    expect(rows.filter((r) => r.run_id === "2")).toEqual([{ run_id: "2", t: T0 + MINUTE_MS }]);
    expect(rows).toHaveLength(11);
  });

  it("reads 0 in watched minutes a run was still, leaves unwatched minutes out, and includes the minute in progress", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    const speedAt = (minute: number) => ({ 0: 120, 1: 0, 2: 60 })[minute] ?? 0;
    for (let s = 0; s < 3 * 60; s++)
      feed.poll([run(7, { down: speedAt(Math.floor(s / 60)), up: 0 }), run(8, { down: 1 })], T0 + s * 1000);
    // Nobody polled minutes 3 and 4 (the dashboard was down); then half of minute 5.
    for (let s = 5 * 60; s < 5 * 60 + 30; s++) feed.poll([run(7, { down: 30 }), run(8, { down: 1 })], T0 + s * 1000);
    const h = history("15m", T0 + 5 * MINUTE_MS + 30_000, "7");
    expect(h.intervalMs).toBe(MINUTE_MS);
    expect(h.points.map((p) => [(p.t - T0) / MINUTE_MS, p.down])).toEqual([
      [0, 120],
      [1, 0],
      [2, 60],
      [5, 30],
    ]);
    expect(h.points[0]).toMatchObject({ completed: 0, total: 1000 });
    expect(h.from).toBe(T0);
    expect(history("15m", T0 + 6 * MINUTE_MS, "999").points).toEqual([]);
    // A listed run that never moved still has its (still) minutes.
    feed.poll([run(7), run(8), run(9)], T0 + 5 * MINUTE_MS + 31_000);
    expect(history("15m", T0 + 6 * MINUTE_MS, "9", true).points.map((p) => p.down)).toEqual([0, 0, 0, 0]);
  });

  it("keeps hours for 30 days: 7 d and 30 d answers are hourly, a bucket the run's average over the hour", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    // Two days, a poll a minute; run 3 moves at 600 B/s in the first half of every hour.
    for (let t = T0; t < T0 + 2 * DAY_MS; t += MINUTE_MS)
      feed.poll([run(3, { down: (t - T0) % HOUR_MS < HOUR_MS / 2 ? 600 : 0 })], t);
    const month = history("30d", T0 + 2 * DAY_MS, "3");
    expect(month.intervalMs).toBe(HOUR_MS);
    expect(month.points).toHaveLength(48);
    expect(new Set(month.points.map((p) => p.down))).toEqual(new Set([300]));
    const week = history("7d", T0 + 2 * DAY_MS, "3");
    expect(week.points).toEqual(month.points);
  });
});

describe("retention, restarts and spreading", () => {
  it("prune drops the fine tiers after a day and the rest after HISTORY_DAYS; minutes trim the fine tiers as they go", () => {
    opened = tempStore(2);
    const feed = new Feed(opened.store);
    for (let t = T0; t < T0 + 26 * HOUR_MS; t += MINUTE_MS) feed.poll([run(1, { down: 10 })], t);
    const fine = (table: string) =>
      (opened.store.db.prepare(`SELECT min(t) AS t FROM ${table}`).get() as { t: number }).t;
    // Trimmed as they go (run minutes a block of ten at a time), without waiting for the hourly prune.
    expect(fine("agent_points")).toBeGreaterThanOrEqual(T0 + 2 * HOUR_MS - 2 * MINUTE_MS);
    expect(fine("run_minutes")).toBeGreaterThanOrEqual(T0 + 2 * HOUR_MS - 12 * MINUTE_MS);
    expect(fine("agent_minutes")).toBe(T0);
    expect(fine("run_hours")).toBe(T0);
    opened.store.prune(T0 + 3 * DAY_MS);
    for (const table of ["agent_points", "run_minutes"]) expect(count(table)).toBe(0);
    expect(fine("agent_minutes")).toBe(T0 + DAY_MS);
    expect(fine("run_hours")).toBe(T0 + DAY_MS);
    opened.store.prune(T0 + 5 * DAY_MS);
    for (const table of ["agent_minutes", "run_hours"]) expect(count(table)).toBe(0);
  });

  it("serves the minutes before a restart after it, and merges a minute that spans the restart by its samples", () => {
    opened = tempStore();
    let feed = new Feed(opened.store);
    for (let s = 0; s < 90; s++) feed.poll([run(4, { down: 100 })], T0 + s * 1000);
    const before = history("15m", T0 + 90_000, "4");
    opened.store.close();
    const reopened = openIn(opened.dir);
    opened = { ...opened, ...reopened };
    expect(history("15m", T0 + 90_000, "4")).toEqual(before);
    expect(history("15m", T0 + 90_000).points).toHaveLength(90);
    // The rest of minute 1 after the restart, at twice the speed: 30 samples at 100, 30 at 200.
    feed = new Feed(opened.store);
    for (let s = 90; s < 120; s++) feed.poll([run(4, { down: 200 })], T0 + s * 1000);
    const merged = history("15m", T0 + 120_000, "4").points;
    expect(merged.map((p) => p.down)).toEqual([100, 150]);
    feed.poll([run(4, { down: 200 })], T0 + 121_000);
    expect(history("15m", T0 + 121_000, "4").points.slice(0, 2)).toEqual(merged);
    expect(history("15m", T0 + 121_000).from).toBe(T0);
  });

  it("writes 5,000 moving runs' minutes in blocks over the next polls without any answer changing", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    // A poll every 5 s (12 samples a minute; the minutes and the block are the same at any rate).
    const runs = (s: number) =>
      Array.from({ length: 5000 }, (_, i) => run(i + 1, { down: 1000 + i + (s % 60), completed: s }));
    for (let s = 0; s <= 60; s += 5) feed.poll(runs(s), T0 + s * 1000);
    // Minute 0 is held in memory (its block of ten minutes has not ended), and answered all the same:
    // run 4321's speed averaged over its 12 samples (5320 + 0, 5, … 55), its progress the last one's.
    expect(count("run_minutes")).toBe(0);
    const answer = history("15m", T0 + 61_000, "4321");
    expect(answer.points[0]).toEqual({ t: T0, down: 5348, up: 0, completed: 55, total: 1000 });
    for (let s = 65; s <= 600; s += 5) feed.poll(runs(s), T0 + s * 1000);
    // The block's 50,000 rows go over the next polls, each within its time budget: not all at once,
    // and every poll writes at least a chunk (64 rows), so the backlog always shrinks. Counted, not timed.
    let written = count("run_minutes");
    expect(written).toBeLessThan(50_000);
    let s = 605;
    while (written < 50_000) {
      feed.poll(runs(s), T0 + s * 1000);
      s += 5;
      const now = count("run_minutes");
      expect(now - written).toBeGreaterThanOrEqual(Math.min(64, 50_000 - written));
      written = now;
    }
    expect(written).toBe(50_000);
    expect(history("15m", T0 + 61_000, "4321").points[0]).toEqual(answer.points[0]);
  });
});
