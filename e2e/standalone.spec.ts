import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { startStandalone, type Dashboard, type Proc } from "../tests/support/processes";
import { expect, test as base, type Control } from "./fixtures";
import { AgentPage } from "./pages/agent-page";
import { pauseAndSettle, rawGet } from "./support/raw-http";

/**
 * The standalone build as an operator runs it: `.next/standalone` copied on its own to another
 * folder (so nothing can be found in the project's node_modules), started as
 * `HOSTNAME=… PORT=… AGENT_URL=… node server.js`.
 */
const test = base.extend<{ standalone: Dashboard }>({
  standalone: async ({ sim }, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-standalone-"));
    cpSync(path.resolve(__dirname, "..", ".next", "standalone"), dir, { recursive: true });
    const server = await startStandalone({ AGENT_URL: sim.url, AGENT_NAME: "Office PC" }, dir);
    await use(server);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  },
  baseURL: async ({ standalone }, use) => {
    await use(standalone.url);
  },
});

type LogLine = { time: string; level: string; event: string; [k: string]: unknown };
/** The server's JSON log lines (its other output, e.g. Next's banner, is not JSON). */
function logLines(proc: Proc): LogLine[] {
  return proc
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as LogLine);
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null; at: number }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
}

test("node server.js serves the whole dashboard on its own: assets load and the runs show", async ({ page }) => {
  const assets: { url: string; status: number }[] = [];
  page.on("response", (res) => {
    if (new URL(res.url()).pathname.startsWith("/_next/static/")) assets.push({ url: res.url(), status: res.status() });
  });
  await page.goto("/");
  await expect(page).toHaveURL(/\/agents\/local$/, { timeout: 30_000 });
  const agent = new AgentPage(page);
  await expect(agent.bodyRows).toHaveCount(25, { timeout: 30_000 });
  expect(assets.filter((a) => a.url.endsWith(".css")).length).toBeGreaterThan(0);
  expect(assets.filter((a) => a.url.endsWith(".js")).length).toBeGreaterThan(3);
  expect(assets.filter((a) => a.status !== 200)).toEqual([]);
  // The styles really apply (without the stylesheet a table lays out automatically).
  await expect(agent.runsTable).toHaveCSS("table-layout", "fixed");
});

test("the standalone server compresses the runs and answers If-None-Match with 304", async ({
  standalone,
  control,
}) => {
  await pauseAndSettle(control, standalone.url);
  const url = `${standalone.url}/api/agents/local/runs`;
  const plain = await rawGet(url);
  const zipped = await rawGet(url, { "Accept-Encoding": "gzip" });
  expect(zipped.headers["content-encoding"]).toBe("gzip");
  expect(zipped.raw.length).toBeLessThan(plain.raw.length);
  expect(zipped.text()).toBe(plain.text());
  const again = await rawGet(url, { "Accept-Encoding": "gzip", "If-None-Match": zipped.headers.etag! });
  expect(again.status).toBe(304);
  expect(again.raw.length).toBe(0);
});

test("one JSON log line per upstream error and per agent state change, never the token", async ({
  standalone,
  sim,
  control,
  request,
}) => {
  await expect.poll(() => logLines(standalone).some((l) => l.event === "boot")).toBe(true);
  // An upstream error: one line when it starts, however often the collector retries (every poll
  // while it lasts: the tags' own 10 s clock brings the first failing poll).
  await control.fault({ kind: "http500", paths: ["/api/v3/tags"] });
  await expect.poll(async () => (await request.get("/api/agents/local/tags")).status(), { timeout: 15_000 }).toBe(502);
  await new Promise((r) => setTimeout(r, 2500));
  expect((await request.get("/api/agents/local/tags")).status()).toBe(502);
  const tagErrors = () => logLines(standalone).filter((l) => l.event === "upstream_error" && l.resource === "tags");
  expect(tagErrors()).toHaveLength(1);
  expect(tagErrors()[0]).toMatchObject({ level: "warn", agent: "local", code: "agent_bad_response" });
  await control.clearFaults();

  // Reachability: one line when the agent goes away, one when it is back.
  await control.fault({ kind: "refuse", ms: 3000 });
  await expect.poll(async () => (await request.get("/api/agents/local/client")).status()).toBe(503);
  await expect
    .poll(async () => (await request.get("/api/agents/local/client")).status(), { timeout: 20_000 })
    .toBe(200);
  const reach = logLines(standalone)
    .filter((l) => l.event === "agent_state")
    .map((l) => l.up);
  expect(reach).toEqual([true, false, true]);

  // The Management Console connection state.
  await control.setState({ serverState: "DISCONNECTED" });
  const serverStates = async () => {
    await request.get("/api/agents/local/client");
    return logLines(standalone)
      .filter((l) => l.event === "agent_server_state")
      .map((l) => [l.from, l.to]);
  };
  await expect.poll(serverStates).toContainEqual(["CONNECTED", "DISCONNECTED"]);
  expect((await serverStates()).filter(([, to]) => to === "DISCONNECTED")).toHaveLength(1);

  // A rotated token makes the dashboard fetch a new one; neither token is ever written out.
  await fetch(`${sim.controlUrl}/rotate-token`, { method: "POST" });
  await expect.poll(async () => (await request.get("/api/agents/local/runs")).status(), { timeout: 15_000 }).toBe(200);
  const tokens = await control.tokens();
  expect(tokens.length).toBeGreaterThanOrEqual(2);
  const output = standalone.output();
  for (const token of tokens) expect(output).not.toContain(token);
  for (const line of logLines(standalone))
    expect(line).toMatchObject({ time: expect.any(String), level: expect.any(String), event: expect.any(String) });
});

/** Stops `server` with SIGTERM while one request waits 2.5 s on the agent, and checks how it ends. */
async function stopsGracefully(server: Dashboard, control: Control): Promise<void> {
  // A served request first: the server has booted (instrumentation installs the shutdown handler).
  expect((await rawGet(`${server.url}/api/health`)).status).toBe(200);
  // Reads answer from the collector's snapshot; a change is what waits on the agent.
  await control.fault({ kind: "latency", ms: 2500, paths: ["/api/v3/tags"], methods: ["PATCH"] });
  const inFlight = fetch(`${server.url}/api/agents/local/tags`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", Origin: server.url },
    body: JSON.stringify({ tags: [{ name: "Shift", value: "night" }] }),
  });
  await expect
    .poll(async () => (await control.requests()).some((r) => r.method === "PATCH" && r.path === "/api/v3/tags"))
    .toBe(true);
  const exited = exitOf(server.child);
  server.child.kill("SIGTERM");
  const sentAt = Date.now();
  const res = await inFlight;
  const answeredAt = Date.now();
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
  const exit = await exited;
  expect(exit).toMatchObject({ code: 0, signal: null });
  // Promptly: right after the last answer, not after a keep-alive timeout.
  expect(exit.at - answeredAt).toBeLessThan(1500);
  expect(exit.at - sentAt).toBeLessThan(5000);
  expect(server.output()).toContain('"event":"shutdown"');
}

test("SIGTERM (standalone): the request in flight completes, then the process exits 0 at once", async ({
  standalone,
  control,
}) => {
  await stopsGracefully(standalone, control);
});

test("SIGTERM (npm start): the request in flight completes, then the process exits 0 at once", async ({
  dashboard,
  control,
}) => {
  await stopsGracefully(dashboard, control);
});
