import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/server/store/open";
import { Feed, openIn, run, tempStore } from "./store-feed";

/** Daily totals from the runs' transferred counters, against a real store in a temporary folder. */
let opened: ReturnType<typeof tempStore>;
afterEach(() => opened.cleanup());

/** Local times (the dashboard's own dates), so the tests hold in any time zone. */
const at = (day: number, h = 12, m = 0, s = 0) => new Date(2026, 10, day, h, m, s).getTime();
const days = (n: number, now: number, runId?: string) => opened.series.totals.days("local", n, runId, now);
const today = (now: number, runId?: string) => days(1, now, runId).days[0];

describe("daily totals", () => {
  it("counts the counters' deltas per run and for the agent; the first sight of a new agent is a baseline", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    feed.poll([run(1, { tdown: 5000, tup: 10 }), run(2, { tdown: 7000, tup: 0 })], at(10));
    expect(today(at(10))).toEqual({ date: "2026-11-10", down: 0, up: 0 });
    feed.poll([run(1, { tdown: 5600, tup: 30 }), run(2, { tdown: 7000, tup: 0 })], at(10, 12, 0, 1));
    feed.poll([run(1, { tdown: 6000, tup: 30 }), run(2, { tdown: 7100, tup: 5 })], at(10, 12, 0, 2));
    expect(today(at(10, 13))).toEqual({ date: "2026-11-10", down: 1100, up: 25 });
    expect(today(at(10, 13), "1")).toEqual({ date: "2026-11-10", down: 1000, up: 20 });
    expect(today(at(10, 13), "2")).toEqual({ date: "2026-11-10", down: 100, up: 5 });
    expect(days(1, at(10), "1").from).toBe(at(10));
  });

  it("a counter that drops is a new session (the run or the agent restarted): counted from 0, never negative", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    feed.poll([run(1, { tdown: 1000, tup: 100 }), run(2, { tdown: 2000 })], at(10));
    feed.poll([run(1, { tdown: 1500, tup: 100 }), run(2, { tdown: 2500 })], at(10, 12, 0, 1));
    // Run 1 restarted on its own: 300 bytes since.
    feed.poll([run(1, { tdown: 300, tup: 40 }), run(2, { tdown: 2600 })], at(10, 12, 0, 2));
    expect(today(at(10), "1")).toEqual({ date: "2026-11-10", down: 800, up: 40 });
    // The agent restarted: every counter starts again; unreachable for a poll in between.
    feed.fail(at(10, 12, 0, 3));
    feed.poll([run(1, { tdown: 50, tup: 0 }), run(2, { tdown: 70 })], at(10, 12, 0, 9));
    expect(today(at(10), "1")).toEqual({ date: "2026-11-10", down: 850, up: 40 });
    expect(today(at(10), "2")).toEqual({ date: "2026-11-10", down: 670, up: 0 });
    expect(today(at(10))).toEqual({ date: "2026-11-10", down: 1520, up: 40 });
  });

  it("a run added later counts from 0; a removed run's bytes stay in its days", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    feed.poll([run(1, { tdown: 100 })], at(10));
    feed.poll([run(1, { tdown: 100 }), run(2, { tdown: 400, tup: 4 })], at(10, 12, 0, 1));
    feed.poll([run(1, { tdown: 150 })], at(10, 12, 0, 2));
    expect(today(at(10), "2")).toEqual({ date: "2026-11-10", down: 400, up: 4 });
    expect(today(at(10))).toEqual({ date: "2026-11-10", down: 450, up: 4 });
    expect(days(1, at(10), "2").from).toBeUndefined();
  });

  it("splits bytes at local midnight and lists every day of the range, oldest first, zeros included", () => {
    opened = tempStore();
    const feed = new Feed(opened.store);
    feed.poll([run(1, { tdown: 0 })], at(10, 23, 59, 0));
    feed.poll([run(1, { tdown: 200 })], at(10, 23, 59, 59));
    feed.poll([run(1, { tdown: 500 })], at(11, 0, 0, 1));
    feed.poll([run(1, { tdown: 600 })], at(13, 8));
    const week = days(5, at(13, 9));
    expect(week.days).toEqual([
      { date: "2026-11-09", down: 0, up: 0 },
      { date: "2026-11-10", down: 200, up: 0 },
      { date: "2026-11-11", down: 300, up: 0 },
      { date: "2026-11-12", down: 0, up: 0 },
      { date: "2026-11-13", down: 100, up: 0 },
    ]);
    // The same once written (a minute later the poll flushes).
    feed.poll([run(1, { tdown: 600 })], at(13, 8, 2));
    expect(days(5, at(13, 9))).toEqual(week);
    expect(days(40, at(13, 9)).days).toHaveLength(40);
  });

  it("keeps counting across a dashboard restart, and after a kill counts every byte once", () => {
    opened = tempStore();
    let feed = new Feed(opened.store);
    feed.poll([run(1, { tdown: 1000 })], at(10));
    feed.poll([run(1, { tdown: 1100 })], at(10, 12, 1));
    // Stopped cleanly; the agent moved 400 more bytes while the dashboard was away.
    opened.store.close();
    opened = { ...opened, ...openIn(opened.dir) };
    feed = new Feed(opened.store);
    expect(today(at(10))).toEqual({ date: "2026-11-10", down: 100, up: 0 });
    feed.poll([run(1, { tdown: 1500 })], at(10, 12, 5));
    expect(today(at(10), "1")).toEqual({ date: "2026-11-10", down: 500, up: 0 });
    // Written at the next minute; then 50 more that are not written yet when the process is killed.
    feed.poll([run(1, { tdown: 1500 })], at(10, 12, 6));
    feed.poll([run(1, { tdown: 1550 })], at(10, 12, 6, 5));
    opened.store.db.close();
    opened = { ...opened, ...openIn(opened.dir) };
    feed = new Feed(opened.store);
    feed.poll([run(1, { tdown: 1600 })], at(10, 12, 8));
    expect(today(at(10))).toEqual({ date: "2026-11-10", down: 600, up: 0 });
    opened.store.close();
    const db = openDatabase(opened.dir);
    expect(db.prepare("SELECT down FROM transfer_counters WHERE run_id = '1'").get()).toEqual({ down: 1600 });
    db.close();
  });

  it("prune drops days past HISTORY_DAYS (today counts as one)", () => {
    opened = tempStore(3);
    const feed = new Feed(opened.store);
    for (const [i, day] of [7, 8, 9, 10, 11].entries()) feed.poll([run(1, { tdown: 100 * i })], at(day));
    expect(days(5, at(11)).days.map((d) => d.down)).toEqual([0, 100, 100, 100, 100]);
    opened.store.prune(at(11));
    expect(days(5, at(11)).days.map((d) => d.down)).toEqual([0, 0, 100, 100, 100]);
  });
});
