import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getConfig } from "./config";
import { isLoopbackHost } from "./config-parse";
import { checkHost, PEER_FORWARDED_HEADER, PEER_HEADER, type HeaderReader } from "./guard";
import { log } from "./log";
import { countRefused } from "./metrics";
import { MAX_BODY_BYTES } from "./request-body";
import { BASELINE_SECURITY_HEADERS } from "./security-headers";

/**
 * The first thing every request meets, in the dashboard's own entry, before Next copies or parses
 * anything (Next buffers a non-GET body for proxy.ts up to its copy limit before our proxy runs, and
 * outside the V8 heap that HEAP_LIMIT_MB caps). In order:
 * - baseline security headers on the response, so even answers Next makes before proxy.ts runs
 *   (its trailing-slash redirects) carry them; the proxy replaces them with the full set;
 * - HTTP's own Host rules, which Node leaves to the application: more than one Host header is 400
 *   (RFC 9112 §3.2: a proxy and we might each believe a different one), and an absolute-form target
 *   names the host (§3.2.2), so it becomes the Host the allowlist checks;
 * - the Host allowlist (421): DNS rebinding is refused here, for every method and path;
 * - methods: only those the dashboard serves (405 otherwise; TRACE reached Next and logged a stack);
 * - bodies: a declared length over the limit is 413 and a body without a declared length (chunked)
 *   is 411, both before a byte of it is read. Browsers and scripts send Content-Length for the small
 *   JSON bodies this API takes, so refusing chunked bodies costs nobody and bounds memory per request;
 * - without DASHBOARD_PASSWORD, only this machine is answered (403), whatever address is bound;
 * - the TCP peer's address goes into PEER_HEADER, overwriting anything a client sent under that name
 *   (Next's handlers cannot see the socket).
 * Refusals close the connection, so an unread body is never read.
 */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ALLOW = [...METHODS].join(", ");

export function frontDoor(req: IncomingMessage, res: ServerResponse): boolean {
  for (const [name, value] of Object.entries(BASELINE_SECURITY_HEADERS)) res.setHeader(name, value);
  const config = getConfig();
  if (hostHeaderCount(req) > 1)
    return refuse(req, res, 400, "duplicate_host", "bad_request", "The request has more than one Host header.");
  takeHostFromAbsoluteTarget(req);
  const isApi = (req.url ?? "").startsWith("/api");
  const hostError = checkHost(headerReader(req), config);
  if (hostError) return refuse(req, res, 421, "host_not_allowed", "host_not_allowed", hostError.message, isApi);
  if (!METHODS.has(req.method ?? "")) {
    res.setHeader("Allow", ALLOW);
    return refuse(
      req,
      res,
      405,
      "method",
      "method_not_allowed",
      `The method ${JSON.stringify((req.method ?? "").slice(0, 20))} is not served here (allowed: ${ALLOW}).`,
      isApi,
    );
  }
  if (req.headers["transfer-encoding"] !== undefined) {
    return refuse(
      req,
      res,
      411,
      "chunked_body",
      "length_required",
      "Request bodies must declare their length (Content-Length); chunked bodies are not accepted.",
      isApi,
    );
  }
  const declared = Number(req.headers["content-length"] ?? 0);
  if (!Number.isFinite(declared) || declared > MAX_BODY_BYTES) {
    return refuse(
      req,
      res,
      413,
      "body_too_large",
      "payload_too_large",
      `The request body is larger than ${MAX_BODY_BYTES / 1024} KB`,
      isApi,
    );
  }
  const peer = req.socket?.remoteAddress ?? "";
  if (!config.dashboardPassword && !isLoopbackHost(peer)) {
    warnOnce(peer);
    return refuse(req, res, 403, "remote_without_password", "forbidden", ONLY_THIS_MACHINE, isApi);
  }
  req.headers[PEER_HEADER] = peer;
  // A reverse proxy on this machine connects from loopback: its clients must not pass as local.
  const h = req.headers;
  req.headers[PEER_FORWARDED_HEADER] = h["x-forwarded-for"] || h.forwarded || h["x-real-ip"] ? "1" : "0";
  return false;
}

const ONLY_THIS_MACHINE =
  "This dashboard answers only the machine it runs on, because no DASHBOARD_PASSWORD is set. " +
  "To serve other machines, set DASHBOARD_PASSWORD (and HOST, ALLOWED_HOSTS) and restart it.";

const REASONS: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  405: "Method Not Allowed",
  411: "Length Required",
  413: "Content Too Large",
  421: "Misdirected Request",
};

/**
 * API paths get the BFF's error envelope, everything else plain text; either way the connection
 * closes. A small declared body (within the limit) is read and dropped first: a server that closes
 * with unread bytes resets the connection, and the client (a browser's fetch) then loses the answer.
 * A larger or chunked one is never read: the client that sent it gets the answer if it waits for it.
 */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  reason: string,
  code: string,
  message: string,
  json = false,
): true {
  countRefused(reason);
  const body = json
    ? JSON.stringify({ error: { code, message } })
    : `${status} ${REASONS[status] ?? ""}\n\n${message}\n`;
  let sent = false;
  const send = () => {
    if (sent) return;
    sent = true;
    res.writeHead(status, {
      "Content-Type": json ? "application/json" : "text/plain; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
      Connection: "close",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
  const declared = Number(req.headers["content-length"] ?? 0);
  if (req.headers["transfer-encoding"] === undefined && declared > 0 && declared <= MAX_BODY_BYTES) {
    req.once("end", send);
    req.once("error", send);
    setTimeout(send, 2000).unref();
    req.resume();
  } else {
    send();
  }
  return true;
}

let warned = false;
function warnOnce(address: string): void {
  if (warned) return;
  warned = true;
  log("warn", "remote_client_refused", {
    address: address || null,
    reason: "the server listens beyond loopback but DASHBOARD_PASSWORD is not set; only this machine is answered",
  });
}

/** Node's header record read through the `get` that the guard's checks use on web Headers. */
export function headerReader(req: IncomingMessage): HeaderReader {
  return {
    get(name: string) {
      const v = req.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
  };
}

function hostHeaderCount(req: IncomingMessage): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === "host") count++;
  return count;
}

/** `GET http://name:port/path` → Host `name:port`, URL `/path` (anything unparsable keeps no Host). */
function takeHostFromAbsoluteTarget(req: IncomingMessage): void {
  const target = req.url ?? "";
  if (target.startsWith("/") || target === "*") return;
  let url: URL | undefined;
  try {
    url = new URL(target);
  } catch {
    url = undefined;
  }
  req.headers.host = url && (url.protocol === "http:" || url.protocol === "https:") ? url.host : "";
  req.url = url ? url.pathname + url.search : "/";
}
