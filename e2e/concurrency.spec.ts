import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { FIRST_LOAD_MS, TIMING, TIMING_ENV, agentTruth, msUntil, report } from "./faults-support";
import { AgentPage } from "./pages/agent-page";

/*
 * Several tabs and impatient hands: tabs converge on what the agent really holds, a control is
 * disabled while its request is in flight, and a double click or a repeated Enter sends one request.
 */
/** The agent holds every PATCH this long, so "in flight" lasts long enough to look at on a busy machine. */
const HOLD_MS = 3000;
test.use({ dashboardEnv: { ...TIMING_ENV, AGENT_TIMEOUT_MS: String(2 * HOLD_MS) } });
test.describe.configure({ timeout: 120_000 });

/** One UI poll plus the BFF's cache interval: when a polling tab must have caught up. */
const NEXT_POLL_MS = TIMING.UI_POLL_INTERVAL_MS + TIMING.POLL_INTERVAL_MS;
const MARGIN_MS = 500;

async function open(page: Page): Promise<AgentPage> {
  const agent = new AgentPage(page);
  await agent.goto();
  await expect(agent.bodyRows).toHaveCount(25, { timeout: FIRST_LOAD_MS });
  return agent;
}

const tagRow = (page: Page, name: string) => page.getByRole("form", { name: `Tag ${name}` });

test("two tabs of one browser: a pause or a tag in one shows in the other at once", async ({ page, context }) => {
  const a = await open(page);
  const b = await open(await context.newPage());

  await a.pauseButton("Pause until resumed").click();
  await expect(a.resumeButton).toBeVisible();
  const paused = await msUntil(() => b.resumeButton.isVisible(), Date.now());

  await b.tagName.fill("SITE");
  await b.tagValue.fill("Berlin");
  await b.addTag.click();
  await expect(tagRow(b.page, "SITE")).toBeVisible();
  const tagged = await msUntil(() => tagRow(a.page, "SITE").isVisible(), Date.now());

  report("other tab shows the change (same browser)", `pause ${paused} ms, tag ${tagged} ms (tags poll every 10 s)`);
  expect(paused).toBeLessThanOrEqual(NEXT_POLL_MS + MARGIN_MS);
  // Tags poll only every 10 s; the tab that changed them tells the others.
  expect(tagged).toBeLessThanOrEqual(NEXT_POLL_MS + MARGIN_MS);
  await expect(tagRow(a.page, "SITE").getByRole("textbox")).toHaveValue("Berlin");
});

test("two browsers acting at once converge on the agent's truth at the next poll", async ({
  page,
  browser,
  dashboard,
  control,
}) => {
  const other = await browser.newContext({ baseURL: dashboard.url });
  try {
    const a = await open(page);
    const b = await open(await other.newPage());
    // At the same moment: A pauses, B adds a tag.
    await b.tagName.fill("ROOM");
    await b.tagValue.fill("42");
    await Promise.all([a.pauseButton("Pause until resumed").click(), b.addTag.click()]);
    await expect(a.resumeButton).toBeVisible();
    await expect(tagRow(b.page, "ROOM")).toBeVisible();
    const acted = Date.now();

    const seenPaused = await msUntil(() => b.resumeButton.isVisible(), acted);
    report("other browser shows the pause", `${seenPaused} ms (limit ${NEXT_POLL_MS} ms)`);
    expect(seenPaused).toBeLessThanOrEqual(NEXT_POLL_MS + MARGIN_MS);
    // Tags poll every 10 s in a tab that did not change them.
    await expect(tagRow(a.page, "ROOM")).toBeVisible({ timeout: 10_000 + NEXT_POLL_MS + MARGIN_MS });

    const truth = await agentTruth(control);
    expect(truth.paused).toBe(true);
    expect(truth.tags).toContainEqual({ name: "ROOM", value: "42" });

    // Now both resume at once: one PATCH each, both land on "running".
    await Promise.all([a.resumeButton.click(), b.resumeButton.click()]);
    for (const agent of [a, b]) await expect(agent.pauseButton("Pause until resumed")).toBeEnabled();
    expect((await agentTruth(control)).paused).toBe(false);
  } finally {
    await other.close();
  }
});

const patches = async (
  control: { requests: () => Promise<{ method: string; path: string; query: Record<string, string> }[]> },
  path: string,
) => (await control.requests()).filter((r) => r.method === "PATCH" && r.path === path);

test("pause controls are disabled while the request is in flight; more clicks send nothing", async ({
  page,
  control,
}) => {
  const agent = await open(page);
  await control.fault({ kind: "latency", ms: HOLD_MS, methods: ["PATCH"] });
  await control.clearRequests();

  await agent.pauseButton("Pause for 15 min").click();
  for (const name of ["Pause for 15 min", "Pause for 1 h", "Pause for 4 h", "Pause until resumed"])
    await expect(agent.pauseButton(name)).toBeDisabled();
  await expect(page.getByRole("status").filter({ hasText: "Pausing…" })).toBeVisible();
  // Clicks on a disabled control: the browser delivers none of them, so nothing more is sent.
  await agent.pauseButton("Pause for 1 h").click({ force: true });
  await agent.pauseButton("Pause for 15 min").click({ force: true });
  await expect(agent.resumeButton).toBeVisible({ timeout: HOLD_MS + 5000 });
  expect((await patches(control, "/api/v3/client")).map((r) => r.query.resume_timer)).toEqual(["900"]);

  await agent.resumeButton.dblclick();
  await expect(page.getByRole("button", { name: "Resuming…" })).toBeDisabled();
  await expect(agent.pauseButton("Pause for 15 min")).toBeEnabled({ timeout: HOLD_MS + 5000 });
  expect((await patches(control, "/api/v3/client")).map((r) => r.query.paused)).toEqual(["true", "false"]);
});

test("a double click pauses once; a repeated Enter adds a tag once; a double click restarts once", async ({
  page,
  control,
}) => {
  const agent = await open(page);
  await control.fault({ kind: "latency", ms: HOLD_MS, methods: ["PATCH"] });
  await control.clearRequests();

  await agent.pauseButton("Pause until resumed").dblclick();
  await expect(agent.resumeButton).toBeVisible({ timeout: HOLD_MS + 5000 });
  expect(await patches(control, "/api/v3/client")).toHaveLength(1);

  await agent.tagName.fill("DESK");
  await agent.tagValue.fill("7");
  await agent.tagValue.press("Enter");
  await agent.tagValue.press("Enter");
  await expect(page.getByRole("button", { name: "Adding…" })).toBeDisabled();
  await expect(tagRow(page, "DESK")).toBeVisible({ timeout: HOLD_MS + 5000 });
  expect(await patches(control, "/api/v3/tags")).toHaveLength(1);

  await agent.restartButton.click();
  const confirm = page
    .getByRole("dialog")
    .getByRole("button", { name: /^Restart/ })
    .last();
  await confirm.dblclick();
  await expect(page.getByText("Back online")).toBeVisible({ timeout: 20_000 });
  const restarts = (await control.requests()).filter(
    (r) => r.method === "PATCH" && r.path === "/api/v3/client" && !r.query.paused,
  );
  expect(restarts).toHaveLength(1);
});
