import type { Page } from "@playwright/test";
import { WEEKDAYS } from "../lib/bff/contract-schedules";
import { expect, test } from "./support/patient";
import { scrollExtent } from "./support/page-checks";
import { raw, sameOriginJson } from "./security-support";
import { addMaintenance, scheduleCall, scheduleRow, ZONE } from "./support/schedules";

/**
 * The schedules page (/agents/{id}/schedules) and the status card's schedule row, as people use
 * them: adding, fixing, editing and disabling through the form, read-only for view sessions, and
 * how they look at 1600 and 390 px in both themes (screenshots in test-results/e2e/schedules-*.png).
 */
test.use({ dashboardEnv: { TZ: ZONE }, timezoneId: ZONE });

const LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** A weekday three days from now in Berlin: its window is always "next", never running. */
function dayAhead(days: number): { key: (typeof WEEKDAYS)[number]; short: string } {
  const name = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, weekday: "long" }).format(
    Date.now() + days * 86_400_000,
  );
  const i = LONG.indexOf(name);
  return { key: WEEKDAYS[i]!, short: name.slice(0, 3) };
}
const form = (page: Page) => page.getByRole("form", { name: "Add a schedule" });

test("add, fix, edit and disable schedules through the editor", async ({ page, dashboard, control }) => {
  await page.goto("/agents/local");
  await page.getByRole("link", { name: "Schedules", exact: true }).click();
  await expect(page).toHaveURL(/\/agents\/local\/schedules$/);
  await expect(scheduleRow(page)).toContainText("No pause ahead");
  await control.clearRequests();

  // A weekly window on one day, three days ahead.
  const day = dayAhead(3);
  const f = form(page);
  await f.getByLabel("Name (optional)").fill("Office hours");
  const days = f.getByRole("group", { name: "Days" });
  for (const d of ["Mon", "Tue", "Wed", "Thu", "Fri"]) await days.getByRole("button", { name: d }).click();
  await days.getByRole("button", { name: day.short }).click();
  await f.getByLabel("From").fill("09:00");
  await f.getByLabel("To").fill("09:00");
  await f.getByRole("button", { name: "Add schedule" }).click();
  await expect(f.getByText("to must differ from from")).toBeVisible();
  await f.getByLabel("To").fill("10:00");
  await f.getByRole("button", { name: "Add schedule" }).click();
  await expect(f.getByRole("status")).toHaveText("Schedule added.");
  const office = page.getByRole("listitem", { name: "Office hours" });
  await expect(office).toContainText(`${day.short} 09:00–10:00`);
  await expect(office).toContainText(`Next ${day.short} 09:00 – 10:00`);
  await expect(scheduleRow(page)).toContainText(`Next pause ${day.short} 09:00`);

  // A tag schedule: the "Pause job if" sentence, a cron the server refuses, then a good one.
  await f.getByRole("button", { name: "Tag schedule" }).click();
  await expect(f).toContainText("Pause job if");
  await f.getByLabel("When (cron)").fill("61 * * * *");
  await f.getByLabel("Tag name").fill("OFFICE");
  await f.getByLabel("Tag value").fill("closed");
  await f.getByRole("button", { name: "Add schedule" }).click();
  await expect(f.getByText("cron is not valid: Invalid value for minute: 61")).toBeVisible();
  await f.getByLabel("When (cron)").fill("0 18 * * 1-5");
  await f.getByRole("button", { name: "Add schedule" }).click();
  const tag = page.getByRole("listitem", { name: "Tag OFFICE" });
  await expect(tag).toContainText("Sets OFFICE = closed at “0 18 * * 1-5”");
  await expect(tag).toContainText(/Next (\w{3} )?18:00/);
  expect(await control.changes(), "nothing reached the agent").toEqual([]);

  // Edit, then disable: the next pause goes with it.
  await office.getByRole("button", { name: "Edit Office hours" }).click();
  const edit = page.getByRole("form", { name: "Edit schedule" });
  await edit.getByLabel("To").fill("11:30");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(office).toContainText(`${day.short} 09:00–11:30`);
  await office.getByRole("button", { name: "Disable Office hours" }).click();
  await expect(office).toContainText("Disabled");
  await expect(scheduleRow(page)).toContainText("No pause ahead");
  const list = await scheduleCall(dashboard.port, "GET", "/api/agents/local/schedules");
  expect(list.json.schedules).toEqual([
    expect.objectContaining({
      kind: "weekly",
      name: "Office hours",
      days: [day.key],
      from: "09:00",
      to: "11:30",
      enabled: false,
    }),
    expect.objectContaining({ kind: "tag", cron: "0 18 * * 1-5", tag: { name: "OFFICE", value: "closed" } }),
  ]);
});

for (const [width, height] of [
  [1600, 1000],
  [390, 844],
] as const) {
  test(`status card and editor at ${width} px, light and dark`, async ({ page, dashboard }) => {
    await page.setViewportSize({ width, height });
    const { end } = await addMaintenance(dashboard.port, -60_000, 3 * 3_600_000, { name: "MC upgrade" });
    await scheduleCall(dashboard.port, "POST", "/api/agents/local/schedules", {
      kind: "weekly",
      name: "Office hours",
      days: ["mon", "tue", "wed", "thu", "fri"],
      from: "09:00",
      to: "17:00",
    });
    await scheduleCall(dashboard.port, "POST", "/api/agents/local/schedules", {
      kind: "tag",
      name: "Evening",
      cron: "0 18 * * 1-5",
      tag: { name: "OFFICE", value: "closed" },
    });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/agents/local");
      const card = page.locator('section[aria-labelledby="agent-name"]');
      await expect(scheduleRow(page)).toContainText("Paused by schedule until");
      expect(end).toBeGreaterThan(Date.now());
      await card.screenshot({ path: `test-results/e2e/schedules-status-${width}-${scheme}.png` });
      await page.screenshot({ path: `test-results/e2e/schedules-agent-${width}-${scheme}.png` });
      await page.goto("/agents/local/schedules");
      await expect(page.getByRole("listitem", { name: "Evening" })).toBeVisible();
      const m = await scrollExtent(page);
      expect(m.scrollWidth, "no sideways scrolling").toBeLessThanOrEqual(m.innerWidth);
      await page.screenshot({ path: `test-results/e2e/schedules-page-${width}-${scheme}.png`, fullPage: true });
      for (const kind of ["Maintenance", "Tag schedule"]) {
        await form(page).getByRole("button", { name: kind }).click();
        await form(page).screenshot({
          path: `test-results/e2e/schedules-form-${kind.split(" ")[0]}-${width}-${scheme}.png`,
        });
      }
    }
  });
}

test.describe("a view session", () => {
  const ADMIN = "admin-correct-horse";
  const VIEWER = "viewer-battery-staple";
  test.use({ dashboardEnv: { TZ: ZONE, DASHBOARD_PASSWORD: ADMIN, DASHBOARD_VIEW_PASSWORD: VIEWER } });

  const signIn = async (port: number, password: string) => {
    const res = await raw(port, sameOriginJson(port, "POST", "/api/session", { password }));
    return String(res.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
  };

  test("reads schedules but cannot change any, and sees no controls", async ({ page, dashboard, control }) => {
    const admin = await signIn(dashboard.port, ADMIN);
    const viewer = await signIn(dashboard.port, VIEWER);
    const path = "/api/agents/local/schedules";
    const body = {
      kind: "maintenance",
      name: "Upgrade",
      start: new Date(Date.now() + 3_600_000).toISOString(),
      end: new Date(Date.now() + 7_200_000).toISOString(),
    };
    const created = await scheduleCall(dashboard.port, "POST", path, body, admin);
    expect(created.status).toBe(201);
    const id = (created.json.schedule as { id: number }).id;
    await control.clearRequests();

    expect((await scheduleCall(dashboard.port, "GET", path, undefined, viewer)).status).toBe(200);
    for (const [method, url, payload] of [
      ["POST", path, body],
      ["PATCH", `${path}/${id}`, { enabled: false }],
      ["DELETE", `${path}/${id}`, undefined],
    ] as const) {
      const res = await scheduleCall(dashboard.port, method, url, payload, viewer);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect((res.json.error as { message: string }).message).toMatch(/read-only/);
    }
    expect((await scheduleCall(dashboard.port, "GET", path, undefined, admin)).json.schedules).toEqual([
      expect.objectContaining({ id, name: "Upgrade", enabled: true }),
    ]);
    expect(await control.changes()).toEqual([]);

    await page.goto("/agents/local/schedules");
    await page.getByLabel("Password").fill(VIEWER);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/agents\/local\/schedules$/);
    await expect(page.getByText("This session is read-only")).toBeVisible();
    await expect(page.getByRole("listitem", { name: "Upgrade" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Add a schedule" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Edit|Delete|Disable)/ })).toHaveCount(0);
    await page.goto("/agents/local");
    await expect(scheduleRow(page)).toContainText("Next pause");
  });
});
