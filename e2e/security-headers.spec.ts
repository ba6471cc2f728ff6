import { expect, test } from "./fixtures";
import { AgentPage } from "./pages/agent-page";
import { pauseAndSettle } from "./support/raw-http";
import { expectSecurityHeaders, raw, rawWire, sameOriginJson, watchCsp, type RawRequest } from "./security-support";

/*
 * Security headers on every kind of response, and a browser proving the page works under its CSP
 * (nonce-based, no 'unsafe-inline' scripts) while an injected script without the nonce does not run.
 */

test("every kind of response carries the security headers; API answers are never cached", async ({
  dashboard,
  control,
}) => {
  const port = dashboard.port;
  const page = await raw(port, { path: "/agents/local" });
  const js = /src="(\/_next\/static\/[^"]+\.js)"/.exec(page.body)?.[1];
  const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(page.body)?.[1];
  expect(js && css, "the page links its static assets").toBeTruthy();
  // Paused runs stand still, so the runs list keeps its ETag for the 304 below.
  await pauseAndSettle(control, dashboard.url);
  const runs = await raw(port, { path: "/api/agents/local/runs" });

  const kinds: [string, RawRequest, number, boolean][] = [
    ["agent page", { path: "/agents/local" }, 200, false],
    ["run page", { path: "/agents/local/runs/1" }, 200, false],
    ["sign-in page", { path: "/login" }, 200, false],
    ["HEAD of a page", { method: "HEAD", path: "/agents/local" }, 200, false],
    ["static script", { path: js! }, 200, false],
    ["static stylesheet", { path: css! }, 200, false],
    ["icon", { path: "/icon.svg" }, 200, false],
    ["missing page", { path: "/no-such-page" }, 404, false],
    ["missing static file", { path: "/_next/static/chunks/no-such.js" }, 404, false],
    ["trailing-slash redirect", { path: "/agents/local/" }, 308, false],
    ["421 page", { path: "/agents/local", headers: { Host: `evil.example:${port}` } }, 421, false],
    ["API list", { path: "/api/agents" }, 200, true],
    ["API 304", { path: "/api/agents/local/runs", headers: { "If-None-Match": String(runs.headers.etag) } }, 304, true],
    ["API metrics", { path: "/api/metrics" }, 200, true],
    ["API 400", { path: "/api/agents/local/runs/abc" }, 400, true],
    ["API 404", { path: "/api/agents/nope/runs" }, 404, true],
    ["API unknown path", { path: "/api/nope" }, 404, true],
    [
      "API 403",
      sameOriginJson(port, "PATCH", "/api/agents/local/client", { paused: true }, { Origin: "http://evil.example" }),
      403,
      true,
    ],
    ["API 413", sameOriginJson(port, "PATCH", "/api/agents/local/tags", "x".repeat(70_000)), 413, true],
    ["API 405", { method: "POST", path: "/api/agents" }, 405, true],
    [
      "API OPTIONS",
      {
        method: "OPTIONS",
        path: "/api/agents/local/client",
        headers: { Origin: "http://evil.example", "Access-Control-Request-Method": "PATCH" },
      },
      204,
      true,
    ],
    ["API 421", { path: "/api/agents", headers: { Host: `evil.example:${port}` } }, 421, true],
  ];
  for (const [what, req, status, api] of kinds) {
    const res = await raw(port, req);
    expect(res.status, what).toBe(status);
    expectSecurityHeaders(what, res.headers, api);
    // One policy each: a second CSP header would be enforced as well and could only narrow or confuse.
    expect(
      res.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === "content-security-policy"),
      what,
    ).toHaveLength(1);
    expect(res.headers["access-control-allow-origin"], `${what}: no CORS grant`).toBeUndefined();
  }
  // Two Host headers are refused before Next sees the request; the refusal is covered as well.
  const twoHosts = await rawWire(port, `GET / HTTP/1.1\nHost: 127.0.0.1:${port}\nHost: x\nConnection: close\n\n`);
  expect(twoHosts.status).toBe(400);
  expect(twoHosts.head.toLowerCase()).toContain("frame-ancestors 'none'");
});

test("pages: a fresh nonce per response, on every script tag, and no inline script without it", async ({
  dashboard,
}) => {
  const nonces = new Set<string>();
  for (const path of ["/agents/local", "/agents/local", "/login"]) {
    const res = await raw(dashboard.port, { path });
    const csp = String(res.headers["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    nonces.add(nonce!);
    const scripts = [...res.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);
});

test("in Chromium the app runs under its CSP without a violation, and injected script is blocked", async ({
  page,
  control,
}) => {
  test.slow(); // a full browser session on a shared 2-core machine
  const csp = await watchCsp(page);
  const violations = csp.violations;
  const cspConsole = csp.console;

  // Agent text that looks like markup is shown as text, never run.
  await control.setState({
    name: `<img src=x onerror="window.__xss=1">Office`,
    tags: [{ name: "NOTE", value: "<script>window.__xss=2</script>" }],
  });
  const agent = new AgentPage(page);
  await agent.goto();
  await expect(agent.bodyRows).toHaveCount(25, { timeout: 30_000 });
  await expect(page.getByText(`<img src=x onerror="window.__xss=1">Office`).first()).toBeVisible();
  // Scripts run (hydration, polling, controls): pause and resume through the UI.
  await agent.pauseButton(/^Pause for 15 min/).click();
  await expect(agent.resumeButton).toBeVisible();
  await agent.resumeButton.click();
  await expect(agent.pauseButton(/^Pause for 15 min/)).toBeEnabled();
  await agent.runsTable.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/agents\/local\/runs\/\d+$/);
  await page.goBack();
  await expect(agent.bodyRows).toHaveCount(25);
  expect(await violations()).toEqual([]);
  expect(cspConsole).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // Markup injected into the served HTML (what an escaping bug would allow) runs nothing: no nonce.
  await page.route(/\/agents\/local$/, async (route) => {
    const res = await route.fetch();
    const html = (await res.text())
      .replace(
        "</head>",
        `<script>window.__injected = "inline"</script><script src="data:text/javascript,window.__injected='src'"></script></head>`,
      )
      .replace(/(<body[^>]*>)/, `$1<img src="data:," onerror="window.__injected = 'handler'">`);
    await route.fulfill({ response: res, body: html });
  });
  await page.reload();
  await expect(agent.bodyRows).toHaveCount(25, { timeout: 30_000 });
  await expect
    .poll(async () => new Set((await violations()).map((v) => v.directive)))
    .toEqual(new Set(["script-src-elem", "script-src-attr"]));
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  // The page's own (nonce-carrying) scripts still run: the controls work.
  await agent.pauseButton(/^Pause for 15 min/).click();
  await expect(agent.resumeButton).toBeVisible();
});
