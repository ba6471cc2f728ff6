import { SessionLoginSchema } from "@/lib/bff/contract";
import { AppError } from "@/lib/server/errors";
import { clientAddress, requestScheme } from "@/lib/server/guard";
import { apiRoute, json } from "@/lib/server/route";
import { assertNotRateLimited, recordFailure } from "@/lib/server/login-limit";
import { roleForPassword, sessionCookie, signSession } from "@/lib/server/session";
import type { NextRequest } from "next/server";
import type { Config } from "@/lib/server/config";

/** Whether this client must sign in, and as whom it is signed in. Reachable without a session. */
export const GET = apiRoute({ public: true }, async ({ config, access }) =>
  json({
    required: config.dashboardPassword !== undefined && (access === undefined || access.via === "session" || access.via === "basic"),
    signedIn: access?.via === "session" || access?.via === "basic",
    role: access?.role ?? null,
  }),
);

/** Sign in: {"password"} → HttpOnly SameSite=Strict session cookie. At most 5 failures a minute per address. */
export const POST = apiRoute({ public: true, mutating: true, allowViewOnly: true, body: SessionLoginSchema }, async ({ req, body, config }) => {
  if (!config.dashboardPassword) throw new AppError("not_found", "Sign-in is not enabled: DASHBOARD_PASSWORD is not set");
  const address = clientAddress(req.headers, config) ?? "unknown";
  assertNotRateLimited(address);
  const role = roleForPassword(body.password, config);
  if (!role) {
    recordFailure(address);
    throw new AppError("unauthorized", "Wrong password");
  }
  return json({ role }, { headers: { "Set-Cookie": sessionCookie(signSession(role, config), isHttps(req, config)) } });
});

/** Sign out: expire the cookie. */
export const DELETE = apiRoute({ public: true, mutating: true, allowViewOnly: true }, async ({ req, config }) =>
  json({ ok: true }, { headers: { "Set-Cookie": sessionCookie("", isHttps(req, config), 0) } }),
);

/** Secure cookies when the browser came over TLS (a trusted proxy in front says so). */
function isHttps(req: NextRequest, config: Config): boolean {
  return requestScheme(req.headers, config) === "https";
}
