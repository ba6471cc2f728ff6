import { NextResponse, type NextRequest } from "next/server";
import { getConfig, type Config } from "@/lib/server/config";
import { AppError, toResponse } from "@/lib/server/errors";
import { servedByOurEntry } from "@/lib/server/request-hook";
import { checkHost, effectiveHost } from "@/lib/server/guard";
import { applySecurityHeaders, contentSecurityPolicy, newNonce } from "@/lib/server/security-headers";
import { mayProceed, resolveAccess, unauthorized, type Access } from "@/lib/server/session";

/*
 * Runs before every request, pages and API alike: refuses unknown Host names (DNS rebinding), asks
 * remote clients to sign in when a password is set, and puts security headers (CSP with a fresh
 * nonce) on every response. Route handlers repeat the Host and CSRF checks themselves: this layer
 * is a first line, not the only one.
 */

/**
 * Paths a signed-out remote client may load: the sign-in page, its assets, the sign-in API, and
 * what a browser fetches to offer installing the app (manifest and icons, which hold no agent data).
 */
function isPublicPath(path: string): boolean {
  return (
    path === "/login" ||
    path.startsWith("/login/") ||
    path === "/api/session" ||
    path.startsWith("/_next/") ||
    path === "/favicon.ico" ||
    path === "/icon.svg" ||
    path === "/manifest.webmanifest" ||
    path.startsWith("/icons/")
  );
}

export function proxy(request: NextRequest): Response {
  const config = getConfig();
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const path = request.nextUrl.pathname;
  const isApi = path === "/api" || path.startsWith("/api/");

  // Every request must have met the entry's front door (Host, method, body size, peer address).
  // Started another way (`next start`), nobody checked them: refuse rather than half-protect.
  if (!servedByOurEntry()) return withHeaders(toResponse(notThroughEntry()), csp, true);

  const hostError = checkHost(request.headers, config);
  if (hostError) {
    const res = isApi
      ? toResponse(hostError)
      : new Response(`421 Misdirected Request\n\n${hostError.message}\n`, {
          status: 421,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        });
    return withHeaders(res, csp, true);
  }

  // API routes verify credentials themselves (counting failed Basic attempts once, there); pages
  // have nobody after us to do it, so a Basic header is verified (and counted) here.
  let access: Access | undefined;
  if (!isApi) {
    try {
      access = resolveAccess(request.headers, config);
    } catch (err) {
      return withHeaders(toResponse(err), csp, false);
    }
  }
  const signedIn = isApi ? mayProceed(request.headers, config) : access !== undefined;
  if (!isPublicPath(path) && !signedIn) {
    if (isApi) return withHeaders(toResponse(unauthorized()), csp, true);
    // Next wants an absolute Location, on the Host as sent (another origin has other cookies).
    const login = new URL("/login", sameUrl(request, config));
    login.searchParams.set("next", path + request.nextUrl.search);
    return withHeaders(NextResponse.redirect(login, 307), csp, true);
  }

  // Next reads the nonce from the request's CSP header and stamps it on its own scripts; the root
  // layout can read x-nonce for any <Script> of its own.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // API answers are never cached, including those Next makes itself (OPTIONS, 405).
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, isApi);
}

/** This request's URL on the (already allowlisted) Host as sent: nextUrl would rewrite 127.0.0.1 to localhost. */
function sameUrl(request: NextRequest, config: Config): string {
  return `${request.nextUrl.protocol}//${effectiveHost(request.headers, config)}${request.nextUrl.pathname}${request.nextUrl.search}`;
}

function withHeaders(res: Response, csp: string, noStore: boolean): Response {
  applySecurityHeaders(res.headers, csp);
  if (noStore) res.headers.set("Cache-Control", "no-store");
  return res;
}

function notThroughEntry(): AppError {
  return new AppError(
    "internal_error",
    "This dashboard must be started with `npm start` (or `node .next/standalone/server.js`), not `next start`: its own entry checks every request first.",
  );
}
