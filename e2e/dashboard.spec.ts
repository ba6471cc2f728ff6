import { runPercent } from "../lib/agent-api/status-groups";
import type { Run } from "../lib/agent-api/runs";
import { expect, test } from "./fixtures";
import { AgentPage } from "./pages/agent-page";

test("/ opens the single agent and shows its status and every run", async ({ page, control }) => {
  await control.setState({ serverState: "PENDING_APPROVAL" });
  await page.goto("/");
  await expect(page).toHaveURL(/\/agents\/local$/);
  const agent = new AgentPage(page);
  // Exactly the status card's sentence: the Activity panel may also tell the change, after "Management Console: ".
  await expect(
    page.getByText("Connected, waiting for the Management Console to approve or decline this agent.", { exact: true }),
  ).toBeVisible();
  await expect(page.getByText(/restart required/i).first()).toBeVisible();
  await expect(agent.bodyRows).toHaveCount(25);
  for (const header of ["Name", "Type", "Status", "Progress", "ETA"]) {
    await expect(agent.columnHeader(new RegExp(`^${header}`))).toBeVisible();
  }
  await page.screenshot({ path: "test-results/e2e/dashboard-1600.png" });
});

test("progress bars carry the runs' real percentages", async ({ page, control }) => {
  // Paused runs stand still, so the page and the API can be compared exactly.
  await control.setState({ paused: true });
  const agent = new AgentPage(page);
  await agent.goto();
  await expect(agent.bodyRows).toHaveCount(25);
  const runs = (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
  for (const run of runs.slice(0, 8)) {
    const bar = agent.progressOf(run.name);
    await expect(bar).toHaveAttribute("aria-valuenow", String(Math.round(runPercent(run))));
    await expect(bar).toHaveAttribute("aria-valuemin", "0");
    await expect(bar).toHaveAttribute("aria-valuemax", "100");
  }
});

test("pause with a timer, then resume", async ({ page, control }) => {
  const agent = new AgentPage(page);
  await agent.goto();
  await control.clearRequests();
  await agent.pauseButton(/^Pause for 15 min/).click();
  await expect(page.getByText(/resumes in about 1[45]:\d\d/)).toBeVisible();
  await expect(agent.resumeButton).toBeVisible();
  const pauses = (await control.requests()).filter((r) => r.method === "PATCH" && r.path === "/api/v3/client");
  expect(pauses.map((r) => [r.query.paused, r.query.resume_timer])).toEqual([["true", "900"]]);
  // Every run reports paused once the agent is paused.
  await expect(page.getByRole("progressbar").first()).toBeVisible();
  await expect
    .poll(async () =>
      ((await (await page.request.get("/api/agents/local/runs")).json()) as Run[]).every((r) => r.status === "paused"),
    )
    .toBe(true);

  await agent.resumeButton.click();
  await expect(agent.pauseButton(/^Pause for 15 min/)).toBeEnabled();
  await expect(page.getByText(/resumes in about/)).toHaveCount(0);
  const resumes = (await control.requests()).filter((r) => r.method === "PATCH" && r.query.paused === "false");
  expect(resumes).toHaveLength(1);
});

test("restart asks for confirmation, shows restarting, and comes back online with a new token", async ({
  page,
  control,
}) => {
  const agent = new AgentPage(page);
  await agent.goto();
  await expect(page.getByText(/restart required/i).first()).toBeVisible();
  await agent.restartButton.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Restart now" }).click();
  await expect(page.getByText(/Restarting…/).first()).toBeVisible();
  await expect(page.getByText("Back online")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/restart required/i)).toHaveCount(0);
  expect((await control.tokens()).length).toBeGreaterThanOrEqual(2);
  await expect(agent.bodyRows).toHaveCount(25);
});

test("tags: add one, change its value; invalid input never reaches the agent", async ({ page, control }) => {
  const agent = new AgentPage(page);
  await agent.goto();
  await control.clearRequests();
  await agent.tagName.fill("   ");
  await agent.tagValue.fill("x");
  await agent.addTag.click();
  await expect(page.getByText("Tag name must not be empty")).toBeVisible();
  expect((await control.requests()).filter((r) => r.method === "PATCH")).toHaveLength(0);

  await agent.tagName.fill("FLOOR");
  await agent.tagValue.fill("3rd — east wing");
  await agent.addTag.click();
  const row = page.getByRole("form", { name: "Tag FLOOR" });
  await expect(row).toBeVisible();
  const valueInput = row.getByRole("textbox", { name: /value/i });
  await expect(valueInput).toHaveValue("3rd — east wing");
  await valueInput.fill("4th");
  await row.getByRole("button", { name: /^Save/ }).click();
  await expect
    .poll(async () => (await (await page.request.get("/api/agents/local/tags")).json()) as unknown)
    .toMatchObject({
      tags: expect.arrayContaining([{ name: "FLOOR", value: "4th" }]),
    });
});

test("a run opens its own page with every field and its errors", async ({ page }) => {
  const runs = (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
  const withErrors = runs.find((r) => (r.errors?.length ?? 0) > 0) ?? runs[0]!;
  const agent = new AgentPage(page);
  await agent.goto();
  await agent.runsTable.getByRole("link", { name: withErrors.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/local/runs/${withErrors.run_id}$`));
  await expect(page.getByRole("heading", { name: withErrors.name })).toBeVisible();
  for (const field of ["run_id", "size_total", "peers_count", "permission"])
    await expect(page.getByText(field, { exact: true })).toBeVisible();
  for (const e of withErrors.errors ?? []) {
    const text = typeof e === "string" ? e : String((e as { message?: string }).message ?? "");
    if (text) await expect(page.getByText(text).first()).toBeVisible();
  }
});

test("sorting by a column is reflected in aria-sort and in the URL", async ({ page }) => {
  const agent = new AgentPage(page);
  await agent.goto();
  await agent.columnHeader(/^Name/).getByRole("button").click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(agent.columnHeader(/^Name/)).toHaveAttribute("aria-sort", /ascending|descending/);
  const names = await agent.bodyRows.locator("td:first-child").allInnerTexts();
  const sorted = [...names].sort((a, b) => a.localeCompare(b));
  expect(names[0] === sorted[0] || names[0] === sorted[sorted.length - 1]).toBe(true);
  await page.reload();
  await expect(agent.columnHeader(/^Name/)).toHaveAttribute("aria-sort", /ascending|descending/);
});
