import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  FIRST_LOAD_MS,
  TIMING,
  TIMING_ENV,
  agentBackAt,
  expectSamePage,
  markPage,
  msUntil,
  report,
} from "./faults-support";
import { AgentPage } from "./pages/agent-page";
import { SimControl } from "../tests/server/helpers";

/**
 * The page under agent faults: it says what happened in words, keeps the last known data visible
 * and marked stale with its age, and heals by itself (same page, no reload) once the agent is back.
 */
test.use({ dashboardEnv: TIMING_ENV, locale: "en-GB", timezoneId: "UTC" });
test.describe.configure({ timeout: 120_000 });

/** Two UI polls plus one BFF cache interval: the promise the page makes about healing. */
const HEAL_LIMIT_MS = 2 * TIMING.UI_POLL_INTERVAL_MS + TIMING.POLL_INTERVAL_MS;
/**
 * Test-side sampling, and a shared 2-core machine where the browser may render a second late. A
 * page that waits for a slow panel's own next poll (tags: 10 s) instead of healing as one misses it.
 */
const MARGIN_MS = 1500;
const REFUSE_MS = 12_000;
const TAGS_POLL_MS = 10_000;

/** Alerts with words in them (Next's route announcer is an empty alert on every page). */
const alerts = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });
const problemBanner = (page: Page) => alerts(page).or(page.getByRole("status").filter({ hasText: /retrying/ }));

async function loadWithData(page: Page): Promise<{ agent: AgentPage; mark: string }> {
  const agent = new AgentPage(page);
  await agent.goto();
  await expect(agent.bodyRows).toHaveCount(25, { timeout: FIRST_LOAD_MS });
  return { agent, mark: await markPage(page) };
}

/** Data still on screen, marked stale with its age, while the banner explains. */
async function expectStaleButVisible(page: Page, agent: AgentPage) {
  await expect(page.getByText(/^Showing the last known data\. Last updated \d+ s ago\.$/)).toBeVisible();
  await expect(page.getByText(/^Stale · last updated \d+ s ago$/).first()).toBeVisible();
  await expect(agent.bodyRows).toHaveCount(25);
  await expect(page.getByRole("heading", { name: "Office PC" })).toBeVisible();
}

/** Waits for the page to be healthy again and returns how long after `back` (epoch ms) that was. */
async function healTime(page: Page, agent: AgentPage, back: number): Promise<number> {
  const ms = await msUntil(
    async () => (await problemBanner(page).count()) === 0 && (await page.getByText(/^Stale ·/).count()) === 0,
    back,
  );
  await expect(agent.bodyRows).toHaveCount(25);
  return ms;
}

test("unreachable: says since when, keeps the rows, heals without a reload", async ({ page, control, sim }) => {
  const { agent, mark } = await loadWithData(page);
  const downAt = Date.now();
  await control.fault({ kind: "refuse", ms: REFUSE_MS });
  const banner = page.getByRole("alert").filter({ hasText: /^Agent unreachable since (\d\d:\d\d:\d\d), retrying/ });
  await expect(banner).toBeVisible({ timeout: HEAL_LIMIT_MS + MARGIN_MS });
  const first = (await banner.innerText()).match(/since (\d\d:\d\d:\d\d)/)?.[1];
  // The clock time is when the outage began (UTC here), not the latest attempt.
  const near = [-1, 0, 1, 2, 3].map((s) => new Date(downAt + s * 1000).toISOString().slice(11, 19));
  expect(near).toContain(first);
  await expectStaleButVisible(page, agent);
  await page.waitForTimeout(2 * TIMING.UI_POLL_INTERVAL_MS);
  await expect(banner).toContainText(`since ${first}, retrying`);

  const back = await agentBackAt(sim);
  const healed = await healTime(page, agent, back);
  report("heal after refuse (from the agent's return)", `${healed} ms (limit ${HEAL_LIMIT_MS} ms)`);
  expect(healed).toBeLessThanOrEqual(HEAL_LIMIT_MS + MARGIN_MS);
  await expectSamePage(page, mark);
});

test("timeout: says the agent did not answer in time, then heals", async ({ page, control }) => {
  const { agent, mark } = await loadWithData(page);
  await control.fault({ kind: "hang" });
  await expect(problemBanner(page).first()).toHaveText(
    new RegExp(
      `^The agent did not answer within ${TIMING.AGENT_TIMEOUT_MS} ms \\(since \\d\\d:\\d\\d:\\d\\d\\), retrying`,
    ),
  );
  await expectStaleButVisible(page, agent);
  const back = Date.now();
  await control.clearFaults();
  const healed = await healTime(page, agent, back);
  // A request already hanging when the agent recovers still runs into its deadline first.
  const limit = HEAL_LIMIT_MS + TIMING.AGENT_TIMEOUT_MS;
  report("heal after hang (from clearing the fault)", `${healed} ms (limit ${limit} ms)`);
  expect(healed).toBeLessThanOrEqual(limit + MARGIN_MS);
  await expectSamePage(page, mark);
});

const BAD_DATA: [Record<string, unknown>, RegExp][] = [
  [
    { kind: "truncated" },
    /^The agent answered with data this dashboard cannot read: the JSON is malformed or cut off$/,
  ],
  [
    { kind: "wrong-types" },
    /^The agent answered with data this dashboard cannot read: status\.paused expected boolean, received string/,
  ],
  [{ kind: "html" }, /^The agent answered with data this dashboard cannot read: an HTML page instead of JSON/],
  [{ kind: "empty" }, /^The agent answered with data this dashboard cannot read: an empty body instead of JSON$/],
  [{ kind: "http500" }, /^The agent answered HTTP 500 when asked for its status$/],
];

test("bad data: each kind is named in words, the rows stay, and the page heals", async ({ page, control }) => {
  test.setTimeout(90_000);
  const { agent, mark } = await loadWithData(page);
  const heals: string[] = [];
  for (const [fault, text] of BAD_DATA) {
    await control.fault(fault);
    const title = alerts(page).locator("p").first();
    await expect(title).toHaveText(text);
    await expectStaleButVisible(page, agent);
    const back = Date.now();
    await control.clearFaults();
    const healed = await healTime(page, agent, back);
    heals.push(`${fault.kind as string} ${healed} ms`);
    expect(healed).toBeLessThanOrEqual(HEAL_LIMIT_MS + MARGIN_MS);
  }
  report("heal after bad data (from clearing the fault)", `${heals.join(", ")} (limit ${HEAL_LIMIT_MS} ms)`);
  await expectSamePage(page, mark);
});

test("the page heals as one: a slowly polled panel (tags) is not left stale", async ({ page, control }) => {
  const { agent, mark } = await loadWithData(page);
  await control.fault({ kind: "http500" });
  const tagsStale = page.getByRole("region", { name: "Tags" }).getByText(/^Stale ·/);
  // Tags poll every 10 s: wait for that poll to fail too, then let the agent recover at once.
  await expect(tagsStale).toBeVisible({ timeout: TAGS_POLL_MS + 2000 });
  const back = Date.now();
  await control.clearFaults();
  const healed = await healTime(page, agent, back);
  report(
    "heal of every panel after http500 (tags failed just before)",
    `${healed} ms (limit ${HEAL_LIMIT_MS} ms; tags alone poll every ${TAGS_POLL_MS} ms)`,
  );
  expect(healed).toBeLessThanOrEqual(HEAL_LIMIT_MS + MARGIN_MS);
  await expectSamePage(page, mark);
});

test("a rotated token is replaced by itself: no error is ever shown", async ({ page, control, sim }) => {
  const { agent, mark } = await loadWithData(page);
  await control.clearRequests();
  await new SimControl(sim).rotateToken();
  // Watch several polls: not a single problem banner or stale marker may appear.
  const until = Date.now() + 4 * TIMING.UI_POLL_INTERVAL_MS;
  while (Date.now() < until) {
    expect(await problemBanner(page).count()).toBe(0);
    expect(await page.getByText(/^Stale ·/).count()).toBe(0);
    await page.waitForTimeout(100);
  }
  await expect(agent.bodyRows).toHaveCount(25);
  const log = await control.requests();
  expect(log.filter((r) => r.path === "/api/v3/token")).toHaveLength(1);
  expect(log.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(1);
  expect(log.filter((r) => r.path === "/api/v3/client" && r.status === 200).length).toBeGreaterThanOrEqual(2);
  await expectSamePage(page, mark);
});

test("a restart from the page says restarting, then back online, with the new token", async ({ page, control }) => {
  const { agent, mark } = await loadWithData(page);
  await agent.restartButton.click();
  await page.getByRole("dialog").getByRole("button", { name: "Restart now" }).click();
  await expect(page.getByText(/The agent is restarting/).first()).toBeVisible();
  // Going away is expected here: no error, the rows stay.
  await expect(alerts(page)).toHaveCount(0);
  await expect(agent.bodyRows).toHaveCount(25);
  await expect(page.getByText("Back online")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/The agent is restarting/)).toHaveCount(0);
  expect(await control.tokens()).toHaveLength(2);
  await expectSamePage(page, mark);
});

test("a fresh tab while the agent is down: the last known data, marked as such, never blank", async ({
  page,
  context,
  control,
}) => {
  // A first tab warms the server and the browser's cache, so the fresh tab loads while the agent is surely away.
  await loadWithData(page);
  await control.fault({ kind: "refuse", ms: 2 * REFUSE_MS });
  const fresh = await context.newPage();
  const agent = new AgentPage(fresh);
  await agent.goto();
  const banner = alerts(fresh).filter({ hasText: /^Agent unreachable since \d\d:\d\d:\d\d, retrying/ });
  await expect(banner).toBeVisible({ timeout: REFUSE_MS });
  // Every poll retries while the outage goes on: the banner neither blinks off nor moves its start.
  const since = (await banner.innerText()).match(/since (\d\d:\d\d:\d\d)/)?.[1];
  for (let i = 0; i < 40; i++) {
    const texts = await alerts(fresh).allInnerTexts();
    expect(
      texts.some((t) => t.startsWith(`Agent unreachable since ${since}, retrying`)),
      `sample ${i}: ${texts.join(" | ") || "no banner"}`,
    ).toBe(true);
    await fresh.waitForTimeout(75);
  }
  // The dashboard kept what the agent last said: shown, with its age, under the outage banner.
  await expect(agent.bodyRows).toHaveCount(25);
  await expect(banner).toContainText(/Showing the last known data\. Last updated \d+ s ago\./);
  await expect(fresh.getByText(/^Stale · last updated/).first()).toBeVisible();
  await expect(fresh.getByRole("heading", { name: "Office PC" })).toBeVisible();
  const mark = await markPage(fresh);
  // …and once the agent is back, the banner goes and the data is current again, in the same tab.
  await expect(alerts(fresh)).toHaveCount(0, { timeout: 2 * REFUSE_MS + 5000 });
  await expect(fresh.getByText(/^Stale · last updated/)).toHaveCount(0);
  await expect(agent.bodyRows).toHaveCount(25);
  await expectSamePage(fresh, mark);
});

test.describe("an agent that has never answered", () => {
  test.use({ dashboardEnv: { ...TIMING_ENV, AGENT_URL: "http://127.0.0.1:9" } });
  test("a fresh tab: an honest error, never blank, no made-up data", async ({ page }) => {
    const agent = new AgentPage(page);
    await agent.goto();
    const banner = alerts(page).filter({ hasText: /^Agent unreachable since \d\d:\d\d:\d\d, retrying/ });
    await expect(banner).toBeVisible({ timeout: REFUSE_MS });
    await expect(banner).toContainText("No data has been received yet.");
    // No figures, states or rows that the agent did not give us (the chart's empty axes say
    // "Collecting data…"; its scale is no figure of the agent's).
    await page.waitForTimeout(3 * TIMING.UI_POLL_INTERVAL_MS);
    await expect(agent.bodyRows).toHaveCount(0);
    await expect(page.getByText(/has no job runs|^\d+ runs?$/)).toHaveCount(0);
    const figures = page.locator("section").filter({ hasNot: page.getByText(/^Throughput/i) });
    for (const made of [/^Running$/, /^Paused$/, /^Total runs$/, /^\d+(\.\d+)? [KMG]?B\/s$/])
      await expect(figures.getByText(made)).toHaveCount(0);
  });
});
