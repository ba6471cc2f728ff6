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
    expect([err.code, err.message]).toEqual(["agent_bad_response", "The agent's answer is larger than 32 MB; the dashboard stopped reading it"]);
    expect(ms).toBeLessThan(1000);
  });

  it("a chunked body is cut at the cap while streaming", async () => {
    const { err } = await failure("/chunked-big", 10_000, 1024 * 1024);
    expect([err.code, err.message]).toEqual(["agent_bad_response", "The agent's answer is larger than 1 MB; the dashboard stopped reading it"]);
  });

  it("a connection that dies halfway is an answer cut off, not an unreachable agent", async () => {
    const { err } = await failure("/cut", 5000);
    expect([err.code, err.message]).toEqual(["agent_bad_response", "The agent's answer was cut off before it was complete"]);
  });
});
