import { chromium, type Browser, type CDPSession, type Page } from "@playwright/test";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Browser-side measurements in Chromium: time to first rows, long-task time per poll update, DOM
 * rows, JS heap (the page's, plus any dedicated worker's: there is none since the snapshot
 * pipeline, but a worker's heap would be the page's cost too) early against late. Long tasks are what the
 * browser reports (wall time of tasks over 50 ms, from the very start); on a busy machine a task is
 * long because the CPU was taken away, so a trace also gives the main thread's own CPU time.
 */
const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
export const launchOptions = { executablePath, args: ARGS };

export type BrowserFigures = {
  firstRowsMs: number;
  longTaskMsPerUpdate: number;
  pollUpdates: number;
  domRows: number;
  mainThreadCpuMsPerUpdate: number;
  longTaskCpuMsPerUpdate: number;
  heapEarlyBytes: number;
  heapLateBytes: number;
  heapGrowth: number;
  earlyAtS: number;
  lateAtS: number;
};

type Heap = { used: number };

/** Sends one DevTools call to an attached worker (non-flattened session) and waits for its answer. */
function callTarget(cdp: CDPSession, sessionId: string, id: number, method: string): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (e: { sessionId?: string; message: string }) => {
      const msg = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (e.sessionId !== sessionId || msg.id !== id) return;
      cdp.off("Target.receivedMessageFromTarget", onMessage);
      resolve(msg.result);
    };
    cdp.on("Target.receivedMessageFromTarget", onMessage);
    void cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method }) });
  });
}

/** JS heap in use after a full GC, the page's plus each of its dedicated workers'. */
async function heapAfterGc(page: Page): Promise<Heap> {
  const cdp = await page.context().newCDPSession(page);
  const workers: string[] = [];
  cdp.on("Target.attachedToTarget", (e) => {
    if (e.targetInfo.type === "worker") workers.push(e.sessionId);
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await page.waitForTimeout(200);
  await cdp.send("HeapProfiler.collectGarbage");
  let used = (await cdp.send("Runtime.getHeapUsage")).usedSize;
  let id = 0;
  for (const sessionId of workers) {
    await callTarget(cdp, sessionId, ++id, "HeapProfiler.collectGarbage");
    used += ((await callTarget(cdp, sessionId, ++id, "Runtime.getHeapUsage")) as { usedSize: number }).usedSize;
  }
  await cdp.detach();
  return { used };
}

/** Main-thread CPU time (not wall time) over a window, in all tasks and in the long ones. */
export async function mainThreadCpu(page: Page, ms: number): Promise<{ all: number; long: number }> {
  const file = path.join(tmpdir(), `agent-deck-bench-trace-${process.pid}.json`);
  const browser = page.context().browser()!;
  await browser.startTracing(page, {
    path: file,
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"],
  });
  await page.waitForTimeout(ms);
  await browser.stopTracing();
  type Event = {
    name: string;
    ph: string;
    pid: number;
    tid: number;
    dur?: number;
    tdur?: number;
    args?: { name?: string };
  };
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { traceEvents?: Event[] } | Event[];
  rmSync(file, { force: true });
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set(
    events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events.filter((e) => e.ph === "X" && e.name === "RunTask" && mains.has(`${e.pid}:${e.tid}`));
  const cpu = (list: Event[]) => list.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000;
  return { all: cpu(tasks), long: cpu(tasks.filter((e) => (e.dur ?? 0) > 50_000)) };
}

/** Counts the page's long tasks from the very start, before any app script runs. */
export async function countLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({
      type: "longtask",
      buffered: true,
    });
  });
}

/** The wall time of the page's long tasks so far (countLongTasks must have been installed). */
export function longTaskMs(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.reduce((a, b) => a + b, 0));
}

export async function measureBrowser(pageUrl: string, earlyMs: number, lateMs: number): Promise<BrowserFigures> {
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await countLongTasks(page);
    let snapshotAnswers = 0;
    // A poll update is one answer of the page's one query, the snapshot (full or delta).
    page.on("response", (res) => {
      if (/\/api\/agents\/[^/]+\/snapshot$/.test(new URL(res.url()).pathname) && res.status() === 200)
        snapshotAnswers++;
    });
    const started = Date.now();
    await page.goto(pageUrl);
    await page.locator("tbody [role=progressbar]").first().waitFor({ timeout: 60_000 });
    const firstRowsMs = Date.now() - started;

    await page.waitForTimeout(Math.max(0, earlyMs - (Date.now() - started)));
    const heapEarly = await heapAfterGc(page);
    const longTaskSum = () => longTaskMs(page);
    const tasksBefore = await longTaskSum();
    const updatesBefore = snapshotAnswers;
    // A 20 s trace inside the window gives the CPU figures; the rest just runs.
    const traceUpdatesBefore = snapshotAnswers;
    const cpu = await mainThreadCpu(page, 20_000);
    const traceUpdates = Math.max(1, snapshotAnswers - traceUpdatesBefore);
    await page.waitForTimeout(Math.max(0, lateMs - (Date.now() - started)));
    const tasksAfter = await longTaskSum();
    const pollUpdates = snapshotAnswers - updatesBefore;
    const heapLate = await heapAfterGc(page);
    const domRows = await page.locator("tbody tr").count();
    return {
      firstRowsMs,
      pollUpdates,
      domRows,
      longTaskMsPerUpdate: pollUpdates ? (tasksAfter - tasksBefore) / pollUpdates : NaN,
      mainThreadCpuMsPerUpdate: cpu.all / traceUpdates,
      longTaskCpuMsPerUpdate: cpu.long / traceUpdates,
      heapEarlyBytes: heapEarly.used,
      heapLateBytes: heapLate.used,
      heapGrowth: heapLate.used / heapEarly.used - 1,
      earlyAtS: earlyMs / 1000,
      lateAtS: lateMs / 1000,
    };
  } finally {
    await browser.close();
  }
}

/**
 * A page as Lighthouse's preset sees it, for the probes (bench/*-probe.ts): mobile is 412×823 with
 * touch and a CPU 4x slower (Lighthouse simulates that slowdown; here it is applied), desktop
 * 1350×940 at full speed. Its DevTools session comes along for the probe's own recording.
 */
export async function lighthouseView(browser: Browser, mobile: boolean): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.newPage(
    mobile
      ? { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true }
      : { viewport: { width: 1350, height: 940 } },
  );
  const cdp = await page.context().newCDPSession(page);
  if (mobile) await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return { page, cdp };
}
