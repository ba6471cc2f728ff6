import type { Run } from "../lib/agent-api/runs";
import { runHasErrors } from "../lib/agent-api/status-groups";
import { expect, test } from "./support/multi-agent";
import { CONTROLS, expectWallBasics, sparklinePoints } from "./support/page-checks";

test.use({ viewport: { width: 1920, height: 1080 } });

test("/wall shows every agent on one screen: down agents first, fleet totals, sparklines, nothing to operate", async ({
  page,
  fleet,
}) => {
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
  // The tile names the agent's first runs with errors (the wall polls summaries, not every run).
  const officeRuns = (await (await page.request.get("/api/agents/office-pc/runs")).json()) as Run[];
  const failing = officeRuns.filter(runHasErrors).slice(0, 2);
  expect(failing).toHaveLength(2);
  await expect(tiles.nth(1).locator("p").last()).toHaveText(failing.map((r) => r.name).join(" · "));
  await expect(tiles.nth(2)).toContainText("Running");
  await expect(page.getByText("Agents online").locator("+ dd")).toHaveText("2 / 3");
  for (const i of [1, 2]) await expect.poll(() => sparklinePoints(tiles.nth(i))).toBeGreaterThanOrEqual(2);
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
  await expect(page.getByText("Connected to the Management Console.", { exact: true })).toBeVisible();
  await expect(page.locator(CONTROLS)).toHaveCount(0);
});

test.describe("more agents than fit", () => {
  // One running agent and nine switched off: eleven tiles page at 1920×1080, nothing scrolls.
  test.use({
    fleetSetup: {
      agents: [
        { id: "office-pc", name: "Office PC", simArgs: ["--runs", "5"] },
        ...Array.from({ length: 10 }, (_, i) => ({
          id: `site-${i + 1}`,
          name: `Site ${String(i + 1).padStart(2, "0")}`,
          down: true,
        })),
      ],
    },
  });

  test("the wall pages through agents every 10 s with a page indicator", async ({ page }) => {
    await page.clock.install();
    await page.goto("/wall");
    const indicator = page.getByText(/^Page \d+ of \d+$/);
    await expect(indicator).toHaveText("Page 1 of 2");
    const names = page.getByRole("listitem").getByRole("heading", { level: 2 });
    await expect(names).toHaveText(["Site 01", "Site 02", "Site 03", "Site 04", "Site 05", "Site 06"]);
    await expectWallBasics(page);
    await page.clock.fastForward(10_000);
    await expect(indicator).toHaveText("Page 2 of 2");
    // Unreachable agents first, by name; the reachable one (with errors) after them.
    await expect(names).toHaveText(["Site 07", "Site 08", "Site 09", "Site 10", "Office PC"]);
    await expect(page.getByText("Agents online").locator("+ dd")).toHaveText("1 / 11");
    await page.clock.fastForward(10_000);
    await expect(indicator).toHaveText("Page 1 of 2");
  });
});
