import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchClient } from "@/app/api/agents/[agentId]/client/route";
import { GET as getAgents } from "@/app/api/agents/route";
import { DELETE as signOut, GET as getSession, POST as signIn } from "@/app/api/session/route";
import { loadConfig } from "@/lib/server/config";
import { createHash, createHmac, scryptSync } from "node:crypto";
import { startSession, verifySession } from "@/lib/server/session";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSimulator, type Simulator } from "../support/processes";
import { ORIGIN, SimControl, mutation, params, request, setEnv } from "./helpers";

const ADMIN = "admin-password-1";
const VIEWER = "viewer-password-2";
const none = params({});
/** Sessions are registered in DATA_DIR; each run gets its own. */
const DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "agent-deck-session-test-"));

/** What instrumentation's hook writes for a client on another machine / on this one. */
const remote = (addr = "192.0.2.50") => ({ "x-agent-deck-peer": addr, "x-agent-deck-forwarded": "0" });
const loopback = { "x-agent-deck-peer": "127.0.0.1", "x-agent-deck-forwarded": "0" };
/** A reverse proxy on this machine relaying a remote client. */
const viaLocalProxy = {
  "x-agent-deck-peer": "127.0.0.1",
  "x-agent-deck-forwarded": "1",
  "x-forwarded-for": "203.0.113.5",
};

function login(password: string, addr: string) {
  return signIn(
    request("/api/session", {
      method: "POST",
      headers: { ...remote(addr), "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ password }),
    }),
    none,
  );
}

function cookieOf(res: Response): string {
  const set = res.headers.get("set-cookie") ?? "";
  return set.split(";")[0] ?? "";
}

describe("sign-in when DASHBOARD_PASSWORD is set", () => {
  let sim: Simulator;
  let control: SimControl;
  let restore: () => void;
  beforeAll(async () => {
    sim = await startSimulator(["--runs", "2"]);
    control = new SimControl(sim);
    restore = setEnv({
      AGENT_URL: sim.url,
      PORT: "3841",
      DASHBOARD_PASSWORD: ADMIN,
      DASHBOARD_VIEW_PASSWORD: VIEWER,
      TRUST_PROXY: undefined,
      LOOPBACK_TRUSTED: undefined,
      DATA_DIR,
    });
  });
  afterAll(async () => {
    restore();
    await sim.stop();
  });

  it("loopback clients sign in too: a local forwarder would otherwise make remote clients admins", async () => {
    const res = await getAgents(request("/api/agents", { headers: loopback }), none);
    expect(res.status).toBe(401);
    const state = await getSession(request("/api/session", { headers: loopback }), none);
    expect(await state.json()).toEqual({ required: true, signedIn: false, role: null, scope: null });
  });

  it("LOOPBACK_TRUSTED=true lets loopback clients in without signing in, on purpose", async () => {
    const undo = setEnv({ LOOPBACK_TRUSTED: "true" });
    try {
      expect((await getAgents(request("/api/agents", { headers: loopback }), none)).status).toBe(200);
      expect((await getAgents(request("/api/agents", { headers: viaLocalProxy }), none)).status).toBe(401);
      expect((await getAgents(request("/api/agents", { headers: remote() }), none)).status).toBe(401);
    } finally {
      undo();
    }
  });

  it("a client relayed by a local reverse proxy is not treated as loopback", async () => {
    expect((await getAgents(request("/api/agents", { headers: viaLocalProxy }), none)).status).toBe(401);
  });

  it("remote clients get 401 without a session, even claiming loopback via X-Forwarded-For", async () => {
    const res = await getAgents(
      request("/api/agents", { headers: { ...remote(), "x-forwarded-for": "127.0.0.1" } }),
      none,
    );
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    const state = await getSession(request("/api/session", { headers: remote() }), none);
    expect(await state.json()).toEqual({ required: true, signedIn: false, role: null, scope: null });
  });

  it("the admin password gives an HttpOnly SameSite=Strict session with full access", async () => {
    const res = await login(ADMIN, "192.0.2.51");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ role: "admin" });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(
      /^agentdeck_session=v2\.admin\.\d+\.[\w-]{24}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/,
    );
    const headers = { ...remote("192.0.2.51"), cookie: cookieOf(res) };
    const agents = await getAgents(request("/api/agents", { headers }), none);
    expect(((await agents.json()) as { settings: { canChange: boolean } }).settings.canChange).toBe(true);
    const patch = await patchClient(
      mutation("/api/agents/local/client", { paused: false }, headers),
      params({ agentId: "local" }),
    );
    expect(patch.status).toBe(200);
  });

  it("the view password gives a read-only session: reads work, changes are 403", async () => {
    const res = await login(VIEWER, "192.0.2.52");
    expect(await res.json()).toEqual({ role: "view" });
    const headers = { ...remote("192.0.2.52"), cookie: cookieOf(res) };
    expect((await getAgents(request("/api/agents", { headers }), none)).status).toBe(200);
    await control.clearRequests();
    const patch = await patchClient(
      mutation("/api/agents/local/client", { paused: true }, headers),
      params({ agentId: "local" }),
    );
    expect(patch.status).toBe(403);
    expect(((await patch.json()) as { error: { message: string } }).error.message).toMatch(/read-only/);
    expect(await control.count("PATCH /api/v3/client")).toBe(0);
    const out = await signOut(
      request("/api/session", {
        method: "DELETE",
        headers: { ...headers, "content-type": "application/json", origin: ORIGIN },
      }),
      none,
    );
    expect(out.headers.get("set-cookie")).toMatch(/^agentdeck_session=; .*Max-Age=0/);
  });

  it("a forged or tampered cookie is refused", () => {
    const config = loadConfig({ DASHBOARD_PASSWORD: ADMIN, DASHBOARD_VIEW_PASSWORD: VIEWER, DATA_DIR });
    const good = startSession("view", config);
    expect(verifySession(good, config)?.role).toBe("view");
    expect(verifySession(good.replace("v2.view.", "v2.admin."), config)).toBeUndefined();
    expect(
      verifySession(startSession("admin", loadConfig({ DASHBOARD_PASSWORD: "another-password", DATA_DIR })), config),
    ).toBeUndefined();
    expect(verifySession(startSession("admin", config, Date.now() - 31 * 24 * 3600 * 1000), config)).toBeUndefined();
    // The cookies of before session ids (v1) name no session: their holders sign in again.
    expect(verifySession(`v1.admin.9999999999.${"A".repeat(43)}`, config)).toBeUndefined();
  });

  it("a session cookie is no fast offline oracle for the passwords: the MAC key is scrypt-stretched", () => {
    // A view-only user holds a cookie and knows the view password; with a fast hash as the key,
    // guessing the admin password offline would cost one SHA-256 per guess.
    const config = loadConfig({ DASHBOARD_PASSWORD: ADMIN, DASHBOARD_VIEW_PASSWORD: VIEWER, DATA_DIR });
    const cookie = startSession("view", config);
    const payload = cookie.slice(0, cookie.lastIndexOf("."));
    const macWith = (key: Buffer) => createHmac("sha256", key).update(payload).digest("base64url");
    const fastKey = createHash("sha256").update(`agent-deck session\0${ADMIN}\0${VIEWER}`).digest();
    expect(cookie.endsWith(macWith(fastKey))).toBe(false);
    const slowKey = scryptSync(`${ADMIN}\0${VIEWER}`, "agent-deck session key v1", 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    expect(cookie.endsWith(`.${macWith(slowKey)}`)).toBe(true);
  });

  it("HTTP Basic with a password works for scripts", async () => {
    const auth = `Basic ${Buffer.from(`any:${ADMIN}`).toString("base64")}`;
    expect(
      (await getAgents(request("/api/agents", { headers: { ...remote("192.0.2.53"), authorization: auth } }), none))
        .status,
    ).toBe(200);
  });

  it("after 5 failed attempts in a minute an address gets 429, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await login("wrong-password", "192.0.2.60")).status).toBe(401);
    const limited = await login(ADMIN, "192.0.2.60");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await login(ADMIN, "192.0.2.61")).status).toBe(200);
  });

  it("sign-in itself is CSRF-checked", async () => {
    const res = await signIn(
      request("/api/session", {
        method: "POST",
        headers: { ...remote("192.0.2.70"), "content-type": "application/json", origin: "http://evil.com" },
        body: JSON.stringify({ password: ADMIN }),
      }),
      none,
    );
    expect(res.status).toBe(403);
  });
});
