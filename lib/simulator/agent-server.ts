import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { handleAgentRequest, matchRoute, type AgentContext } from "./agent-routes";
import { corruptReply, replacementReply, runListReply, streamOversized, type FaultState } from "./faults";
import { BodyTooLargeError, json, readBody, send } from "./http";
import type { RequestLog } from "./request-log";

/** Everything the agent's HTTP side reads; `world` is replaced on reset, so read it per request. */
export interface Simulation extends AgentContext {
  faults: FaultState;
  log: RequestLog;
}

export interface AgentServerOptions {
  host: string;
  port: number;
  restartDowntimeMs: number;
}

/** How long after answering a restart request the agent goes away (the doc's agent answers first). */
const RESTART_DELAY_MS = 100;

/**
 * The agent's HTTP endpoint. It can go away and come back (restart, "refuse" fault): going away
 * closes the listening socket and every open connection, so callers see connection refused, not
 * a slow answer; coming back listens again on the same port.
 */
export class AgentServer {
  private server: http.Server | null = null;
  private state: "new" | "up" | "down" | "stopped" = "new";
  private port: number;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly sim: Simulation,
    private readonly opts: AgentServerOptions,
  ) {
    this.port = opts.port;
  }

  get isUp(): boolean {
    return this.state === "up";
  }

  /** Listens and resolves with the actual port (useful with port 0). */
  async start(): Promise<number> {
    await this.listen();
    return this.port;
  }

  /** Closes the agent for `ms`, runs `onBack` (e.g. issue a new token), then listens again. */
  goAway(ms: number, onBack?: () => void): boolean {
    if (this.state !== "up" || !this.server) return false;
    this.state = "down";
    this.server.close();
    this.server.closeAllConnections();
    this.server = null;
    this.later(ms, () => {
      if (this.state !== "down") return;
      onBack?.();
      this.listen().catch((e: unknown) => {
        process.stderr.write(`simulator: could not listen again on port ${this.port}: ${String(e)}\n`);
        process.exit(1);
      });
    });
    return true;
  }

  /** What the agent does on PATCH /api/v3/client {"restart": true}: away, then back with a new token. */
  restart(downtimeMs = this.opts.restartDowntimeMs): boolean {
    return this.goAway(downtimeMs, () => {
      this.sim.tokens.rotate();
      this.sim.world.restart();
    });
  }

  async stop(): Promise<void> {
    this.state = "stopped";
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** Listens on the configured port, retrying briefly if another socket still holds it. */
  private async listen(attempt = 0): Promise<void> {
    const server = http.createServer((req, res) => {
      this.onRequest(req, res).catch((e: unknown) => {
        process.stderr.write(`simulator: request failed: ${String(e)}\n`);
        send(res, json(500, { error: "internal error" }));
      });
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(this.port, this.opts.host, () => {
          server.off("error", reject);
          resolve();
        });
      });
    } catch (e) {
      const busy = e instanceof Error && "code" in e && e.code === "EADDRINUSE";
      if (!busy || attempt >= 50 || this.state === "new") throw e;
      await new Promise((r) => setTimeout(r, 100));
      return this.listen(attempt + 1);
    }
    if (this.state === "stopped") {
      server.close();
      return;
    }
    const addr = server.address();
    if (addr && typeof addr === "object") this.port = addr.port;
    this.server = server;
    this.state = "up";
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const route = matchRoute(url.pathname, this.sim.apiVersion);
    const entry = this.sim.log.record(method, url.pathname, url.searchParams, route?.template ?? null);
    if (!route) {
      entry.status = 404;
      return send(res, json(404, { error: "not found" }));
    }
    let body = "";
    try {
      if (method !== "GET" && method !== "HEAD") body = await readBody(req);
    } catch (e) {
      entry.status = e instanceof BodyTooLargeError ? 413 : 400;
      return send(
        res,
        json(entry.status, { error: e instanceof BodyTooLargeError ? "body too large" : "bad request" }),
      );
    }

    const fault = this.sim.faults.forRequest(method, url.pathname);
    if (fault) {
      entry.fault = fault.kind;
      switch (fault.kind) {
        case "hang":
          return; // never answer; the connection dies only when the client or a restart ends it
        case "http500":
        case "html":
        case "empty":
        case "not-found": {
          const reply = replacementReply(fault);
          entry.status = reply.status;
          return send(res, reply);
        }
        case "oversized":
          entry.status = 200;
          return streamOversized(res, fault.bytes);
        case "latency":
          await new Promise((r) => setTimeout(r, fault.ms));
          if (res.destroyed) return;
          break;
        default:
          break; // truncated, wrong-types, run-list: the agent acts, then the answer is changed below
      }
    }

    const request = { method, path: url.pathname, query: url.searchParams, body, receivedAt: entry.t };
    const result = handleAgentRequest(this.sim, request, route);
    let reply =
      fault?.kind === "truncated" || fault?.kind === "wrong-types"
        ? corruptReply(fault.kind, result.reply)
        : result.reply;
    if (fault?.kind === "run-list") reply = runListReply(route.template, reply, () => this.sim.world.runsJson());
    entry.status = reply.status;
    send(res, reply);
    if (result.restart) this.later(RESTART_DELAY_MS, () => this.restart());
  }
}
