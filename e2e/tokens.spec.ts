import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { plans } from "../scripts/lib/launch-plans.cjs";
import { collectNode } from "../scripts/lib/spawn-node.cjs";
import { startDashboard } from "../tests/support/processes";
import { expect, test } from "./fixtures";
import { errorOf, ownNonLoopbackAddress, raw } from "./security-support";
import { bearer, json, makeToken, revokeToken, sameOrigin, signIn } from "./tokens-support";

/*
 * API tokens on a real dashboard that serves beyond loopback with a password: what a bad token
 * gets, the failure limit, the Host allowlist, the event log, the command line beside a running
 * dashboard, and clients on other machines. (The scope × route table: tokens-matrix.spec.ts.)
 */
const ADMIN = "admin-token-spec-password";
const ADDRESS = ownNonLoopbackAddress();
test.use({ dashboardEnv: { HOST: "0.0.0.0", DASHBOARD_PASSWORD: ADMIN, ALLOWED_HOSTS: ADDRESS } });
const INVALID = 'Bearer realm="Agent Deck", error="invalid_token"';

async function adminToken(port: number, name = "spec-admin"): Promise<{ id: number; secret: string }> {
  return makeToken(port, sameOrigin(port, await signIn(port, ADMIN)), name, "admin");
}

test("a bad or revoked token is 401 with WWW-Authenticate: Bearer everywhere, and never falls back to a cookie", async ({
  dashboard,
}) => {
  const port = dashboard.port;
  const cookie = await signIn(port, ADMIN);
  const { id, secret } = await makeToken(port, sameOrigin(port, cookie), "soon-revoked", "read");
  expect((await raw(port, { path: "/api/agents/local/runs", headers: bearer(secret) })).status).toBe(200);
  await revokeToken(port, sameOrigin(port, cookie), id);
  let n = 20;
  for (const [what, token] of [
    ["revoked", secret],
    ["unknown", `adk_${"Z".repeat(43)}`],
    ["malformed", "adk_123"],
    ["empty", ""],
  ] as const) {
    for (const target of ["/api/agents/local/runs", "/api/agents/local/snapshot", "/api/snapshot", "/agents/local"]) {
      // Each from a loopback address of its own, so the failure limit does not answer instead.
      const res = await raw(port, {
        path: target,
        headers: { ...bearer(token), Cookie: cookie },
        from: `127.0.0.${n++}`,
      });
      expect(res.status, `${what} token on ${target}`).toBe(401);
      expect(res.headers["www-authenticate"], `${what} token on ${target}`).toBe(INVALID);
      expect(errorOf(res).code).toBe("unauthorized");
    }
  }
  // Without any credentials: 401 naming the scheme scripts may use.
  const none = await raw(port, { path: "/api/agents/local/runs" });
  expect(none.status).toBe(401);
  expect(none.headers["www-authenticate"]).toBe('Bearer realm="Agent Deck"');
});

test("failed token attempts are limited per client like sign-ins, in the same count", async ({ dashboard }) => {
  const port = dashboard.port;
  const good = (await makeToken(port, sameOrigin(port, await signIn(port, ADMIN)), "limited", "read")).secret;
  const from = "127.0.0.90";
  for (let i = 0; i < 5; i++) {
    const res = await raw(port, { path: "/api/agents", headers: bearer(`adk_${"Q".repeat(43)}`), from });
    expect(res.status, `attempt ${i + 1}`).toBe(401);
  }
  const limited = await raw(port, { path: "/api/agents", headers: bearer(good), from });
  expect(limited.status).toBe(429);
  expect(errorOf(limited).code).toBe("too_many_requests");
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  // The same count as sign-ins: this client cannot try passwords either.
  const signInTry = await raw(port, {
    method: "POST",
    path: "/api/session",
    headers: sameOrigin(port),
    body: JSON.stringify({ password: ADMIN }),
    from,
  });
  expect(signInTry.status).toBe(429);
  expect((await raw(port, { path: "/api/agents", headers: bearer(good), from: "127.0.0.91" })).status).toBe(200);
});

test("the Host allowlist still applies to requests with a token", async ({ dashboard, control }) => {
  const port = dashboard.port;
  const { secret } = await adminToken(port);
  await control.clearRequests();
  for (const [method, target, body] of [
    ["GET", "/api/agents/local/runs", undefined],
    ["GET", "/api/agents/local/snapshot", undefined],
    ["PATCH", "/api/agents/local/client", JSON.stringify({ paused: true })],
  ] as const) {
    const res = await raw(port, {
      method,
      path: target,
      body,
      headers: { Host: `evil.example:${port}`, ...bearer(secret) },
    });
    expect(res.status, `${method} ${target}`).toBe(421);
    expect(errorOf(res).code).toBe("host_not_allowed");
  }
  expect(await control.changes(), "nothing reached the agent").toEqual([]);
});

test("every operate and admin use is an event naming the token", async ({ dashboard }) => {
  const port = dashboard.port;
  const admin = await adminToken(port, "deploy-bot");
  const ops = await makeToken(port, bearer(admin.secret), "ops-script", "operate");
  const tagged = await raw(port, {
    method: "PATCH",
    path: "/api/agents/local/tags",
    headers: bearer(ops.secret),
    body: JSON.stringify({ tags: [{ name: "SITE", value: "token-spec" }] }),
  });
  expect(tagged.status).toBe(200);
  await expect
    .poll(
      async () => {
        const res = await raw(port, {
          path: "/api/agents/local/events?kind=tags_changed",
          headers: bearer(ops.secret),
        });
        return (json(res) as { events: { actor?: string }[] }).events[0]?.actor;
      },
      { timeout: 10_000 },
    )
    .toBe('token "ops-script" (operate, 127.0.0.1)');
  const log = json(await raw(port, { path: "/api/events?kind=token_created", headers: bearer(admin.secret) })) as {
    events: { agent: string; message: string; actor?: string }[];
  };
  expect(log.events[0]).toMatchObject({
    agent: "",
    message: 'API token "ops-script" (operate) was created',
    actor: 'token "deploy-bot" (admin, 127.0.0.1)',
  });
});

test("clients on other machines use tokens where passwords are required; a page with a token is not sent to sign in", async ({
  dashboard,
}) => {
  const port = dashboard.port;
  const read = (await makeToken(port, sameOrigin(port, await signIn(port, ADMIN)), "remote-wall", "read")).secret;
  const remote = (target: string, headers: Record<string, string>, method = "GET", body?: string) =>
    raw(port, { address: ADDRESS, method, path: target, body, headers: { Host: `${ADDRESS}:${port}`, ...headers } });
  expect((await remote("/api/agents/local/runs", bearer(read))).status).toBe(200);
  expect((await remote("/api/agents/local/snapshot", bearer(read))).status).toBe(200);
  const paused = await remote("/api/agents/local/client", bearer(read), "PATCH", JSON.stringify({ paused: true }));
  expect(paused.status).toBe(403);
  expect(paused.headers["www-authenticate"]).toBe(
    'Bearer realm="Agent Deck", error="insufficient_scope", scope="operate"',
  );
  const page = await remote("/agents/local", bearer(read));
  expect(page.status).toBe(200);
  expect(page.body).toContain("<html");
  expect((await remote("/agents/local", {})).status).toBe(307);
  const session = json(await remote("/api/session", bearer(read)));
  expect(session).toMatchObject({ scope: "read", token: { name: "remote-wall" } });
});

test("npm run token works on the store of a running dashboard: made, used, listed, revoked", async ({ sim }) => {
  test.slow();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-token-e2e-"));
  const cli = async (...args: string[]) => {
    const r = await collectNode(plans.token(args), { env: { ...process.env, DATA_DIR: dataDir } });
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  };
  const deck = await startDashboard({ AGENT_URL: sim.url, DATA_DIR: dataDir, DASHBOARD_PASSWORD: ADMIN });
  try {
    const made = await cli("create", "--name", "hub office", "--scope", "operate");
    expect(made.status, made.stderr).toBe(0);
    const secret = made.stdout.trim();
    const used = await raw(deck.port, { path: "/api/agents/local/runs", headers: bearer(secret) });
    expect(used.status).toBe(200);
    const listed = JSON.parse((await cli("list", "--json")).stdout) as {
      tokens: { name: string; lastUsedAt?: number }[];
    };
    expect(listed.tokens[0]).toMatchObject({ name: "hub office" });
    expect(listed.tokens[0]?.lastUsedAt).toBeGreaterThan(Date.now() - 60_000);
    expect((await cli("revoke", "hub office")).status).toBe(0);
    const after = await raw(deck.port, { path: "/api/agents/local/runs", headers: bearer(secret) });
    expect(after.status).toBe(401);
    expect(after.headers["www-authenticate"]).toBe(INVALID);
  } finally {
    await deck.stop();
  }
});
