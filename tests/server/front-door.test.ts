import http from "node:http";
import net from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frontDoor } from "@/lib/server/front-door";

/**
 * The entry's front door applies HTTP's Host rules, the Host allowlist, the method list and the body
 * limits before Next sees a request, records the peer, and puts baseline security headers on every
 * response, including those Next makes before the proxy runs.
 */
let server: http.Server;
let port: number;
/** What reached "Next" (the stand-in below): every request the door let through. */
let reached: string[] = [];

/** Stands in for Next: answers with what it was given, setting no security header of its own. */
function app(req: http.IncomingMessage, res: http.ServerResponse): void {
  reached.push(`${req.method} ${req.url}`);
  res.end(
    JSON.stringify({
      host: req.headers.host,
      url: req.url,
      peer: req.headers["x-agent-deck-peer"],
      forwarded: req.headers["x-agent-deck-forwarded"],
    }),
  );
}
const withDoor = (req: http.IncomingMessage, res: http.ServerResponse) => frontDoor(req, res) || app(req, res);

/** Raw bytes: neither fetch nor http.request can send two Host headers or an absolute-form target. */
function wire(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(text.replace(/\n/g, "\r\n")));
    let out = "";
    socket.on("data", (d: Buffer) => (out += d.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(out));
  });
}

beforeAll(async () => {
  server = http.createServer(withDoor);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as net.AddressInfo).port;
  // The allowlist admits the loopback names on the port the dashboard is configured to serve.
  process.env.PORT = String(port);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("request hook", () => {
  it("puts the baseline security headers on every response", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/anything`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("takes the Host from an absolute-form target, as RFC 9112 says", async () => {
    const out = await wire(
      `GET http://localhost:${port}/api/x?y=1 HTTP/1.1\nHost: evil.example\nConnection: close\n\n`,
    );
    expect(out).toContain(`{"host":"localhost:${port}","url":"/api/x?y=1"`);
    const foreign = await wire(
      `GET http://evil.example:8080/api/x HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close\n\n`,
    );
    expect(foreign).toMatch(/^HTTP\/1\.1 421 /);
  });

  it("an unparsable or non-HTTP absolute target leaves no Host at all, which is refused", async () => {
    const out = await wire(`GET ftp://127.0.0.1/x HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close\n\n`);
    expect(out).toMatch(/^HTTP\/1\.1 421 /);
  });

  it("refuses two Host headers with 400 before the application sees them", async () => {
    const out = await wire(`GET / HTTP/1.1\nHost: 127.0.0.1:${port}\nHost: evil.example\nConnection: close\n\n`);
    expect(out).toMatch(/^HTTP\/1\.1 400 /);
    expect(out).not.toContain('"host"');
    expect(out.toLowerCase()).toContain("x-content-type-options: nosniff");
  });

  it("without DASHBOARD_PASSWORD answers only this machine, whatever address the server listens on", async () => {
    const address = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a?.family === "IPv4" && !a.internal)?.address;
    expect(address, "a non-loopback address of this machine").toBeTruthy();
    const wide = http.createServer((req, res) => frontDoor(req, res) || res.end("served"));
    await new Promise<void>((r) => wide.listen(0, "0.0.0.0", r));
    const widePort = (wide.address() as net.AddressInfo).port;
    process.env.PORT = String(widePort);
    process.env.ALLOWED_HOSTS = address!;
    const previous = process.env.DASHBOARD_PASSWORD;
    try {
      delete process.env.DASHBOARD_PASSWORD;
      const remote = await fetch(`http://${address}:${widePort}/`);
      expect(remote.status).toBe(403);
      expect(await remote.text()).toContain("DASHBOARD_PASSWORD");
      expect(await (await fetch(`http://127.0.0.1:${widePort}/`)).text()).toBe("served");
      // With a password, other machines reach the application, which then asks them to sign in.
      process.env.DASHBOARD_PASSWORD = "a-long-password";
      expect(await (await fetch(`http://${address}:${widePort}/`)).text()).toBe("served");
    } finally {
      if (previous === undefined) delete process.env.DASHBOARD_PASSWORD;
      else process.env.DASHBOARD_PASSWORD = previous;
      process.env.PORT = String(port);
      delete process.env.ALLOWED_HOSTS;
      await new Promise<void>((r) => wide.close(() => r()));
    }
  });

  it("leaves ordinary requests alone", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/agents/local?sort=name`);
    expect(await res.json()).toEqual({
      host: `127.0.0.1:${port}`,
      url: "/agents/local?sort=name",
      peer: "127.0.0.1",
      forwarded: "0",
    });
  });

  it("records the TCP peer over a spoofed header, and marks requests that came through a proxy", async () => {
    const spoofed = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { "x-agent-deck-peer": "10.9.9.9", "x-agent-deck-forwarded": "0" },
    });
    expect(await spoofed.json()).toMatchObject({ peer: "127.0.0.1", forwarded: "0" });
    const proxied = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "203.0.113.5" } });
    expect(await proxied.json()).toMatchObject({ peer: "127.0.0.1", forwarded: "1" });
  });

  it("refuses a foreign Host with 421 before anything else, for every method and path", async () => {
    reached = [];
    for (const method of ["GET", "POST", "TRACE", "PROPFIND"]) {
      const out = await wire(
        `${method} /api/agents HTTP/1.1\nHost: evil.example\nContent-Length: 0\nConnection: close\n\n`,
      );
      expect(out, method).toMatch(/^HTTP\/1\.1 421 /);
      expect(out).toContain('"code":"host_not_allowed"');
    }
    const page = await wire(`GET /agents/local HTTP/1.1\nHost: evil.example\nConnection: close\n\n`);
    expect(page).toMatch(/^HTTP\/1\.1 421 /);
    expect(page).toContain("ALLOWED_HOSTS");
    expect(reached).toEqual([]);
  });

  it("answers TRACE and unknown methods 405 with Allow, without reaching the application", async () => {
    reached = [];
    // Methods Node's parser does not know at all (TRACK) it answers 400 itself; these it passes on.
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "LOCK"]) {
      const out = await wire(
        `${method} /api/agents/local/client HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close\n\n`,
      );
      expect(out, method).toMatch(/^HTTP\/1\.1 405 /);
      expect(out.toLowerCase()).toContain("allow: get, head, post, put, patch, delete, options");
      expect(out).toContain('"code":"method_not_allowed"');
    }
    expect(reached).toEqual([]);
  });

  it("refuses a declared body over 64 KB with 413 and a chunked body with 411, reading neither", async () => {
    reached = [];
    const big = await wire(
      `POST /api/session HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Type: application/json\nContent-Length: 9000000\n\n{"password":"x"`,
    );
    expect(big).toMatch(/^HTTP\/1\.1 413 /);
    expect(big).toContain('"code":"payload_too_large"');
    const chunked = await wire(
      `PATCH /api/agents/local/tags HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Type: application/json\nTransfer-Encoding: chunked\n\n5\n{"tag\n`,
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 411 /);
    expect(chunked).toContain('"code":"length_required"');
    const bad = await wire(`POST /api/session HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Length: 12abc\n\n`);
    expect(bad).toMatch(/^HTTP\/1\.1 (400|413) /);
    expect(reached).toEqual([]);
    const small = await fetch(`http://127.0.0.1:${port}/api/session`, {
      method: "POST",
      body: JSON.stringify({ password: "x" }),
    });
    expect(small.status).toBe(200);
    expect(reached).toEqual(["POST /api/session"]);
  });
});
