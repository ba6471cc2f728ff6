import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { setEnv } from "./helpers";

describe("proxy.ts", () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());
  const req = (path: string, headers: Record<string, string> = {}) =>
    new NextRequest(new URL(path, "http://127.0.0.1:3841"), { headers: { host: "127.0.0.1:3841", ...headers } });

  it("puts security headers with a fresh nonce on every response and hands the nonce to the page", () => {
    restore = setEnv({ PORT: "3841", DASHBOARD_PASSWORD: undefined, HOST: undefined });
    const a = proxy(req("/agents/local"));
    const b = proxy(req("/agents/local"));
    const csp = a.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toBe(b.headers.get("content-security-policy"));
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("no-referrer");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    // NextResponse.next passes overridden request headers on as x-middleware-request-* headers.
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });

  it("answers 421 for a foreign Host: plain text for pages, JSON for the API", async () => {
    restore = setEnv({ PORT: "3841", DASHBOARD_PASSWORD: undefined });
    const page = proxy(req("/", { host: "rebound.example" }));
    expect(page.status).toBe(421);
    expect(await page.text()).toContain("ALLOWED_HOSTS");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const api = proxy(req("/api/agents", { host: "rebound.example" }));
    expect(api.status).toBe(421);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("host_not_allowed");
  });

  it("with a password and LOOPBACK_TRUSTED: remote pages go to /login, remote API calls get 401, loopback passes", () => {
    restore = setEnv({ PORT: "3841", DASHBOARD_PASSWORD: "long-enough-password", LOOPBACK_TRUSTED: "true" });
    const page = proxy(req("/agents/local?q=1", { "x-agent-deck-peer": "192.0.2.9" }));
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("http://127.0.0.1:3841/login?next=%2Fagents%2Flocal%3Fq%3D1");
    expect(proxy(req("/api/agents", { "x-agent-deck-peer": "192.0.2.9" })).status).toBe(401);
    expect(proxy(req("/login", { "x-agent-deck-peer": "192.0.2.9" })).status).toBe(200);
    expect(proxy(req("/api/session", { "x-agent-deck-peer": "192.0.2.9" })).status).toBe(200);
    expect(
      proxy(req("/agents/local", { "x-agent-deck-peer": "127.0.0.1", "x-agent-deck-forwarded": "0" })).status,
    ).toBe(200);
    // A reverse proxy on this machine connects from 127.0.0.1 but relays someone else.
    expect(
      proxy(req("/agents/local", { "x-agent-deck-peer": "127.0.0.1", "x-agent-deck-forwarded": "1" })).status,
    ).toBe(307);
  });

  it("with a password, loopback clients are asked to sign in like everyone else", () => {
    restore = setEnv({ PORT: "3841", DASHBOARD_PASSWORD: "long-enough-password", LOOPBACK_TRUSTED: undefined });
    const local = { "x-agent-deck-peer": "127.0.0.1", "x-agent-deck-forwarded": "0" };
    expect(proxy(req("/agents/local", local)).status).toBe(307);
    expect(proxy(req("/api/agents", local)).status).toBe(401);
    expect(proxy(req("/login", local)).status).toBe(200);
  });
});
