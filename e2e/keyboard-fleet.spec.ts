import type { Page } from "@playwright/test";
import type { Run } from "../lib/agent-api/runs";
import { DEFAULT_FLEET, expect, test } from "./support/multi-agent";
import { tabStops } from "./support/keyboard";

/*
 * The keyboard across pages, with several agents behind a password (so the sign-in page is real):
 * "g" then o / w / a goes to the overview, the wall and the activity, and every tab stop shows its
 * focus in both themes.
 */
const PASSWORD = "correct horse battery staple";
test.use({ fleetSetup: { agents: DEFAULT_FLEET, env: { DASHBOARD_PASSWORD: PASSWORD } } });

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
}

test("g then o, w or a goes to the overview, the wall or the activity: the open agent's, else the fleet's", async ({
  page,
}) => {
  await signIn(page);
  const press = async (...keys: string[]) => {
    for (const k of keys) await page.keyboard.press(k);
  };
  await page.goto("/agents/office-pc");
  await expect(page.getByRole("heading", { level: 1, name: "Office PC" })).toBeVisible();
  await press("g", "w");
  await expect(page).toHaveURL(/\/agents\/office-pc\/wall$/);
  await expect(page.getByLabel("Current time")).toBeVisible();
  await press("g", "o");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await press("g", "a");
  await expect(page).toHaveURL(/\/activity$/);
  await expect(page.getByRole("heading", { level: 1, name: "Activity of all agents" })).toBeVisible();
  await press("g", "w");
  await expect(page).toHaveURL(/\/wall$/);
  await expect(page.getByRole("heading", { level: 1, name: "All agents" })).toBeVisible();
  await page.goto("/agents/render-nas");
  await expect(page.getByRole("heading", { level: 1, name: "Render NAS" })).toBeVisible();
  await press("g", "a");
  await expect(page).toHaveURL(/\/agents\/render-nas\/activity$/);
  // "/" on an activity page searches its events.
  await expect(page.getByRole("searchbox", { name: "Search events" })).toBeVisible();
  await press("/");
  await expect(page.getByRole("searchbox", { name: "Search events" })).toBeFocused();

  // A "g" followed by another key, or by o after the pause, goes nowhere.
  await page.goto("/agents/office-pc");
  await expect(page.getByRole("heading", { level: 1, name: "Office PC" })).toBeVisible();
  await press("g", "x", "o");
  await press("g");
  await page.waitForTimeout(1_800);
  await press("o");
  await expect(page).toHaveURL(/\/agents\/office-pc$/);
});

test("every tab stop shows its focus, at 3:1 or more, on the sign-in, overview, agent, run and activity pages, in both themes", async ({
  page,
}) => {
  const check = async (where: string, min: number) => {
    const rings = await tabStops(page, 90);
    expect(rings.length, `tab stops on ${where}`).toBeGreaterThanOrEqual(min);
    for (const r of rings) {
      expect(r.style, `${where}: ${r.what} has no outline`).not.toBe("none");
      expect(r.width, `${where}: ${r.what} outline width`).toBeGreaterThanOrEqual(2);
      expect(r.ratio, `${where}: ${r.what} outline contrast`).toBeGreaterThanOrEqual(3);
    }
  };
  for (const scheme of ["light", "dark"] as const) {
    await page.context().clearCookies();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/login");
    await expect(page.getByLabel("Password")).toBeVisible();
    await check(`sign-in (${scheme})`, 2);
    await signIn(page);
    const runs = (await (await page.request.get("/api/agents/office-pc/runs")).json()) as Run[];
    const pages: [string, string, number][] = [
      ["/", "Agents", 8],
      ["/agents/office-pc", "Office PC", 40],
      [`/agents/office-pc/runs/${runs[0]!.run_id}`, runs[0]!.name, 8],
      ["/agents/office-pc/activity", "Activity of Office PC", 6],
    ];
    for (const [path, heading, min] of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await check(`${path} (${scheme})`, min);
    }
  }
});
