import type { Run } from "../lib/agent-api/runs";
import { expect, test } from "./fixtures";
import { AgentPage } from "./pages/agent-page";
import { pauseAndSettle, rawGet } from "./support/raw-http";

/** The runs table and the runs endpoint at 5,000 runs. */
test.use({ simArgs: ["--runs", "5000"] });

const hrefOf = (run: Run) => `/agents/local/runs/${run.run_id}`;
const firstRowLink = (agent: AgentPage) => agent.bodyRows.first().getByRole("link").first();

test("5,000 runs: a few rows in the DOM; sorting, searching and scrolling to the end work", async ({
  page,
  control,
}) => {
  // Many steps, each over 5,000 runs on a two-core machine shared with other test processes.
  test.setTimeout(180_000);
  // Paused runs stand still, so the page and the API can be compared exactly.
  await control.setState({ paused: true });
  const runs = (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
  expect(runs).toHaveLength(5000);
  const agent = new AgentPage(page);
  await agent.goto();
  await expect(page.getByText("5,000 runs", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(agent.bodyRows.first()).toBeVisible();
  expect(await page.locator("tbody tr").count()).toBeLessThanOrEqual(200);
  await expect(agent.runsTable).toHaveAttribute("aria-rowcount", "5001");

  // Size, ascending then descending: the smallest and then the largest run comes first
  // (runs without a size last either way; ties keep the agent's order).
  const bySize = runs.filter((r) => r.size_total !== undefined);
  const smallest = bySize.reduce((a, r) => (r.size_total! < a.size_total! ? r : a));
  const largest = bySize.reduce((a, r) => (r.size_total! > a.size_total! ? r : a));
  await agent.columnHeader(/^Size/).getByRole("button").click();
  await expect(agent.columnHeader(/^Size/)).toHaveAttribute("aria-sort", "ascending");
  await expect(firstRowLink(agent)).toHaveAttribute("href", hrefOf(smallest));
  await agent.columnHeader(/^Size/).getByRole("button").click();
  await expect(agent.columnHeader(/^Size/)).toHaveAttribute("aria-sort", "descending");
  await expect(firstRowLink(agent)).toHaveAttribute("href", hrefOf(largest));
  expect(await page.locator("tbody tr").count()).toBeLessThanOrEqual(200);
  await agent.columnHeader(/^Size/).getByRole("button").click();
  await expect(agent.columnHeader(/^Size/)).toHaveAttribute("aria-sort", "none");
  await expect(firstRowLink(agent)).toHaveAttribute("href", hrefOf(runs[0]!));

  // Search narrows to the runs whose name or path contains the text.
  const q = "zürich archive 17";
  const matching = runs.filter((r) => r.name.toLowerCase().includes(q) || (r.path ?? "").toLowerCase().includes(q));
  expect(matching.length).toBeGreaterThan(1);
  expect(matching.length).toBeLessThan(100);
  await page.getByRole("searchbox", { name: "Search runs" }).fill(q);
  await expect(page.getByText(`${matching.length} of 5,000 runs`)).toBeVisible();
  await expect(agent.bodyRows).toHaveCount(matching.length);
  const hrefs = await agent.bodyRows
    .locator("td:first-child a")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(hrefs).toEqual(matching.map(hrefOf));
  await page.getByRole("searchbox", { name: "Search runs" }).fill("");
  await expect(page.getByText("5,000 runs", { exact: true })).toBeVisible();

  // Scrolling to the bottom brings the agent's last runs into the DOM and into view.
  const scroller = page.getByLabel("Runs table, scrollable");
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const lastLink = agent.runsTable.locator(`a[href="${hrefOf(runs.at(-1)!)}"]`);
  await expect(lastLink).toBeVisible();
  await expect(agent.runsTable.locator(`a[href="${hrefOf(runs.at(-2)!)}"]`)).toBeVisible();
  // Inside the scrolled box's visible area, not just somewhere in the DOM.
  const [row, box] = await Promise.all([lastLink.boundingBox(), scroller.boundingBox()]);
  expect(row!.y).toBeGreaterThanOrEqual(box!.y);
  expect(row!.y + row!.height).toBeLessThanOrEqual(box!.y + box!.height);
  expect(await page.locator("tbody tr").count()).toBeLessThanOrEqual(200);
});

test("the runs endpoint is gzip-compressed and answers If-None-Match with 304 while nothing changed", async ({
  dashboard,
  control,
}) => {
  await pauseAndSettle(control, dashboard.url);
  const url = `${dashboard.url}/api/agents/local/runs`;
  const plain = await rawGet(url, { "Accept-Encoding": "identity" });
  expect(plain.status).toBe(200);
  expect(plain.headers["content-encoding"]).toBeUndefined();
  const zipped = await rawGet(url, { "Accept-Encoding": "gzip, deflate, br" });
  expect(zipped.status).toBe(200);
  expect(zipped.headers["content-encoding"]).toBe("gzip");
  expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
  // The same list, in a fraction of the bytes.
  expect(zipped.raw.length).toBeLessThan(plain.raw.length / 4);
  expect(JSON.parse(zipped.text())).toEqual(JSON.parse(plain.text()));
  // Non-ASCII names travel as \u escapes: the body is pure ASCII and still the same JSON.
  expect(/[\u0080-\uffff]/.test(plain.text())).toBe(false);
  expect((JSON.parse(plain.text()) as Run[]).some((r) => /[\u0080-\uffff]/.test(r.name))).toBe(true);

  const etag = zipped.headers.etag!;
  expect(etag).toMatch(/^"[^"]+"$/);
  const again = await rawGet(url, { "Accept-Encoding": "gzip", "If-None-Match": etag });
  expect(again.status).toBe(304);
  expect(again.raw.length).toBe(0);
  expect(again.headers.etag).toBe(etag);

  // Once the runs move, the same validator gets the new list.
  await control.setState({ paused: false });
  await expect.poll(async () => (await rawGet(url, { "If-None-Match": etag })).status, { timeout: 15_000 }).toBe(200);
  const moved = await rawGet(url, { "If-None-Match": etag });
  expect(moved.headers.etag).not.toBe(etag);
});
