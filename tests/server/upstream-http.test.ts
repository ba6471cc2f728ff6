import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError, type AppError } from "@/lib/server/errors";
import { upstreamRequest } from "@/lib/server/upstream-http";

/**
 * The socket-level edges the simulator's faults do not reach: an answer that drips slower than the
 * deadline, one that declares a size beyond the cap, one whose connection dies halfway. A plain
 * node:http server plays the misbehaving agent.
 */
type Handler = (res: http.ServerResponse) => void;
const behaviours: Record<string, Handler> = {
  "/drip": (res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.write("[");
    const timer = setInterval(() => res.write(" "), 100);
    res.on("close", () => clearInterval(timer));
  },
  "/declared-huge": (res) => {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(64 * 1024 * 1024) });
    res.write("[");
  },
  "/cut": (res) => {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
    res.write('[{"run_id":1');
    setTimeout(() => res.destroy(), 50);
  },
  "/chunked-big": (res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const more = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once("drain", more);
    };
    more();
  },
};

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => (behaviours[req.url ?? ""] ?? ((r) => r.end("{}")))(res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(path: string, timeoutMs: number, maxBytes?: number): Promise<{ err: AppError; ms: number }> {
  const started = performance.now();
  try {
    await upstreamRequest({ method: "GET", url: new URL(base + path), timeoutMs, maxBytes });
  } catch (err) {
    if (isAppError(err)) return { err, ms: performance.now() - started };
    throw err;
  }
  throw new Error("expected the request to fail");
}

describe("upstreamRequest at the socket's edges", () => {
  it("a body that keeps dripping still times out at the deadline", async () => {
    const { err, ms } = await failure("/drip", 600);
    expect([err.code, err.message]).toEqual(["agent_timeout", "The agent did not answer within 600 ms"]);
    expect(ms).toBeGreaterThanOrEqual(590);
    expect(ms).toBeLessThan(1500);
  });

  it("a declared Content-Length beyond the cap is refused before reading", async () => {
    const { err, ms } = await failure("/declared-huge", 5000);
    expect([err.code, err.message]).toEqual([
      "agent_bad_response",
      "The agent's answer is larger than 32 MB; the dashboard stopped reading it",
    ]);
    expect(ms).toBeLessThan(1000);
  });

  it("a chunked body is cut at the cap while streaming", async () => {
    const { err } = await failure("/chunked-big", 10_000, 1024 * 1024);
    expect([err.code, err.message]).toEqual([
      "agent_bad_response",
      "The agent's answer is larger than 1 MB; the dashboard stopped reading it",
    ]);
  });

  it("a connection that dies halfway is an answer cut off, not an unreachable agent", async () => {
    const { err } = await failure("/cut", 5000);
    expect([err.code, err.message]).toEqual([
      "agent_bad_response",
      "The agent's answer was cut off before it was complete",
    ]);
  });
});

describe("a kept-alive connection the agent closed", () => {
  /**
   * The agent answers the first request on a connection and keeps it open; the next request on that
   * same connection finds it dropped (as when the agent went away while the connection sat idle).
   * Requests on a new connection are answered.
   */
  let agent: http.Server;
  let url: URL;
  const seen: string[] = [];
  beforeAll(async () => {
    agent = http.createServer((req, res) => {
      const socket = req.socket as typeof req.socket & { served?: number };
      socket.served = (socket.served ?? 0) + 1;
      seen.push(`${req.method} on connection request ${socket.served}`);
      if (socket.served > 1) socket.destroy();
      else res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((resolve) => agent.listen(0, "127.0.0.1", resolve));
    url = new URL(`http://127.0.0.1:${(agent.address() as AddressInfo).port}/api/v3/client`);
  });
  afterAll(async () => {
    agent.closeAllConnections();
    await new Promise((resolve) => agent.close(resolve));
  });

  it("a GET is asked again once on a new connection, which answers", async () => {
    seen.length = 0;
    // The first test here: no connection to this agent is pooled yet.
    await upstreamRequest({ method: "GET", url, timeoutMs: 5000 });
    const second = await upstreamRequest({ method: "GET", url, timeoutMs: 5000 });
    expect(second.status).toBe(200);
    expect(seen).toEqual(["GET on connection request 1", "GET on connection request 2", "GET on connection request 1"]);
  });

  it("a PATCH is never sent twice: the failure is reported as it happened", async () => {
    seen.length = 0;
    await upstreamRequest({ method: "GET", url, timeoutMs: 5000 });
    const { err } = await (async () => {
      try {
        await upstreamRequest({ method: "PATCH", url, body: "{}", timeoutMs: 5000 });
      } catch (e) {
        if (isAppError(e)) return { err: e };
      }
      throw new Error("expected the PATCH to fail");
    })();
    expect([err.code, err.message]).toEqual([
      "agent_unreachable",
      "Cannot reach the agent: the connection was closed before an answer arrived",
    ]);
    // The warm-up GET may itself have met the previous test's connection; the PATCH went out once.
    expect(seen.filter((line) => line.startsWith("PATCH"))).toEqual(["PATCH on connection request 2"]);
  });
});
