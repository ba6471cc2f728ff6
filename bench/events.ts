/*
 * `npm run bench:events`: what the event log costs a poll of 5,000 runs (the timing the unit test
 * tests/server/events-log.test.ts leaves out, since a shared machine makes milliseconds in a unit
 * test flaky; the test counts the rows each poll writes instead). Through the store's own API
 * (Store.recordPoll with the EventLog as its writer), on a real file in a temporary folder:
 * - a mass change: all 5,000 runs go into error at once (the first 20 listed and one summary);
 * - a quiet poll: one run of the 5,000 changes, p50 / p99 over 200 polls, against ≤ 20 ms (the
 *   whole poll's target, bench:store).
 * Prints a table and writes bench/out/events.json.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import type { Run } from "../lib/agent-api/runs";
import { Polls, eventStore, run } from "../tests/server/events-support";

const RUNS = 5000;
const QUIET_POLLS = 200;

function timed(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;

const { dir, store } = eventStore();
const polls = new Polls(store);
const syncing: Run[] = Array.from({ length: RUNS }, (_, i) => run(i + 1, { status: "syncing", type: "folder" }));
polls.poll(1_000, { runs: syncing });
// A few mass changes to warm up the JIT and SQLite's page cache, then the one measured, long enough
// after them that nothing coalesces with what they wrote.
for (let k = 0; k < 3; k++) {
  polls.poll(2_000 + k * 2_000, { runs: syncing.map((r) => ({ ...r, status: "error" })) });
  polls.poll(3_000 + k * 2_000, { runs: syncing });
}
const mass = polls.build(100_000, { runs: syncing.map((r) => ({ ...r, status: "error" })) });
const massMs = timed(() => polls.record(mass));

// One run changes at each poll, a different one each time (a quiet fleet's usual poll).
let runs = mass.runs.value!.slice();
const quiet: number[] = [];
for (let i = 0; i < QUIET_POLLS; i++) {
  runs = runs.slice();
  runs[i] = { ...runs[i]!, status: "syncing" };
  const next = polls.build(101_000 + i * 1_000, { runs });
  quiet.push(timed(() => polls.record(next)));
}
store.close();
rmSync(dir, { recursive: true, force: true });

const p99 = percentile(quiet, 99);
const rows: [string, string, string, string][] = [
  [`mass change: all ${RUNS.toLocaleString("en")} runs into error`, `${massMs.toFixed(1)} ms`, "", ""],
  [
    `one run of ${RUNS.toLocaleString("en")} changed (${QUIET_POLLS} polls): p50 / p99`,
    `${percentile(quiet, 50).toFixed(2)} ms / ${p99.toFixed(2)} ms`,
    "p99 ≤ 20 ms",
    p99 <= 20 ? "ok" : "MISSED",
  ],
];
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`load average (1 min): ${loadavg()[0]!.toFixed(2)} (2 cores)`);
for (const r of rows)
  console.log(`${r[0].padEnd(widths[0]!)}  ${r[1].padEnd(widths[1]!)}  ${r[2].padEnd(widths[2]!)}  ${r[3]}`);
const out = path.join(__dirname, "out");
mkdirSync(out, { recursive: true });
writeFileSync(
  path.join(out, "events.json"),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      load: loadavg()[0],
      massMs,
      quiet: { p50: percentile(quiet, 50), p99 },
      table: rows,
    },
    null,
    2,
  ) + "\n",
);
process.exit(rows.some((r) => r[3] === "MISSED") ? 1 : 0);
