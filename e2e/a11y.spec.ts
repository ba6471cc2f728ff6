import { request as playwrightRequest, test, type Browser, type Page } from "@playwright/test";
import { DEFAULT_FLEET, expect, startFleet } from "./support/multi-agent";
import { ALL_STATES, AUDITED_PAGES, type AuditedPage, type FleetFacts, type PageState } from "./support/a11y-pages";
import {
  axeScan,
  describeViolations,
  holdApi,
  progressContrastProblems,
  recordScan,
  reflowProblems,
} from "./support/axe";
import { scrollThrough } from "./support/page-checks";
import type { Run } from "../lib/agent-api/runs";

/*
 * Accessibility by axe-core (WCAG 2.0/2.1 A and AA, every impact): every page of e2e/support/a11y-pages.ts
 * in light and dark, at 1600 and 390 px, with its data, while loading and in an outage. Beyond axe:
 * at 390 px the page must reflow (WCAG 1.4.10: nothing cut off at the side, no sideways scrolling),
 * and every progress bar's fill must hold 3:1 against its track (WCAG 1.4.11, which axe leaves out).
 *
 * One fleet per state (office-pc with 25 runs, render-nas, lab-mac that never answers), behind
 * DASHBOARD_PASSWORD so the sign-in page is a real one. Loading holds every answer the page asks the
 * dashboard for; the outage stops office-pc's agent after the dashboard has seen it. Each result also
 * lands in test-results/axe/summary.jsonl, with a screenshot beside it.
 */
const PASSWORD = "correct horse battery staple";
const THEMES = ["light", "dark"] as const;
const WIDTHS = [
  { label: "1600 px", width: 1600, height: 1000 },
  { label: "390 px", width: 390, height: 844 },
];

type Stack = Awaited<ReturnType<typeof startFleet>>;
const slug = (name: string) => name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();

async function signedInRequest(baseURL: string) {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post("/api/session", { data: { password: PASSWORD }, headers: { origin: baseURL } });
  expect(res.status()).toBe(200);
  return api;
}

/** Starts the fleet and brings it into the state: data as it comes; outage once office-pc had data and went away. */
async function prepare(state: PageState): Promise<{ stack: Stack; facts: FleetFacts }> {
  const stack = await startFleet(DEFAULT_FLEET, { DASHBOARD_PASSWORD: PASSWORD });
  const api = await signedInRequest(stack.dashboard.url);
  try {
    let runs: Run[] = [];
    await expect
      .poll(async () => {
        const res = await api.get("/api/agents/office-pc/runs");
        runs = res.ok() ? ((await res.json()) as Run[]) : [];
        return runs.length;
      })
      .toBe(25);
    if (state === "outage") {
      // The agent goes down: its process stops, so connections are refused from now on.
      await stack.member("office-pc").sim!.stop();
      await expect.poll(async () => (await api.get("/api/agents/office-pc/client")).status()).toBe(503);
    }
    return { stack, facts: { runId: runs[0]!.run_id } };
  } finally {
    await api.dispose();
  }
}

async function openPage(browser: Browser, baseURL: string, theme: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ baseURL, colorScheme: theme as "light" | "dark", viewport });
  return { context, page: await context.newPage() };
}

/** Brings the page on screen in the state, and says how it knows it is there. */
async function show(page: Page, entry: AuditedPage, facts: FleetFacts, state: PageState) {
  const path = entry.path(facts);
  if (state === "loading") {
    const hold = await holdApi(page);
    await page.goto(path);
    // The page has hydrated and asked for its data; nothing has answered.
    await expect.poll(hold.held).toBeGreaterThan(0);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return hold.release;
  }
  await page.goto(path);
  // Panels below the first screen are drawn when scrolled near (at 390 px the agent page's runs), once
  // the page is live: scroll through it until they are.
  await expect(async () => {
    await scrollThrough(page);
    await expect(entry.ready(page).first()).toBeVisible({ timeout: 2000 });
  }).toPass();
  if (state === "outage")
    await expect(
      page
        .getByText(/unreachable|cannot be reached/i)
        .filter({ visible: true })
        .first(),
    ).toBeVisible();
  // Panels that load after the first paint have filled in.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  return async () => undefined;
}

for (const state of ALL_STATES) {
  test.describe(`axe, ${state}`, () => {
    let stack: Stack | undefined;
    let facts: FleetFacts;
    test.beforeAll(async ({}, testInfo) => {
      testInfo.setTimeout(240_000);
      ({ stack, facts } = await prepare(state));
    });
    test.afterAll(async () => {
      await stack?.stop();
    });

    for (const entry of AUDITED_PAGES.filter((p) => (p.states ?? ALL_STATES).includes(state)))
      for (const theme of THEMES)
        for (const size of WIDTHS)
          test(`${entry.name} · ${theme} · ${size.label}`, async ({ browser }) => {
            const baseURL = stack!.dashboard.url;
            const { context, page } = await openPage(browser, baseURL, theme, size);
            try {
              if (!entry.signedOut) {
                const res = await context.request.post("/api/session", {
                  data: { password: PASSWORD },
                  headers: { origin: baseURL },
                });
                expect(res.status()).toBe(200);
              }
              const release = await show(page, entry, facts, state);
              // The theme asked for is the one on screen (walls are dark in both, on their own root).
              expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(
                theme === "dark",
              );
              await page.screenshot({
                path: `test-results/axe/${state}-${slug(entry.name)}-${theme}-${size.width}.png`,
              });
              const outcome = await axeScan(page);
              const reflow = size.width < 600 ? await reflowProblems(page) : [];
              const bars = await progressContrastProblems(page);
              await release();
              recordScan({ state, page: entry.name, theme, width: size.width, ...outcome, reflow, bars });
              expect(outcome.violations, describeViolations(outcome.violations)).toEqual([]);
              expect(reflow, "content cut off at 390 px").toEqual([]);
              expect(bars, "progress bars whose fill cannot be told from their track").toEqual([]);
              // A scan that checked nothing would pass too: make sure it saw a real page.
              expect(outcome.passedRules).toBeGreaterThan(10);
            } finally {
              await context.close();
            }
          });
  });
}
