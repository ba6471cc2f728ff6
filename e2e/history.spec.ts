import type { Page } from "@playwright/test";
import type { Run } from "../lib/agent-api/runs";
import { drawnText, recordCanvasText } from "./support/canvas-text";
import { expect, readOnlyTest as test } from "./support/patient";

type History = { intervalMs: number; points: { t: number; down: number; up: number }[] };
const MINUTE_MS = 60_000;
const history = async (page: Page, query = "") =>
  (await page.request.get(`/api/agents/local/history${query}`)).json() as Promise<History>;

test("GET /api/agents/{id}/history: one point per poll interval for the agent, per minute for a run", async ({
  page,
}) => {
  const first = await history(page);
  expect(first.intervalMs).toBe(1000);
  await expect.poll(async () => (await history(page)).points.length).toBeGreaterThanOrEqual(3);
  const { points } = await history(page);
  for (let i = 1; i < points.length; i++) expect(points[i]!.t - points[i - 1]!.t).toBeGreaterThanOrEqual(1000 - 50);
  expect(points.some((p) => p.down > 0)).toBe(true);

  const runs = (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
  const moving = runs.find((r) => (r.down_speed ?? 0) > 0)!;
  const own = await history(page, `?runId=${moving.run_id}`);
  expect(own.intervalMs).toBe(MINUTE_MS);
  expect(own.points.length).toBeGreaterThanOrEqual(1);
  expect(own.points.some((p) => p.down > 0)).toBe(true);
  // A run's speed is part of the agent's total at the same moment: over a day both come in the same
  // 2-minute buckets (the minute in progress included), so they can be compared bucket by bucket.
  const [ownDay, totalDay] = [
    await history(page, `?range=24h&runId=${moving.run_id}`),
    await history(page, "?range=24h"),
  ];
  expect(ownDay.intervalMs).toBe(totalDay.intervalMs);
  let compared = 0;
  for (const p of ownDay.points) {
    const same = totalDay.points.find((q) => q.t === p.t);
    if (!same) continue;
    compared++;
    expect(p.down).toBeLessThanOrEqual(same.down);
  }
  expect(compared).toBeGreaterThanOrEqual(1);
  expect((await history(page, "?runId=999999")).points).toEqual([]);
  expect((await page.request.get("/api/agents/local/history?runId=abc")).status()).toBe(400);
});

test("the agent page draws the throughput chart with time-only axis labels", async ({ page }) => {
  await recordCanvasText(page);
  await page.goto("/agents/local");
  const chart = page.getByRole("img", { name: /^Agent throughput: now .+ down and .+ up\.$/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator("canvas")).toHaveCount(1);
  await expect(page.getByText(/Collecting data/)).toHaveCount(0);
  await expect
    .poll(async () => (await drawnText(page)).filter((t) => /^\d{1,2}:\d{2}(\s?[AP]M)?$/.test(t)).length)
    .toBeGreaterThanOrEqual(2);
  const labels = await drawnText(page);
  // uPlot's default time axis adds a date row such as "8/24/29" under the first tick: not here.
  expect(labels.filter((t) => /\d{1,2}\/\d{1,2}\/\d{2}|\n/.test(t))).toEqual([]);
  expect(labels.some((t) => /B\/s$/.test(t))).toBe(true);
});

test("the run page draws that run's speed chart", async ({ page }) => {
  const runs = (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
  const moving = runs.find((r) => (r.down_speed ?? 0) > 0 && r.type === "folder") ?? runs[0]!;
  await page.goto(`/agents/local/runs/${moving.run_id}`);
  await expect(page.getByRole("heading", { name: moving.name, level: 1 })).toBeVisible();
  const chart = page.getByRole("img", { name: /^Run speed: now .+ down and .+ up\.$/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator("canvas")).toHaveCount(1);
  // A run's history is kept per minute: a dashboard started moments ago has its second point once
  // its first minute has ended.
  await expect(page.getByText(/Collecting data/)).toHaveCount(0, { timeout: 2 * MINUTE_MS });
});
