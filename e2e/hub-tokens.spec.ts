import { expect as baseExpect, test, type Page } from "@playwright/test";
import { AgentPage } from "./pages/agent-page";
import { deckToken, eventsOf, revokeDeckToken, startDeck, startHub, type Deck, type Hub } from "./support/hub";
import { parseExposition, value } from "./support/prom-text";
import { FIRST_PAINT_MS, STARTING_TEST_MS } from "./support/allowances";

/**
 * A hub whose decks check its API tokens (issue 12 items 1 and 3): one deck gave the hub a `read`
 * token, the other an `operate` one (through tokenEnv). Read-only agents show why, and the hub refuses
 * their changes itself; the operate token's changes land, named by the deck; a revoked token is an
 * honest error state. The tokens never show anywhere on the hub.
 */
const expect = baseExpect.configure({ timeout: FIRST_PAINT_MS });
test.describe.configure({ mode: "serial", timeout: 180_000 });

let readDeck: Deck;
let operateDeck: Deck;
let hub: Hub;
let readToken: { id: number; secret: string };
let operateToken: { id: number; secret: string };

test.beforeAll(async () => {
  test.setTimeout(STARTING_TEST_MS);
  readDeck = await startDeck(["--runs", "8", "--seed", "3"]);
  operateDeck = await startDeck(["--runs", "9", "--seed", "4"]);
  readToken = await deckToken(readDeck, "hub-viewer", "read");
  operateToken = await deckToken(operateDeck, "hub", "operate");
  hub = await startHub(
    [
      { id: "ro", name: "Read-only PC", deck: readDeck.url, agent: "local", token: readToken.secret },
      { id: "op", name: "Operated PC", deck: operateDeck.url, agent: "local", tokenEnv: "OP_DECK_TOKEN" },
    ],
    { OP_DECK_TOKEN: operateToken.secret, BACKGROUND_POLL_MS: "1000" },
  );
});

test.afterAll(async () => {
  await hub?.stop();
  await Promise.all([readDeck?.stop(), operateDeck?.stop()]);
});

const patch = (path: string, body: unknown) =>
  fetch(hub.dashboard.url + path, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", Origin: hub.dashboard.url },
    body: JSON.stringify(body),
  });
const noSecrets = (text: string) => [readToken.secret, operateToken.secret].filter((s) => text.includes(s));
const pageOf = async (page: Page, id: string) => {
  await page.goto(`${hub.dashboard.url}/agents/${id}`);
  await expect(page.getByRole("progressbar").first()).toBeVisible();
};

test("a read token: the agent is shown read-only with the reason, and the hub refuses changes itself", async ({
  page,
}) => {
  await pageOf(page, "ro");
  await expect(page.getByRole("heading", { name: "Read-only PC", level: 1 })).toBeVisible();
  await expect(page.getByRole("note")).toHaveText(
    "Read-only here: this hub's API token for the agent's deck has the read scope; pause, resume, restart and tags need a token with the operate scope.",
  );
  await expect(page.getByRole("button", { name: /^(Pause|Resume|Restart)/ })).toHaveCount(0);
  await expect(page.getByLabel("Tag name")).toHaveCount(0);
  await page.screenshot({ path: "test-results/e2e/hub-read-only.png" });

  await readDeck.control.clearRequests();
  for (const [path, body] of [
    ["/api/agents/ro/client", { paused: true }],
    ["/api/agents/ro/client", { restart: true }],
    ["/api/agents/ro/tags", { tags: [{ name: "a", value: "b" }] }],
  ] as const) {
    const res = await patch(path, body);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("has the read scope"),
    });
  }
  expect(await readDeck.control.changes()).toEqual([]);
  // The token works for what it may do: the figures are there, and its deck saw it used.
  const summary = (await (await fetch(`${hub.dashboard.url}/api/snapshot?parts=summary`)).json()) as {
    agents: { id: string; snapshot: { readOnly?: string; summary?: { total: number } } }[];
  };
  expect(summary.agents.find((a) => a.id === "ro")?.snapshot).toMatchObject({
    readOnly: expect.stringContaining("read scope"),
    summary: { total: 8 },
  });
  expect(summary.agents.find((a) => a.id === "op")?.snapshot.readOnly).toBeUndefined();
});

test("an operate token: the hub's controls work, and the deck names the hub's token as who did it", async ({
  page,
}) => {
  await pageOf(page, "op");
  await expect(page.getByRole("note")).toHaveCount(0);
  await page.getByRole("button", { name: "Pause until resumed" }).click();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  await expect.poll(async () => ((await operateDeck.control.setState({})) as { paused: boolean }).paused).toBe(true);
  const deckPaused = (await eventsOf(operateDeck.url, "local")).find((e) => e.kind === "paused");
  expect(deckPaused?.actor).toBe('token "hub" (operate, 127.0.0.1)');
  await expect
    .poll(async () => (await eventsOf(hub.dashboard.url, "op")).find((e) => e.kind === "paused")?.actor)
    .toBe('token "hub" (operate, 127.0.0.1)');
  await page.getByRole("button", { name: "Resume" }).click();
  await expect.poll(async () => ((await operateDeck.control.setState({})) as { paused: boolean }).paused).toBe(false);

  // A restart through the hub: the agent goes away behind its deck and comes back, as on the deck itself.
  const agent = new AgentPage(page, "op");
  await expect(page.getByText(/restart required/i).first()).toBeVisible();
  await agent.restartButton.click();
  await page.getByRole("dialog").getByRole("button", { name: "Restart now" }).click();
  await expect(page.getByText(/Restarting…/).first()).toBeVisible();
  await expect(page.getByText("Back online")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/restart required/i)).toHaveCount(0);
  expect((await operateDeck.control.tokens()).length).toBeGreaterThanOrEqual(2);
  await expect
    .poll(async () =>
      (await eventsOf(hub.dashboard.url, "op")).filter((e) => e.kind.startsWith("restart_")).map((e) => e.kind),
    )
    .toEqual(["restart_completed", "restart_requested"]);
});

test("a revoked token: an honest error state saying so, and the token is never shown", async ({ page }) => {
  await revokeDeckToken(operateDeck, operateToken.id);
  await page.goto(hub.dashboard.url);
  const card = page.getByRole("region", { name: "Operated PC" });
  await expect(card.getByText("Deck refused", { exact: true })).toBeVisible();
  await expect(card).toContainText("refused this hub's API token: it is revoked or not one of that deck's");
  await expect(page.getByRole("region", { name: "Read-only PC" }).getByText("Running", { exact: true })).toBeVisible();
  const res = await patch("/api/agents/op/client", { paused: true });
  expect(res.status).toBe(502);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("deck_refused");
  const metrics = parseExposition(await (await fetch(`${hub.dashboard.url}/api/metrics`)).text());
  expect(value(metrics, "agentdeck_deck_up", { agent: "op" })).toBe(0);
  expect(value(metrics, "agentdeck_deck_up", { agent: "ro" })).toBe(1);
  await pageOf(page, "op");
  await expect(page.getByText(/refused this hub's API token/).first()).toBeVisible();
  // No controls while the deck refuses: they could only fail.
  await expect(page.getByRole("note")).toHaveText("Read-only here while the agent's deck refuses this hub.");
  await expect(page.getByRole("button", { name: /^(Pause|Resume|Restart)/ })).toHaveCount(0);
  await page.screenshot({ path: "test-results/e2e/hub-token-revoked.png" });
  for (const path of ["/", "/agents/op", "/api/agents", "/api/snapshot", "/api/health", "/api/agents/op/events"])
    expect(noSecrets(await (await fetch(hub.dashboard.url + path)).text()), path).toEqual([]);
  expect(noSecrets(hub.dashboard.output())).toEqual([]);
});
