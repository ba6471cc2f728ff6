import { startDashboard } from "../tests/support/processes";
import { expect, test } from "./fixtures";
import { raw } from "./security-support";
import { bearer } from "./tokens-support";

/*
 * /settings/tokens in Chromium: make a token, copy it (the one time it is shown), see it listed,
 * revoke it; read-only for a view session. Screenshots in both themes at 1600 and 390 px.
 */
const SHOTS = "test-results/e2e/tokens";

test("an admin makes a token, copies it once, and revokes it", async ({ page, dashboard, context }) => {
  test.slow();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No API tokens yet.")).toBeVisible();

  // A bad name is refused in the form, before anything is sent.
  await page.getByLabel("Name").fill('say "hi"');
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText(/The name may hold letters, digits/)).toBeVisible();

  await page.getByLabel("Name").fill("nightly-backup");
  await page.getByRole("radio", { name: /Operate/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("textbox", { name: "The new API token" });
  await expect(shown).toHaveValue(/^adk_[A-Za-z0-9_-]{43}$/);
  await expect(shown).toBeFocused();
  const secret = await shown.inputValue();
  await expect(page.getByText("this is the only time it is shown")).toBeVisible();
  await page.getByRole("button", { name: "Copy the new API token" }).click();
  await expect(page.getByRole("button", { name: "Copy the new API token" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // The copied token works, as a script would use it.
  const used = await raw(dashboard.port, { path: "/api/agents/local/runs", headers: bearer(secret) });
  expect(used.status).toBe(200);

  // A second one, so the list has more than one row for the screenshots.
  await page.getByRole("button", { name: "Done, I have stored it" }).click();
  await expect(shown).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await page.getByLabel("Name").fill("Wall monitor, hall");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("textbox", { name: "The new API token" })).toBeVisible();

  const table = page.getByRole("table", { name: "API tokens" });
  const row = table.getByRole("row").filter({ hasText: "nightly-backup" });
  await expect(row).toContainText("operate");
  await expect(row).toContainText(secret.slice(0, 8));
  await expect(row).not.toContainText(secret.slice(8));
  await expect(row).toContainText("by dashboard (admin, 127.0.0.1)");

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.screenshot({ path: `${SHOTS}-1600-${colorScheme}.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole("list", { name: "API tokens" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}-390-${colorScheme}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.getByRole("button", { name: "Done, I have stored it" }).click();

  // "Last used" shows the script's use once the list is read again.
  await page.reload();
  await expect(table.getByRole("row").filter({ hasText: "nightly-backup" })).not.toContainText("never");

  await table.getByRole("button", { name: "Revoke nightly-backup" }).click();
  const dialog = page.getByRole("dialog", { name: 'Revoke the token "nightly-backup"?' });
  await expect(dialog).toBeVisible();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}-revoke-dark.png` });
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole("row").filter({ hasText: "nightly-backup" })).toHaveCount(0);
  await expect(table.getByRole("row").filter({ hasText: "Wall monitor, hall" })).toHaveCount(1);
  const after = await raw(dashboard.port, { path: "/api/agents/local/runs", headers: bearer(secret) });
  expect(after.status).toBe(401);
});

test("a read-only session sees the tokens but cannot make or revoke them", async ({ page, sim }) => {
  test.slow();
  const deck = await startDashboard({
    AGENT_URL: sim.url,
    DASHBOARD_PASSWORD: "admin-page-password",
    DASHBOARD_VIEW_PASSWORD: "viewer-page-password",
  });
  try {
    const base = deck.url;
    const sign = async (password: string) => {
      await page.goto(`${base}/login?next=/settings/tokens`);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(`${base}/settings/tokens`);
    };
    await sign("admin-page-password");
    await page.getByLabel("Name").fill("grafana");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByRole("textbox", { name: "The new API token" })).toBeVisible();
    await page.context().clearCookies();

    await sign("viewer-page-password");
    await expect(page.getByRole("note")).toContainText("You are signed in read-only");
    await expect(page.getByRole("button", { name: "Create token" })).toHaveCount(0);
    const table = page.getByRole("table", { name: "API tokens" });
    await expect(table.getByRole("row").filter({ hasText: "grafana" })).toContainText("read");
    await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
    await page.emulateMedia({ colorScheme: "light" });
    await page.screenshot({ path: `${SHOTS}-view-1600-light.png`, fullPage: true });
  } finally {
    await deck.stop();
  }
});
