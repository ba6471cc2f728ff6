import type { Page } from "@playwright/test";
import { runPercent, statusGroup } from "../lib/agent-api/status-groups";
import type { Run } from "../lib/agent-api/runs";
import { expect, test } from "./support/patient";
import { AgentPage } from "./pages/agent-page";

/** Run names in the order the table shows them (each row's progress bar is named after its run). */
async function shownNames(agent: AgentPage): Promise<string[]> {
  const labels = await agent.bodyRows
    .getByRole("progressbar")
    .evaluateAll((bars) => bars.map((b) => b.getAttribute("aria-label") ?? ""));
  return labels.map((l) => l.replace(/^Progress of /, ""));
}

/** What the view should list, by the documented rules: q on name and path, group, type, sort. */
function expectedNames(runs: Run[], v: { q: string; status: string; type: string; dir: "asc" | "desc" }): string[] {
  const q = v.q.toLowerCase();
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  const names = runs
    .filter((r) => statusGroup(r.status) === v.status && r.type === v.type)
    .filter((r) => r.name.toLowerCase().includes(q) || (r.path ?? "").toLowerCase().includes(q))
    .map((r) => r.name)
    .sort((a, b) => collator.compare(a, b));
  return v.dir === "desc" ? names.reverse() : names;
}

const apiRuns = async (page: Page) => (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];

test.describe("bookmarks", () => {
  test.use({ simArgs: ["--runs", "120"] });

  test("a bookmarked URL with q, status, type, sort and dir reopens exactly that view in a fresh page", async ({
    browser,
    baseURL,
  }) => {
    const view = { q: "data", status: "active", type: "folder", dir: "desc" } as const;
    const context = await browser.newContext({ baseURL }); // nothing remembered from another page
    const page = await context.newPage();
    const agent = new AgentPage(page);
    await page.goto(`/agents/local?q=${view.q}&status=${view.status}&type=${view.type}&sort=name&dir=${view.dir}`);

    await expect(page.getByRole("searchbox", { name: "Search runs" })).toHaveValue("data");
    await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("active");
    await expect(page.getByRole("combobox", { name: "Type" })).toHaveValue("folder");
    await expect(agent.columnHeader(/^Name/)).toHaveAttribute("aria-sort", "descending");

    // The runs keep moving, so compare with the API until both reflect the same poll.
    await expect
      .poll(async () => {
        const expected = expectedNames(await apiRuns(page), view);
        return expected.length > 1 && JSON.stringify(await shownNames(agent)) === JSON.stringify(expected);
      })
      .toBe(true);
    // The filters really narrowed the list: q alone leaves out some active folders.
    const all = await apiRuns(page);
    expect(expectedNames(all, { ...view, q: "" }).length).toBeGreaterThan(expectedNames(all, view).length);
    await context.close();
  });

  test("choosing filters in the toolbar writes them to the URL, and that URL shows the same rows elsewhere", async ({
    page,
    browser,
    baseURL,
    control,
  }) => {
    await control.setState({ paused: true }); // runs stand still: two pages can be compared exactly
    const agent = new AgentPage(page);
    await agent.goto();
    await expect(agent.bodyRows.first()).toBeVisible();
    await page.getByRole("searchbox", { name: "Search runs" }).fill("share");
    await page.getByRole("combobox", { name: "Type" }).selectOption("folder");
    await agent
      .columnHeader(/^Progress/)
      .getByRole("button")
      .click();
    await expect(page).toHaveURL(/[?&]q=share(&|$)/);
    await expect(page).toHaveURL(/[?&]type=folder(&|$)/);
    await expect(page).toHaveURL(/[?&]sort=progress(&|$)/);
    const names = await shownNames(agent);
    expect(names.length).toBeGreaterThan(1);
    const runs = await apiRuns(page);
    const percents = names.map((n) => runPercent(runs.find((r) => r.name === n)!));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    const other = await browser.newContext({ baseURL });
    const fresh = await other.newPage();
    await fresh.goto(page.url());
    const freshAgent = new AgentPage(fresh);
    await expect(fresh.getByRole("searchbox", { name: "Search runs" })).toHaveValue("share");
    await expect.poll(() => shownNames(freshAgent)).toEqual(names);
    await other.close();
  });

  test("hidden columns stay hidden after a reload", async ({ page }) => {
    const agent = new AgentPage(page);
    await agent.goto();
    await expect(agent.columnHeader(/^Peers/)).toBeVisible();
    await page.getByText("Columns", { exact: true }).click();
    await page.getByRole("checkbox", { name: "Peers" }).uncheck();
    await page.getByRole("checkbox", { name: "Permission" }).uncheck();
    await expect(agent.columnHeader(/^Peers/)).toHaveCount(0);
    await page.reload();
    await expect(agent.bodyRows.first()).toBeVisible();
    await expect(agent.columnHeader(/^Peers/)).toHaveCount(0);
    await expect(agent.columnHeader(/^Permission/)).toHaveCount(0);
    await expect(agent.columnHeader(/^Progress/)).toBeVisible();
    await expect(page.getByText(/^Columns \(\d+\/\d+\)$/)).toBeVisible();
  });
});

test.describe("tab title and favicon", () => {
  // Two runs, both moving and error-free, so the tab starts in the "running" state.
  test.use({ simArgs: ["--runs", "2"] });

  test("follow the agent: running with percent, paused, errors, unreachable", async ({ page, control }) => {
    const favicon = () => page.locator("head link#agent-deck-status-icon").getAttribute("href");
    await new AgentPage(page).goto();
    await expect(page).toHaveTitle(/^▶ \d+(\.\d)?% · Office PC — Agent Deck$/);
    const running = await favicon();
    expect(running).toMatch(/^data:image\/png;base64,/);

    await control.setState({ paused: true });
    await expect(page).toHaveTitle("⏸ Paused · Office PC — Agent Deck");
    await expect.poll(favicon).not.toBe(running);
    const paused = await favicon();

    await control.setState({ paused: false });
    const [run] = await apiRuns(page);
    await control.setRun({ runId: run!.run_id, status: "error", errors: ["Disk full"] });
    await expect(page).toHaveTitle("⚠ 1 error · Office PC — Agent Deck");
    await expect.poll(favicon).not.toBe(paused);
    const errors = await favicon();
    expect(errors).not.toBe(running);

    await control.fault({ kind: "refuse", ms: 20_000 });
    await expect(page).toHaveTitle("⚠ Unreachable · Office PC — Agent Deck");
  });
});
