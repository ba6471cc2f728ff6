import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runHasErrors } from "../lib/agent-api/status-groups";
import type { Run } from "../lib/agent-api/runs";
import { freePort } from "../tests/support/processes";
import { expect, test } from "./support/multi-agent";
import { sparklinePoints } from "./support/page-checks";
import { startExpectingExit } from "./support/refusal";

test("/api/agents names every configured agent and never reveals a URL", async ({ page, fleet }) => {
  const res = await page.request.get("/api/agents");
  expect(res.status()).toBe(200);
  const text = await res.text();
  const body = JSON.parse(text) as { agents: unknown[] };
  expect(body.agents).toEqual([
    { id: "office-pc", name: "Office PC" },
    { id: "render-nas", name: "Render NAS" },
    { id: "lab-mac", name: "Lab Mac" },
  ]);
  for (const a of fleet.agents) expect(text).not.toContain(String(new URL(a.url).port));
  expect(text).not.toMatch(/https?:|127\.0\.0\.1|"url"|tokenAuth/i);
});

test("/ shows a card per agent: state, paused, runs by status, speeds, errors, a sparkline, and a link", async ({
  page,
  fleet,
}) => {
  const office = fleet.member("office-pc");
  const nas = fleet.member("render-nas");
  await office.control.setState({ paused: true });
  await nas.control.setState({ serverState: "PENDING_APPROVAL" });
  await page.goto("/");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();

  const officeCard = page.getByRole("region", { name: "Office PC" });
  const nasCard = page.getByRole("region", { name: "Render NAS" });
  const labCard = page.getByRole("region", { name: "Lab Mac" });
  await expect(page.getByRole("region", { name: /Office PC|Render NAS|Lab Mac/ })).toHaveCount(3);

  // Paused agent: the runs stand still, so the card's figures can be compared exactly with the API.
  await expect(officeCard.getByText("Paused", { exact: true })).toBeVisible();
  await expect(officeCard.getByText("MC CONNECTED")).toBeVisible();
  const officeRuns = (await (await page.request.get("/api/agents/office-pc/runs")).json()) as Run[];
  await expect(officeCard.getByRole("list", { name: "Runs by status" }).getByRole("listitem")).toHaveText([
    "Error 0",
    "Active 0",
    "Paused 25",
    "Done 0",
    "Idle 0",
  ]);
  const withErrors = officeRuns.filter(runHasErrors).length;
  expect(withErrors).toBeGreaterThan(0);
  await expect(officeCard.locator("dt", { hasText: "With errors" }).locator("+ dd")).toHaveText(String(withErrors));
  await expect(officeCard.locator("dt", { hasText: /^Down$/ }).locator("+ dd")).toHaveText(/^0(\.0)? B\/s$/);

  // The agent without token auth: running, its MC state as the agent reports it, every run counted.
  await expect(nasCard.getByText("Running", { exact: true })).toBeVisible();
  await expect(nasCard.getByText("MC PENDING_APPROVAL")).toBeVisible();
  const counts = await nasCard.getByRole("list", { name: "Runs by status" }).getByRole("listitem").allInnerTexts();
  expect(counts.map((c) => Number(/(\d+)$/.exec(c)?.[1])).reduce((a, b) => a + b, 0)).toBe(12);
  await expect(nasCard.locator("dt", { hasText: /^Down$/ }).locator("+ dd")).toHaveText(/\d.*\/s$/);

  // The agent that is switched off says so instead of showing figures.
  await expect(labCard.getByText("Unreachable", { exact: true })).toBeVisible();
  await expect(labCard.getByText(/Agent unreachable/)).toBeVisible();

  // Sparklines fill in as the dashboard polls: at least two points per reachable agent.
  for (const card of [officeCard, nasCard]) await expect.poll(() => sparklinePoints(card)).toBeGreaterThanOrEqual(2);
  await expect(labCard.getByRole("img", { name: /collecting data/ })).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/overview-1600.png" });

  // The no-token agent is never asked for a token, and its card leads to its page with every run.
  expect((await nas.control.requests()).filter((r) => r.path === "/api/v3/token")).toHaveLength(0);
  await nasCard.getByRole("link", { name: "Render NAS", exact: true }).click();
  await expect(page).toHaveURL(/\/agents\/render-nas$/);
  await expect(page.getByRole("heading", { name: "Render NAS", level: 1 })).toBeVisible();
  await expect(
    page
      .getByRole("table")
      .locator("tbody tr")
      .filter({ has: page.getByRole("progressbar") }),
  ).toHaveCount(12);
});

test.describe("one agent in AGENTS_FILE", () => {
  test.use({ fleetSetup: { agents: [{ id: "solo", name: "Solo Box", simArgs: ["--runs", "5"] }] } });
  test("/ goes straight to it", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/agents\/solo$/);
    await expect(page.getByRole("heading", { name: "Solo Box", level: 1 })).toBeVisible();
  });
});

/** `npm start` with the given AGENTS_FILE content: exit code and stderr. */
async function startWithAgentsFile(content: unknown): Promise<{ code: number | null; stderr: string; file: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-bad-fleet-"));
  const file = path.join(dir, "agents.json");
  writeFileSync(file, JSON.stringify(content));
  const { code, stderr } = await startExpectingExit({ PORT: String(await freePort()), AGENTS_FILE: file });
  return { code, stderr, file };
}

for (const [what, content, line] of [
  [
    "a duplicate id",
    [
      { id: "office", name: "A", url: "http://127.0.0.1:3840" },
      { id: "office", name: "B", url: "http://127.0.0.1:3850" },
    ],
    'agent-deck: invalid configuration: AGENTS_FILE entry 1 (id "office"): id "office" is used by an earlier entry; ids must be unique',
  ],
  [
    "an id that is not a URL-safe slug",
    [{ id: "Office PC", name: "A", url: "http://127.0.0.1:3840" }],
    'agent-deck: invalid configuration: AGENTS_FILE entry 0 (id "Office PC"): id is missing or invalid (a lowercase slug such as "office-pc")',
  ],
] as const) {
  test(`AGENTS_FILE with ${what} stops start-up with one line naming the entry`, async () => {
    const r = await startWithAgentsFile(content);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").filter((l) => l.includes("agent-deck: invalid configuration"))).toEqual([line]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
}
