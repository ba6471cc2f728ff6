import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getConfig } from "./config";
import { isLoopbackHost } from "./config-parse";
import { PEER_FORWARDED_HEADER, PEER_HEADER, PEER_MARK_HEADER, peerMark } from "./guard";
import { log } from "./log";
import { addRequestHook } from "./request-hook";
import { BASELINE_SECURITY_HEADERS } from "./security-headers";

/**
 * The security part of the work done on each request before Next sees it (request-hook.ts). At
 * boot it is added once and:
 * - write the socket's real address into PEER_HEADER, overwriting anything a client sent under that
 *   name (Next's handlers cannot see the TCP peer, and X-Forwarded-For is whatever the client sent
 *   when no proxy is in front). Only the password feature relies on it; without the hook the header
 *   is absent and every client counts as remote (fail closed);
 * - put baseline security headers on the response, so answers Next produces before our proxy runs
 *   (its trailing-slash redirects, for one) carry them too; the proxy replaces them with the full set;
 * - apply HTTP's own Host rules, which Node leaves to the application: an absolute-form request
 *   target names the host (RFC 9112 §3.2.2: the Host header is then ignored), so it becomes the Host
 *   the allowlist checks; and more than one Host header is refused with 400 (§3.2), since a proxy
 *   and we might each believe a different one;
 * - without DASHBOARD_PASSWORD, answer only this machine. HOST=0.0.0.0 without a password is refused
 *   at start-up, but the listen address is not always ours to choose: Next's standalone server
 *   (`node .next/standalone/server.js`) binds 0.0.0.0 unless HOSTNAME says otherwise, and anyone
 *   can send `Host: 127.0.0.1`. So the rule is enforced on the peer address of every request.
 */
const INSTALLED = Symbol.for("agent-deck.peer-hook");

export function installPeerHook(): void {
  const holder = globalThis as { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  const mark = peerMark(true);
  addRequestHook((req, res) => {
    for (const [name, value] of Object.entries(BASELINE_SECURITY_HEADERS)) res.setHeader(name, value);
    if (hostHeaderCount(req) > 1) return refuse(res, 400, "400 Bad Request\n\nThe request has more than one Host header.");
    if (!getConfig().dashboardPassword && !isLoopbackHost(req.socket?.remoteAddress ?? "")) {
      warnOnce(req.socket?.remoteAddress);
      return refuse(res, 403, ONLY_THIS_MACHINE);
    }
    takeHostFromAbsoluteTarget(req);
    req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    req.headers[PEER_MARK_HEADER] = mark;
    // A reverse proxy on this machine connects from loopback: its clients must not pass as local.
    const h = req.headers;
    req.headers[PEER_FORWARDED_HEADER] = h["x-forwarded-for"] || h.forwarded || h["x-real-ip"] ? "1" : "0";
  });
}

const ONLY_THIS_MACHINE =
  "403 Forbidden\n\nThis dashboard answers only the machine it runs on, because no DASHBOARD_PASSWORD is set. " +
  "To serve other machines, set DASHBOARD_PASSWORD (and HOST, ALLOWED_HOSTS) and restart it.";

function refuse(res: ServerResponse, status: number, text: string): true {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", Connection: "close" });
  res.end(`${text}\n`);
  return true;
}

let warned = false;
function warnOnce(address: string | undefined): void {
  if (warned) return;
  warned = true;
  log("warn", "remote_client_refused", {
    address: address ?? null,
    reason: "the server listens beyond loopback but DASHBOARD_PASSWORD is not set; only this machine is answered",
  });
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
