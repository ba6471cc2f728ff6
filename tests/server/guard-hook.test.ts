import http from "node:http";
import net from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPeerHook } from "@/lib/server/peer-hook";

/**
 * The request hook applies HTTP's Host rules before Next sees a request, and puts baseline security
 * headers on every response, including those Next makes before the proxy runs.
 */
let server: http.Server;
let port: number;

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
  installPeerHook();
  // Stands in for Next: answers with what it was given, setting no security header of its own.
  server = http.createServer((req, res) => res.end(JSON.stringify({ host: req.headers.host, url: req.url })));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as net.AddressInfo).port;
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
    const out = await wire(`GET http://evil.example:8080/api/x?y=1 HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close\n\n`);
    expect(out).toContain('{"host":"evil.example:8080","url":"/api/x?y=1"}');
  });

  it("an unparsable or non-HTTP absolute target leaves no Host at all", async () => {
    const out = await wire(`GET ftp://127.0.0.1/x HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close\n\n`);
    expect(out).toContain('{"host":"","url":"/x"}');
  });

  it("refuses two Host headers with 400 before the application sees them", async () => {
    const out = await wire(`GET / HTTP/1.1\nHost: 127.0.0.1:${port}\nHost: evil.example\nConnection: close\n\n`);
    expect(out).toMatch(/^HTTP\/1\.1 400 /);
    expect(out).not.toContain('"host"');
    expect(out.toLowerCase()).toContain("x-content-type-options: nosniff");
  });

  it("without DASHBOARD_PASSWORD answers only this machine, whatever address the server listens on", async () => {
    const address = Object.values(os.networkInterfaces()).flat().find((a) => a?.family === "IPv4" && !a.internal)?.address;
    expect(address, "a non-loopback address of this machine").toBeTruthy();
    const wide = http.createServer((_req, res) => res.end("served"));
    await new Promise<void>((r) => wide.listen(0, "0.0.0.0", r));
    const widePort = (wide.address() as net.AddressInfo).port;
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
      await new Promise<void>((r) => wide.close(() => r()));
    }
  });

  it("leaves ordinary requests alone", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/agents/local?sort=name`);
    expect(await res.json()).toEqual({ host: `127.0.0.1:${port}`, url: "/agents/local?sort=name" });
  });
});
