import "server-only";
import type { Config } from "./config";
import { isLoopbackAddress } from "./address";
import { splitHost } from "./config-parse";
import { AppError } from "./errors";
import { servedByOurEntry } from "./request-hook";

/*
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

/** The values of a comma-separated forwarding header, in order (each proxy in a chain appends one). */
function listHeader(headers: HeaderReader, name: string): string[] {
  return (headers.get(name) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The Host the browser used: behind a trusted reverse proxy the first X-Forwarded-Host (what the
 * client sent to the first proxy), else the Host header. Only for building URLs and comparing the
 * Origin: checkHost vets every name a request carries.
 */
export function effectiveHost(headers: HeaderReader, config: Config): string {
  const forwarded = config.trustProxy ? listHeader(headers, "x-forwarded-host")[0] : undefined;
  return forwarded || headers.get("host") || "";
}

/** The scheme the browser used: this server speaks plain HTTP, so https only when a trusted proxy says so. */
export function requestScheme(headers: HeaderReader, config: Config): "http" | "https" {
  return config.trustProxy && listHeader(headers, "x-forwarded-proto")[0]?.toLowerCase() === "https" ? "https" : "http";
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

/**
 * Every name the request carries must be ours: the Host header always, and behind a trusted proxy
 * each X-Forwarded-Host value too. Judging by the forwarded name alone let `Host: evil.example`
 * (a rebound name) through whenever it also claimed an allowed forwarded one.
 */
export function checkHost(headers: HeaderReader, config: Config): AppError | undefined {
  const names = [headers.get("host") ?? "", ...(config.trustProxy ? listHeader(headers, "x-forwarded-host") : [])];
  const foreign = names.find((name) => !isAllowedHost(name, config));
  return foreign === undefined ? undefined : hostNotAllowed(foreign, config);
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
  // The origin is scheme, host and port: https://127.0.0.1:PORT is another origin than this plain-HTTP server.
  const scheme = requestScheme(headers, config);
  const origin = headers.get("origin");
  let originHost: string | undefined;
  try {
    const u = origin ? new URL(origin) : undefined;
    // Browsers send the serialized origin exactly (scheme://host[:port]); anything else is forged.
    originHost = u && u.protocol === `${scheme}:` && u.origin === origin ? u.host : undefined;
  } catch {
    originHost = undefined;
  }
  if (!originHost || !sameHost(originHost, host, scheme) || !isAllowedHost(originHost, config)) {
    return new AppError(
      "forbidden",
      `Changes are accepted only from this dashboard's own pages: the Origin header is ${origin ? "another site's" : "missing"}. ` +
        `Scripts must send Origin: ${scheme}://${host || `127.0.0.1:${config.port}`}`,
    );
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") {
    return new AppError(
      "forbidden",
      `Changes are accepted only from this dashboard's own pages (Sec-Fetch-Site is "${site.slice(0, 40)}")`,
    );
  }
  return undefined;
}

/** Origins omit the scheme's default port (http://host:80 becomes http://host), so compare with that in mind. */
function sameHost(originHost: string, host: string, scheme: "http" | "https"): boolean {
  if (originHost === host) return true;
  const a = splitHost(originHost);
  const b = splitHost(host);
  const port = scheme === "https" ? 443 : 80;
  return !!a && !!b && a.name === b.name && (a.port ?? port) === (b.port ?? port);
}

/**
 * The client's address. Without a trusted proxy it is the TCP peer recorded by the entry's front
 * door; behind one, the right-most X-Forwarded-For entry: the one our proxy appended (what it saw),
 * where everything to its left is whatever the client chose to send. Unknown → undefined.
 */
export function clientAddress(headers: HeaderReader, config: Config): string | undefined {
  if (config.trustProxy) {
    const last = listHeader(headers, "x-forwarded-for").pop();
    if (last) return last;
  }
  // Only our entry's front door writes this header (over anything a client sent); without it in
  // front, a client could send it, so it is not believed.
  return servedByOurEntry() ? (headers.get(PEER_HEADER) ?? undefined) : undefined;
}

/**
 * Loopback clients are the machine's own user; an unknown address is never treated as loopback.
 * The TCP peer must be loopback, and a request relayed by a proxy (its peer is 127.0.0.1, its real
 * client may be anywhere) counts only behind a trusted proxy and only when every hop it records is
 * loopback too: `X-Forwarded-For: 203.0.113.9, 127.0.0.1` is a forwarder on this machine relaying a
 * remote client. Left-hand entries can be forged, but only to lose loopback, never to gain it.
 */
export function isLoopbackClient(headers: HeaderReader, config: Config): boolean {
  // Only our entry's front door writes the peer header (over anything a client sent).
  const peer = servedByOurEntry() ? headers.get(PEER_HEADER) : null;
  if (!peer || !isLoopbackAddress(peer)) return false;
  const relayed = headers.get(PEER_FORWARDED_HEADER);
  if (relayed === "0") return true;
  if (relayed !== "1" || !config.trustProxy) return false;
  const hops = [
    ...listHeader(headers, "x-forwarded-for"),
    ...listHeader(headers, "x-real-ip"),
    ...forwardedFor(headers),
  ];
  return hops.length > 0 && hops.every(isLoopbackAddress);
}

/** The `for=` addresses of RFC 7239 Forwarded headers. */
function forwardedFor(headers: HeaderReader): string[] {
  return [...(headers.get("forwarded") ?? "").matchAll(/for=("[^"]*"|[^;,\s]*)/gi)].map((m) => m[1] ?? "");
}
