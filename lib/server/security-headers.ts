import "server-only";
import { randomBytes } from "node:crypto";

/**
 * Security headers for every response. The CSP allows scripts only with this request's nonce
 * (plus what those load, 'strict-dynamic'); inline styles stay allowed because Tailwind and React
 * style attributes need them and styles cannot run code.
 */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // React's dev build evaluates code for its overlays; production never needs 'unsafe-eval'.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers that hold for every response whatever its kind. */
const COMMON_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  // Older browsers ignore frame-ancestors; this says the same to them.
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  // Other sites cannot even load our answers as images or scripts (no-cors), let alone read them.
  "Cross-Origin-Resource-Policy": "same-origin",
} as const;

/**
 * What the request hook puts on every response before Next handles it, for answers Next makes
 * without running the proxy (redirects): a CSP that allows nothing, since none of them is a page.
 */
export const BASELINE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_HEADERS,
  "Content-Security-Policy": "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

export function applySecurityHeaders(headers: Headers, csp: string): void {
  headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(COMMON_HEADERS)) headers.set(name, value);
}
