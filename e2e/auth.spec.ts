import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AgentPage } from "./pages/agent-page";
import { errorOf, ownNonLoopbackAddress, raw } from "./security-support";

/**
 * Serving beyond loopback. The dashboard listens on every interface with a password, and these
 * tests reach it through this machine's own non-loopback address: the connection stays on this
 * machine, but its peer address is not loopback, exactly as for a client on another machine.
 */
const ADMIN = "admin-correct-horse";
const VIEWER = "viewer-battery-staple";
const ADDRESS = ownNonLoopbackAddress();
test.use({
  dashboardEnv: { HOST: "0.0.0.0", DASHBOARD_PASSWORD: ADMIN, DASHBOARD_VIEW_PASSWORD: VIEWER, ALLOWED_HOSTS: ADDRESS },
});

/** A request from "another machine": to our non-loopback address, so that is the peer too. */
const remote = (
  port: number,
  path: string,
  headers: Record<string, string> = {},
  extra: { method?: string; body?: string } = {},
) => raw(port, { address: ADDRESS, path, headers: { Host: `${ADDRESS}:${port}`, ...headers }, ...extra });

async function signInThroughTheForm(page: Page, password: string): Promise<number> {
  await page.getByLabel("Password").fill(password);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/session") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign in" }).click();
  return (await answer).status();
}

test("clients on other machines must sign in; spoofed headers do not help; loopback clients sign in too", async ({
  page,
  dashboard,
  control,
}) => {
  test.slow(); // many requests and a browser session, on a shared 2-core machine
  const port = dashboard.port;
  const base = `http://${ADDRESS}:${port}`;
  await control.clearRequests();
  const forged = `agentdeck_session=v1.admin.9999999999.${"A".repeat(43)}`;
  const wrongBasic = `Basic ${Buffer.from("x:not-the-password").toString("base64")}`;
  const attempts: [string, Record<string, string>][] = [
    ["nothing", {}],
    [
      "X-Forwarded-For: 127.0.0.1",
      { "X-Forwarded-For": "127.0.0.1", "X-Real-IP": "127.0.0.1", Forwarded: "for=127.0.0.1" },
    ],
    ["the internal peer headers", { "X-Agent-Deck-Peer": "127.0.0.1", "X-Agent-Deck-Forwarded": "0" }],
    ["a forged session cookie", { Cookie: forged }],
    ["a wrong Basic password", { Authorization: wrongBasic }],
  ];
  for (const [what, headers] of attempts) {
    const pageRes = await remote(port, "/agents/local", headers);
    expect(pageRes.status, `page with ${what}`).toBe(307);
    expect(pageRes.headers.location, `page with ${what}`).toBe(`${base}/login?next=%2Fagents%2Flocal`);
    const api = await remote(port, "/api/agents/local/runs", headers);
    expect(api.status, `API with ${what}`).toBe(401);
    expect(errorOf(api).code).toBe("unauthorized");
  }
  expect(await control.changes(), "no change reached the agent").toEqual([]);

  // In a browser: the page sends us to the sign-in form.
  await page.goto(`${base}/agents/local`);
  await expect(page).toHaveURL(`${base}/login?next=%2Fagents%2Flocal`);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  // The machine's own user, on loopback, signs in too (a local forwarder looks just like it);
  // e2e/sessions.spec.ts covers LOOPBACK_TRUSTED, which lets it in on purpose.
  expect((await raw(port, { path: "/api/agents/local/runs" })).status).toBe(401);
  const local = new AgentPage(page);
  await local.goto();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/login\?next=%2Fagents%2Flocal$/);
  await signInThroughTheForm(page, ADMIN);
  await expect(local.bodyRows).toHaveCount(25, { timeout: 30_000 });
  await expect(local.restartButton).toBeVisible();
});

test("five wrong passwords a minute, then 429 for that address, even with the right one", async ({
  page,
  dashboard,
}) => {
  const base = `http://${ADDRESS}:${dashboard.port}`;
  await page.goto(`${base}/login`);
  const alert = page.locator("form").getByRole("alert");
  for (let i = 1; i <= 5; i++) {
    expect(await signInThroughTheForm(page, `wrong-password-${i}`)).toBe(401);
    await expect(alert).toHaveText("Wrong password.");
  }
  expect(await signInThroughTheForm(page, ADMIN)).toBe(429);
  await expect(alert).toHaveText(/Too many attempts/);
  await expect(page).toHaveURL(/\/login$/);
  const body = JSON.stringify({ password: ADMIN });
  const limited = await remote(
    dashboard.port,
    "/api/session",
    { "Content-Type": "application/json", Origin: base },
    { method: "POST", body },
  );
  expect(limited.status).toBe(429);
  expect(errorOf(limited).code).toBe("too_many_requests");
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  expect(limited.headers["set-cookie"]).toBeUndefined();
  // HTTP Basic shares the same count.
  const basic = await remote(dashboard.port, "/api/agents", {
    Authorization: `Basic ${Buffer.from(`x:${ADMIN}`).toString("base64")}`,
  });
  expect(basic.status).toBe(429);
});

test("the right password gives an HttpOnly, SameSite=Strict session; pages and controls work", async ({
  page,
  dashboard,
  control,
}) => {
  test.slow(); // a browser session over the network address, on a shared 2-core machine
  const base = `http://${ADDRESS}:${dashboard.port}`;
  await page.goto(`${base}/agents/local?sort=name`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await signInThroughTheForm(page, ADMIN);
  await expect(page).toHaveURL(`${base}/agents/local?sort=name`);
  const agent = new AgentPage(page);
  await expect(agent.bodyRows).toHaveCount(25, { timeout: 30_000 });

  const [cookie, ...others] = await page.context().cookies();
  expect(others).toEqual([]);
  expect(cookie).toMatchObject({ name: "agentdeck_session", httpOnly: true, sameSite: "Strict", path: "/" });
  expect(await page.evaluate(() => document.cookie), "no script can read the session").toBe("");

  await control.clearRequests();
  await agent.pauseButton(/^Pause for 15 min/).click();
  await expect(agent.resumeButton).toBeVisible();
  expect((await control.requests()).filter((r) => r.method === "PATCH").map((r) => r.query.paused)).toEqual(["true"]);

  // Scripts (and Prometheus) may use HTTP Basic with the password instead of a session.
  const basic = await remote(dashboard.port, "/api/metrics", {
    Authorization: `Basic ${Buffer.from(`prometheus:${ADMIN}`).toString("base64")}`,
  });
  expect(basic.status).toBe(200);
});

test("the view password: reads work, changes are 403, and the page shows no controls", async ({
  page,
  dashboard,
  control,
}) => {
  test.slow();
  const base = `http://${ADDRESS}:${dashboard.port}`;
  await page.goto(`${base}/login?next=%2Fagents%2Flocal`);
  await signInThroughTheForm(page, VIEWER);
  await expect(page).toHaveURL(`${base}/agents/local`);
  const agent = new AgentPage(page);
  await expect(agent.bodyRows).toHaveCount(25, { timeout: 30_000 });
  await expect(page.getByText("Device name")).toBeVisible();
  for (const control of [/^Pause/, /^Resume/, /^Restart/, /^Add tag/, /^Save/]) {
    await expect(page.getByRole("button", { name: control }), String(control)).toHaveCount(0);
  }

  await control.clearRequests();
  const headers = { "Content-Type": "application/json", Origin: base };
  for (const [path, data] of [
    ["/api/agents/local/client", { paused: true }],
    ["/api/agents/local/tags", { tags: [{ name: "VIEW", value: "x" }] }],
  ] as const) {
    const res = await page.request.patch(`${base}${path}`, { headers, data });
    expect(res.status(), path).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/read-only/);
  }
  expect(await (await page.request.get(`${base}/api/session`)).json()).toEqual({
    required: true,
    signedIn: true,
    role: "view",
    scope: "read",
  });
  expect(await control.changes(), "no change reached the agent").toEqual([]);
});

test("after sign-in only same-site paths are followed, never another site", async ({ page, dashboard }) => {
  const base = `http://${ADDRESS}:${dashboard.port}`;
  // A tab in the path becomes "//evil.example" once the browser parses it.
  for (const next of ["/%09/evil.example/", "//evil.example/", "https://evil.example/", "/%5Cevil.example"]) {
    await page.context().clearCookies();
    await page.goto(`${base}/login?next=${next}`);
    await signInThroughTheForm(page, ADMIN);
    await expect(page, next).toHaveURL(new RegExp(`^${base.replace(/\./g, "\\.")}/`));
    expect(new URL(page.url()).host, next).toBe(`${ADDRESS}:${dashboard.port}`);
    // The page signed in to has loaded: closing a context while a navigation is still draining can
    // hang Chromium's close (a CI run once spent its whole timeout in "Close context").
    await page.waitForLoadState("load");
  }
});
