import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GET as getAgents } from "@/app/api/agents/route";
import { PATCH as patchClient } from "@/app/api/agents/[agentId]/client/route";
import { GET as getSession } from "@/app/api/session/route";
import { DELETE as revokeRoute } from "@/app/api/tokens/[tokenId]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/tokens/route";
import type { ApiToken, TokenCreated } from "@/lib/bff/contract";
import { getConfig } from "@/lib/server/config";
import { closeStore, openStore } from "@/lib/server/store";
import { installEventLog, requireEventLog } from "@/lib/server/store/events";
import { LAST_USED_RESOLUTION_MS } from "@/lib/server/store/tokens";
import { createToken, hashToken, requireTokenStore } from "@/lib/server/tokens";
import { startSimulator, type Simulator } from "../support/processes";
import { ORIGIN, SimControl, mutation, params, request, setEnv, sleep } from "./helpers";

/*
 * API tokens through the route handlers, as the entry hands requests to them: made, listed, used,
 * refused when bad or revoked, judged by their scope whatever else a request carries.
 */
const none = params({});
const local = params({ agentId: "local" });
const peer = (address: string) => ({ "x-agent-deck-peer": address, "x-agent-deck-forwarded": "0" });
const bearer = (token: string, address = "127.0.0.1") => ({ authorization: `Bearer ${token}`, ...peer(address) });
type ErrorJson = { error: { code: string; message: string } };

async function make(name: string, scope: "read" | "operate" | "admin", headers: Record<string, string> = {}) {
  const res = await createRoute(
    request("/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, ...peer("127.0.0.1"), ...headers },
      body: JSON.stringify({ name, scope }),
    }),
    none,
  );
  return { res, body: (await res.json()) as TokenCreated & ErrorJson };
}

describe("API tokens", () => {
  let sim: Simulator;
  let control: SimControl;
  let restore: () => void;
  let dataDir: string;
  // Each test's failures come from an address of its own: the limiter's window outlives a test.
  let n = 0;
  const nextAddress = () => `192.0.2.${++n}`;

  beforeAll(async () => {
    sim = await startSimulator(["--runs", "2"]);
    control = new SimControl(sim);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-tokens-"));
    restore = setEnv({
      AGENT_URL: sim.url,
      PORT: "3841",
      POLL_INTERVAL_MS: "200",
      DASHBOARD_PASSWORD: undefined,
      DASHBOARD_VIEW_PASSWORD: undefined,
      LOOPBACK_TRUSTED: undefined,
      DATA_DIR: dataDir,
    });
    installEventLog(openStore(dataDir), getConfig());
  });
  afterAll(async () => {
    closeStore();
    rmSync(dataDir, { recursive: true, force: true });
    restore();
    await sim.stop();
  });
  beforeEach(() => control.clearRequests());

  it("a token is made once, kept only as its SHA-256, listed without it, and its making is an event", async () => {
    const { res, body } = await make("nightly-backup", "read");
    expect(res.status).toBe(201);
    expect(body.secret).toMatch(/^adk_[A-Za-z0-9_-]{43}$/);
    expect(body.token).toMatchObject({ name: "nightly-backup", scope: "read", prefix: body.secret.slice(0, 8) });
    expect(body.token.createdBy).toBe("dashboard (admin, 127.0.0.1)");
    const rows = requireTokenStore().list();
    expect(JSON.stringify(rows)).not.toContain(body.secret);
    const stored = openStore(dataDir).db.prepare("SELECT hash FROM api_tokens WHERE id = ?").get(body.token.id) as {
      hash: Buffer;
    };
    expect(stored.hash.equals(hashToken(body.secret))).toBe(true);
    const listed = (await (await listRoute(request("/api/tokens", { headers: peer("127.0.0.1") }), none)).json()) as {
      tokens: ApiToken[];
    };
    expect(listed.tokens.find((t) => t.id === body.token.id)).toEqual(body.token);
    expect(JSON.stringify(listed)).not.toContain(body.secret.slice(8));
    const events = requireEventLog().read.page({ kind: ["token_created"] }, 10).events;
    expect(events[0]).toMatchObject({
      agent: "",
      message: 'API token "nightly-backup" (read) was created',
      actor: "dashboard (admin, 127.0.0.1)",
    });
  });

  it("names are unique whatever their case, and bad input is a 400 naming the field", async () => {
    await make("CI runner", "operate");
    const again = await make("ci RUNNER", "read");
    expect(again.res.status).toBe(400);
    expect(again.body.error.code).toBe("invalid_input");
    expect((again.body.error as { fields?: Record<string, string[]> }).fields?.name?.[0]).toMatch(/exists already/);
    for (const [name, scope] of [
      ["", "read"],
      ['say "hi"', "read"],
      ["x".repeat(65), "read"],
      ["fine", "superuser"],
    ] as const) {
      const r = await make(name, scope as "read");
      expect(r.res.status, `${name} ${scope}`).toBe(400);
    }
  });

  it("a request with a token is judged by its scope alone, also on loopback where no password means admin", async () => {
    const read = (await make("reader", "read")).body.secret;
    const operate = (await make("operator", "operate")).body.secret;
    const admin = (await make("administrator", "admin")).body.secret;
    // No password: this machine is admin without a token, but a read token is read and no more.
    const byRead = await createRoute(
      request("/api/tokens", {
        method: "POST",
        headers: { ...bearer(read), "content-type": "application/json" },
        body: JSON.stringify({ name: "nope", scope: "admin" }),
      }),
      none,
    );
    expect(byRead.status).toBe(403);
    expect(byRead.headers.get("www-authenticate")).toBe(
      'Bearer realm="Agent Deck", error="insufficient_scope", scope="admin"',
    );
    const pausedByRead = await patchClient(mutation("/api/agents/local/client", { paused: true }, bearer(read)), local);
    expect(pausedByRead.status).toBe(403);
    expect(await control.requests().then((r) => r.filter((x) => x.method !== "GET"))).toEqual([]);

    // Operate: pauses with no Origin, no Sec-Fetch-Site (a script), and the event names the token.
    const paused = await patchClient(
      request("/api/agents/local/client", {
        method: "PATCH",
        headers: bearer(operate, "192.0.2.200"),
        body: JSON.stringify({ paused: true }),
      }),
      local,
    );
    expect(paused.status).toBe(200);
    const byOperate = await createRoute(
      request("/api/tokens", { method: "POST", headers: bearer(operate), body: '{"name":"x","scope":"read"}' }),
      none,
    );
    expect(byOperate.status).toBe(403);
    const byAdmin = await createRoute(
      request("/api/tokens", {
        method: "POST",
        headers: bearer(admin),
        body: '{"name":"made-by-token","scope":"read"}',
      }),
      none,
    );
    expect(byAdmin.status).toBe(201);
    expect(((await byAdmin.json()) as TokenCreated).token.createdBy).toBe('token "administrator" (admin, 127.0.0.1)');
    await expect
      .poll(() => requireEventLog().read.page({ kind: ["paused"] }, 5).events[0]?.actor, { timeout: 5000 })
      .toBe('token "operator" (operate, 192.0.2.200)');

    const session = await getSession(request("/api/session", { headers: bearer(operate) }), none);
    expect(await session.json()).toEqual({
      required: false,
      signedIn: false,
      role: null,
      scope: "operate",
      token: { name: "operator" },
    });
  });

  it("a bad, malformed or revoked token is a 401 with WWW-Authenticate: Bearer, never a fall back", async () => {
    const { body } = await make("short-lived", "admin");
    const ok = await getAgents(request("/api/agents", { headers: bearer(body.secret) }), none);
    expect(ok.status).toBe(200);
    const address = nextAddress();
    const wrong = `adk_${"A".repeat(43)}`;
    for (const token of [wrong, "adk_short", "not-a-token", ""]) {
      const res = await getAgents(request("/api/agents", { headers: bearer(token, address) }), none);
      expect(res.status, token).toBe(401);
      expect(res.headers.get("www-authenticate"), token).toBe('Bearer realm="Agent Deck", error="invalid_token"');
      expect(((await res.json()) as ErrorJson).error.code).toBe("unauthorized");
    }
    const revoked = await revokeRoute(
      request(`/api/tokens/${body.token.id}`, { method: "DELETE", headers: bearer(body.secret) }),
      params({ tokenId: String(body.token.id) }),
    );
    expect(revoked.status).toBe(200);
    expect(requireEventLog().read.page({ kind: ["token_revoked"] }, 1).events[0]).toMatchObject({
      message: 'API token "short-lived" (admin) was revoked',
      actor: 'token "short-lived" (admin, 127.0.0.1)',
    });
    const after = await getAgents(request("/api/agents", { headers: bearer(body.secret, nextAddress()) }), none);
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const again = await revokeRoute(
      request(`/api/tokens/${body.token.id}`, {
        method: "DELETE",
        headers: { "content-type": "application/json", origin: ORIGIN, ...peer("127.0.0.1") },
      }),
      params({ tokenId: String(body.token.id) }),
    );
    expect(again.status).toBe(404);
  });

  it("failed token attempts are limited per client like sign-ins: the sixth is 429, a good token too", async () => {
    const good = (await make("limited", "read")).body.secret;
    const address = nextAddress();
    for (let i = 0; i < 5; i++) {
      const res = await getAgents(request("/api/agents", { headers: bearer(`adk_${"B".repeat(43)}`, address) }), none);
      expect(res.status).toBe(401);
    }
    const limited = await getAgents(request("/api/agents", { headers: bearer(good, address) }), none);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not held back by this one's failures.
    const other = await getAgents(request("/api/agents", { headers: bearer(good, nextAddress()) }), none);
    expect(other.status).toBe(200);
  });

  it('"last used" moves at most once a minute per token, and revoking it is seen at the next request', async () => {
    const store = requireTokenStore();
    const { token, secret } = createToken(store, { name: "poller", scope: "read" }, "test");
    const t0 = Date.now();
    expect(store.use(hashToken(secret), t0)?.lastUsedAt).toBe(t0);
    expect(store.use(hashToken(secret), t0 + 1_000)?.lastUsedAt).toBe(t0);
    expect(store.use(hashToken(secret), t0 + LAST_USED_RESOLUTION_MS)?.lastUsedAt).toBe(t0 + LAST_USED_RESOLUTION_MS);
    expect(store.find(token.id)?.lastUsedAt).toBe(t0 + LAST_USED_RESOLUTION_MS);
    // Another handle on the same file (as `npm run token` opens it) revokes; no cache keeps it alive.
    const Database = (await import("better-sqlite3")).default;
    const other = new Database(path.join(dataDir, "agent-deck.sqlite"));
    other.prepare("DELETE FROM api_tokens WHERE id = ?").run(token.id);
    other.close();
    await sleep(1);
    expect(store.use(hashToken(secret), t0 + 2 * LAST_USED_RESOLUTION_MS)).toBeUndefined();
  });
});
