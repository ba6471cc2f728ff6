import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { Run } from "../lib/agent-api/runs";
import type { HistoryResponse, TotalsResponse } from "../lib/bff/contract-store";
import { startDashboard } from "../tests/support/processes";
import { expect, readOnlyTest as test } from "./support/patient";

/**
 * Long history and daily totals from the store, against the built dashboard and the simulator:
 * what was seen before a restart is served after it, every range answers within its bounds, the
 * totals route lists every day, and bad query input is a 400 naming the field.
 */
const fetchJson = async <T>(url: string): Promise<T> => {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
};
const history = async (page: Page, query = "") =>
  (await page.request.get(`/api/agents/local/history${query}`)).json() as Promise<HistoryResponse>;
const totals = async (page: Page, query = "") =>
  (await page.request.get(`/api/agents/local/totals${query}`)).json() as Promise<TotalsResponse>;
const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

test("history and totals from before a dashboard restart are served after it (same DATA_DIR)", async ({ sim }) => {
  const env = {
    AGENT_URL: sim.url,
    AGENT_NAME: "Office PC",
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "agent-deck-restart-")),
  };
  const first = await startDashboard(env);
  const api = (base: string, route: string) => `${base}/api/agents/local/${route}`;
  let before: HistoryResponse, runBefore: HistoryResponse, totalsBefore: TotalsResponse, runId: string;
  try {
    await expect
      .poll(async () => (await fetchJson<HistoryResponse>(api(first.url, "history"))).points.length)
      .toBeGreaterThanOrEqual(5);
    const runs = await fetchJson<Run[]>(api(first.url, "runs"));
    runId = String(runs.find((r) => (r.down_speed ?? 0) > 0)!.run_id);
    await expect
      .poll(async () => (await fetchJson<TotalsResponse>(api(first.url, "totals?days=1"))).days[0]!.down)
      .toBeGreaterThan(0);
    before = await fetchJson<HistoryResponse>(api(first.url, "history"));
    runBefore = await fetchJson<HistoryResponse>(api(first.url, `history?runId=${runId}`));
    totalsBefore = await fetchJson<TotalsResponse>(api(first.url, "totals?days=1"));
  } finally {
    await first.stop();
  }
  const second = await startDashboard(env);
  try {
    // The first answer of the new process already holds the old one's points (the latest may have
    // been updated by a poll after it was read, so all but that one are compared as they were).
    const after = await fetchJson<HistoryResponse>(api(second.url, "history"));
    expect(after.from).toBe(before.from);
    for (const p of before.points.slice(0, -1)) expect(after.points).toContainEqual(p);
    expect(after.points.filter((p) => p.t <= before.points.at(-1)!.t).length).toBeGreaterThanOrEqual(
      before.points.length,
    );
    // The run's minute before the restart (written as it stood when the process stopped).
    const runAfter = await fetchJson<HistoryResponse>(api(second.url, `history?runId=${runId}`));
    const minute = runBefore.points[0]!;
    expect(runAfter.points.find((p) => p.t === minute.t)?.down).toBeGreaterThan(0);
    // Bytes counted before the restart stay counted, and counting goes on from the kept counters.
    const totalsAfter = await fetchJson<TotalsResponse>(api(second.url, "totals?days=1"));
    expect(totalsAfter.from).toBe(totalsBefore.from);
    expect(totalsAfter.days[0]!.down).toBeGreaterThanOrEqual(totalsBefore.days[0]!.down);
    await expect
      .poll(async () => (await fetchJson<TotalsResponse>(api(second.url, "totals?days=1"))).days[0]!.down)
      .toBeGreaterThan(totalsBefore.days[0]!.down);
  } finally {
    await second.stop();
  }
});

test("every range answers at most 1,000 points, oldest first, with its bucket width and where the data starts", async ({
  page,
}) => {
  await expect.poll(async () => (await history(page)).points.length).toBeGreaterThanOrEqual(3);
  const agentSteps = { "15m": 1000, "1h": 5000, "6h": 30_000, "24h": 120_000, "7d": 900_000, "30d": 3_600_000 };
  const runSteps = { "15m": 60_000, "1h": 60_000, "6h": 60_000, "24h": 120_000, "7d": 3_600_000, "30d": 3_600_000 };
  const runs = (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
  const moving = String(runs.find((r) => (r.down_speed ?? 0) > 0)!.run_id);
  for (const [query, steps] of [
    ["", agentSteps],
    [`&runId=${moving}`, runSteps],
  ] as const) {
    for (const [range, intervalMs] of Object.entries(steps)) {
      const h = await history(page, `?range=${range}${query}`);
      expect(h, `${range}${query}`).toMatchObject({ range, intervalMs });
      expect(h.points.length).toBeGreaterThanOrEqual(1);
      expect(h.points.length).toBeLessThanOrEqual(1000);
      for (let i = 1; i < h.points.length; i++) expect(h.points[i]!.t).toBeGreaterThan(h.points[i - 1]!.t);
      expect(h.from).toBeLessThanOrEqual(h.points[0]!.t + intervalMs);
      expect(h.points[0]!.t).toBeGreaterThanOrEqual(h.to - h.rangeMs - intervalMs);
    }
  }
  expect((await history(page)).range).toBe("15m");
});

test("GET totals: every day of the range, oldest first, today's bytes counted from the runs' counters", async ({
  page,
}) => {
  const week = await totals(page, "?days=7");
  const now = new Date();
  expect(week.days.map((d) => d.date)).toEqual(
    Array.from({ length: 7 }, (_, i) => localDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 6 + i))),
  );
  expect((await totals(page)).days).toHaveLength(30);
  await expect.poll(async () => (await totals(page, "?days=7")).days.at(-1)!.down).toBeGreaterThan(0);
  const runs = (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
  const moving = runs.find((r) => (r.down_speed ?? 0) > 0)!;
  await expect
    .poll(async () => (await totals(page, `?days=1&runId=${moving.run_id}`)).days[0]!.down)
    .toBeGreaterThan(0);
  const agent = (await totals(page, "?days=1")).days[0]!;
  const run = (await totals(page, `?days=1&runId=${moving.run_id}`)).days[0]!;
  expect(run.down).toBeLessThanOrEqual(agent.down);
});

test("history and totals query parameters are validated: 400 with the field named", async ({ page }) => {
  const cases: [string, string][] = [
    ["history?range=2h", "range"],
    ["history?range=15m&range=1h", "range"],
    ["history?runId=abc", "runId"],
    ["history?since=1", "query"],
    ["totals?days=0", "days"],
    ["totals?days=3651", "days"],
    ["totals?days=abc", "days"],
    ["totals?runId=1x", "runId"],
  ];
  for (const [route, field] of cases) {
    const res = await page.request.get(`/api/agents/local/${route}`);
    expect(res.status(), route).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields?: Record<string, string[]> } };
    expect(body.error.code).toBe("invalid_input");
    expect(Object.keys(body.error.fields ?? {}), route).toContain(field);
  }
  expect((await page.request.get("/api/agents/nobody/totals")).status()).toBe(404);
});
