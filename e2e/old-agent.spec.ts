import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AgentPage } from "./pages/agent-page";

/*
 * Agents older than the features the page shows, played by the simulator: an agent before 3.0 (only
 * the v2 API), one with its API turned off (404 everywhere), one with the v3 status but no runs
 * (before 3.0) and one without tags to read (before 2.10). The page says what it means and what to
 * do, and shows what the agent does offer. Screenshots go to test-results/old-agent/.
 */
const alerts = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/old-agent/${name}.png`, fullPage: true });

test.describe("an agent before 3.0 (v2 API only)", () => {
  test.use({ simArgs: ["--api-version", "2"] });

  test("the page says the agent is older than 3.0 and to update it, on the page, the overview and health", async ({
    page,
    dashboard,
  }) => {
    await new AgentPage(page).goto();
    const alert = alerts(page);
    await expect(alert).toHaveText(
      "This agent is older than 3.0: it answers only the older v2 API (/api/v2/client), not v3. Update the agent to 3.0 or later to use Agent Deck.",
    );
    await expect(alert).not.toContainText("retrying");
    // What the dashboard needs, and no panels that could only wait for data that will not come.
    await expect(page.getByRole("heading", { name: "Office PC", level: 1 })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Agent version 3.0 or later" })).toBeVisible();
    await expect(page.getByText("this page fills in by itself once the agent answers")).toBeVisible();
    await expect(page.getByRole("region", { name: "Runs" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Pause/ })).toHaveCount(0);
    await shot(page, "v2-agent");
    const health = (await (await fetch(`${dashboard.url}/api/health`)).json()) as { agents: { error?: string }[] };
    expect(health.agents[0]?.error).toMatch(/^This agent is older than 3\.0/);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(alert).toBeVisible();
    await shot(page, "v2-agent-390");
  });
});

test.describe("an agent with its API off (404 for v3 and v2)", () => {
  test.use({ simArgs: ["--fault", "not-found", "--fault-paths", "/api,/api/v3/token"] });

  test("the page says to add client_api_enabled=true to the Agent Profile", async ({ page }) => {
    await new AgentPage(page).goto();
    await expect(alerts(page)).toHaveText(
      "The Agent API is not enabled on this agent (HTTP 404 for both /api/v3 and /api/v2): add client_api_enabled=true to the Agent Profile in the Management Console.",
    );
    await shot(page, "api-off");
  });
});

test.describe("an agent with the v3 status but no runs (before 3.0)", () => {
  test.use({ simArgs: ["--fault", "not-found", "--fault-paths", "/api/v3/runs"] });

  test("status, controls and tags work; the page says runs need 3.0 instead of an error", async ({ page }) => {
    const agent = new AgentPage(page);
    await agent.goto();
    await expect(page.getByRole("heading", { name: "Office PC", level: 1 })).toBeVisible();
    await expect(agent.pauseButton(/^Pause/).first()).toBeEnabled();
    const note = page.getByRole("status").filter({ hasText: "This agent does not report job runs" });
    await expect(note).toHaveText(
      "This agent does not report job runs: runs need agent version 3.0 or later. Status, pause and tags work as usual.",
    );
    await expect(alerts(page)).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Runs" })).toContainText("runs need agent version 3.0 or later");
    await expect(page.getByRole("region", { name: "Summary" })).toContainText(
      "No figures: this agent reports no job runs.",
    );
    await expect(agent.runsTable).toHaveCount(0);
    await expect(page.getByText("SITE", { exact: true })).toBeVisible(); // the simulator's tags
    await shot(page, "no-runs");

    // Pausing still works on such an agent.
    await agent
      .pauseButton(/^Pause/)
      .first()
      .click();
    await expect(agent.resumeButton).toBeVisible();
    await page.emulateMedia({ colorScheme: "dark" });
    await shot(page, "no-runs-dark");
  });
});

test.describe("an agent without tags to read (before 2.10)", () => {
  test.use({ simArgs: ["--fault", "not-found", "--fault-paths", "/api/v3/tags"] });

  test("the tags panel says reading tags needs 2.10; the rest of the page is as usual", async ({ page }) => {
    const agent = new AgentPage(page);
    await agent.goto();
    await expect(agent.bodyRows.first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("region", { name: "Tags" })).toContainText(
      "This agent does not list its tags: reading tags needs agent version 2.10 or later.",
    );
    await expect(alerts(page)).toHaveCount(0);
    await shot(page, "no-tags");
  });
});
