import type { Page } from "@playwright/test";
import { startDashboard } from "../tests/support/processes";
import { expect, test } from "./fixtures";
import { AgentPage } from "./pages/agent-page";
import { FIRST_PAINT_MS } from "./support/allowances";

/**
 * The collector and the snapshot protocol against the built server: the agent is watched with no
 * browser open, pages poll deltas, and a page survives a restart of the dashboard by taking the
 * full snapshot the new process answers to a version it never gave out.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Wire = { version: string; base?: string; runs: unknown };

test.describe("with nobody watching", () => {
  test.use({ dashboardEnv: { BACKGROUND_POLL_MS: "2000", POLL_INTERVAL_MS: "500" } });
  test("the agent is polled anyway, at the background rate, and faster once someone reads", async ({
    request,
    control,
  }) => {
    await control.clearRequests();
    await sleep(6500);
    const quiet = (await control.requests()).filter((r) => r.path === "/api/v3/runs");
    // Every 2 s, not one per 500 ms: judged by when the agent got them (this test's own timer may
    // wake late on a loaded machine, so a count over its sleep could take in one more poll).
    expect(quiet.length).toBeGreaterThanOrEqual(3);
    const gaps = quiet.slice(1).map((r, i) => r.t - quiet[i]!.t);
    expect(Math.min(...gaps), `gaps between polls: ${gaps.join(", ")} ms`).toBeGreaterThanOrEqual(1500);
    await control.clearRequests();
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      expect((await request.get("/api/agents/local/snapshot")).status()).toBe(200);
      await sleep(250);
    }
    const watched = (await control.requests()).filter((r) => r.path === "/api/v3/runs").length;
    expect(watched).toBeGreaterThanOrEqual(5);
    expect(watched).toBeLessThanOrEqual(8);
  });
});

test("full, then deltas from the version held; an unknown version gets the full snapshot", async ({ request }) => {
  const full = (await (await request.get("/api/agents/local/snapshot")).json()) as Wire;
  expect(full.base).toBeUndefined();
  expect(full.runs).toHaveLength(25);
  await sleep(2500);
  const delta = (await (await request.get(`/api/agents/local/snapshot?since=${full.version}`)).json()) as Wire;
  expect(delta.base).toBe(full.version);
  expect(delta.runs).toMatchObject({ changed: expect.any(Array), removed: expect.any(Array) });
  const other = (await (
    await request.get(`/api/agents/local/snapshot?since=00000000.${full.version.split(".")[1]}`)
  ).json()) as Wire;
  expect(other.base).toBeUndefined();
  expect(other.runs).toHaveLength(25);
});

/** Every snapshot version a page receives, in order. */
function versionsOf(page: Page): Wire[] {
  const seen: Wire[] = [];
  page.on("response", async (res) => {
    if (!res.url().includes("/snapshot")) return;
    try {
      seen.push((await res.json()) as Wire);
    } catch {
      // A response cut short by navigation carries nothing to compare.
    }
  });
  return seen;
}

test("a dashboard restart in between: the page takes the new process's full snapshot and carries on, no error shown", async ({
  page,
  dashboard,
  sim,
}) => {
  const agent = new AgentPage(page);
  const seen = versionsOf(page);
  await agent.goto();
  await expect(agent.bodyRows).toHaveCount(25, { timeout: FIRST_PAINT_MS });
  await expect.poll(() => seen.some((w) => w.base !== undefined), { timeout: 15_000 }).toBe(true);
  const before = seen.at(-1)!.version.split(".")[0];
  await dashboard.stop();
  const again = await startDashboard({ AGENT_URL: sim.url, AGENT_NAME: "Office PC", PORT: String(dashboard.port) });
  try {
    // The first answer of the new process to the old version is a full snapshot of its own boot.
    await expect.poll(() => seen.find((w) => w.version.split(".")[0] !== before), { timeout: 30_000 }).toBeTruthy();
    const first = seen.find((w) => w.version.split(".")[0] !== before)!;
    expect(first.base).toBeUndefined();
    expect(first.runs).toHaveLength(25);
    await expect
      .poll(() => seen.filter((w) => w.version.split(".")[0] !== before && w.base !== undefined).length)
      .toBeGreaterThan(0);
    // (The simulator's "Restart required" banner is the agent's own news, not a problem.)
    const problems = page
      .getByRole("alert")
      .filter({ hasText: /unreachable|not answering|did not answer|cannot read|went wrong/i });
    await expect(problems).toHaveCount(0, { timeout: 15_000 });
    await expect(agent.bodyRows).toHaveCount(25);
  } finally {
    await again.stop();
  }
});

test("a tab and a wall of one agent follow the same versions of one snapshot", async ({ page, context, control }) => {
  const wall = await context.newPage();
  const tabSeen = versionsOf(page);
  const wallSeen = versionsOf(wall);
  await new AgentPage(page).goto();
  await wall.goto("/agents/local/wall");
  // Both poll the one snapshot of the agent, each at its own moments, and the agent's status (its
  // last-seen time) gives a new version at every collector poll: so at any moment they hold the
  // same version, or one a poll or two apart, of one boot; and after the pause both show it.
  await control.setState({ paused: true });
  const seq = (w: Wire | undefined) => Number(w?.version.split(".")[1] ?? Number.NaN);
  const boot = (w: Wire | undefined) => w?.version.split(".")[0];
  await expect.poll(() => tabSeen.length > 2 && wallSeen.length > 2, { timeout: 20_000 }).toBe(true);
  await sleep(4000);
  expect(boot(tabSeen.at(-1))).toBe(boot(wallSeen.at(-1)));
  expect(Math.abs(seq(tabSeen.at(-1)) - seq(wallSeen.at(-1)))).toBeLessThanOrEqual(3);
  await expect(page.getByRole("button", { name: /^Resume/ })).toBeVisible();
  await expect(wall.getByText(/Paused/).first()).toBeVisible();
});
