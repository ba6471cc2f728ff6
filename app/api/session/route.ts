import {
  SessionLoginSchema,
  SessionRoleSchema,
  SessionSignOutQuerySchema,
  SessionSignOutResponseSchema,
  SessionStateSchema,
  type SessionSignOutResponse,
} from "@/lib/bff/contract";
import { safeParse } from "@/lib/agent-api/zod";
import { AppError } from "@/lib/server/errors";
import { clientAddress, requestScheme } from "@/lib/server/guard";
import { apiRoute, json } from "@/lib/server/route";
import { assertNotRateLimited, recordFailure } from "@/lib/server/login-limit";
import { validationError } from "@/lib/server/request-body";
import { roleForPassword, roleOf, sessionCookie, startSession, unauthorized } from "@/lib/server/session";
import { insufficientScope } from "@/lib/server/tokens";
import { endAllSessions, endSession } from "@/lib/server/session-store";
import type { NextRequest } from "next/server";
import type { Config } from "@/lib/server/config";

/** Whether this client must sign in, and as whom it is signed in. Reachable without a session. */
export const GET = apiRoute({ public: true }, async ({ config, access }) =>
  json(SessionStateSchema, {
    required:
      config.dashboardPassword !== undefined &&
      (access === undefined || access.via === "session" || access.via === "basic"),
    signedIn: access?.via === "session" || access?.via === "basic",
    role: roleOf(access),
    scope: access?.scope ?? null,
    ...(access?.token ? { token: { name: access.token.name } } : {}),
  }),
);

/** Sign in: {"password"} → HttpOnly SameSite=Strict session cookie. At most 5 failures a minute per address. */
export const POST = apiRoute(
  { public: true, mutating: true, scope: "read", body: SessionLoginSchema },
  async ({ req, body, config }) => {
    if (!config.dashboardPassword)
      throw new AppError("not_found", "Sign-in is not enabled: DASHBOARD_PASSWORD is not set");
    const address = clientAddress(req.headers, config) ?? "unknown";
    assertNotRateLimited(address);
    const role = roleForPassword(body.password, config);
    if (!role) {
      recordFailure(address);
      throw unauthorized("Wrong password");
    }
    return json(
      SessionRoleSchema,
      { role },
      { headers: { "Set-Cookie": sessionCookie(startSession(role, config), isHttps(req, config)) } },
    );
  },
);

/**
 * Sign out: end this session in the registry (so the cookie is refused from now on, even if kept)
 * and expire it; `?all=1` ends every session, which only an admin may do: a read-only wall monitor
 * must not be able to sign the operators out.
 */
export const DELETE = apiRoute({ public: true, mutating: true, scope: "read" }, async ({ req, config, access }) => {
  const query = safeParse(SessionSignOutQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success) throw validationError(query.error, "query", "query");
  const all = query.data.all === "1";
  const now = Math.floor(Date.now() / 1000);
  if (all) {
    // Asked of everyone alike, with a password or without (then there are no sessions to end).
    if (!access) throw unauthorized();
    if (access.scope !== "admin")
      throw access.via === "token"
        ? insufficientScope(access, "admin")
        : new AppError("forbidden", "Only the admin password may sign out every session");
    if (config.dashboardPassword) endAllSessions(config.dataDir, now);
  } else if (access?.session) {
    endSession(config.dataDir, access.session, now);
  }
  const answer: SessionSignOutResponse = { ok: true, ended: all ? "all" : "this" };
  return json(SessionSignOutResponseSchema, answer, {
    headers: { "Set-Cookie": sessionCookie("", isHttps(req, config), 0) },
  });
});

/** Secure cookies when the browser came over TLS (a trusted proxy in front says so). */
function isHttps(req: NextRequest, config: Config): boolean {
  return requestScheme(req.headers, config) === "https";
}
