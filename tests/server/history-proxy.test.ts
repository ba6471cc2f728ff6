import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import { AgentHistory } from "@/lib/server/history";
import { proxy } from "@/proxy";
import { setEnv } from "./helpers";

const run = (run_id: number, down_speed: number, up_speed = 0): Run => ({ run_id, name: `R${run_id}`, type: "folder", status: "syncing", down_speed, up_speed });

describe("AgentHistory", () => {
  it("keeps one point per interval, summing the runs' speeds", () => {
    const h = new AgentHistory(1000, 60);
    h.record([run(1, 100, 5), run(2, 50)], 10_000);
    h.record([run(1, 300, 5), run(2, 50)], 10_500); // within the interval: updates that point's values
    h.record([run(1, 200)], 11_000);
    expect(h.points()).toEqual([{ t: 10_000, down: 350, up: 5 }, { t: 11_000, down: 200, up: 0 }]);
    expect(h.points("1")).toEqual([{ t: 10_000, down: 300, up: 5 }, { t: 11_000, down: 200, up: 0 }]);
    expect(h.points("2")).toEqual([]); // no longer listed: its buffer is dropped
    expect(h.points("3")).toEqual([]);
  });

  it("is a bounded ring: HISTORY_SECONDS worth of points at most", () => {
    const h = new AgentHistory(1000, 60);
    expect(h.capacity).toBe(60);
    for (let i = 0; i < 500; i++) h.record([run(1, i)], i * 1000);
    const points = h.points();
    expect(points).toHaveLength(60);
    expect(points[0]).toEqual({ t: 440_000, down: 440, up: 0 });
    expect(points.at(-1)).toEqual({ t: 499_000, down: 499, up: 0 });
  });

  it("drops runs not seen for the whole window", () => {
    const h = new AgentHistory(1000, 60);
    h.record([run(1, 1), run(2, 2)], 0);
    for (let i = 1; i <= 61; i++) h.record([run(1, 1)], i * 1000);
    expect(h.trackedRuns).toBe(1);
    expect(h.points("2")).toEqual([]);
  });

  it("widens the interval rather than holding more than 3600 points", () => {
    const h = new AgentHistory(100, 86_400);
    expect(h.intervalMs).toBe(24_000);
    expect(h.capacity).toBe(3600);
  });
});

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
    expect(proxy(req("/agents/local", { "x-agent-deck-peer": "127.0.0.1", "x-agent-deck-forwarded": "0" })).status).toBe(200);
    // A reverse proxy on this machine connects from 127.0.0.1 but relays someone else.
    expect(proxy(req("/agents/local", { "x-agent-deck-peer": "127.0.0.1", "x-agent-deck-forwarded": "1" })).status).toBe(307);
  });

  it("with a password, loopback clients are asked to sign in like everyone else", () => {
    restore = setEnv({ PORT: "3841", DASHBOARD_PASSWORD: "long-enough-password", LOOPBACK_TRUSTED: undefined });
    const local = { "x-agent-deck-peer": "127.0.0.1", "x-agent-deck-forwarded": "0" };
    expect(proxy(req("/agents/local", local)).status).toBe(307);
    expect(proxy(req("/api/agents", local)).status).toBe(401);
    expect(proxy(req("/login", local)).status).toBe(200);
  });
});
