/*
 * `npm run bench`: starts the simulator and the built dashboard, measures side by side in one run,
 * prints a table and writes bench/results.json. `--quick` shortens every phase (for a smoke run);
 * the figures in the README come from a full run. Each phase lives in a file of its own.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { agentCallsPhase } from "./agent-calls";
import { alertsPhase } from "./alerts";
import { measureBrowser } from "./browser";
import { ms, results, row, rows, s, serverPid, stack } from "./common";
import { firstLoadJs } from "./first-load";
import { fleetPhase } from "./fleet";
import { latencyPhase } from "./latency";
import { hammer, rssOf } from "./load";
import { overheadPhase } from "./overhead";
import { wirePhase } from "./wire";

results.overhead = [];
/** Other work on the machine skews every figure; the 1-minute load average is kept with each phase. */
const loads: Record<string, number> = {};
results.loadAverage = loads;

async function browser() {
  const st = await stack(5000, { UI_POLL_INTERVAL_MS: "500" });
  const f = await measureBrowser(`${st.dash.url}/agents/local`, s(60_000, 15_000), s(600_000, 60_000));
  results.browser = f;
  row("browser @5000 runs: time to first rows", ms(f.firstRowsMs), "", null);
  row(
    "browser: long-task time per poll update (UI poll 500 ms)",
    ms(f.longTaskMsPerUpdate),
    "≤ 50 ms",
    f.longTaskMsPerUpdate <= 50,
  );
  row(
    "browser: main-thread CPU per poll update (all / in long tasks)",
    `${ms(f.mainThreadCpuMsPerUpdate)} / ${ms(f.longTaskCpuMsPerUpdate)}`,
    "",
    null,
  );
  row("browser: rows in the DOM", String(f.domRows), "≤ 200", f.domRows <= 200);
  row(
    `browser: JS heap ${f.lateAtS}s vs ${f.earlyAtS}s (poll 500 ms)`,
    `${(f.heapLateBytes / 1e6).toFixed(1)} MB vs ${(f.heapEarlyBytes / 1e6).toFixed(1)} MB (${(f.heapGrowth * 100).toFixed(1)}%)`,
    "≤ 10%",
    f.heapGrowth <= 0.1,
  );
  await st.stop();
}

async function firstLoad() {
  const st = await stack(25);
  const f = await firstLoadJs(`${st.dash.url}/agents/local`);
  results.firstLoadJs = f;
  row(
    "first-load JS of /agents/[id], gzipped",
    `${(f.totalGzipBytes / 1024).toFixed(1)} KB in ${f.scripts.length} scripts`,
    "≤ 200 KB",
    f.totalGzipBytes <= 200 * 1024,
  );
  await st.stop();
}

/**
 * Leaks show as growth with requests once the server is warm: V8 sizes its heap over the first
 * minutes and the log of recent versions fills to its bound, so the first reading comes after a
 * warm-up of a third of the requests, and the second after the other two thirds.
 */
async function rss() {
  const st = await stack(100);
  const base = `${st.dash.url}/api/agents/local`;
  const urls = [
    `${base}/client`,
    `${base}/runs`,
    `${base}/tags`,
    `${base}/snapshot`,
    `${st.dash.url}/api/health`,
    `${base}/history`,
  ];
  const pid = serverPid(st.dash);
  await hammer(urls, 1000, 20);
  const cold = await rssOf(pid);
  const total = s(150_000, 15_000);
  const warmUp = total / 3;
  await hammer(urls, warmUp - 1000, 20);
  const early = await rssOf(pid);
  // Readings along the way tell a plateau (caches and heap reaching their size) from a leak
  // (growth in proportion to requests): the second half of the run should add little.
  const steps = 4;
  const series = [early];
  let r = { failures: 0 };
  for (let i = 0; i < steps; i++) {
    const done = await hammer(urls, (total - warmUp) / steps, 20);
    r = { failures: r.failures + done.failures };
    series.push(await rssOf(pid).catch(() => Number.NaN));
  }
  // A server that died under the load is a finding in itself: show why before giving up.
  const late = await rssOf(pid).catch((e: unknown) => {
    throw new Error(`server ${pid} gone after the requests (${String(e)}):\n${st.dash.output().slice(-3000)}`);
  });
  const growth = late / early - 1;
  results.rss = {
    afterRequests: [1000, warmUp, total],
    bytes: [cold, early, late],
    series,
    growth,
    failures: r.failures,
  };
  console.log(
    `bench: rss every ${((total - warmUp) / steps).toLocaleString("en")} requests after the warm-up: ${series.map((b) => (b / 1e6).toFixed(0)).join(" → ")} MB`,
  );
  row(
    `server RSS after ${total.toLocaleString("en")} vs ${warmUp.toLocaleString("en")} requests (${(cold / 1e6).toFixed(0)} MB after 1,000)`,
    `${(late / 1e6).toFixed(0)} MB vs ${(early / 1e6).toFixed(0)} MB (${(growth * 100).toFixed(1)}%)`,
    "≤ 10%",
    growth <= 0.1,
  );
  await st.stop();
}

async function main() {
  const phases: [string, () => Promise<void>][] = [
    ["agent calls", agentCallsPhase],
    ["wire", wirePhase],
    ["overhead 100", () => overheadPhase(100)],
    ["overhead 5000", () => overheadPhase(5000)],
    ["rss", rss],
    ["browser", browser],
    ["latency 100", () => latencyPhase(100)],
    ["latency 5000", () => latencyPhase(5000)],
    ["first-load", firstLoad],
    ["alerts", alertsPhase],
    ["fleet", fleetPhase],
  ];
  // `--only=a,b`: just those phases, while working on them (the table and results.json are partial then).
  const only = process.argv
    .find((a) => a.startsWith("--only="))
    ?.slice("--only=".length)
    .split(",");
  for (const [name, phase] of phases) {
    if (only && !only.includes(name)) continue;
    const started = Date.now();
    process.stdout.write(`bench: ${name}…`);
    await phase();
    loads[name] = Number(loadavg()[0]!.toFixed(2));
    process.stdout.write(` ${((Date.now() - started) / 1000).toFixed(0)} s, load ${loads[name]}\n`);
  }
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(
    `\nload average (1 min) after each phase: ${Object.entries(loads)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")} (2 cores)`,
  );
  console.log(
    rows
      .map((r) => `${r[0].padEnd(widths[0]!)}  ${r[1].padEnd(widths[1]!)}  ${r[2].padEnd(widths[2]!)}  ${r[3]}`)
      .join("\n"),
  );
  writeFileSync(path.join(__dirname, "results.json"), JSON.stringify({ ...results, table: rows }, null, 2) + "\n");
  console.log("\nwritten: bench/results.json");
  process.exit(rows.some((r) => r[3] === "MISSED") ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
