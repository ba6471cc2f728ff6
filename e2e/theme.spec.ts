import type { Page } from "@playwright/test";
import { expect, readOnlyTest as test } from "./support/patient";
import { backgroundLuminance } from "./support/page-checks";

const isDark = (page: Page) => page.evaluate(() => document.documentElement.classList.contains("dark"));
const themeButton = (page: Page, name: string) =>
  page.getByRole("group", { name: "Colour theme" }).getByRole("button", { name });

test.describe("on a light system", () => {
  test.use({ colorScheme: "light" });

  test("System follows the OS, Dark and Light are remembered across reloads", async ({ page }) => {
    await page.goto("/agents/local");
    await expect(themeButton(page, "System")).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => isDark(page)).toBe(false);
    expect(await backgroundLuminance(page.locator("body"))).toBeGreaterThan(0.8);

    await themeButton(page, "Dark").click();
    await expect.poll(() => isDark(page)).toBe(true);
    await page.reload();
    await expect(themeButton(page, "Dark")).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => isDark(page)).toBe(true);
    expect(await backgroundLuminance(page.locator("body"))).toBeLessThan(0.02);

    // Back to System: light again, and it follows the OS switching while the page is open.
    await themeButton(page, "System").click();
    await expect.poll(() => isDark(page)).toBe(false);
    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(() => isDark(page)).toBe(true);
    await page.emulateMedia({ colorScheme: "light" });
    await expect.poll(() => isDark(page)).toBe(false);
  });

  test("wall views are dark by default, before and after a reload", async ({ page }) => {
    for (const path of ["/agents/local/wall", "/wall"]) {
      await page.goto(path);
      await expect(page.getByLabel("Current time")).toBeVisible();
      expect(await backgroundLuminance(page.locator("body > *:visible").first())).toBeLessThan(0.02);
      await page.reload();
      await expect(page.getByLabel("Current time")).toBeVisible();
      expect(await backgroundLuminance(page.locator("body > *:visible").first())).toBeLessThan(0.02);
    }
  });
});

test.describe("on a dark system", () => {
  test.use({ colorScheme: "dark" });

  test("System is dark, and a Light choice survives a reload", async ({ page }) => {
    await page.goto("/agents/local");
    await expect.poll(() => isDark(page)).toBe(true);
    await themeButton(page, "Light").click();
    await expect.poll(() => isDark(page)).toBe(false);
    await page.reload();
    await expect(themeButton(page, "Light")).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => isDark(page)).toBe(false);
    expect(await backgroundLuminance(page.locator("body"))).toBeGreaterThan(0.8);
  });
});
