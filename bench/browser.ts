import { chromium, type Page } from "@playwright/test";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** Browser-side measurements in Chromium: first rows, long tasks per poll, DOM rows, heap, JS size. */
const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  await cdp.detach();
  return metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? NaN;
}

export type BrowserFigures = {
  firstRowsMs: number; longTaskMsPerUpdate: number; pollUpdates: number; domRows: number;
  heapEarlyBytes: number; heapLateBytes: number; heapGrowth: number; firstLoadJsGzipBytes: number;
  earlyAtS: number; lateAtS: number;
};

export async function measureBrowser(pageUrl: string, earlyMs: number, lateMs: number): Promise<BrowserFigures> {
  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // Count long tasks from the very start, before any app script runs.
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });
    });
    const scripts: Promise<number>[] = [];
    let runsResponses = 0;
    page.on("response", (res) => {
      const url = new URL(res.url());
      if (res.request().resourceType() === "script" && url.origin === new URL(pageUrl).origin) {
        scripts.push(res.body().then((b) => gzipSync(b).length, () => 0));
      }
      if (/\/api\/agents\/[^/]+\/runs$/.test(url.pathname)) runsResponses++;
    });
    const started = Date.now();
    await page.goto(pageUrl);
    await page.locator("tbody [role=progressbar]").first().waitFor({ timeout: 60_000 });
    const firstRowsMs = Date.now() - started;
    await page.waitForLoadState("networkidle").catch(() => undefined);
    const firstLoadJsGzipBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);

    // Let it settle, then measure long tasks over the polling window only.
    await page.waitForTimeout(Math.max(0, earlyMs - (Date.now() - started)));
    const heapEarlyBytes = await heapAfterGc(page);
    const tasksBefore = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.reduce((a, b) => a + b, 0));
    const updatesBefore = runsResponses;
    await page.waitForTimeout(Math.max(0, lateMs - (Date.now() - started)));
    const heapLateBytes = await heapAfterGc(page);
    const tasksAfter = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.reduce((a, b) => a + b, 0));
    const pollUpdates = runsResponses - updatesBefore;
    const domRows = await page.locator("tbody tr").count();
    return {
      firstRowsMs, pollUpdates, domRows, heapEarlyBytes, heapLateBytes, firstLoadJsGzipBytes,
      longTaskMsPerUpdate: pollUpdates ? (tasksAfter - tasksBefore) / pollUpdates : NaN,
      heapGrowth: heapLateBytes / heapEarlyBytes - 1,
      earlyAtS: earlyMs / 1000, lateAtS: lateMs / 1000,
    };
  } finally {
    await browser.close();
  }
}
