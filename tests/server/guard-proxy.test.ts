import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/server/config";
import { checkHost, checkMutation, clientAddress, isLoopbackClient } from "@/lib/server/guard";

/** What TRUST_PROXY=true changes, and what it must not: issue 14, items 2 and 10. */
const h = (headers: Record<string, string>) => new Headers(headers);
const plain = loadConfig({ PORT: "3841", ALLOWED_HOSTS: "dash.lan" });
const trusting = loadConfig({ PORT: "3841", ALLOWED_HOSTS: "dash.lan", TRUST_PROXY: "true" });
/** What instrumentation's hook writes for a connection from this machine that carried forwarding headers. */
const viaLocalProxy = { "x-agent-deck-peer": "127.0.0.1", "x-agent-deck-forwarded": "1" };

describe("Host allowlist behind a trusted proxy", () => {
  it("refuses a foreign Host even when X-Forwarded-Host names an allowed one (DNS rebinding)", () => {
    const err = checkHost(h({ host: "evil.example", "x-forwarded-host": "dash.lan" }), trusting);
    expect(err?.code).toBe("host_not_allowed");
    expect(err?.message).toContain('"evil.example"');
    expect(checkHost(h({ host: "evil.example:3841", "x-forwarded-host": "127.0.0.1:3841" }), trusting)?.code).toBe(
      "host_not_allowed",
    );
  });

  it("refuses when any X-Forwarded-Host value is foreign, and accepts when all are ours", () => {
    expect(checkHost(h({ host: "127.0.0.1:3841", "x-forwarded-host": "dash.lan, evil.example" }), trusting)?.code).toBe(
      "host_not_allowed",
    );
    expect(checkHost(h({ host: "127.0.0.1:3841", "x-forwarded-host": "evil.example, dash.lan" }), trusting)?.code).toBe(
      "host_not_allowed",
    );
    expect(
      checkHost(h({ host: "127.0.0.1:3841", "x-forwarded-host": "dash.lan, dash.lan" }), trusting),
    ).toBeUndefined();
    // A proxy that keeps the client's Host (Caddy's default) sends the allowed name in both.
    expect(checkHost(h({ host: "dash.lan", "x-forwarded-host": "dash.lan" }), trusting)).toBeUndefined();
  });
});

describe("the client address behind a trusted proxy", () => {
  it("is the right-most X-Forwarded-For entry, the one the proxy appended", () => {
    expect(clientAddress(h({ ...viaLocalProxy, "x-forwarded-for": "127.0.0.1, 203.0.113.9" }), trusting)).toBe(
      "203.0.113.9",
    );
    expect(clientAddress(h({ ...viaLocalProxy, "x-forwarded-for": "203.0.113.9, 127.0.0.1" }), trusting)).toBe(
      "127.0.0.1",
    );
    expect(clientAddress(h({ ...viaLocalProxy, "x-forwarded-for": "203.0.113.9, 127.0.0.1" }), plain)).toBe(
      "127.0.0.1",
    );
  });

  it("a remote client relayed by a forwarder on this machine is not loopback", () => {
    expect(isLoopbackClient(h({ ...viaLocalProxy, "x-forwarded-for": "203.0.113.9, 127.0.0.1" }), trusting)).toBe(
      false,
    );
    expect(
      isLoopbackClient(h({ ...viaLocalProxy, "x-forwarded-for": "127.0.0.1", forwarded: "for=203.0.113.9" }), trusting),
    ).toBe(false);
    expect(
      isLoopbackClient(h({ ...viaLocalProxy, "x-forwarded-for": "127.0.0.1", "x-real-ip": "203.0.113.9" }), trusting),
    ).toBe(false);
  });

  it("a connection from another machine is never loopback, whatever its headers say", () => {
    const direct = { "x-agent-deck-peer": "192.0.2.7", "x-agent-deck-forwarded": "1", "x-forwarded-for": "127.0.0.1" };
    expect(isLoopbackClient(h(direct), trusting)).toBe(false);
    expect(isLoopbackClient(h({ ...direct, "x-forwarded-for": "::1" }), trusting)).toBe(false);
  });

  it("a client on this machine through a proxy on this machine is loopback; without TRUST_PROXY it is not", () => {
    for (const xff of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.0.1, 127.0.0.1"]) {
      expect(isLoopbackClient(h({ ...viaLocalProxy, "x-forwarded-for": xff }), trusting), xff).toBe(true);
    }
    expect(isLoopbackClient(h({ ...viaLocalProxy, "x-forwarded-for": "127.0.0.1" }), plain)).toBe(false);
    expect(isLoopbackClient(h({ ...viaLocalProxy }), trusting), "relayed, but no address recorded").toBe(false);
  });
});

describe("the Origin check compares scheme, host and port", () => {
  const json = { host: "127.0.0.1:3841", "content-type": "application/json" };

  it("refuses an https Origin on this plain-HTTP server", () => {
    const err = checkMutation(h({ ...json, origin: "https://127.0.0.1:3841" }), plain);
    expect(err?.code).toBe("forbidden");
    expect(err?.message).toContain("Origin: http://127.0.0.1:3841");
    expect(checkMutation(h({ ...json, origin: "https://127.0.0.1:3841" }), trusting)?.code).toBe("forbidden");
    expect(checkMutation(h({ ...json, origin: "http://127.0.0.1:3841" }), plain)).toBeUndefined();
  });

  it("expects https when a trusted proxy says the browser used it, and then refuses http", () => {
    const tls = {
      host: "127.0.0.1:3841",
      "x-forwarded-host": "dash.lan",
      "x-forwarded-proto": "https",
      "content-type": "application/json",
    };
    expect(checkMutation(h({ ...tls, origin: "https://dash.lan" }), trusting)).toBeUndefined();
    const err = checkMutation(h({ ...tls, origin: "http://dash.lan" }), trusting);
    expect(err?.message).toContain("Origin: https://dash.lan");
    // Without TRUST_PROXY the header is the client's word, and this server is plain HTTP.
    expect(
      checkMutation(h({ ...json, "x-forwarded-proto": "https", origin: "https://127.0.0.1:3841" }), plain)?.code,
    ).toBe("forbidden");
  });
});
