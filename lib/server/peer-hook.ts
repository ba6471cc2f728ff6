import "server-only";
import http from "node:http";
import { PEER_FORWARDED_HEADER, PEER_HEADER } from "./guard";

/**
 * Next's route handlers cannot see the TCP peer, and its X-Forwarded-For is whatever the client
 * sent when no proxy is in front. So at boot we wrap http.Server's "request" event once and write
 * the socket's real address into PEER_HEADER, overwriting anything a client sent under that name.
 * Only the password feature relies on it ("is this client on this machine?"); without the hook the
 * header is absent and every client counts as remote (fail closed).
 */
const INSTALLED = Symbol.for("agent-deck.peer-hook");

export function installPeerHook(): void {
  const holder = globalThis as { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  const original = http.Server.prototype.emit;
  http.Server.prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage | undefined;
      if (req?.headers) {
        req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
        // A reverse proxy on this machine connects from loopback: its clients must not pass as local.
        const h = req.headers;
        req.headers[PEER_FORWARDED_HEADER] = h["x-forwarded-for"] || h.forwarded || h["x-real-ip"] ? "1" : "0";
      }
    }
    return Reflect.apply(original, this, [event, ...args]) as boolean;
  } as typeof original;
}
