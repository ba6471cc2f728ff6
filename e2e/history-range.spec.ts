import type { Page } from "@playwright/test";
import type { TotalsResponse } from "../lib/bff/contract-store";
import { textContrast } from "./support/page-checks";
import { drawnText, recordCanvasText } from "./support/canvas-text";
import { expect, readOnlyTest as test } from "./support/patient";

/**
 * The charts' range picker and the daily totals in Chromium: the range lives in the URL (beside the
 * runs view's parameters), asks the history route for that range, and the chart draws the window
 * the answer covers with labels that fit it; the totals chart draws the store's days.
 */
const rangeButton = (page: Page, name: string) =>
  page.getByRole("group", { name: "History range" }).getByRole("button", { name, exact: true });
const historyAsked = (page: Page, query: RegExp) =>
  page.waitForResponse(
    (r) => r.url().includes("/api/agents/local/history") && query.test(new URL(r.url()).search) && r.status() === 200,
  );

/** "Dec 2" in the browser's locale, as the axes name days. */
const dayLabel = /^[A-Z][a-z]{2} \d{1,2}$/;

test("the range picker asks for that range, keeps it in the URL across a reload, and labels the axis to fit", async ({
  page,
}) => {
  await recordCanvasText(page);
  await page.goto("/agents/local?q=Photos");
  const chart = page.getByRole("img", { name: /^Agent throughput: / });
  await expect(chart.locator("canvas")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Throughput, last 15 minutes" })).toBeVisible();
  await expect(rangeButton(page, "15m")).toHaveAttribute("aria-pressed", "true");
  await expect(
    page.getByText(/^Watching since \d{1,2}:\d{2}(\s?[AP]M)?; nothing was recorded before that\.$/),
  ).toBeVisible();

  const asked = historyAsked(page, /[?&]range=7d(&|$)/);
  const before = (await drawnText(page)).length;
  await rangeButton(page, "7d").click();
  await asked;
  await expect(page).toHaveURL(/\?q=Photos&range=7d$/);
  await expect(page.getByRole("heading", { name: "Throughput, last 7 days" })).toBeVisible();
  await expect(rangeButton(page, "7d")).toHaveAttribute("aria-pressed", "true");
  // A week's axis names days; the search box of the runs view kept its text.
  await expect
    .poll(async () => (await drawnText(page)).slice(before).filter((t) => dayLabel.test(t)).length)
    .toBeGreaterThanOrEqual(3);
  await expect(page.getByRole("searchbox", { name: "Search runs" })).toHaveValue("Photos");

  const again = historyAsked(page, /[?&]range=7d(&|$)/);
  await page.reload();
  await again;
  await expect(rangeButton(page, "7d")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("heading", { name: "Throughput, last 7 days" })).toBeVisible();

  // Back to the default: the URL drops it, and the chart asks without a range.
  const plain = historyAsked(page, /^$/);
  await rangeButton(page, "15m").click();
  await plain;
  await expect(page).toHaveURL(/\?q=Photos$/);
  await expect(page.getByRole("heading", { name: "Throughput, last 15 minutes" })).toBeVisible();
});

test("a run's page has the picker too, asking for that run's history over the range", async ({ page }) => {
  await page.goto("/agents/local/runs/543?range=24h");
  await expect(page.getByRole("heading", { name: "Speed, last 24 hours" })).toBeVisible();
  await expect(rangeButton(page, "24h")).toHaveAttribute("aria-pressed", "true");
  // Wait for the 1h request itself: the page's own poll may re-ask for 24h in between.
  const asked = historyAsked(page, /[?&]range=1h(&|$)/);
  await rangeButton(page, "1h").click();
  const res = await asked;
  expect(new URL(res.url()).searchParams.get("runId")).toBe("543");
  await expect(page).toHaveURL(/\/runs\/543\?range=1h$/);
  await expect(page.getByRole("heading", { name: "Speed, last hour" })).toBeVisible();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the daily totals chart draws 30 days of bytes moved (${colorScheme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    // The simulated agent moves data: today's total grows from nothing (the page reads it once a minute).
    const totalsOf = async () =>
      (await (await page.request.get("/api/agents/local/totals?days=30")).json()) as TotalsResponse;
    await expect.poll(async () => (await totalsOf()).days.at(-1)?.down ?? 0, { timeout: 120_000 }).toBeGreaterThan(0);
    expect((await totalsOf()).days).toHaveLength(30);
    await page.goto("/agents/local");
    const totals = page.getByRole("img", { name: /^Daily totals: / });
    await expect(totals.locator("canvas")).toHaveCount(1);
    await expect(page.getByRole("heading", { name: "Transferred per day, last 30 days" })).toBeVisible();
    await expect(totals).toHaveAccessibleName(
      /^Daily totals: [1-9][\d.,]* [KMG]?B down and [\d.,]+ [KMG]?B up in 30 days\.$/,
    );

    // Pointing at today's bar names the day under the chart.
    await totals.scrollIntoViewIfNeeded();
    // The plotting area (uPlot's overlay over the canvas, without the axes): its right end is today.
    const box = (await totals.locator(".u-over").boundingBox())!;
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    const today = await page.evaluate(() =>
      new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" }).format(new Date()),
    );
    await expect(totals).toContainText(today); // the legend under the plot

    expect(await textContrast(rangeButton(page, "15m")), "the pressed range").toBeGreaterThanOrEqual(4.5);
    await page.getByRole("region", { name: /^Throughput/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/e2e/charts-${colorScheme}.png` });
  });
}
