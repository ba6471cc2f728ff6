import "server-only";
import type { Config } from "./config";
import { isLoopbackHost, splitHost } from "./config-parse";
import { AppError } from "./errors";
import { servedByOurEntry } from "./request-hook";

/**
 * Request checks shared by proxy.ts and the route wrapper (which re-checks: header tricks that skip
 * Next's proxy layer recur). Pure functions of headers and configuration, so they are easy to test.
 */

/** Set by the entry's front door (front-door.ts) to the TCP peer's address; any client-sent value is overwritten. */
export const PEER_HEADER = "x-agent-deck-peer";
/** Set by the same hook: "1" when the request arrived with forwarding headers (it came through a proxy). */
export const PEER_FORWARDED_HEADER = "x-agent-deck-forwarded";

/** What the checks read of a request's headers: web Headers, or Node's record seen through `get`. */
export type HeaderReader = { get(name: string): string | null };

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The Host this request claims; X-Forwarded-Host counts only behind a trusted reverse proxy. */
export function effectiveHost(headers: HeaderReader, config: Config): string {
  const forwarded = config.trustProxy ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || headers.get("host") || "";
}

export function isAllowedHost(host: string, config: Config): boolean {
  const h = splitHost(host);
  if (!h) return false;
  // A Host without a port means the scheme's default port, which is ours only when we serve on 80.
  const onOurPort = h.port === config.port || (h.port === undefined && config.port === 80);
  if (LOOPBACK_NAMES.has(h.name) && onOurPort) return true;
  for (const entry of config.allowedHosts) {
    const e = splitHost(entry);
    if (!e || e.name !== h.name) continue;
    // `name` alone also admits the bare name, which is what a reverse proxy on 80/443 forwards.
    if (e.port === undefined ? h.port === undefined || onOurPort : e.port === h.port) return true;
  }
  return false;
}

/** A 421 that tells the operator exactly how to allow the name, without echoing anything unbounded. */
export function hostNotAllowed(host: string, config: Config): AppError {
  const shown = host ? JSON.stringify(host.slice(0, 100)) : "(none)";
  const example = splitHost(host) ? host.toLowerCase().slice(0, 100) : `dashboard.lan:${config.port}`;
  return new AppError(
    "host_not_allowed",
    `This dashboard does not answer to the host name ${shown}. This check stops DNS-rebinding attacks. ` +
      `To use this name, add it to ALLOWED_HOSTS (for example ALLOWED_HOSTS=${example}) and restart the dashboard.`,
  );
}

export function checkHost(headers: HeaderReader, config: Config): AppError | undefined {
  const host = effectiveHost(headers, config);
  return isAllowedHost(host, config) ? undefined : hostNotAllowed(host, config);
}

/**
 * CSRF defence for state-changing requests: a JSON content type (a cross-site form cannot send it
 * without a preflight), an Origin naming this very host, and Sec-Fetch-Site same-origin when sent.
 */
export function checkMutation(headers: HeaderReader, config: Config): AppError | undefined {
  const type = (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return new AppError("forbidden", "Changes must be sent as JSON: set the header Content-Type: application/json");
  }
  const host = effectiveHost(headers, config).toLowerCase();
  const origin = headers.get("origin");
  let originHost: string | undefined;
  try {
    const u = origin ? new URL(origin) : undefined;
    // Browsers send the serialized origin exactly (scheme://host[:port]); anything else is forged.
    originHost = u && (u.protocol === "http:" || u.protocol === "https:") && u.origin === origin ? u.host : undefined;
  } catch {
    originHost = undefined;
  }
  if (!originHost || !sameHost(originHost, host) || !isAllowedHost(originHost, config)) {
    return new AppError(
      "forbidden",
      `Changes are accepted only from this dashboard's own pages: the Origin header is ${origin ? "another site's" : "missing"}. ` +
        `Scripts must send Origin: http://${host || `127.0.0.1:${config.port}`}`,
    );
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") {
    return new AppError("forbidden", `Changes are accepted only from this dashboard's own pages (Sec-Fetch-Site is "${site.slice(0, 40)}")`);
  }
  return undefined;
}

/** Origins omit default ports (http://host:80 becomes http://host), so compare with that in mind. */
function sameHost(originHost: string, host: string): boolean {
  if (originHost === host) return true;
  const a = splitHost(originHost);
  const b = splitHost(host);
  return !!a && !!b && a.name === b.name && (a.port ?? 80) === (b.port ?? 80);
}

/**
 * The client's address. Without a trusted proxy it is the TCP peer recorded by instrumentation's
 * hook; behind one, the last X-Forwarded-For entry (the one our proxy appended). Unknown → undefined.
 */
export function clientAddress(headers: HeaderReader, config: Config): string | undefined {
  if (config.trustProxy) {
    const last = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean).pop();
    if (last) return last;
  }
  // Only our entry's front door writes this header (over anything a client sent); without it in
  // front, a client could send it, so it is not believed.
  return servedByOurEntry() ? headers.get(PEER_HEADER) ?? undefined : undefined;
}

/**
 * Loopback clients are the machine's own user; an unknown address is never treated as loopback, nor
 * is a request relayed by a proxy on this machine when TRUST_PROXY is off (its peer is 127.0.0.1,
 * but its real client is elsewhere).
 */
export function isLoopbackClient(headers: HeaderReader, config: Config): boolean {
  if (!config.trustProxy && headers.get(PEER_FORWARDED_HEADER) !== "0") return false;
  const addr = clientAddress(headers, config);
  return addr !== undefined && isLoopbackHost(addr);
}
