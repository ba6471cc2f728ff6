import { chromium, type Page } from "@playwright/test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startDashboard, startSimulator } from "../tests/support/processes";
import { countLongTasks, launchOptions, longTaskMs, mainThreadCpu } from "./browser";
import { cpuSeconds, ms, results, row, s, serverPid, sleep } from "./common";
import { percentile } from "./load";
import { fleetViewer } from "./viewers";

/**
 * Many agents on one deck (issue 12 item 5): 50 agents of 200 runs each (one simulator process
 * serving all fifty, `--agents 50`), one dashboard watching them through AGENTS_FILE. Measured:
 * GET /api/snapshot as the overview and the fleet wall poll it (size, time, bytes a minute), and in
 * Chromium, for the overview and the wall: the first paint of every agent, the main thread's work
 * per update, and every byte the page fetches in a minute; plus the server's CPU meanwhile.
 */
const AGENTS = 50;
const RUNS = 200;
const UI_POLL_MS = 2000;

type PageFigures = {
  firstPaintMs: number;
  windowS: number;
  updates: number;
  requestsPerMinute: number;
  bytesPerMinute: number;
  byPath: Record<string, { requests: number; bytes: number }>;
  mainThreadCpuMsPerUpdate: number;
  longTaskMsPerUpdate: number;
  serverCpuPercent: number;
};

/** What the page fetches over the window (CDP's encoded sizes: what crossed the wire), grouped by route. */
async function measurePage(
  url: string,
  viewport: { width: number; height: number },
  ready: (page: Page) => Promise<void>,
  windowMs: number,
  pid: number,
  notifications = false,
): Promise<PageFigures> {
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage({ viewport });
    await countLongTasks(page);
    // Desktop notifications opted in (as the toggle stores it): the overview also follows the event log.
    if (notifications) await page.addInitScript(() => localStorage.setItem("agent-deck:notifications", "on"));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    const urls = new Map<string, string>();
    let counting = false;
    const byPath: Record<string, { requests: number; bytes: number }> = {};
    let updates = 0;
    cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
    cdp.on("Network.loadingFinished", (e) => {
      const at = urls.get(e.requestId);
      if (!counting || !at) return;
      // Agent ids fold into one route, so the table names routes, not fifty URLs.
      const route = new URL(at).pathname.replace(/^\/api\/agents\/[^/]+/, "/api/agents/{id}");
      const entry = (byPath[route] ??= { requests: 0, bytes: 0 });
      entry.requests++;
      entry.bytes += e.encodedDataLength;
      if (route === "/api/snapshot") updates++;
    });
    const started = Date.now();
    await page.goto(url);
    await ready(page);
    const firstPaintMs = Date.now() - started;
    await sleep(5000);
    const longTasks = () => longTaskMs(page);
    const tasksBefore = await longTasks();
    const cpuBefore = cpuSeconds(pid);
    counting = true;
    const cpu = await mainThreadCpu(page, windowMs);
    counting = false;
    const serverCpu = cpuSeconds(pid) - cpuBefore;
    const tasks = (await longTasks()) - tasksBefore;
    const perMinute = 60_000 / windowMs;
    const totals = Object.values(byPath).reduce((a, x) => ({ r: a.r + x.requests, b: a.b + x.bytes }), { r: 0, b: 0 });
    return {
      firstPaintMs,
      windowS: windowMs / 1000,
      updates,
      requestsPerMinute: totals.r * perMinute,
      bytesPerMinute: totals.b * perMinute,
      byPath,
      mainThreadCpuMsPerUpdate: cpu.all / Math.max(1, updates),
      longTaskMsPerUpdate: tasks / Math.max(1, updates),
      serverCpuPercent: (serverCpu / (windowMs / 1000)) * 100,
    };
  } finally {
    await browser.close();
  }
}

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;

export async function fleetPhase(): Promise<void> {
  const sim = await startSimulator(["--agents", String(AGENTS), "--runs", String(RUNS)]);
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-bench-fleet-"));
  const agentsFile = path.join(dir, "agents.json");
  const id = (i: number) => `pc-${String(i + 1).padStart(2, "0")}`;
  writeFileSync(agentsFile, JSON.stringify(sim.urls.map((url, i) => ({ id: id(i), name: `Office PC ${i + 1}`, url }))));
  const dash = await startDashboard({ AGENTS_FILE: agentsFile, UI_POLL_INTERVAL_MS: String(UI_POLL_MS) });
  const pid = serverPid(dash);
  try {
    // Every collector has polled once (health waits for the first polls, bounded).
    await fetch(`${dash.url}/api/health`);
    const windowMs = s(60_000, 20_000);

    const snapshot: Record<string, unknown> = {};
    for (const [parts, label] of [
      ["summary", "?parts=summary (overview, wall)"],
      ["runs", "with runs (scripts, deltas)"],
    ] as const) {
      // Nobody has watched for a while: the agents are at the background rate, as when a page opens.
      await sleep(12_000);
      const cpuBefore = cpuSeconds(pid);
      const viewer = await fleetViewer(`${dash.url}/api/snapshot`, UI_POLL_MS, windowMs, parts);
      const cpu = cpuSeconds(pid) - cpuBefore;
      const lat = viewer.latencies.slice(1);
      const f = {
        firstBytes: viewer.firstBytes,
        firstMs: viewer.latencies[0] ?? NaN,
        p50: percentile(lat, 50),
        p99: percentile(lat, 99),
        steadyPerMinute: (viewer.steadyBytes / Math.max(1, viewer.steadyPolls)) * (60_000 / UI_POLL_MS),
        polls: viewer.polls,
        failures: viewer.failures,
        problems: viewer.problems,
        serverCpuPercent: (cpu / (windowMs / 1000)) * 100,
      };
      snapshot[parts] = f;
      row(
        `fleet ${AGENTS}×${RUNS}: /api/snapshot ${label}: first answer / then p50 / p99`,
        `${(f.firstBytes / 1024).toFixed(0)} KB in ${ms(f.firstMs)} / ${ms(f.p50)} / ${ms(f.p99)}`,
        "",
        f.failures === 0 ? null : false,
      );
      row(
        `fleet: /api/snapshot ${label}: bytes per viewer per minute (poll ${UI_POLL_MS / 1000} s), server CPU`,
        `${mb(f.steadyPerMinute)}, ${f.serverCpuPercent.toFixed(0)}%`,
        "",
        null,
      );
    }

    const cards = async (page: Page) => {
      const lists = page.getByRole("list", { name: "Runs by status" });
      while ((await lists.count()) < AGENTS) await sleep(50);
    };
    // Each page opens cold too: nobody watching, the agents at the background rate.
    await sleep(12_000);
    const overview = await measurePage(dash.url, { width: 1600, height: 1000 }, cards, windowMs, pid);
    const tiles = async (page: Page) => {
      await page.getByText(`${AGENTS} / ${AGENTS}`, { exact: true }).waitFor({ timeout: 120_000 });
      await page.getByRole("progressbar").first().waitFor({ timeout: 120_000 });
    };
    await sleep(12_000);
    const wall = await measurePage(`${dash.url}/wall`, { width: 1920, height: 1080 }, tiles, windowMs, pid);
    await sleep(12_000);
    const withNotifications = await measurePage(dash.url, { width: 1600, height: 1000 }, cards, windowMs, pid, true);
    for (const [name, f] of [
      ["overview /", overview],
      ["fleet wall /wall", wall],
      ["overview / with notifications on", withNotifications],
    ] as const) {
      row(`fleet: ${name} first paint of all ${AGENTS} agents`, ms(f.firstPaintMs), "", null);
      row(
        `fleet: ${name} main thread per update (long tasks)`,
        `${ms(f.mainThreadCpuMsPerUpdate)} (${ms(f.longTaskMsPerUpdate)})`,
        "long tasks ≤ 50 ms",
        f.longTaskMsPerUpdate <= 50,
      );
      row(
        `fleet: ${name} bytes per minute (requests per minute), server CPU`,
        `${mb(f.bytesPerMinute)} (${f.requestsPerMinute.toFixed(0)}), ${f.serverCpuPercent.toFixed(0)}%`,
        "",
        null,
      );
    }
    results.fleet = {
      agents: AGENTS,
      runsPerAgent: RUNS,
      uiPollMs: UI_POLL_MS,
      snapshot,
      overview,
      wall,
      withNotifications,
    };
  } finally {
    await dash.stop();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
