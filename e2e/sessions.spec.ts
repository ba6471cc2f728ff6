import { startDashboard, type Dashboard } from "../tests/support/processes";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { ownNonLoopbackAddress, raw, sameOriginJson } from "./security-support";

/**
 * Sessions end when they are signed out, for good (issue 14, item 4), and outlive a restart of the
 * dashboard (the registry lives in DATA_DIR). Loopback clients sign in too once a password is set,
 * unless LOOPBACK_TRUSTED=true says otherwise (item 3).
 */
const ADMIN = "admin-correct-horse";
const VIEWER = "viewer-battery-staple";

async function signIn(dashboard: Dashboard, password: string): Promise<string> {
  const res = await raw(dashboard.port, sameOriginJson(dashboard.port, "POST", "/api/session", { password }));
  expect(res.status, "sign-in").toBe(200);
  return String(res.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
}
const reads = async (dashboard: Dashboard, cookie: string) =>
  (await raw(dashboard.port, { path: "/api/agents/local/runs", headers: { Cookie: cookie } })).status;

test("a signed-out cookie is refused, also after a restart; live sessions survive one", async ({ sim }) => {
  test.slow(); // three dashboard starts on a shared 2-core machine
  const env = {
    AGENT_URL: sim.url,
    DASHBOARD_PASSWORD: ADMIN,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "agent-deck-restart-")),
  };
  let dashboard = await startDashboard(env);
  try {
    const kept = await signIn(dashboard, ADMIN);
    const ended = await signIn(dashboard, ADMIN);
    expect(await reads(dashboard, ended)).toBe(200);

    await dashboard.stop();
    dashboard = await startDashboard(env);
    expect(await reads(dashboard, ended), "a session outlives a restart").toBe(200);
    const out = await raw(
      dashboard.port,
      sameOriginJson(dashboard.port, "DELETE", "/api/session", undefined, { Cookie: ended }),
    );
    expect(out.status).toBe(200);
    expect(await reads(dashboard, ended), "the same cookie, sent again after signing out").toBe(401);

    await dashboard.stop();
    dashboard = await startDashboard(env);
    expect(await reads(dashboard, ended), "still refused after a restart").toBe(401);
    expect(await reads(dashboard, kept), "the other session goes on").toBe(200);
  } finally {
    await dashboard.stop();
  }
});

test.describe("with a password", () => {
  test.use({ dashboardEnv: { DASHBOARD_PASSWORD: ADMIN, DASHBOARD_VIEW_PASSWORD: VIEWER } });

  test("the sign-out controls end this session, or every session", async ({ page, dashboard }) => {
    test.slow();
    const other = await signIn(dashboard, ADMIN);
    const wall = await signIn(dashboard, VIEWER);
    await page.goto("/agents/local");
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.getByLabel("Password").fill(ADMIN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/agents\/local$/);

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login$/);
    for (const cookie of [other, wall]) expect(await reads(dashboard, cookie), "every other session ended").toBe(401);
    await page.goto("/agents/local");
    await expect(page, "this browser is signed out too").toHaveURL(/\/login\?next=/);

    // A read-only session may sign itself out, but has no "everywhere".
    await page.getByLabel("Password").fill(VIEWER);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/agents\/local$/);
    await expect(page.getByRole("button", { name: "Sign out everywhere" })).toHaveCount(0);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect(await page.context().cookies()).toEqual([]);
  });
});

test.describe("LOOPBACK_TRUSTED=true", () => {
  const ADDRESS = ownNonLoopbackAddress();
  test.use({
    dashboardEnv: { HOST: "0.0.0.0", DASHBOARD_PASSWORD: ADMIN, ALLOWED_HOSTS: ADDRESS, LOOPBACK_TRUSTED: "true" },
  });

  test("lets this machine in without signing in, and nobody else", async ({ dashboard }) => {
    expect(await reads(dashboard, ""), "loopback").toBe(200);
    const remote = await raw(dashboard.port, {
      address: ADDRESS,
      path: "/api/agents/local/runs",
      headers: { Host: `${ADDRESS}:${dashboard.port}`, "X-Forwarded-For": "127.0.0.1" },
    });
    expect(remote.status, "another machine, claiming loopback").toBe(401);
  });
});
