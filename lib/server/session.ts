import "server-only";
import { createHash, createHmac, scryptSync, timingSafeEqual } from "node:crypto";
import type { Config } from "./config";
import { AppError } from "./errors";
import { clientAddress, isLoopbackClient, type HeaderReader } from "./guard";
import { assertNotRateLimited, recordFailure } from "./login-limit";
import { addSession, isLiveSession } from "./session-store";
import { bearerCredentials, REALM, tokenAccess } from "./tokens";
import { SESSION_COOKIE } from "@/lib/bff/contract";
import type { Scope } from "@/lib/bff/contract-tokens";

/**
 * Sign-in once DASHBOARD_PASSWORD is set. A session is an HMAC-signed cookie holding a role, an
 * expiry and a random session id. The key derives from the passwords, so changing either signs
 * everyone out; the id must be live in the session registry (session-store.ts), so signing out
 * ends that session for good and "sign out everywhere" ends them all, across restarts too.
 */
export type Role = "admin" | "view";
/**
 * Who is asking and what they may do. Passwords map onto scopes: the admin password is `admin`, the
 * view password `read`; no password (this machine only) and LOOPBACK_TRUSTED are `admin`, as before
 * tokens. `session` is the session id, when access comes from a session cookie; `token` the API
 * token's id and name, when it comes from one.
 */
export type Access = {
  scope: Scope;
  via: "open" | "loopback" | "session" | "basic" | "token";
  session?: string;
  token?: { id: number; name: string };
};

const scopeOfRole = (role: Role): Scope => (role === "admin" ? "admin" : "read");
/** The password role a session or Basic access was granted (tokens and open access have none). */
export function roleOf(access: Access | undefined): Role | null {
  if (access?.via !== "session" && access?.via !== "basic") return null;
  return access.scope === "admin" ? "admin" : "view";
}

export { SESSION_COOKIE } from "@/lib/bff/contract";
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

/**
 * The signing key, stretched with scrypt: a session cookie is a MAC over known text, so with a fast
 * hash anyone holding one (a view-only user, say) could test guesses at the admin password offline
 * by the billion. Derived once per configuration (~0.1 s, at boot), then reused.
 */
const KEYS = Symbol.for("agent-deck.session-keys");
export function sessionKey(config: Config): Buffer {
  // On globalThis: Next bundles the proxy and each route separately, and each would derive its own.
  const holder = globalThis as { [KEYS]?: WeakMap<Config, Buffer> };
  const keys = (holder[KEYS] ??= new WeakMap());
  let key = keys.get(config);
  if (!key) {
    const secret = `${config.dashboardPassword ?? ""}\0${config.dashboardViewPassword ?? ""}`;
    key = scryptSync(secret, "agent-deck session key v1", 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    keys.set(config, key);
  }
  return key;
}

function mac(payload: string, config: Config): string {
  return createHmac("sha256", sessionKey(config)).update(payload).digest("base64url");
}

/** Starts a session: registers a new id and returns the cookie value naming it. */
export function startSession(role: Role, config: Config, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + SESSION_MAX_AGE_SECONDS;
  const id = addSession(config.dataDir, expires, Math.floor(now / 1000));
  const payload = `v2.${role}.${expires}.${id}`;
  return `${payload}.${mac(payload, config)}`;
}

/** The role and id of a genuine, unexpired, still live session cookie. */
export function verifySession(
  value: string | undefined,
  config: Config,
  now = Date.now(),
): { role: Role; id: string } | undefined {
  if (!value || !config.dashboardPassword) return undefined;
  const m = /^(v2\.(admin|view)\.(\d{1,12})\.([A-Za-z0-9_-]{24}))\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m || !m[1] || !m[4] || !m[5]) return undefined;
  if (!safeEqual(m[5], mac(m[1], config))) return undefined;
  if (Number(m[3]) * 1000 < now) return undefined;
  if (!isLiveSession(config.dataDir, m[4], Math.floor(now / 1000))) return undefined;
  const role = m[2] === "view" && config.dashboardViewPassword ? "view" : m[2] === "admin" ? "admin" : undefined;
  return role && { role, id: m[4] };
}

/** Constant-time comparison of two strings of any length (hashing first equalises lengths). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Which role a password grants, compared in constant time against both passwords. */
export function roleForPassword(password: string, config: Config): Role | undefined {
  if (!config.dashboardPassword) return undefined;
  const admin = safeEqual(password, config.dashboardPassword);
  const view = config.dashboardViewPassword !== undefined && safeEqual(password, config.dashboardViewPassword);
  return admin ? "admin" : view ? "view" : undefined;
}

function cookieValue(headers: HeaderReader, name: string): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/**
 * Who is asking. An API token (`Authorization: Bearer`) first and alone: the request is judged by
 * its scope whatever else it carries (a cookie too) and wherever it comes from (loopback too), and a
 * bad one is a 401, never a fall back to other credentials. No password configured: full access
 * (only this machine is answered then). With a password everyone signs in, loopback too: a
 * forwarder on this machine (ssh -L, socat, a tunnel) would otherwise make every remote client an
 * admin. LOOPBACK_TRUSTED=true restores full access for loopback clients, on purpose. Otherwise a
 * valid session cookie, or HTTP Basic with either password (for scripts and Prometheus). Undefined
 * means "must sign in".
 */
export function resolveAccess(headers: HeaderReader, config: Config): Access | undefined {
  const bearer = bearerCredentials(headers);
  if (bearer !== undefined) return tokenAccess(bearer, headers, config);
  if (!config.dashboardPassword) return { scope: "admin", via: "open" };
  if (config.loopbackTrusted && isLoopbackClient(headers, config)) return { scope: "admin", via: "loopback" };
  const session = verifySession(cookieValue(headers, SESSION_COOKIE), config);
  if (session) return { scope: scopeOfRole(session.role), via: "session", session: session.id };
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headers.get("authorization") ?? "");
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const password = decoded.slice(decoded.indexOf(":") + 1);
    const address = clientAddress(headers, config) ?? "unknown";
    assertNotRateLimited(address);
    const r = roleForPassword(password, config);
    if (r) return { scope: scopeOfRole(r), via: "basic" };
    recordFailure(address);
  }
  return undefined;
}

/**
 * The proxy's early check, without side effects: a Basic or Bearer header is let through for the
 * route to verify (and count failures) so an attempt is never counted twice.
 */
export function mayProceed(headers: HeaderReader, config: Config): boolean {
  if (/^(Basic|Bearer)(\s|$)/i.test(headers.get("authorization") ?? "")) return true;
  if (!config.dashboardPassword || (config.loopbackTrusted && isLoopbackClient(headers, config))) return true;
  return verifySession(cookieValue(headers, SESSION_COOKIE), config) !== undefined;
}

/** 401 for a client with no credentials (or a wrong password); says which scheme scripts may use (RFC 9110 §11.6.1). */
export function unauthorized(message = "Sign in first: this dashboard requires a password"): AppError {
  return new AppError("unauthorized", message, undefined, { "WWW-Authenticate": REALM });
}

/** Cookie attributes: HttpOnly (no script reads it), SameSite=Strict (never sent cross-site). */
export function sessionCookie(value: string, secure: boolean, maxAgeSeconds = SESSION_MAX_AGE_SECONDS): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}
