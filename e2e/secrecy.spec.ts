import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Response as PwResponse } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AgentPage } from "./pages/agent-page";

/**
 * The agent's token and URL stay on the server. A whole browser session (load, open a run, pause,
 * resume, tag, restart so a second token is issued, agent failures) is recorded, request and
 * response, headers and bodies; with the client bundles and the dashboard's own log, none of it
 * may hold a token, and nothing the browser gets may hold the agent's address.
 */
const STATIC_DIR = path.resolve(__dirname, "..", ".next", "static");

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)])),
  );
  return nested.flat();
}

type Seen = { what: string; text: string };

async function recordResponse(r: PwResponse): Promise<Seen> {
  const req = r.request();
  // Redirects and aborted loads have no body to read; their headers are still recorded.
  const body = await r.body().catch(() => Buffer.alloc(0));
  const text = [
    req.method(),
    req.url(),
    JSON.stringify(await req.allHeaders()),
    req.postData() ?? "",
    String(r.status()),
    JSON.stringify(await r.allHeaders()),
    body.toString("utf8"),
  ].join("\n");
  return { what: `${req.method()} ${req.url()}`, text };
}

test("no token and no agent address in anything the browser gets, in the bundles, or (tokens) in the log", async ({
  page,
  sim,
  control,
  dashboard,
}) => {
  test.slow(); // a full browser session with a restart, on a shared 2-core machine
  const pending: Promise<Seen>[] = [];
  page.context().on("response", (r) => pending.push(recordResponse(r)));
  const agent = new AgentPage(page);

  await agent.goto();
  await expect(agent.bodyRows).toHaveCount(25, { timeout: 30_000 });
  const firstRun = agent.runsTable.getByRole("link").first();
  const runName = (await firstRun.innerText()).trim();
  await firstRun.click();
  await expect(page.getByRole("heading", { name: runName })).toBeVisible();
  await page.goBack();

  await agent.pauseButton(/^Pause for 15 min/).click();
  await expect(agent.resumeButton).toBeVisible();
  await agent.resumeButton.click();
  await expect(agent.pauseButton(/^Pause for 15 min/)).toBeEnabled();

  await agent.tagName.fill("SECRECY");
  await agent.tagValue.fill("checked");
  await agent.addTag.click();
  await expect(page.getByRole("form", { name: "Tag SECRECY" })).toBeVisible();

  await agent.restartButton.click();
  await page.getByRole("dialog").getByRole("button", { name: "Restart now" }).click();
  await expect(page.getByText("Back online")).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expect(agent.bodyRows).toHaveCount(25, { timeout: 30_000 });

  // Failures carry messages of their own: none may quote the agent's URL or the request it made.
  const extra: Seen[] = [];
  for (const fault of [
    { kind: "http500" },
    { kind: "html", status: 500 },
    { kind: "wrong-types" },
    { kind: "refuse", ms: 1500 },
  ]) {
    await control.fault(fault);
    // Past the BFF's one-second reuse of an answer, so each fault is really met.
    await page.waitForTimeout(1200);
    for (const url of ["/api/agents/local/runs", "/api/agents/local/client", "/api/health", "/api/metrics"]) {
      const r = await page.request.get(url);
      extra.push({
        what: `${fault.kind} GET ${url}`,
        text: `${r.status()}\n${JSON.stringify(r.headers())}\n${await r.text()}`,
      });
    }
    await control.clearFaults();
  }

  const tokens = await control.tokens();
  expect(tokens.length, "the restart issued a second token").toBeGreaterThanOrEqual(2);
  for (const t of tokens) expect(t.length).toBeGreaterThanOrEqual(16);
  const seen = [...(await Promise.all(pending)), ...extra];
  expect(seen.length).toBeGreaterThan(50);
  // The record is real: it holds what the page showed (the run's name, the new tag).
  const all = seen.map((s) => s.text).join("\n");
  expect(all).toContain(runName);
  expect(all).toContain("SECRECY");

  const agentAddresses = [sim.url, `127.0.0.1:${sim.port}`, `localhost:${sim.port}`];
  for (const s of seen) {
    for (const t of tokens) expect(s.text.includes(t), `token in ${s.what}`).toBe(false);
    for (const a of agentAddresses) expect(s.text.includes(a), `agent address in ${s.what}`).toBe(false);
  }

  const bundles = await filesUnder(STATIC_DIR);
  expect(bundles.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(5);
  for (const file of bundles) {
    const text = await readFile(file, "utf8");
    for (const t of tokens) expect(text.includes(t), `token in ${file}`).toBe(false);
    for (const a of agentAddresses) expect(text.includes(a), `agent address in ${file}`).toBe(false);
  }

  const log = dashboard.output();
  expect(log).toContain('"event":"boot"');
  for (const t of tokens) expect(log.includes(t), "token in the dashboard's log").toBe(false);
});
