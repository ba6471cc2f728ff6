import { chromium, type Page } from "@playwright/test";
import { launchOptions } from "./browser";
import { ms, results, row, s, sleep, stack, type Stack } from "./common";
import { percentile } from "./load";

/**
 * Change-to-screen latency in Chromium, at `runs` runs (5,000, and 100 to tell the cost of size
 * from the pipeline's), the dashboard at its default intervals
 * (collector POLL_INTERVAL_MS 1000, page UI_POLL_INTERVAL_MS 2000): from a change on the agent
 * (the simulator's control API pausing or resuming it) to the status card's State showing it, and
 * from a click on the page (Pause until resumed / Resume) to the button that follows being usable.
 * Times are taken on the same clock: the page's Date.now() is the machine's, as Node's is.
 */
const POLL_MS = 1000;
const UI_POLL_MS = 2000;

declare global {
  interface Window {
    __seenAt?: number;
  }
}

/** Records in the page when the State row first reads `want`, from now on. */
async function watchState(page: Page, want: string): Promise<void> {
  await page.evaluate((text) => {
    window.__seenAt = 0;
    const state = () =>
      [...document.querySelectorAll("dt")].find((dt) => dt.textContent === "State")?.nextElementSibling?.textContent ??
      "";
    const check = () => {
      if (window.__seenAt || !state().startsWith(text)) return;
      window.__seenAt = Date.now();
      observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    check();
  }, want);
}

async function seenAt(page: Page): Promise<number> {
  return (
    await page.waitForFunction(() => window.__seenAt, undefined, { timeout: 20_000 })
  ).jsonValue() as Promise<number>;
}

async function fromAgent(st: Stack, page: Page, paused: boolean): Promise<number> {
  await watchState(page, paused ? "Paused" : "Running");
  const t0 = Date.now();
  await st.control("PUT", "/state", { paused });
  return (await seenAt(page)) - t0;
}

/** Clicks the button named `click` in the page and times until an enabled button named `then` is there. */
function fromPage(page: Page, click: string, then: string): Promise<number> {
  return page.evaluate(
    ([clickName, thenName]) =>
      new Promise<number>((resolve, reject) => {
        const named = (name: string) =>
          [...document.querySelectorAll("button")].find(
            (b) => !b.disabled && (b.getAttribute("aria-label") ?? b.textContent) === name,
          );
        const ready = () => named(thenName!) !== undefined;
        const button = named(clickName!);
        if (!button) return reject(new Error(`no button ${clickName}`));
        const observer = new MutationObserver(() => {
          if (!ready()) return;
          observer.disconnect();
          resolve(Date.now() - t0);
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        const t0 = Date.now();
        button.click();
      }),
    [click, then] as const,
  );
}

const stats = (v: number[]) => ({ samples: v, p50: percentile(v, 50), p95: percentile(v, 95) });

export async function latencyPhase(runs: number): Promise<void> {
  const st = await stack(runs);
  const browser = await chromium.launch(launchOptions);
  const agent: number[] = [],
    pause: number[] = [],
    resume: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // tsx compiles with esbuild's keepNames, which wraps the named helpers inside the functions
    // handed to page.evaluate in calls to its own `__name`; the page has none, so it gets a no-op.
    await page.addInitScript(() => {
      (window as unknown as { __name: unknown }).__name = (f: unknown) => f;
    });
    await page.goto(`${st.dash.url}/agents/local`);
    await page.locator("tbody [role=progressbar]").first().waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Pause until resumed" }).waitFor();
    const n = s(10, 3);
    // A random wait before each change, so changes fall at every phase of the two poll clocks.
    for (let i = 0; i < n; i++) {
      for (const paused of [true, false]) {
        await sleep(500 + Math.random() * UI_POLL_MS);
        agent.push(await fromAgent(st, page, paused));
      }
    }
    await page.getByRole("button", { name: "Pause until resumed" }).waitFor();
    for (let i = 0; i < n; i++) {
      await sleep(500 + Math.random() * 1000);
      pause.push(await fromPage(page, "Pause until resumed", "Resume"));
      await sleep(500 + Math.random() * 1000);
      resume.push(await fromPage(page, "Resume", "Pause until resumed"));
    }
  } finally {
    await browser.close();
    await st.stop();
  }
  const a = stats(agent),
    p = stats(pause),
    r = stats(resume);
  results.latency = [
    ...((results.latency as unknown[] | undefined) ?? []),
    { runs, pollIntervalMs: POLL_MS, uiPollIntervalMs: UI_POLL_MS, fromAgent: a, pauseClick: p, resumeClick: r },
  ];
  row(
    `change to screen @${runs} runs, from the agent (poll ${POLL_MS} ms, UI poll ${UI_POLL_MS} ms) p50/p95`,
    `${ms(a.p50)} / ${ms(a.p95)} (${agent.length} samples)`,
    "",
    null,
  );
  row(
    `change to screen @${runs} runs, Pause clicked → Resume p50/p95`,
    `${ms(p.p50)} / ${ms(p.p95)} (${pause.length} samples)`,
    "p95 ≤ 500 ms",
    p.p95 <= 500,
  );
  row(
    `change to screen @${runs} runs, Resume clicked → Pause p50/p95`,
    `${ms(r.p50)} / ${ms(r.p95)} (${resume.length} samples)`,
    "",
    null,
  );
}
