/*
 * `npm run bench:schedules`: what the scheduler's window arithmetic costs per agent, as it runs at
 * every wake (a minute at most) and for every page's poll of /api/agents/{id}/schedules (every 5 s
 * per viewer): the merged pause now, the windows now, the next pause, the next boundary, and each
 * window's occurrence for the list. For 10 and 100 weekly windows (Mon–Fri, an hour or so each, in
 * Europe/Berlin) plus 5 maintenance windows, side by side in one run:
 * - "rebuilt": rules made anew for every evaluation (croner computes every occurrence each time),
 * - "kept": the scheduler's rules, kept while their schedule is unchanged (occurrences cached).
 * Median and p95 of 40 evaluations each, clock advancing 1 s per evaluation. Writes bench/out/schedules.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import type { ScheduleInput } from "../lib/bff/contract-schedules";
import {
  mergedPauseAt,
  nextBoundary,
  nextPauseAfter,
  occurrenceAround,
  windowRule,
  windowsAt,
  type WindowRule,
} from "../lib/server/schedules/windows";
import type { StoredSchedule } from "../lib/server/store/schedules";

const ZONE = "Europe/Berlin";
const RUNS = 40;
const START = Date.parse("2026-03-27T10:00:00Z");

function schedules(weekly: number): StoredSchedule[] {
  const out: StoredSchedule[] = [];
  const add = (spec: ScheduleInput) =>
    out.push({ id: out.length + 1, agent: "local", kind: spec.kind, spec, createdAt: 0, updatedAt: 0 });
  for (let i = 0; i < weekly; i++) {
    const h = String(i % 24).padStart(2, "0");
    const e = String((i + 1) % 24).padStart(2, "0");
    add({ kind: "weekly", days: ["mon", "tue", "wed", "thu", "fri"], from: `${h}:00`, to: `${e}:30` });
  }
  for (let i = 0; i < 5; i++) {
    const start = START + i * 86_400_000;
    add({ kind: "maintenance", start: new Date(start).toISOString(), end: new Date(start + 7_200_000).toISOString() });
  }
  return out;
}

/** One evaluation plus one answer to a page, as the scheduler and the route do them. */
function evaluate(rules: WindowRule[], now: number): void {
  mergedPauseAt(rules, now);
  windowsAt(rules, now);
  nextPauseAfter(rules, now);
  nextBoundary(rules, now);
  for (const rule of rules) occurrenceAround(rule, now);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function measure(list: StoredSchedule[], keep: boolean): { p50: number; p95: number } {
  const kept = list.map((s) => windowRule(s, ZONE)!);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const rules = keep ? kept : list.map((s) => windowRule(s, ZONE)!);
    const started = performance.now();
    evaluate(rules, START + i * 1000);
    times.push(performance.now() - started);
  }
  // The first evaluation of kept rules fills their caches: counted, as a restart or a change costs it.
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

const rows: string[][] = [["windows per agent", "rebuilt p50 / p95", "kept p50 / p95"]];
const results: Record<string, unknown> = { date: new Date().toISOString(), zone: ZONE, runs: RUNS };
for (const weekly of [10, 100]) {
  const list = schedules(weekly);
  const rebuilt = measure(list, false);
  const kept = measure(list, true);
  results[`weekly${weekly}`] = { rebuilt, kept };
  const ms = (m: { p50: number; p95: number }) => `${m.p50.toFixed(2)} / ${m.p95.toFixed(2)} ms`;
  rows.push([`${weekly} weekly + 5 maintenance`, ms(rebuilt), ms(kept)]);
}
results.loadAverage = loadavg()[0];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ")).join("\n"));
console.log(`load average (1 min): ${loadavg()[0]!.toFixed(2)} (2 cores)`);
const out = path.join(__dirname, "out");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "schedules.json"), JSON.stringify(results, null, 2) + "\n");
console.log("written: bench/out/schedules.json");
