import { expect, test } from "./support/multi-agent";
import { CONTROLS, expectWallBasics, sparklinePoints } from "./support/page-checks";

test.use({ viewport: { width: 1920, height: 1080 } });

test("/wall shows every agent on one screen: down agents first, fleet totals, sparklines, nothing to operate", async ({ page, fleet }) => {
  await fleet.member("office-pc").control.setState({ paused: true });
  await page.goto("/wall");
  await expect(page.getByRole("heading", { name: "All agents", level: 1 })).toBeVisible();
  const tiles = page.getByRole("listitem");
  await expect(tiles).toHaveCount(3);
  // Needing attention first: the unreachable agent, then agents with errors (both others), by name.
  await expect(tiles.getByRole("heading", { level: 2 })).toHaveText(["Lab Mac", "Office PC", "Render NAS"]);
  await expect(tiles.nth(0)).toContainText("Unreachable");
  await expect(tiles.nth(0)).toContainText("cannot reach this agent");
  await expect(tiles.nth(1)).toContainText("Paused");
  await expect(tiles.nth(2)).toContainText("Running");
  await expect(page.getByText("Agents online").locator("+ dd")).toHaveText("2 / 3");
  for (const i of [1, 2]) await expect.poll(() => sparklinePoints(tiles.nth(i)), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await expect(tiles.nth(0).getByRole("img", { name: /collecting data/ })).toBeVisible();
  await expect(page.getByLabel("Current time")).toHaveText(/^\d{1,2}:\d{2}:\d{2}/);
  await expect(page.getByText(/^updated (just now|\d+ s ago)$/)).toBeVisible();

  await expectWallBasics(page);
  await page.screenshot({ path: "test-results/e2e/wall-fleet-1920x1080.png" });
});

test("an agent without token auth has its own wall", async ({ page }) => {
  await page.goto("/agents/render-nas/wall");
  await expect(page.getByRole("heading", { name: "Render NAS", level: 1 })).toBeVisible();
  await expect(page.getByRole("progressbar").first()).toBeVisible();
  await expect(page.getByText("Connected to the Management Console.")).toBeVisible();
  await expect(page.locator(CONTROLS)).toHaveCount(0);
});
