/*
 * `npm run bench:store [-- --quick] [--runs=25,5000]`: the store after a simulated 30 days (issue 10,
 * item 7), written through the store's own API (Store.recordPoll with its writers, as at boot) with
 * synthetic timestamps, for a fleet of 25 and of 5,000 runs of which about 5% move at a time:
 * - days 1 to 29 are polled once a minute (every row the minute and hour tiers and the daily totals
 *   would hold; their poll-rate points age out after a day anyway), the last 24 hours every second,
 *   with the hourly prune at every synthetic hour;
 * - the file's size after that (WAL folded in), against ≤ 20 MB (25 runs) and ≤ 1 GB (5,000 runs);
 * - what the last 24 hours wrote to disk (the WAL and its checkpoints: what a day costs the drive);
 * - the write time per poll (the whole poll's transaction) over the last 24 hours, p99 ≤ 20 ms, and
 *   for 5 minutes of every run moving at once (a busy worst case);
 * - chart queries on the full file: 30 days of the agent, p95 ≤ 100 ms, and the other ranges and a run's.
 * Prints a table and writes bench/out/store.json. `--quick`: 3 days instead of 30 (a smoke run).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import type { HistoryRange } from "../lib/bff/contract-store";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../lib/server/store/history-tiers";
import { STORE_FILE, openDatabase } from "../lib/server/store/open";
import { installSeries } from "../lib/server/store/series";
import { Store } from "../lib/server/store/store";
import { SyntheticFleet } from "./store-fleet";

const quick = process.argv.includes("--quick");
const DAYS = quick ? 3 : 30;
const sizes = (process.argv.find((a) => a.startsWith("--runs="))?.slice("--runs=".length) ?? "25,5000")
  .split(",")
  .map(Number);
const ACTIVE_PERCENT = 5;
const POLL_MS = 1000;
const AGENT = "local";

type Row = [string, string, string, string];
const rows: Row[] = [];
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  quick,
  days: DAYS,
  activePercent: ACTIVE_PERCENT,
};
const row = (what: string, value: string, target = "", ok: boolean | null = null) =>
  rows.push([what, value, target, ok === null ? "" : ok ? "ok" : "MISSED"]);
const ms = (v: number) => `${v.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Bytes this process has written so far (Linux: /proc/self/io); NaN elsewhere. */
function bytesWritten(): number {
  try {
    return Number(/^wchar: (\d+)$/m.exec(readFileSync("/proc/self/io", "utf8"))?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

function timed(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

function simulate(n: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-bench-store-"));
  const store = new Store(openDatabase(dir));
  const series = installSeries(store, { pollIntervalMs: POLL_MS, historyDays: 30 });
  const fleet = new SyntheticFleet(n, ACTIVE_PERCENT);
  // Whole hours, ending now: the dates are real ones (daily totals use the local date).
  const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const start = end - DAYS * DAY_MS;
  const fineFrom = end - DAY_MS;
  let nextPrune = start + HOUR_MS;
  const poll = (t: number) => {
    const { next, prev } = fleet.poll(t);
    return timed(() => store.recordPoll(AGENT, next, prev));
  };
  const prune = (t: number) => {
    if (t < nextPrune) return;
    store.prune(t);
    nextPrune += HOUR_MS;
  };
  const started = performance.now();
  for (let t = start; t < fineFrom; t += MINUTE_MS) {
    poll(t);
    prune(t);
  }
  const writes: number[] = [];
  const writtenBefore = bytesWritten();
  for (let t = fineFrom; t < end; t += POLL_MS) {
    writes.push(poll(t));
    prune(t);
  }
  // What a real day costs the disk: WAL frames and checkpoints of the last 24 hours, polled every second.
  const diskPerDay = bytesWritten() - writtenBefore;
  const simulatedS = (performance.now() - started) / 1000;
  if (store.health().state !== "ok")
    throw new Error(`the store failed while writing: ${JSON.stringify(store.health())}`);
  store.db.pragma("wal_checkpoint(TRUNCATE)");
  const file = path.join(dir, STORE_FILE);
  const bytes = statSync(file).size;
  const pages = store.db.pragma("page_count", { simple: true }) as number;
  const free = store.db.pragma("freelist_count", { simple: true }) as number;
  const pageSize = store.db.pragma("page_size", { simple: true }) as number;
  const tableRows = Object.fromEntries(
    ["agent_points", "agent_minutes", "run_minutes", "run_hours", "daily_totals", "transfer_counters"].map((t) => [
      t,
      (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

  // Chart queries on the full file, as the history and totals routes ask them.
  const query = (range: HistoryRange, runId?: string) =>
    series.reader.history({ agent: AGENT, range, now: end, runId, listed: runId !== undefined });
  const busiest =
    (
      store.db.prepare("SELECT run_id AS id FROM run_hours GROUP BY run_id ORDER BY count(*) DESC LIMIT 1").get() as
        { id: string } | undefined
    )?.id ?? "1";
  const times = (fn: () => void, k = quick ? 10 : 40) => Array.from({ length: k }, () => timed(fn));
  const queries: Record<string, { p50: number; p95: number; points: number }> = {};
  for (const [label, fn] of [
    ["agent 30d", () => query("30d")],
    ["agent 7d", () => query("7d")],
    ["agent 24h", () => query("24h")],
    ["agent 6h", () => query("6h")],
    ["agent 15m", () => query("15m")],
    ["run 30d", () => query("30d", busiest)],
    ["run 24h", () => query("24h", busiest)],
    ["totals 30 days", () => series.totals.days(AGENT, 30, undefined, end)],
  ] as [string, () => unknown][]) {
    const sample = fn() as { points?: unknown[]; days?: unknown[] };
    const t = times(fn);
    queries[label] = {
      p50: percentile(t, 50),
      p95: percentile(t, 95),
      points: (sample.points ?? sample.days ?? []).length,
    };
  }

  // The worst case on top: every run moving at once, polled every second for 5 minutes.
  const busy = new SyntheticFleet(n, 100);
  const busyWrites: number[] = [];
  for (let t = end; t < end + 5 * MINUTE_MS; t += POLL_MS) {
    const { next, prev } = busy.poll(t);
    busyWrites.push(timed(() => store.recordPoll(`${AGENT}-busy`, next, prev)));
  }
  const prunes = times(() => store.prune(end + 5 * MINUTE_MS), 3);
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    runs: n,
    simulatedS,
    bytes,
    diskPerDay,
    inUseBytes: (pages - free) * pageSize,
    pages,
    freePages: free,
    tableRows,
    write: { polls: writes.length, p50: percentile(writes, 50), p99: percentile(writes, 99), max: Math.max(...writes) },
    busyWrite: {
      polls: busyWrites.length,
      p50: percentile(busyWrites, 50),
      p99: percentile(busyWrites, 99),
      max: Math.max(...busyWrites),
    },
    prune: { p50: percentile(prunes, 50) },
    queries,
  };
}

for (const n of sizes) {
  process.stdout.write(`bench:store ${n} runs, ${DAYS} days…`);
  const r = simulate(n);
  results[`runs${n}`] = r;
  process.stdout.write(` ${r.simulatedS.toFixed(0)} s, load ${loadavg()[0]!.toFixed(2)}\n`);
  const sizeTarget = n <= 25 ? 20e6 : 1e9;
  row(
    `file after ${DAYS} days, ${n} runs (${ACTIVE_PERCENT}% moving)`,
    `${mb(r.bytes)} (${mb(r.inUseBytes)} in use)`,
    n <= 25 ? "≤ 20 MB" : "≤ 1 GB",
    quick ? null : r.bytes <= sizeTarget,
  );
  row(
    `  rows: run minutes / run hours / daily totals`,
    `${r.tableRows.run_minutes} / ${r.tableRows.run_hours} / ${r.tableRows.daily_totals}`,
  );
  row(`  written to disk in the last 24 h (WAL and checkpoints)`, mb(r.diskPerDay));
  row(
    `write per poll, ${n} runs, last 24 h (${r.write.polls} polls): p50 / p99 / max`,
    `${ms(r.write.p50)} / ${ms(r.write.p99)} / ${ms(r.write.max)}`,
    "p99 ≤ 20 ms",
    r.write.p99 <= 20,
  );
  row(
    `write per poll, ${n} runs all moving (5 min): p50 / p99 / max`,
    `${ms(r.busyWrite.p50)} / ${ms(r.busyWrite.p99)} / ${ms(r.busyWrite.max)}`,
    "p99 ≤ 20 ms",
    r.busyWrite.p99 <= 20,
  );
  for (const [label, q] of Object.entries(r.queries)) {
    const target = label === "agent 30d" ? "p95 ≤ 100 ms" : "";
    row(
      `query ${label}, ${n} runs (${q.points} points): p50 / p95`,
      `${ms(q.p50)} / ${ms(q.p95)}`,
      target,
      target ? q.p95 <= 100 : null,
    );
  }
  row(`hourly prune, ${n} runs`, ms(r.prune.p50));
}

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`\nload average (1 min): ${loadavg()[0]!.toFixed(2)} (2 cores)`);
console.log(
  rows
    .map((r) => `${r[0].padEnd(widths[0]!)}  ${r[1].padEnd(widths[1]!)}  ${r[2].padEnd(widths[2]!)}  ${r[3]}`)
    .join("\n"),
);
const out = path.join(__dirname, "out");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "store.json"), JSON.stringify({ ...results, table: rows }, null, 2) + "\n");
console.log("\nwritten: bench/out/store.json");
process.exit(rows.some((r) => r[3] === "MISSED") ? 1 : 0);
