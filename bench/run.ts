/**
 * `npm run bench`: starts the simulator and the built dashboard, measures side by side in one run,
 * prints a table and writes bench/results.json. `--quick` shortens every phase (for a smoke run);
 * the figures in the README come from a full run.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { startDashboard, startSimulator, type Dashboard } from "../tests/support/processes";
import { measureBrowser } from "./browser";
import { firstLoadJs } from "./first-load";
import { get, hammer, percentile, pollers, rssOf } from "./load";

const quick = process.argv.includes("--quick");
const s = (full: number, short: number) => (quick ? short : full);
const ms = (v: number) => `${v.toFixed(1)} ms`;
const rows: [string, string, string, string][] = [];
const results: Record<string, unknown> = { quick, date: new Date().toISOString() };
const overheadResults: unknown[] = [];
results.overhead = overheadResults;
const row = (what: string, value: string, target: string, ok: boolean | null) => rows.push([what, value, target, ok === null ? "" : ok ? "ok" : "MISSED"]);
/** Other work on the machine skews every figure; the 1-minute load average is kept with each phase. */
const loads: Record<string, number> = {};
results.loadAverage = loads;

async function stack(runs: number, env: Record<string, string> = {}) {
  const sim = await startSimulator(["--runs", String(runs)]);
  const dash = await startDashboard({ AGENT_URL: sim.url, AGENT_NAME: "Bench agent", ...env });
  const control = async (method: string, p: string) => (await fetch(sim.controlUrl + p, { method })).json() as Promise<unknown>;
  const stop = async () => { await dash.stop(); await sim.stop(); };
  return { sim, dash, control, stop };
}

/**
 * The server process: start.mjs is a thin launcher that spawns `next start` (next-server); the
 * launcher's own memory is constant and is not the server's, so only its child is measured.
 */
function serverPid(dash: Dashboard): number {
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(dash.child.pid)]).toString().trim().split(/\s+/).filter(Boolean).map(Number);
  if (children.length !== 1) throw new Error(`expected one server process under the launcher, found ${children.length}`);
  return children[0]!;
}

async function fanIn() {
  const st = await stack(100);
  const base = `${st.dash.url}/api/agents/local`;
  const urls = [`${base}/client`, `${base}/runs`, `${base}/tags`];
  for (const u of urls) await get(u); // warm up: token, first load of each route's module
  await st.control("DELETE", "/requests");
  const seconds = s(30, 8);
  const r = await pollers(urls, 50, 1000, seconds * 1000);
  const stats = (await st.control("GET", "/stats")) as { requests: Record<string, number> };
  const perResource = Object.fromEntries(["GET /api/v3/client", "GET /api/v3/runs", "GET /api/v3/tags"].map((k) => [k, (stats.requests[k] ?? 0) / seconds]));
  const worst = Math.max(...Object.values(perResource));
  results.fanIn = { viewers: 50, seconds, requests: r.latencies.length, failures: r.failures, upstreamPerResourcePerSecond: perResource, p50: percentile(r.latencies, 50), p99: percentile(r.latencies, 99) };
  row("fan-in: upstream calls/resource/s (50 viewers)", worst.toFixed(2), "≤ 1.1 (naive proxy: 50)", worst <= 1.1);
  row("fan-in: BFF p50 / p99", `${ms(percentile(r.latencies, 50))} / ${ms(percentile(r.latencies, 99))}`, "", null);
  await st.stop();
}

async function overhead(runs: number) {
  const st = await stack(runs);
  const token = ((await (await fetch(`${st.sim.url}/api/v3/token`)).json()) as { token: string }).token;
  const direct = `${st.sim.url}/api/v3/runs?token=${token}`;
  const bff = `${st.dash.url}/api/agents/local/runs`;
  await get(bff);
  const n = s(400, 80);
  // Interleave so both sides see the same machine load at the same time.
  const d: number[] = [], b: number[] = [];
  for (let i = 0; i < n; i++) { d.push((await get(direct)).ms); b.push((await get(bff)).ms); }
  const out = { runs, direct: { p50: percentile(d, 50), p99: percentile(d, 99) }, bff: { p50: percentile(b, 50), p99: percentile(b, 99) } };
  overheadResults.push(out);
  row(`overhead @${runs} runs: direct p50/p99`, `${ms(out.direct.p50)} / ${ms(out.direct.p99)}`, "", null);
  row(`overhead @${runs} runs: BFF p50/p99 (ratio p50)`, `${ms(out.bff.p50)} / ${ms(out.bff.p99)} (×${(out.bff.p50 / out.direct.p50).toFixed(2)})`, "", null);
  await st.stop();
}

async function browser() {
  const st = await stack(5000, { UI_POLL_INTERVAL_MS: "500" });
  const f = await measureBrowser(`${st.dash.url}/agents/local`, s(60_000, 15_000), s(600_000, 60_000));
  results.browser = f;
  row("browser @5000 runs: time to first rows", ms(f.firstRowsMs), "", null);
  row("browser: long-task time per poll update", ms(f.longTaskMsPerUpdate), "≤ 50 ms", f.longTaskMsPerUpdate <= 50);
  row("browser: main-thread CPU per poll update (all / in long tasks)", `${ms(f.mainThreadCpuMsPerUpdate)} / ${ms(f.longTaskCpuMsPerUpdate)}`, "", null);
  row("browser: rows in the DOM", String(f.domRows), "≤ 200", f.domRows <= 200);
  row(`browser: JS heap ${f.lateAtS}s vs ${f.earlyAtS}s (poll 500 ms)`, `${(f.heapLateBytes / 1e6).toFixed(1)} MB vs ${(f.heapEarlyBytes / 1e6).toFixed(1)} MB (${(f.heapGrowth * 100).toFixed(1)}%)`, "≤ 10%", f.heapGrowth <= 0.1);
  await st.stop();
}

async function firstLoad() {
  const st = await stack(25);
  const f = await firstLoadJs(`${st.dash.url}/agents/local`);
  results.firstLoadJs = f;
  row("first-load JS of /agents/[id], gzipped", `${(f.totalGzipBytes / 1024).toFixed(1)} KB in ${f.scripts.length} scripts`, "≤ 200 KB", f.totalGzipBytes <= 200 * 1024);
  await st.stop();
}

async function rss() {
  const st = await stack(100);
  const base = `${st.dash.url}/api/agents/local`;
  const urls = [`${base}/client`, `${base}/runs`, `${base}/tags`, `${st.dash.url}/api/health`, `${base}/history`];
  const pid = serverPid(st.dash);
  await hammer(urls, 1000, 20);
  const early = await rssOf(pid);
  const total = s(100_000, 10_000);
  const r = await hammer(urls, total - 1000, 20);
  const late = await rssOf(pid);
  const growth = late / early - 1;
  results.rss = { afterRequests: [1000, total], bytes: [early, late], growth, failures: r.failures };
  row(`server RSS after ${total.toLocaleString("en")} vs 1,000 requests`, `${(late / 1e6).toFixed(0)} MB vs ${(early / 1e6).toFixed(0)} MB (${(growth * 100).toFixed(1)}%)`, "≤ 10%", growth <= 0.1);
  await st.stop();
}

async function main() {
  const phases: [string, () => Promise<void>][] = [
    ["fan-in", fanIn], ["overhead 100", () => overhead(100)], ["overhead 5000", () => overhead(5000)], ["rss", rss], ["browser", browser], ["first-load", firstLoad],
  ];
  for (const [name, phase] of phases) {
    process.stdout.write(`bench: ${name}…\n`);
    await phase();
    loads[name] = Number(loadavg()[0]!.toFixed(2));
  }
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(`\nload average (1 min) after each phase: ${Object.entries(loads).map(([k, v]) => `${k} ${v}`).join(", ")} (2 cores)`);
  console.log(rows.map((r) => `${r[0].padEnd(widths[0]!)}  ${r[1].padEnd(widths[1]!)}  ${r[2].padEnd(widths[2]!)}  ${r[3]}`).join("\n"));
  writeFileSync(path.join(__dirname, "results.json"), JSON.stringify({ ...results, table: rows }, null, 2) + "\n");
  console.log("\nwritten: bench/results.json");
  process.exit(rows.some((r) => r[3] === "MISSED") ? 1 : 0);
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
