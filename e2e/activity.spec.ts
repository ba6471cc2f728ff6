import type { Page } from "@playwright/test";
import type { Run } from "../lib/agent-api/runs";
import type { EventsResponse } from "../lib/bff/contract-store";
import type { Control } from "./fixtures";
import { textContrast } from "./support/page-checks";
import { expect, test } from "./support/patient";

/**
 * The timeline in Chromium, against the built dashboard and the simulated agent: events reach the
 * agent page's panel while it is open, the activity pages filter (in the URL, so a reload keeps
 * them), search, page back with "load older", and a run's page lists that run's events.
 */
test.use({ dashboardEnv: { POLL_INTERVAL_MS: "250", BACKGROUND_POLL_MS: "250", UI_POLL_INTERVAL_MS: "500" } });

const runsOf = async (page: Page) => (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
const eventsOf = async (page: Page, query = "") =>
  (await (await page.request.get(`/api/agents/local/events${query}`)).json()) as EventsResponse;
const rows = (page: Page, list: string) => page.getByRole("list", { name: list }).getByRole("listitem");
/** Every row's data attribute, read in one go. */
const rowData = (page: Page, list: string, attr: string) =>
  rows(page, list).evaluateAll((items, a) => items.map((li) => li.getAttribute(a)), attr);

/** A run that is not in error now, so making it fail is news. */
async function quietRun(page: Page): Promise<Run> {
  return (await runsOf(page)).find((r) => r.status !== "error" && !r.errors?.length) ?? (await runsOf(page))[0]!;
}

async function failRun(control: Control, run: Run, text: string) {
  await control.setRun({ runId: run.run_id, status: "error", errors: [text] });
}

test("a change at the agent appears in the open page's Activity panel, and 'View all' opens the log", async ({
  page,
  control,
}) => {
  await page.goto("/agents/local");
  const panel = page.getByRole("region", { name: "Activity" });
  await expect(rows(page, "Latest events").first()).toBeVisible();
  // Mark this document: the event must arrive by polling, not by a reload.
  await page.evaluate(() => ((window as unknown as { marked: boolean }).marked = true));

  const run = await quietRun(page);
  await failRun(control, run, "Disk full: no space left on /data");
  const failed = panel.getByRole("listitem").filter({ hasText: `Run "${run.name}" reports an error: Disk full` });
  await expect(failed).toBeVisible();
  await expect(failed.getByText("Error", { exact: true })).toBeVisible();
  await expect(failed.getByRole("link", { name: "Open run" })).toHaveAttribute(
    "href",
    `/agents/local/runs/${run.run_id}`,
  );
  // Its time in the browser's locale, and its age, kept current.
  await expect(failed.locator("time").first()).toHaveText(/^\d{1,2}:\d{2}:\d{2}(\s?[AP]M)?$/);
  await expect(failed.getByText(/^(just now|\d+ s ago)$/)).toBeVisible();

  await control.setState({ paused: true });
  await expect(
    panel
      .getByRole("listitem")
      .filter({ hasText: "The agent was paused" })
      .filter({ hasText: "by outside the dashboard" }),
  ).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { marked?: boolean }).marked)).toBe(true);

  await panel.getByRole("link", { name: "View all activity" }).click();
  await expect(page).toHaveURL(/\/agents\/local\/activity$/);
  await expect(page.getByRole("heading", { name: "Activity of Office PC", level: 1 })).toBeVisible();
  await expect(rows(page, "Events").filter({ hasText: `Run "${run.name}" reports an error` })).toBeVisible();
});

test("filters and search narrow the list, live in the URL and survive a reload", async ({ page, control }) => {
  const run = await quietRun(page);
  await failRun(control, run, "Permission denied");
  await control.setState({ serverState: "NOT_CONNECTED" });
  await expect
    .poll(async () => (await eventsOf(page, "?severity=error,warning")).events.length)
    .toBeGreaterThanOrEqual(2);

  await page.goto("/agents/local/activity");
  await expect(rows(page, "Events").first()).toBeVisible();
  await page.getByRole("combobox", { name: "Severity" }).selectOption({ label: "Errors" });
  await expect(page).toHaveURL(/[?&]severity=error(&|$)/);
  await expect.poll(async () => [...new Set(await rowData(page, "Events", "data-severity"))]).toEqual(["error"]);

  await page.getByRole("combobox", { name: "Severity" }).selectOption({ label: "Warnings and errors" });
  await page.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Management Console connection" });
  await expect(page).toHaveURL(/kind=server_state/);
  await expect.poll(() => rowData(page, "Events", "data-kind")).toEqual(["server_state"]);
  await expect(rows(page, "Events").first()).toContainText("Warning");

  await page.reload();
  await expect(page.getByRole("combobox", { name: "Kind" })).toHaveValue("server_state");
  await expect(page.getByRole("combobox", { name: "Severity" })).toHaveValue("warning,error");
  await expect.poll(() => rowData(page, "Events", "data-kind")).toEqual(["server_state"]);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByRole("combobox", { name: "Run" }).selectOption(String(run.run_id));
  await expect(page).toHaveURL(new RegExp(`[?&]runId=${run.run_id}(&|$)`));
  await expect(rows(page, "Events").filter({ hasText: "reports an error: Permission denied" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search events" }).fill("Permission denied");
  await expect(page).toHaveURL(/q=Permission\+denied/);
  await expect
    .poll(async () => (await rows(page, "Events").allTextContents()).every((t) => t.includes("Permission denied")))
    .toBe(true);
  await page.getByRole("searchbox", { name: "Search events" }).fill("no such words anywhere");
  await expect(page.getByText("No events match these filters.")).toBeVisible();

  // The fleet's log holds the same events, each naming its agent.
  await page.goto("/activity?severity=error");
  const fleetRow = rows(page, "Events").filter({ hasText: "Permission denied" });
  await expect(fleetRow.getByRole("link", { name: "Office PC" })).toHaveAttribute("href", "/agents/local");
});

test("'load older' pages back through the log to its first event, without gaps or repeats", async ({
  page,
  control,
}) => {
  await page.goto("/agents/local");
  // Many events: every run fails, then recovers (each change an event or more).
  for (const status of ["error", "synced", "error"]) {
    for (const r of await runsOf(page))
      await control.setRun({ runId: r.run_id, status, errors: status === "error" ? [`failure ${r.run_id}`] : [] });
    await page.waitForTimeout(600);
  }
  await expect.poll(async () => (await eventsOf(page, "?limit=500")).events.length).toBeGreaterThan(110);
  await control.setState({ paused: true }); // the runs stand still: the log stops growing
  await expect.poll(async () => (await eventsOf(page, "?kind=paused")).events.length).toBe(1);
  const count = async () => (await eventsOf(page, "?limit=500")).events.length;
  await expect.poll(async () => (await count()) === (await page.waitForTimeout(2000), await count())).toBe(true);
  const all = (await eventsOf(page, "?limit=500")).events.map((e) => String(e.id));
  expect(all.length).toBeLessThan(500);

  await page.goto("/agents/local/activity");
  await expect(rows(page, "Events")).toHaveCount(50);
  for (let shown = 50; shown < all.length; shown += 50) {
    await page.getByRole("button", { name: "Load older" }).click();
    await expect(rows(page, "Events")).toHaveCount(Math.min(shown + 50, all.length));
  }
  await expect(page.getByText("That is the oldest event kept.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Load older" })).toHaveCount(0);
  // Newest first, every event once: exactly what the API holds.
  expect(await rowData(page, "Events", "data-event-id")).toEqual(all);
});

test("a run's page lists that run's own events, live", async ({ page, control }) => {
  const run = await quietRun(page);
  await page.goto(`/agents/local/runs/${run.run_id}`);
  await expect(page.getByRole("heading", { name: run.name, level: 1 })).toBeVisible();
  const activity = page.getByRole("region", { name: "Activity" });
  await failRun(control, run, "Checksum mismatch");
  await expect(activity.getByRole("listitem").filter({ hasText: "Checksum mismatch" })).toBeVisible();
  const runIds = await rowData(page, "This run’s events", "data-event-id");
  const own = (await eventsOf(page, `?runId=${run.run_id}&limit=10`)).events.map((e) => String(e.id));
  expect(own).toEqual(expect.arrayContaining(runIds));
  await expect(activity.getByRole("link", { name: "All of this run’s events" })).toHaveAttribute(
    "href",
    `/agents/local/activity?runId=${run.run_id}`,
  );
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`severities read clearly in the ${colorScheme} theme`, async ({ page, control }) => {
    await page.emulateMedia({ colorScheme });
    await failRun(control, await quietRun(page), "Disk full");
    await control.setState({ serverState: "NOT_CONNECTED" });
    await page.goto("/agents/local/activity");
    for (const label of ["Error", "Warning", "Info"]) {
      const badge = rows(page, "Events").getByText(label, { exact: true }).first();
      await expect(badge).toBeVisible();
      expect(await textContrast(badge), `${label} badge`).toBeGreaterThanOrEqual(4.5);
    }
    await page.screenshot({ path: `test-results/e2e/activity-${colorScheme}.png`, fullPage: true });
  });
}
