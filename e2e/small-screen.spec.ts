import { runPercent } from "../lib/agent-api/status-groups";
import type { Run } from "../lib/agent-api/runs";
import { formatSpeed } from "../lib/format";
import { expect, test } from "./support/patient";
import { scrollExtent } from "./support/page-checks";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("at 390×844 the runs table becomes a list of cards with the same data", async ({ page, control }) => {
  await control.setState({ paused: true }); // figures stand still, so cards and API compare exactly
  await page.goto("/agents/local");
  // On a phone the runs panel is several screens down and drawn when scrolled near: a reader scrolls to it.
  await page.getByRole("heading", { name: "Runs", exact: true }).scrollIntoViewIfNeeded();
  const list = page.getByRole("list", { name: "Runs (25)" });
  await expect(list).toBeVisible();
  await expect(page.locator("table")).toHaveCount(0);
  const cards = list.locator("article");
  await expect(cards).toHaveCount(25);

  // Read every card in one go (name, status, progress bar, speeds), then compare with the API.
  const shown = await cards.evaluateAll((articles) =>
    articles.map((a) => {
      const field = (label: string) =>
        [...a.querySelectorAll("dt")].find((dt) => dt.textContent === label)?.nextElementSibling?.textContent ?? null;
      const bar = a.querySelector('[role="progressbar"]');
      return {
        name: a.querySelector("a")?.textContent ?? null,
        status: a.querySelector("span")?.textContent ?? null,
        bar: bar ? [bar.getAttribute("aria-label"), bar.getAttribute("aria-valuenow")] : null,
        down: field("Down"),
        up: field("Up"),
      };
    }),
  );
  const runs = (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
  expect(shown).toEqual(
    runs.map((run) => ({
      name: run.name,
      status: run.status,
      bar: [`Progress of ${run.name}`, String(Math.round(runPercent(run)))],
      down: formatSpeed(run.down_speed),
      up: formatSpeed(run.up_speed),
    })),
  );
  await expect(cards.first().getByRole("progressbar")).toBeVisible();
  const m = await scrollExtent(page);
  expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
  await page.screenshot({ path: "test-results/e2e/small-screen-390x844-top.png" });
  await page.getByRole("searchbox", { name: "Search runs" }).evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: "test-results/e2e/small-screen-390x844-runs.png" });
});

test("at 390×844 a card opens its run, and the toolbar still filters", async ({ page }) => {
  await page.goto("/agents/local");
  await page.getByRole("heading", { name: "Runs", exact: true }).scrollIntoViewIfNeeded();
  const list = page.getByRole("list", { name: /^Runs \(\d+\)$/ });
  await expect(list).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).selectOption("error");
  await expect(page).toHaveURL(/status=error/);
  const cards = list.locator("article");
  await expect.poll(() => cards.count()).toBeGreaterThan(0);
  const count = await cards.count();
  // Every card left is in the error group (the agent's words "error" or "invalid state").
  await expect(cards.filter({ has: page.locator("span", { hasText: /^(error|invalid state)$/ }) })).toHaveCount(count);
  await expect(list).toHaveAccessibleName(`Runs (${count})`);
  const name = (await cards.first().getByRole("link").first().innerText()).trim();
  await cards.first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/agents\/local\/runs\/\d+$/);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
});

test("at 390×844 the runs' keys work before the panel is scrolled near: / searches, j selects", async ({ page }) => {
  await page.goto("/agents/local");
  // The Activity panel (within a screen of the first) is drawn in the browser only: the page is live.
  await expect(page.getByRole("link", { name: "View all activity" })).toBeVisible();
  // Several screens down, the runs are not drawn yet; "/" draws them and lands in their search.
  await expect(page.getByRole("searchbox", { name: "Search runs" })).toHaveCount(0);
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: "Search runs" })).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await expect(page.getByRole("list", { name: /^Runs \(\d+\)$/ }).locator("article[aria-current]")).toHaveCount(1);
});
