import { expect as baseExpect, test, type Page } from "@playwright/test";
import type { Run } from "../lib/agent-api/runs";
import { runPromtool } from "../scripts/lib/promtool.cjs";
import { AgentPage } from "./pages/agent-page";
import { eventsOf, startDeck, startHub, type Deck, type Hub } from "./support/hub";
import { parseExposition, value } from "./support/prom-text";
import { FIRST_PAINT_MS, STARTING_TEST_MS } from "./support/allowances";

/**
 * A hub of decks (issue 12 item 3) against real decks: two dashboards, each on its own simulated
 * agent called `local`, open on loopback (no password, no token: every request is an admin's), and a
 * hub whose AGENTS_FILE names both agents behind them. The hub shows them as it shows its own,
 * forwards changes, copies their timelines, tells a deck that is down from an agent that is down,
 * heals when a deck comes back, and never reveals where the decks are.
 */
const expect = baseExpect.configure({ timeout: FIRST_PAINT_MS });
test.describe.configure({ mode: "serial", timeout: 180_000 });

let a: Deck;
let b: Deck;
let hub: Hub;
const card = (page: Page, name: string) => page.getByRole("region", { name });
const counts = (page: Page, name: string) =>
  card(page, name).getByRole("list", { name: "Runs by status" }).getByRole("listitem");

test.beforeAll(async () => {
  test.setTimeout(STARTING_TEST_MS);
  a = await startDeck(["--runs", "25", "--seed", "1"]);
  b = await startDeck(["--runs", "12", "--seed", "7"]);
  hub = await startHub(
    [
      { id: "pc1", name: "PC 1", deck: a.url, agent: "local" },
      { id: "pc2", name: "PC 2", deck: `${b.url}/`, agent: "local" },
    ],
    { BACKGROUND_POLL_MS: "1000" },
  );
});

test.afterAll(async () => {
  await hub?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
});

const secrets = () => [a.url, b.url, `:${a.port}`, `:${b.port}`];
const revealsNothing = (text: string) => secrets().filter((s) => text.includes(s));

test("the overview shows both decks' agents like local ones, and reveals no deck's address", async ({ page }) => {
  await a.control.setState({ paused: true });
  await page.goto(hub.dashboard.url);
  await expect(page.getByRole("region", { name: /PC 1|PC 2/ })).toHaveCount(2);
  await expect(card(page, "PC 1").getByText("Paused", { exact: true })).toBeVisible();
  await expect(counts(page, "PC 1")).toHaveText(["Error 0", "Active 0", "Paused 25", "Done 0", "Idle 0"]);
  await expect(card(page, "PC 2").getByText("Running", { exact: true })).toBeVisible();
  await expect(card(page, "PC 2").getByText("MC CONNECTED")).toBeVisible();
  const total = async () =>
    (await counts(page, "PC 2").allInnerTexts()).map((c) => Number(/(\d+)$/.exec(c)?.[1])).reduce((x, y) => x + y, 0);
  await expect.poll(total).toBe(12);
  // The figures are the deck's own: runs with errors as deck A counts them.
  const runsOfA = (await (await fetch(`${a.url}/api/agents/local/runs`)).json()) as Run[];
  const withErrors = runsOfA.filter((r) => (r.errors?.length ?? 0) > 0 || r.status === "error").length;
  await expect(card(page, "PC 1").locator("dt", { hasText: "With errors" }).locator("+ dd")).toHaveText(
    String(withErrors),
  );

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/e2e/hub-overview-${scheme}.png`, fullPage: true });
  }

  // Nothing the hub serves or logs says where the decks are.
  for (const path of ["/", "/agents/pc1", "/wall", "/api/agents", "/api/snapshot", "/api/health", "/api/metrics"]) {
    const text = await (await fetch(hub.dashboard.url + path)).text();
    expect(revealsNothing(text), path).toEqual([]);
  }
  expect(revealsNothing(hub.dashboard.output())).toEqual([]);
  expect(hub.dashboard.output()).toContain('"via":"deck"');
  // The hub's metrics name its agents as its own, with their decks' state, and pass promtool's lint.
  const metricsText = await (await fetch(`${hub.dashboard.url}/api/metrics`)).text();
  const metrics = parseExposition(metricsText);
  for (const agent of ["pc1", "pc2"]) {
    expect(value(metrics, "agentdeck_agent_up", { agent })).toBe(1);
    expect(value(metrics, "agentdeck_deck_up", { agent })).toBe(1);
  }
  expect(value(metrics, "agentdeck_runs", { agent: "pc1", group: "paused" })).toBe(25);
  const lint = runPromtool(["check", "metrics"], { input: metricsText });
  expect({ status: lint.status, out: lint.stdout + lint.stderr }).toEqual({ status: 0, out: "" });
  await a.control.setState({ paused: false });
});

test("a remote agent's page, wall and timeline: the deck's runs and the deck's events", async ({ page }) => {
  await page.goto(`${hub.dashboard.url}/agents/pc2`);
  await expect(page.getByRole("heading", { name: "PC 2", level: 1 })).toBeVisible();
  await expect(new AgentPage(page, "pc2").bodyRows).toHaveCount(12);
  // The deck's log, copied: it started, and what happens on its agent from now on.
  await expect
    .poll(async () => (await eventsOf(hub.dashboard.url, "pc2")).map((e) => e.kind))
    .toContain("dashboard_started");
  const runs = (await (await fetch(`${b.url}/api/agents/local/runs`)).json()) as Run[];
  const target = runs.find((r) => r.status !== "error")!;
  await b.control.setRun({ runId: target.run_id, status: "error", errors: ["Hub test: disk full"] });
  await expect
    .poll(async () =>
      (await eventsOf(hub.dashboard.url, "pc2")).filter((e) => e.kind === "run_error").map((e) => e.message),
    )
    .toContainEqual(expect.stringContaining("Hub test: disk full"));
  const copied = (await eventsOf(hub.dashboard.url, "pc2")).find((e) => e.message.includes("Hub test: disk full"))!;
  expect(copied.agent).toBe("pc2");
  await page.goto(`${hub.dashboard.url}/activity`);
  await expect(page.getByText(/Hub test: disk full/).first()).toBeVisible();

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${hub.dashboard.url}/wall`);
  await expect(page.getByRole("listitem").getByRole("heading", { level: 2 })).toHaveCount(2);
  await expect(page.getByText("Agents online").locator("+ dd")).toHaveText("2 / 2");
});

test("changes on the hub reach the deck's agent: pause, resume and a tag, named in the deck's log", async ({
  page,
}) => {
  await page.goto(`${hub.dashboard.url}/agents/pc1`);
  await page.getByRole("button", { name: "Pause for 15 min" }).click();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  await expect.poll(async () => ((await a.control.setState({})) as { paused: boolean }).paused).toBe(true);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("button", { name: "Pause for 15 min" })).toBeVisible();
  await expect.poll(async () => ((await a.control.setState({})) as { paused: boolean }).paused).toBe(false);

  await page.getByLabel("Tag name").fill("site");
  await page.getByLabel("Tag value").fill("hub-test");
  await page.getByRole("button", { name: /^Add tag|^Set tag|^Save/ }).click();
  await expect
    .poll(async () => ((await a.control.setState({})) as { tags: { name: string; value: string }[] }).tags)
    .toContainEqual({ name: "site", value: "hub-test" });

  // The deck recorded who asked (the hub, as a client of the deck), and the hub copied it.
  const deckLog = await eventsOf(a.url, "local");
  expect(deckLog.find((e) => e.kind === "paused")?.actor).toMatch(/^dashboard \(admin, 127\.0\.0\.1\)$/);
  await expect
    .poll(async () => (await eventsOf(hub.dashboard.url, "pc1")).map((e) => e.kind))
    .toEqual(expect.arrayContaining(["paused", "resumed", "tags_changed"]));
});

test("an agent down behind a live deck is the agent's outage, not the deck's", async ({ page }) => {
  await page.goto(hub.dashboard.url);
  await b.control.fault({ kind: "refuse", ms: 15_000 });
  await expect(card(page, "PC 2").getByText("Unreachable", { exact: true })).toBeVisible();
  await expect(card(page, "PC 2").getByText("Deck unreachable")).toHaveCount(0);
  const metrics = parseExposition(await (await fetch(`${hub.dashboard.url}/api/metrics`)).text());
  expect(value(metrics, "agentdeck_agent_up", { agent: "pc2" })).toBe(0);
  expect(value(metrics, "agentdeck_deck_up", { agent: "pc2" })).toBe(1);
  await page.goto(`${hub.dashboard.url}/agents/pc2`);
  await expect(page.getByText(/^Agent unreachable since/)).toBeVisible();
  // It heals by itself with its agent.
  await expect(page.getByText(/^Agent unreachable since/)).toHaveCount(0, { timeout: 60_000 });
});

test("a deck that stops is shown as down, and the hub heals when it starts again", async ({ page }) => {
  await page.goto(hub.dashboard.url);
  await expect(card(page, "PC 2").getByText("Running", { exact: true })).toBeVisible();
  await b.stopDashboard();
  await expect(card(page, "PC 2").getByText("Deck unreachable", { exact: true })).toBeVisible();
  // Its figures are the last known ones, said so; its MC connection is not claimed any more.
  await expect(card(page, "PC 2").getByText(/^Stale · last updated /)).toBeVisible();
  await expect(card(page, "PC 2").getByText(/^MC /)).toHaveCount(0);
  await expect(card(page, "PC 1").getByText("Running", { exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/hub-overview-deck-down.png" });
  // The fleet wall claims no speeds for it: they would be the last known ones, not now's.
  await page.goto(`${hub.dashboard.url}/wall`);
  const tile = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "PC 2", level: 2 }) });
  await expect(tile.getByText("Deck unreachable", { exact: true })).toBeVisible();
  for (const label of ["Down", "Up"])
    await expect(tile.getByText(label, { exact: true }).locator("xpath=following-sibling::p[1]")).toHaveText("—");
  const health = (await (await fetch(`${hub.dashboard.url}/api/health`)).json()) as {
    agents: { id: string; reachable: boolean; error?: string }[];
  };
  expect(health.agents.find((x) => x.id === "pc2")).toMatchObject({ reachable: false });
  expect(health.agents.find((x) => x.id === "pc2")?.error).toMatch(
    /^Cannot reach the Agent Deck that watches this agent/,
  );
  expect(revealsNothing(JSON.stringify(health))).toEqual([]);
  const down = parseExposition(await (await fetch(`${hub.dashboard.url}/api/metrics`)).text());
  expect(value(down, "agentdeck_deck_up", { agent: "pc2" })).toBe(0);
  await page.goto(`${hub.dashboard.url}/agents/pc2`);
  await expect(page.getByText(/^Deck unreachable since \d/)).toBeVisible();
  await expect(page.getByText(/Showing the last known data/)).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/hub-agent-deck-down.png" });

  await b.startAgain();
  await expect(page.getByText(/^Deck unreachable since/)).toHaveCount(0, { timeout: 60_000 });
  await expect(new AgentPage(page, "pc2").bodyRows).toHaveCount(12);
  const kinds = (await eventsOf(hub.dashboard.url, "pc2")).map((e) => e.kind);
  expect(kinds).toEqual(expect.arrayContaining(["deck_unreachable", "deck_reachable"]));
  // The deck's own log goes on where it was (same data folder): its restart is in the copy too.
  await expect
    .poll(async () => (await eventsOf(hub.dashboard.url, "pc2")).filter((e) => e.kind === "dashboard_started").length)
    .toBe(2);
  expect(revealsNothing(hub.dashboard.output())).toEqual([]);
});
