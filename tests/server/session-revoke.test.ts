import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAgents } from "@/app/api/agents/route";
import { DELETE as signOut, POST as signIn } from "@/app/api/session/route";
import { MAX_LIVE_SESSIONS, addSession, isLiveSession, sessionRegistry } from "@/lib/server/session-store";
import { ORIGIN, params, request, setEnv } from "./helpers";

/** Issue 14, item 4: signing out ends the session for good; "sign out everywhere" ends them all. */
const ADMIN = "admin-password-1";
const VIEWER = "viewer-password-2";
const none = params({});
const remote = { "x-agent-deck-peer": "192.0.2.80", "x-agent-deck-forwarded": "0" };
const json = { "content-type": "application/json", origin: ORIGIN };
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), "agent-deck-sessions-"));

async function login(password: string): Promise<string> {
  const res = await signIn(
    request("/api/session", { method: "POST", headers: { ...remote, ...json }, body: JSON.stringify({ password }) }),
    none,
  );
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}
const reads = async (cookie: string) =>
  (await getAgents(request("/api/agents", { headers: { ...remote, cookie } }), none)).status;
const logout = (cookie: string, query = "") =>
  signOut(request(`/api/session${query}`, { method: "DELETE", headers: { ...remote, ...json, cookie } }), none);

describe("revocable sessions", () => {
  const dataDir = tempDir();
  let restore: () => void;
  beforeAll(() => {
    restore = setEnv({
      PORT: "3841",
      DASHBOARD_PASSWORD: ADMIN,
      DASHBOARD_VIEW_PASSWORD: VIEWER,
      DATA_DIR: dataDir,
      LOOPBACK_TRUSTED: undefined,
      TRUST_PROXY: undefined,
    });
  });
  afterAll(() => restore());

  it("after signing out, the same cookie is refused", async () => {
    const cookie = await login(ADMIN);
    const other = await login(ADMIN);
    expect(await reads(cookie)).toBe(200);
    const out = await logout(cookie);
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ ok: true, ended: "this" });
    expect(await reads(cookie), "the signed-out cookie, sent again").toBe(401);
    expect(await reads(other), "another session goes on").toBe(200);
  });

  it("sign out everywhere ends every session; only an admin may", async () => {
    const a = await login(ADMIN);
    const b = await login(ADMIN);
    const view = await login(VIEWER);
    const refused = await logout(view, "?all=1");
    expect(refused.status).toBe(403);
    expect(await reads(a)).toBe(200);
    const out = await logout(a, "?all=1");
    expect(await out.json()).toEqual({ ok: true, ended: "all" });
    for (const cookie of [a, b, view]) expect(await reads(cookie)).toBe(401);
    expect((await logout("", "?all=1")).status, "signed out already").toBe(401);
  });

  it("a bad query is a 400 that says what is allowed", async () => {
    const res = await logout(await login(ADMIN), "?all=yes");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/all must be "1"/);
  });

  it("the registry file holds hashes of the ids, never a cookie's id", async () => {
    const cookie = await login(ADMIN);
    const id = cookie.split(".")[3] ?? "";
    const file = readFileSync(path.join(dataDir, "sessions.json"), "utf8");
    expect(id).toMatch(/^[\w-]{24}$/);
    expect(file).not.toContain(id);
    expect(Object.keys((JSON.parse(file) as { sessions: Record<string, number> }).sessions)).toContainEqual(
      expect.stringMatching(/^[0-9a-f]{64}$/),
    );
  });
});

describe("the registry stays bounded", () => {
  it("drops expired sessions when it writes", () => {
    const dir = tempDir();
    const stale = addSession(dir, 1_000, 500);
    expect(isLiveSession(dir, stale, 900)).toBe(true);
    addSession(dir, 5_000, 2_000);
    const file = JSON.parse(readFileSync(path.join(dir, "sessions.json"), "utf8")) as {
      sessions: Record<string, number>;
    };
    expect(Object.values(file.sessions)).toEqual([5_000]);
    expect(isLiveSession(dir, stale, 900), "gone once pruned").toBe(false);
  });

  it(`keeps at most ${MAX_LIVE_SESSIONS} sessions, ending the oldest first`, () => {
    const dir = tempDir();
    const ids = Array.from({ length: MAX_LIVE_SESSIONS + 1 }, () => addSession(dir, 10_000, 1));
    expect(isLiveSession(dir, ids[0] ?? "", 2)).toBe(false);
    expect(isLiveSession(dir, ids[1] ?? "", 2)).toBe(true);
    expect(sessionRegistry(dir).live.size).toBe(MAX_LIVE_SESSIONS);
  });

  it("a file that is not a registry is a clear error naming DATA_DIR", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "sessions.json"), "not json");
    expect(() => sessionRegistry(dir)).toThrow(
      /DATA_DIR: the session registry ".*sessions\.json" is not a session registry/,
    );
  });
});
