import { expect, test } from "./fixtures";
import { errorOf, raw, sameOriginJson } from "./security-support";

/**
 * What TRUST_PROXY=true must not open (issue 14, items 2 and 10): a rebound Host that claims an
 * allowed X-Forwarded-Host, a remote client relayed by a forwarder on this machine passing as
 * loopback, and an Origin on another scheme passing as this dashboard's own.
 */
test.describe("behind a trusted proxy", () => {
  test.use({ dashboardEnv: { ALLOWED_HOSTS: "deck.lan", TRUST_PROXY: "true" } });

  test("every Host and X-Forwarded-Host must be allowed: a rebound Host gets 421 on pages, API and metrics", async ({
    dashboard,
    control,
  }) => {
    const port = dashboard.port;
    await control.clearRequests();
    for (const path of ["/agents/local", "/api/agents/local/runs", "/api/agents/local/tags", "/api/metrics"]) {
      const rebound = await raw(port, {
        path,
        headers: { Host: `evil.example:${port}`, "X-Forwarded-Host": "deck.lan" },
      });
      expect(rebound.status, `${path}: Host evil.example, X-Forwarded-Host deck.lan`).toBe(421);
      expect(rebound.body, path).toContain("evil.example");
      const chained = await raw(port, {
        path,
        headers: { Host: "deck.lan", "X-Forwarded-Host": "deck.lan, evil.example" },
      });
      expect(chained.status, `${path}: a foreign name later in X-Forwarded-Host`).toBe(421);
    }
    expect(await control.changes(), "no change reached the agent").toEqual([]);
    // What a proxy that keeps the client's Host sends works.
    const ok = await raw(port, {
      path: "/api/agents/local/runs",
      headers: { Host: "deck.lan", "X-Forwarded-Host": "deck.lan", "X-Forwarded-For": "127.0.0.1" },
    });
    expect(ok.status).toBe(200);
  });

  test("the Origin's scheme must be the one the proxy reports", async ({ dashboard, control }) => {
    const port = dashboard.port;
    const tls = {
      Host: "deck.lan",
      "X-Forwarded-Host": "deck.lan",
      "X-Forwarded-Proto": "https",
      "X-Forwarded-For": "127.0.0.1",
    };
    await control.clearRequests();
    const http = await raw(
      port,
      sameOriginJson(
        port,
        "PATCH",
        "/api/agents/local/client",
        { paused: false },
        { ...tls, Origin: "http://deck.lan" },
      ),
    );
    expect(http.status).toBe(403);
    expect(errorOf(http).message).toContain("Origin: https://deck.lan");
    expect(await control.changes(), "no change reached the agent").toEqual([]);
    const https = await raw(
      port,
      sameOriginJson(
        port,
        "PATCH",
        "/api/agents/local/client",
        { paused: false },
        { ...tls, Origin: "https://deck.lan" },
      ),
    );
    expect(https.status).toBe(200);
  });
});

test.describe("a plain-HTTP dashboard", () => {
  test("refuses an https Origin for its own host and port", async ({ dashboard, control }) => {
    const port = dashboard.port;
    await control.clearRequests();
    const res = await raw(
      port,
      sameOriginJson(
        port,
        "PATCH",
        "/api/agents/local/client",
        { paused: true },
        { Origin: `https://127.0.0.1:${port}` },
      ),
    );
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe("forbidden");
    expect(await control.changes(), "no change reached the agent").toEqual([]);
    expect((await raw(port, sameOriginJson(port, "PATCH", "/api/agents/local/client", { paused: false }))).status).toBe(
      200,
    );
  });
});

test.describe("with a password, loopback trusted on purpose, behind a trusted proxy", () => {
  test.use({
    dashboardEnv: { TRUST_PROXY: "true", DASHBOARD_PASSWORD: "admin-correct-horse", LOOPBACK_TRUSTED: "true" },
  });

  test("a remote client relayed by a forwarder on this machine is not loopback", async ({ dashboard }) => {
    const port = dashboard.port;
    const relayed = await raw(port, {
      path: "/api/agents/local/runs",
      headers: { "X-Forwarded-For": "203.0.113.9, 127.0.0.1" },
    });
    expect(relayed.status, "X-Forwarded-For: 203.0.113.9, 127.0.0.1").toBe(401);
    const local = await raw(port, { path: "/api/agents/local/runs", headers: { "X-Forwarded-For": "127.0.0.1" } });
    expect(local.status, "a client on this machine through a proxy on this machine").toBe(200);
  });
});
