import {
  request as playwrightRequest,
  test as base,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
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
import { STARTING_TEST_MS } from "./support/allowances";

/*
 * Accessibility by axe-core (WCAG 2.0/2.1 A and AA, every impact): every page of e2e/support/a11y-pages.ts
 * in light and dark, at 1600 and 390 px, with its data, while loading and in an outage. Beyond axe:
 * at 390 px the page must reflow (WCAG 1.4.10: nothing cut off at the side, no sideways scrolling),
 * and every progress bar's fill must hold 3:1 against its track (WCAG 1.4.11, which axe leaves out).
 *
 * One fleet for the whole file (office-pc with 25 runs, render-nas, lab-mac that never answers),
 * behind DASHBOARD_PASSWORD so the sign-in page is a real one: data and loading only read it (loading
 * holds every answer the page asks the dashboard for, in the browser), and the outage, last, stops
 * office-pc's agent after the dashboard has seen it. Each page in each state is one browser page,
 * loaded fresh in each theme (light at 1600 px, dark at 390 px) and resized to the other width, as a
 * window or a phone turned sideways is: every width is scanned once loaded and once resized. Each
 * result also lands in test-results/axe/summary.jsonl, with a screenshot beside it.
 */
const PASSWORD = "correct horse battery staple";
const THEMES = ["light", "dark"] as const;
type Theme = (typeof THEMES)[number];
type Size = { label: string; width: number; height: number };
const WIDE: Size = { label: "1600 px", width: 1600, height: 1000 };
const NARROW: Size = { label: "390 px", width: 390, height: 844 };
/** The width each theme's page is loaded at comes first; the other is reached by resizing. */
const WIDTHS: Record<Theme, Size[]> = { light: [WIDE, NARROW], dark: [NARROW, WIDE] };

type Stack = Awaited<ReturnType<typeof startFleet>>;
const slug = (name: string) => name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();

/** The fleet, started once per worker (a failed test's new worker starts its own), and what it holds. */
const test = base.extend<object, { fleet: { stack: Stack; facts: FleetFacts } }>({
  fleet: [
    async ({}, use) => {
      const stack = await startFleet(DEFAULT_FLEET, { DASHBOARD_PASSWORD: PASSWORD });
      try {
        const api = await signedInRequest(stack.dashboard.url);
        let runs: Run[] = [];
        await expect
          .poll(async () => {
            const res = await api.get("/api/agents/office-pc/runs");
            runs = res.ok() ? ((await res.json()) as Run[]) : [];
            return runs.length;
          })
          .toBe(25);
        await api.dispose();
        await use({ stack, facts: { runId: runs[0]!.run_id } });
      } finally {
        await stack.stop();
      }
    },
    { scope: "worker", timeout: STARTING_TEST_MS },
  ],
});

async function signedInRequest(baseURL: string) {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post("/api/session", { data: { password: PASSWORD }, headers: { origin: baseURL } });
  expect(res.status()).toBe(200);
  return api;
}

/** The agent goes down: its process stops, so connections are refused from now on, and the dashboard sees it. */
async function bringOutage(stack: Stack) {
  await stack.member("office-pc").sim!.stop();
  const api = await signedInRequest(stack.dashboard.url);
  try {
    await expect.poll(async () => (await api.get("/api/agents/office-pc/client")).status()).toBe(503);
  } finally {
    await api.dispose();
  }
}

/** One page in one state: one browser page, signed in unless it is the sign-in page, shared by its four scans. */
type View = {
  key: string;
  context: BrowserContext;
  page: Page;
  /** The theme the page was last loaded in. */
  theme?: Theme;
  /** Loading: how many answers are held back so far, and letting them go when the page is done with. */
  held?: () => number;
  release: () => Promise<void>;
};
let view: View | undefined;

async function closeView() {
  if (!view) return;
  const { context, release } = view;
  view = undefined;
  await release();
  await context.close();
}

async function viewOf(browser: Browser, baseURL: string, entry: AuditedPage, state: PageState): Promise<View> {
  const key = `${state} ${entry.name}`;
  if (view?.key === key) return view;
  await closeView();
  const context = await browser.newContext({ baseURL });
  if (!entry.signedOut) {
    const res = await context.request.post("/api/session", {
      data: { password: PASSWORD },
      headers: { origin: baseURL },
    });
    expect(res.status()).toBe(200);
  }
  view = { key, context, page: await context.newPage(), release: async () => undefined };
  return view;
}

/** Loads the page in the state, and says how it knows it is there. */
async function load(v: View, entry: AuditedPage, facts: FleetFacts, state: PageState) {
  const { page } = v;
  const path = entry.path(facts);
  if (state === "loading") {
    // Held from the first load until the page's last scan: every load and resize stays in its loading state.
    if (!v.held) ({ held: v.held, release: v.release } = await holdApi(page));
    const held = v.held;
    const before = held();
    await page.goto(path);
    // The page has hydrated and asked for its data; nothing has answered.
    await expect.poll(held).toBeGreaterThan(before);
    return;
  }
  await page.goto(path);
  await ready(page, entry, state);
}

/** The page shows its data (or its outage), and panels that load after the first paint have filled in. */
async function ready(page: Page, entry: AuditedPage, state: PageState) {
  if (state === "loading") return;
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
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

for (const state of ALL_STATES) {
  test.describe(`axe, ${state}`, () => {
    if (state === "outage") test.beforeAll(({ fleet }) => bringOutage(fleet.stack));
    test.afterAll(closeView);

    for (const entry of AUDITED_PAGES.filter((p) => (p.states ?? ALL_STATES).includes(state)))
      for (const theme of THEMES)
        for (const size of WIDTHS[theme])
          test(`${entry.name} · ${theme} · ${size.label}`, async ({ browser, fleet }) => {
            const v = await viewOf(browser, fleet.stack.dashboard.url, entry, state);
            const { page } = v;
            await page.setViewportSize({ width: size.width, height: size.height });
            if (v.theme !== theme) {
              await page.emulateMedia({ colorScheme: theme });
              await load(v, entry, fleet.facts, state);
              v.theme = theme;
            } else await ready(page, entry, state);
            // The layout for this width has been painted.
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
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
            recordScan({ state, page: entry.name, theme, width: size.width, ...outcome, reflow, bars });
            expect(outcome.violations, describeViolations(outcome.violations)).toEqual([]);
            expect(reflow, "content cut off at 390 px").toEqual([]);
            expect(bars, "progress bars whose fill cannot be told from their track").toEqual([]);
            // A scan that checked nothing would pass too: make sure it saw a real page.
            expect(outcome.passedRules).toBeGreaterThan(10);
          });
  });
}
