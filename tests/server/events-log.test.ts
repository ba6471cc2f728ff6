import { afterEach, describe, expect, it, vi } from "vitest";
import { EVENTS_PER_KIND } from "@/lib/server/store/events";
import { EventReader } from "@/lib/server/store/events-read";
import { Polls, eventStore, run, status } from "./events-support";

const stores: { store: { close(): void } }[] = [];
function fresh(...args: Parameters<typeof eventStore>) {
  const s = eventStore(...args);
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.store.close();
});

describe("the event log in a real store", () => {
  it("records a poll's events at the poll's time, newest first", () => {
    const { store, log } = fresh();
    const polls = new Polls(store);
    polls.poll(1_000, { runs: [run(1), run(2)] });
    polls.poll(2_000, { runs: [run(1, { status: "error" }), run(2)] });
    polls.poll(3_000, { status: status({ paused: true }) });
    const { events, next } = log.read.page({}, 100);
    expect(next).toBeUndefined();
    expect(events.map((e) => [e.kind, e.t, e.count])).toEqual([
      ["paused", 3_000, 1],
      ["run_status", 2_000, 1],
    ]);
    expect(events[1]).toMatchObject({
      agent: "local",
      severity: "error",
      runId: "1",
      runName: "run 1",
      from: "downloading",
      to: "error",
      lastT: 2_000,
    });
    expect(events[0]).toMatchObject({ actor: "outside the dashboard" });
    expect(events[0]).not.toHaveProperty("runId");
  });

  it("coalesces a flapping run: one row per direction while repeats come within the window, a new row after a quiet spell", () => {
    const { store, log } = fresh();
    const polls = new Polls(store);
    polls.poll(0, { runs: [run(1)] });
    for (let i = 1; i <= 10; i++)
      polls.poll(i * 2_000, { runs: [run(1, { status: i % 2 ? "error" : "downloading" })] });
    let rows = log.read.page({}, 100).events;
    expect(rows.map((e) => [e.to, e.count, e.t, e.lastT])).toEqual([
      ["downloading", 5, 4_000, 20_000],
      ["error", 5, 2_000, 18_000],
    ]);
    polls.poll(60_000, { runs: [run(1, { status: "error" })] });
    rows = log.read.page({}, 100).events;
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ to: "error", count: 1, t: 60_000 });
  });

  it("a mass change of 5,000 runs is the first 20 of each kind and one summary, and a poll after it writes one row", () => {
    const { store, log } = fresh();
    const polls = new Polls(store);
    const many = Array.from({ length: 5000 }, (_, i) => run(i + 1, { status: "syncing", type: "folder" }));
    polls.poll(1_000, { runs: many });
    // Rows inserted, updated or deleted so far on the store's connection: the work a poll cost the file.
    const rowsWritten = () => store.db.prepare("SELECT total_changes()").pluck().get() as number;
    const mass = polls.build(2_000, { runs: many.map((r) => ({ ...r, status: "error" })) });
    const beforeMass = rowsWritten();
    polls.record(mass);
    const massRows = rowsWritten() - beforeMass;
    const quiet = mass.runs.value!.slice();
    quiet[7] = { ...quiet[7]!, status: "syncing" };
    const one = polls.build(3_000, { runs: quiet });
    const beforeOne = rowsWritten();
    polls.record(one);
    const oneRows = rowsWritten() - beforeOne;
    const events = log.read.page({ kind: ["run_status"] }, 500).events;
    expect(events).toHaveLength(EVENTS_PER_KIND + 2);
    expect(events[0]).toMatchObject({ runId: "8", to: "syncing" });
    expect(events[1]).toMatchObject({
      severity: "error",
      message: "…and 4,980 more run status events in this poll, not listed one by one",
    });
    // Counted, not timed (the time each takes is `npm run bench:events`): 5,000 changes cost the rows
    // listed and one summary, and one change among 5,000 runs costs one row.
    expect(massRows).toBe(EVENTS_PER_KIND + 1);
    expect(oneRows).toBe(1);
  });

  it("filters by kind, severity, run and words, and pages with before / after", () => {
    const { store, log } = fresh();
    const polls = new Polls(store);
    polls.poll(0, { runs: [run(1, { name: "Photos 100%" }), run(2, { name: "Backups" })] });
    for (let i = 1; i <= 30; i++)
      polls.poll(i * 20_000, {
        runs: [
          run(1, { name: "Photos 100%", status: i % 2 ? "error" : "syncing" }),
          run(2, { name: "Backups", status: i % 3 ? "seeding" : "indexing" }),
        ],
      });
    const all = log.read.page({}, 500).events;
    const first = log.read.page({}, 10);
    expect(first.events.map((e) => e.id)).toEqual(all.slice(0, 10).map((e) => e.id));
    expect(first.next).toBe(all[9]!.id);
    const second = log.read.page({ before: first.next! }, 10);
    expect(second.events.map((e) => e.id)).toEqual(all.slice(10, 20).map((e) => e.id));
    expect(log.read.page({ after: all[3]!.id }, 100).events.map((e) => e.id)).toEqual(all.slice(0, 3).map((e) => e.id));
    expect(log.read.page({ runId: "2" }, 500).events.every((e) => e.runId === "2")).toBe(true);
    expect(log.read.page({ severity: ["error"] }, 500).events.every((e) => e.to === "error" && e.runId === "1")).toBe(
      true,
    );
    expect(log.read.page({ kind: ["run_status", "paused"] }, 500).events).toHaveLength(
      all.filter((e) => e.kind === "run_status").length,
    );
    // The % of the query is a percent sign, not a wildcard.
    expect(log.read.page({ q: "100%" }, 500).events.every((e) => e.runName === "Photos 100%")).toBe(true);
    expect(log.read.page({ q: "0%s" }, 500).events).toEqual([]);
    expect(log.read.page({ q: "backUPS" }, 500).events.length).toBeGreaterThan(0);
    expect(log.read.page({ agent: "other" }, 500).events).toEqual([]);
  });

  it("a search reads a bounded span of the log per request and says where to go on", () => {
    const { store, log } = fresh();
    const polls = new Polls(store);
    polls.poll(0, { runs: [run(1, { name: "needle" }), run(2)] });
    for (let i = 1; i <= 40; i++)
      polls.poll(i * 20_000, {
        runs: [
          run(1, { name: "needle", status: i % 2 ? "error" : "syncing" }),
          run(2, { status: i % 2 ? "seeding" : "indexing" }),
        ],
      });
    const all = log.read.page({ q: "needle" }, 500).events;
    expect(all.length).toBe(40);
    const reader = new EventReader(store.db, 10);
    const found: number[] = [];
    let before: number | undefined;
    let requests = 0;
    do {
      const page = reader.page({ q: "needle", ...(before ? { before } : {}) }, 3);
      expect(page.events.length).toBeLessThanOrEqual(3);
      found.push(...page.events.map((e) => e.id));
      before = page.next;
      requests++;
    } while (before !== undefined);
    expect(found).toEqual(all.map((e) => e.id));
    expect(requests).toBeGreaterThan(all.length / 3);
  });

  it("prune drops events older than EVENTS_DAYS", () => {
    const { store, log } = fresh({ eventsDays: 1 });
    const polls = new Polls(store);
    const day = 86_400_000;
    polls.poll(1_000, { runs: [run(1)] });
    polls.poll(2_000, { runs: [run(1, { status: "error" })] });
    polls.poll(day + 5_000, { runs: [run(1, { status: "syncing" })] });
    store.prune(day + 3_000);
    expect(log.read.page({}, 100).events.map((e) => e.t)).toEqual([day + 5_000]);
  });

  it("prunes a large backlog a batch at a time, a second apart, without holding the process", () => {
    const { store, log } = fresh({ eventsDays: 1 });
    const insert = store.db.prepare(
      "INSERT INTO events (t, last_t, agent, kind, severity, message) VALUES (?, ?, 'local', 'run_status', 'info', 'm')",
    );
    store.write(() => {
      for (let i = 0; i < 12_000; i++) insert.run(i, i);
    });
    const left = () => (store.db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
    // The clock the next batches wait on is the test's: a second between batches, without waiting one.
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const started = performance.now();
      store.prune(86_400_000 + 20_000);
      const firstStepMs = performance.now() - started;
      expect(left()).toBe(7_000);
      vi.advanceTimersByTime(999);
      expect(left()).toBe(7_000);
      vi.advanceTimersByTime(1);
      expect(left()).toBe(2_000);
      vi.advanceTimersByTime(1_000);
      expect(left()).toBe(0);
      expect(log.read.page({}, 10).events).toHaveLength(0);
      // A batch smaller than a whole one was the last: nothing more is scheduled.
      expect(vi.getTimerCount()).toBe(0);
      console.log(`prune: first step of 5,000 events ${firstStepMs.toFixed(0)} ms`);
    } finally {
      vi.useRealTimers();
    }
  });

  it("names the dashboard's user for the changes it asked for, and only when seen soon after", () => {
    const { store, log } = fresh();
    const polls = new Polls(store);
    polls.poll(1_000, { tags: [{ name: "SITE", value: "Berlin" }] });
    log.expect("local", "paused", "dashboard (admin, 10.0.0.5)", 1_500);
    polls.poll(2_000, { status: status({ paused: true }) });
    log.expect("local", "resumed", "dashboard (admin, 10.0.0.5)", 2_500);
    polls.poll(60_000, { status: status() });
    log.expect("local", "tags_changed", "dashboard (view, ::1)", 60_500);
    polls.poll(61_000, { tags: [{ name: "SITE", value: "Paris" }] });
    polls.poll(62_000, { tags: [{ name: "SITE", value: "Rome" }] });
    const actors = log.read.page({}, 100).events.map((e) => [e.kind, e.actor]);
    expect(actors).toEqual([
      ["tags_changed", "outside the dashboard"],
      ["tags_changed", "dashboard (view, ::1)"],
      ["resumed", "outside the dashboard"],
      ["paused", "dashboard (admin, 10.0.0.5)"],
    ]);
  });

  it("a resume by the dashboard's timer, and a restart asked for, then completed", () => {
    const { store, log } = fresh();
    const polls = new Polls(store);
    polls.poll(1_000, { status: status({ restartRequired: true }) });
    log.expect("local", "paused", "dashboard (admin)", 1_100);
    log.setResumeTimer("local", 31_000);
    polls.poll(2_000, { status: status({ paused: true, restartRequired: true }) });
    polls.poll(31_500, { status: status({ restartRequired: true }) });
    log.restartRequested("local", "dashboard (admin, 127.0.0.1)", 40_000);
    polls.poll(45_000, { status: status() });
    const events = log.read.page({}, 100).events.map((e) => [e.kind, e.actor]);
    expect(events).toEqual([
      ["restart_completed", "dashboard (admin, 127.0.0.1)"],
      ["restart_requested", "dashboard (admin, 127.0.0.1)"],
      ["resumed", "resume timer"],
      ["paused", "dashboard (admin)"],
    ]);
  });

  it("dashboard_started once per agent; a poll rolled back leaves nothing and does not confuse coalescing", () => {
    const { store, log } = fresh();
    log.dashboardStarted(["a", "b"], 500);
    expect(log.read.page({ kind: ["dashboard_started"] }, 10).events.map((e) => e.agent)).toEqual(["b", "a"]);
    let failing = false;
    store.addWriter({
      onPoll: () => {
        if (failing) throw new Error("disk full");
      },
    });
    const polls = new Polls(store, "a");
    polls.poll(1_000, { runs: [run(1)] });
    failing = true;
    polls.poll(2_000, { runs: [run(1, { status: "error" })] });
    failing = false;
    expect(log.read.page({ agent: "a", kind: ["run_status"] }, 10).events).toEqual([]);
    expect(store.health().state).toBe("failing");
    // The rolled-back row's id is given to the next insert; the repeat of the rolled-back event must not land on it.
    polls.poll(3_000, { runs: [run(1, { status: "downloading" })] });
    polls.poll(4_000, { runs: [run(1, { status: "error" })] });
    expect(store.health().state).toBe("ok");
    const rows = log.read.page({ agent: "a", kind: ["run_status"] }, 10).events.map((e) => [e.from, e.to, e.count]);
    expect(rows).toEqual([
      ["downloading", "error", 1],
      ["error", "downloading", 1],
    ]);
  });
});
