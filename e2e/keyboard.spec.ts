import type { Locator, Page } from "@playwright/test";
import { SHORTCUT_GROUPS } from "../components/keyboard/shortcut-list";
import { expect, test } from "./support/patient";
import { AgentPage } from "./pages/agent-page";
import { axeScan, describeViolations } from "./support/axe";
import { selectedRun } from "./support/keyboard";

/*
 * The keyboard on an agent's page: "/" and Esc for the run search, j / k / Enter / Esc for the runs,
 * "?" for the shortcuts sheet; never while typing, with a modifier held, or behind a dialog.
 */
const search = (page: Page) => page.getByRole("searchbox", { name: "Search runs" });
const announcement = (page: Page) => page.getByRole("status").filter({ hasText: /^Run \d+ of \d+: / });
const sheet = (page: Page) => page.getByRole("dialog", { name: "Keyboard shortcuts" });
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

async function openWithRuns(page: Page, count = 25): Promise<AgentPage> {
  const agent = new AgentPage(page);
  await agent.goto();
  await expect(agent.bodyRows).toHaveCount(count);
  return agent;
}

/** The selected row shows, whole, below the table's sticky header and the page's. */
async function expectInView(row: Locator) {
  const at = await row.evaluate((el) => {
    const box = el.closest('[role="region"]')!;
    const me = el.getBoundingClientRect();
    const floor = Math.max(
      box.querySelector("thead")!.getBoundingClientRect().bottom,
      document.querySelector("[data-app-header]")!.getBoundingClientRect().bottom,
      box.getBoundingClientRect().top,
    );
    return {
      top: me.top,
      bottom: me.bottom,
      floor,
      ceiling: Math.min(box.getBoundingClientRect().bottom, innerHeight),
    };
  });
  expect(at.top, "row top below the sticky headers").toBeGreaterThanOrEqual(at.floor - 1);
  expect(at.bottom, "row bottom inside the table and the window").toBeLessThanOrEqual(at.ceiling + 1);
}

test("/ focuses the run search; keys typed there stay text; Esc clears it, a second Esc leaves it", async ({
  page,
}) => {
  const agent = await openWithRuns(page);
  await page.keyboard.press("/");
  await expect(search(page)).toBeFocused();
  await expect(search(page)).toHaveValue("");

  // Every shortcut key, typed into the field, is only text: no selection, no sheet, no navigation.
  await page.keyboard.type("go gw j/k?");
  await expect(search(page)).toHaveValue("go gw j/k?");
  await expect(page.getByText("No runs match these filters.")).toBeVisible();
  await expect(page).toHaveURL(/\/agents\/local(\?|$)/);
  await expect(sheet(page)).toHaveCount(0);

  await page.keyboard.press("Escape");
  await expect(search(page)).toHaveValue("");
  await expect(search(page)).toBeFocused();
  await expect(agent.bodyRows).toHaveCount(25);
  await page.keyboard.press("Escape");
  await expect(search(page)).not.toBeFocused();

  // "/" again takes what is in the field as selected, so typing replaces it.
  await search(page).fill("abc");
  await search(page).blur();
  await page.keyboard.press("/");
  await page.keyboard.type("x");
  await expect(search(page)).toHaveValue("x");
});

test("j and k move a visible selection through the runs as shown, said politely; Enter opens the run; Esc lets go", async ({
  page,
  control,
}) => {
  await control.setState({ paused: true }); // the runs stand still, so their order holds
  const agent = await openWithRuns(page);
  const names = await agent.bodyRows.locator("td:first-child a").allInnerTexts();
  const selectedName = () => selectedRun(page).locator("td:first-child a");

  await page.keyboard.press("j");
  await expect(selectedRun(page)).toHaveCount(1);
  await expect(selectedName()).toHaveText(names[0]!);
  await expect(announcement(page)).toHaveText(
    new RegExp(`^Run 1 of 25: ${escapeRe(names[0]!)}, [a-z ]+, \\d+%\\. Enter opens it\\.$`),
  );
  const look = await selectedRun(page).evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      style: s.outlineStyle,
      width: parseFloat(s.outlineWidth),
      tinted: s.backgroundColor !== "rgba(0, 0, 0, 0)",
    };
  });
  expect(look).toEqual({ style: "solid", width: 2, tinted: true });

  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(selectedName()).toHaveText(names[2]!);
  await expect(announcement(page)).toHaveText(/^Run 3 of 25: /);
  await page.keyboard.press("k");
  await expect(selectedName()).toHaveText(names[1]!);
  for (let i = 0; i < 3; i++) await page.keyboard.press("k");
  await expect(selectedName()).toHaveText(names[0]!); // the first run stays chosen at the top
  await page.screenshot({ path: "test-results/keyboard/selection.png" });

  // Sorted differently, the selection stays on its run, and j moves on in the new order.
  await agent.columnHeader("Name").getByRole("button").click();
  const sorted = await agent.bodyRows.locator("td:first-child a").allInnerTexts();
  await expect(selectedName()).toHaveText(names[0]!);
  await blur(page); // off the header button, whose Enter and Space are its own
  await page.keyboard.press("j");
  const next = sorted[Math.min(sorted.indexOf(names[0]!) + 1, sorted.length - 1)]!;
  await expect(selectedName()).toHaveText(next);

  // Enter on a focused control keeps its own meaning (here: the theme button), not "open the run".
  await page.getByRole("group", { name: "Colour theme" }).getByRole("button", { name: "Dark" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  await expect(page).toHaveURL(/\/agents\/local(\?|$)/);

  await blur(page);
  await page.keyboard.press("Escape");
  await expect(selectedRun(page)).toHaveCount(0);
  await page.keyboard.press("j");
  await expect(selectedName()).toHaveText(sorted[0]!);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/agents\/local\/runs\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: sorted[0]!, exact: true })).toBeVisible();
});

test.describe("with 500 runs", () => {
  test.use({ simArgs: ["--runs", "500"] });

  test("the table stays virtualised and the selected row is scrolled into view at each move", async ({
    page,
    control,
  }) => {
    await control.setState({ paused: true });
    await page.goto("/agents/local");
    await expect(page.getByRole("table").getByRole("progressbar").first()).toBeVisible();
    await page.keyboard.press("k"); // from no selection, k starts at the last run
    await expect(announcement(page)).toHaveText(/^Run 500 of 500: /);
    await expect(selectedRun(page)).toBeVisible();
    await expectInView(selectedRun(page));
    expect(await page.locator("tbody tr").count()).toBeLessThan(100);

    for (let i = 0; i < 30; i++) await page.keyboard.press("k");
    await expect(announcement(page)).toHaveText(/^Run 470 of 500: /);
    await expectInView(selectedRun(page));
    await page.keyboard.press("Escape");
    for (let i = 0; i < 12; i++) await page.keyboard.press("j");
    await expect(announcement(page)).toHaveText(/^Run 12 of 500: /);
    await expectInView(selectedRun(page));
  });
});

test("? opens the shortcuts sheet: a modal dialog listing every shortcut, clean under axe in both themes; Esc closes it and focus returns", async ({
  page,
}) => {
  await openWithRuns(page);
  const wallLink = page.getByRole("link", { name: "Wall view" });
  await wallLink.focus();
  await page.keyboard.press("?");
  await expect(sheet(page)).toBeVisible();
  await expect(sheet(page).getByRole("button", { name: "Close" })).toBeFocused();
  for (const group of SHORTCUT_GROUPS) {
    await expect(sheet(page).getByRole("heading", { name: group.title })).toBeVisible();
    for (const s of group.shortcuts) await expect(sheet(page).getByText(s.what, { exact: true })).toBeVisible();
  }
  expect(await sheet(page).locator("kbd").allInnerTexts()).toEqual(
    SHORTCUT_GROUPS.flatMap((g) => g.shortcuts.flatMap((s) => s.keys)),
  );

  // The dialog owns the keyboard: nothing behind it reacts.
  for (const key of ["j", "/", "g", "w"]) await page.keyboard.press(key);
  await expect(page).toHaveURL(/\/agents\/local$/);
  await expect(selectedRun(page)).toHaveCount(0);
  await expect(search(page)).not.toBeFocused();

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.classList.contains("dark")))
      .toBe(scheme === "dark");
    const outcome = await axeScan(page);
    expect(outcome.violations, describeViolations(outcome.violations)).toEqual([]);
    await page.screenshot({ path: `test-results/keyboard/shortcuts-sheet-${scheme}.png` });
  }

  await page.keyboard.press("Escape");
  await expect(sheet(page)).toHaveCount(0);
  await expect(wallLink).toBeFocused();
  await page.keyboard.press("?");
  await sheet(page).getByRole("button", { name: "Close" }).click();
  await expect(sheet(page)).toHaveCount(0);
});

test("shortcuts never fire with Ctrl, Meta or Alt held, nor inside a dialog, where Esc closes the dialog", async ({
  page,
  control,
}) => {
  const agent = await openWithRuns(page);
  for (const chord of ["Control+j", "Alt+j", "Meta+j", "Control+k", "Alt+Slash", "Meta+Slash", "Alt+Shift+Slash"])
    await page.keyboard.press(chord);
  await page.keyboard.press("Alt+g");
  await page.keyboard.press("w");
  await page.keyboard.press("g");
  await page.keyboard.press("Alt+w");
  await expect(selectedRun(page)).toHaveCount(0);
  await expect(search(page)).not.toBeFocused();
  await expect(sheet(page)).toHaveCount(0);
  await expect(page).toHaveURL(/\/agents\/local$/);

  await control.clearRequests();
  await agent.restartButton.click();
  const confirm = page.getByRole("dialog", { name: "Restart the agent?" });
  await expect(confirm).toBeVisible();
  for (const key of ["j", "/", "?", "g", "w"]) await page.keyboard.press(key);
  await expect(page.getByRole("dialog")).toHaveCount(1);
  await expect(selectedRun(page)).toHaveCount(0);
  await expect(page).toHaveURL(/\/agents\/local$/);
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await expect(agent.restartButton).toBeFocused();
  expect(await control.changes()).toEqual([]);
});
