import { expect, test } from "./fixtures";
import { errorOf, raw, sameOriginJson, startEvilSite } from "./security-support";

/**
 * Cross-site request forgery: every state-changing route (pause/resume/restart, tags, sign-in and
 * sign-out) requires a JSON content type, an Origin naming this dashboard and, when the browser
 * sends it, Sec-Fetch-Site: same-origin. Anything else is a 403 and never reaches the agent.
 */
const PASSWORD = "csrf-admin-password";
// These tests are about forged requests, not sign-in: the machine's own browser is trusted, as it
// was before loopback clients had to sign in too (LOOPBACK_TRUSTED).
test.use({ dashboardEnv: { DASHBOARD_PASSWORD: PASSWORD, LOOPBACK_TRUSTED: "true" } });

const ROUTES = [
  { name: "PATCH client", method: "PATCH", path: "/api/agents/local/client", body: { paused: true } },
  {
    name: "PATCH tags",
    method: "PATCH",
    path: "/api/agents/local/tags",
    body: { tags: [{ name: "CSRF", value: "1" }] },
  },
  { name: "POST session", method: "POST", path: "/api/session", body: { password: PASSWORD } },
  { name: "DELETE session", method: "DELETE", path: "/api/session", body: undefined },
] as const;

const FORGERIES: [string, (port: number) => Record<string, string>][] = [
  ["a text/plain body", () => ({ "Content-Type": "text/plain" })],
  ["a form content type", () => ({ "Content-Type": "application/x-www-form-urlencoded" })],
  ["a multipart form", () => ({ "Content-Type": "multipart/form-data; boundary=x" })],
  ["no content type", () => ({ "Content-Type": "" })],
  ["no Origin", () => ({ Origin: "" })],
  ["an evil Origin", () => ({ Origin: "http://evil.example" })],
  ["Origin null (sandboxed frame, file:)", () => ({ Origin: "null" })],
  ["an Origin on another local port", (port) => ({ Origin: `http://127.0.0.1:${port + 1}` })],
  ["an Origin with a path", (port) => ({ Origin: `http://127.0.0.1:${port}/x` })],
  ["Sec-Fetch-Site cross-site", () => ({ "Sec-Fetch-Site": "cross-site" })],
  ["Sec-Fetch-Site same-site", () => ({ "Sec-Fetch-Site": "same-site" })],
];

test("every mutating route refuses forged requests with 403; nothing reaches the agent", async ({
  dashboard,
  control,
}) => {
  await control.clearRequests();
  for (const route of ROUTES) {
    for (const [forgery, headers] of FORGERIES) {
      const res = await raw(
        dashboard.port,
        sameOriginJson(dashboard.port, route.method, route.path, route.body, headers(dashboard.port)),
      );
      expect(res.status, `${route.name} with ${forgery}`).toBe(403);
      expect(errorOf(res).code, `${route.name} with ${forgery}`).toBe("forbidden");
      expect(res.headers["set-cookie"], `${route.name} with ${forgery}: no session`).toBeUndefined();
    }
  }
  expect(await control.changes(), "no change reached the agent").toEqual([]);

  // The same requests as the dashboard's own page sends them go through: the 403s were the checks.
  for (const route of ROUTES) {
    const res = await raw(dashboard.port, sameOriginJson(dashboard.port, route.method, route.path, route.body));
    expect(res.status, `${route.name}, same-origin`).toBe(200);
  }
  const reached = (await control.requests()).filter((r) => r.method === "PATCH").map((r) => r.path);
  expect(reached).toEqual(["/api/v3/client", "/api/v3/tags"]);
});

/** The attacker's page: forms and fetches aimed at the dashboard, as a real CSRF page would try. */
function evilPage(dashboard: string): string {
  const client = `${dashboard}/api/agents/local/client`;
  return `<!doctype html><title>You won!</title>
<iframe name="sink1" hidden></iframe><iframe name="sink2" hidden></iframe><iframe name="sink3" hidden></iframe>
<form id="pause" method="POST" action="${client}" enctype="text/plain" target="sink1"><input name='{"paused":true,"x":"' value='"}'></form>
<form id="login" method="POST" action="${dashboard}/api/session" enctype="text/plain" target="sink2"><input name='{"password":"${PASSWORD}","x":"' value='"}'></form>
<form id="tags" method="POST" action="${dashboard}/api/agents/local/tags" target="sink3"><input name="tags" value="PWNED"></form>
<script>
window.results = {};
async function attempt(name, run) {
  try { const r = await run(); results[name] = r.type === "opaque" ? "opaque" : r.status; }
  catch (e) { results[name] = "blocked"; }
}
(async () => {
  const body = JSON.stringify({ paused: true });
  await attempt("cors PATCH json", () => fetch("${client}", { method: "PATCH", credentials: "include", headers: { "Content-Type": "application/json" }, body }));
  await attempt("no-cors PATCH", () => fetch("${client}", { method: "PATCH", mode: "no-cors", credentials: "include", body }));
  await attempt("no-cors POST text", () => fetch("${client}", { method: "POST", mode: "no-cors", credentials: "include", headers: { "Content-Type": "text/plain" }, body }));
  navigator.sendBeacon("${client}", new Blob([body], { type: "text/plain" }));
  for (const id of ["pause", "login", "tags"]) document.getElementById(id).submit();
  results.done = true;
})();
</script>`;
}

test("a real cross-site page in Chromium cannot pause the agent, tag it or sign in", async ({
  page,
  dashboard,
  control,
}) => {
  const evil = await startEvilSite(evilPage, dashboard.url);
  try {
    await control.clearRequests();
    const seen: string[] = [];
    page.on("response", (r) => {
      if (r.url().startsWith(dashboard.url))
        seen.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
    });
    await page.goto(evil.url);
    await page.waitForFunction(() => (window as unknown as { results?: { done?: boolean } }).results?.done === true);
    // The page really attacked: the forms' posts arrived and were refused.
    await expect
      .poll(() => seen.slice().sort())
      .toEqual(
        expect.arrayContaining([
          "POST /api/agents/local/client 405",
          "POST /api/agents/local/tags 405",
          "POST /api/session 403",
        ]),
      );
    const results = await page.evaluate(() => (window as unknown as { results: Record<string, unknown> }).results);
    // Without CORS approval the browser never sends the PATCH (its preflight gets no Allow-Origin).
    expect(results["cors PATCH json"]).toBe("blocked");
    expect(results["no-cors PATCH"]).toBe("blocked");
    expect(evil.hits).toContain("GET /");

    const status = await raw(dashboard.port, { path: "/api/agents/local/client" });
    expect(JSON.parse(status.body)).toMatchObject({ paused: false });
    const tags = JSON.parse((await raw(dashboard.port, { path: "/api/agents/local/tags" })).body) as {
      tags: { name: string }[];
    };
    expect(tags.tags.map((t) => t.name)).not.toContain("PWNED");
    expect(await control.changes(), "no change reached the agent").toEqual([]);
    expect(await page.context().cookies(), "no session was planted").toEqual([]);
  } finally {
    await evil.close();
  }
});
