import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PATCH as patchClient } from "@/app/api/agents/[agentId]/client/route";
import { PATCH as patchTags } from "@/app/api/agents/[agentId]/tags/route";
import { GET as getAgents } from "@/app/api/agents/route";
import { loadConfig } from "@/lib/server/config";
import { checkHost, checkMutation, clientAddress, isAllowedHost } from "@/lib/server/guard";
import { startSimulator, type Simulator } from "../support/processes";
import { SimControl, mutation, params, request, setEnv } from "./helpers";

const h = (headers: Record<string, string>) => new Headers(headers);

describe("Host allowlist", () => {
  const config = loadConfig({ PORT: "3841", ALLOWED_HOSTS: "dash.lan,10.0.0.5:8080" });

  it.each([
    ["127.0.0.1:3841", true],
    ["localhost:3841", true],
    ["[::1]:3841", true],
    ["LOCALHOST:3841", true],
    ["127.0.0.1:3842", false],
    ["127.0.0.1", false],
    ["evil.com:3841", false],
    ["evil.com", false],
    ["", false],
    ["dash.lan", true],
    ["dash.lan:3841", true],
    ["dash.lan:9999", false],
    ["10.0.0.5:8080", true],
    ["10.0.0.5", false],
    ["127.0.0.1.evil.com:3841", false],
    ["localhost:3841@evil.com", false],
  ])("%s → %s", (host, ok) => {
    expect(isAllowedHost(host, config)).toBe(ok);
  });

  it("answers 421 with a message saying how to allow the name", () => {
    const err = checkHost(h({ host: "rebind.attacker.example:3841" }), config);
    expect(err?.code).toBe("host_not_allowed");
    expect(err?.message).toContain("ALLOWED_HOSTS=rebind.attacker.example:3841");
  });

  it("ignores X-Forwarded-Host unless TRUST_PROXY", () => {
    expect(checkHost(h({ host: "evil.com", "x-forwarded-host": "127.0.0.1:3841" }), config)?.code).toBe(
      "host_not_allowed",
    );
    expect(checkHost(h({ host: "127.0.0.1:3841", "x-forwarded-host": "evil.com" }), config)).toBeUndefined();
    const trusting = loadConfig({ PORT: "3841", TRUST_PROXY: "true", ALLOWED_HOSTS: "dash.lan" });
    expect(checkHost(h({ host: "127.0.0.1:3841", "x-forwarded-host": "dash.lan" }), trusting)).toBeUndefined();
    expect(checkHost(h({ host: "127.0.0.1:3841", "x-forwarded-host": "evil.com" }), trusting)?.code).toBe(
      "host_not_allowed",
    );
  });

  it("takes the client address from X-Forwarded-For only behind a trusted proxy", () => {
    const headers = h({ "x-forwarded-for": "127.0.0.1, 203.0.113.9", "x-agent-deck-peer": "192.0.2.7" });
    expect(clientAddress(headers, config)).toBe("192.0.2.7");
    expect(clientAddress(headers, loadConfig({ TRUST_PROXY: "true" }))).toBe("203.0.113.9");
  });
});

describe("CSRF checks for mutations", () => {
  const config = loadConfig({ PORT: "3841" });
  const ok = { host: "127.0.0.1:3841", "content-type": "application/json", origin: "http://127.0.0.1:3841" };

  it("accepts a same-origin JSON request, with or without Sec-Fetch-Site", () => {
    expect(checkMutation(h(ok), config)).toBeUndefined();
    expect(checkMutation(h({ ...ok, "sec-fetch-site": "same-origin" }), config)).toBeUndefined();
    expect(checkMutation(h({ ...ok, "content-type": "application/json; charset=utf-8" }), config)).toBeUndefined();
  });

  it.each([
    ["no content type", { ...ok, "content-type": "" }, /Content-Type: application\/json/],
    [
      "a form content type",
      { ...ok, "content-type": "application/x-www-form-urlencoded" },
      /Content-Type: application\/json/,
    ],
    ["text/plain", { ...ok, "content-type": "text/plain" }, /Content-Type: application\/json/],
    ["no Origin", { host: ok.host, "content-type": "application/json" }, /Origin header is missing/],
    ["another site's Origin", { ...ok, origin: "http://evil.com" }, /another site's/],
    ["Origin null", { ...ok, origin: "null" }, /another site's/],
    ["an allowed but different host as Origin", { ...ok, origin: "http://localhost:3841" }, /another site's/],
    ["an Origin with a path (never sent by a browser)", { ...ok, origin: "http://127.0.0.1:3841/" }, /another site's/],
    ["an Origin with credentials", { ...ok, origin: "http://user@127.0.0.1:3841" }, /another site's/],
    ["Sec-Fetch-Site cross-site", { ...ok, "sec-fetch-site": "cross-site" }, /Sec-Fetch-Site is "cross-site"/],
    ["Sec-Fetch-Site same-site", { ...ok, "sec-fetch-site": "same-site" }, /Sec-Fetch-Site is "same-site"/],
  ])("refuses %s with 403", (_, headers, message) => {
    const err = checkMutation(h(headers), config);
    expect(err?.code).toBe("forbidden");
    expect(err?.message).toMatch(message);
  });
});

describe("every route goes through the guard (real handlers, real simulator)", () => {
  let sim: Simulator;
  let control: SimControl;
  let restore: () => void;
  beforeAll(async () => {
    sim = await startSimulator(["--runs", "3"]);
    control = new SimControl(sim);
    restore = setEnv({ AGENT_URL: sim.url, PORT: "3841", ALLOWED_HOSTS: undefined, DASHBOARD_PASSWORD: undefined });
  });
  afterAll(async () => {
    restore();
    await sim.stop();
  });
  beforeEach(() => control.clearRequests());

  async function errorOf(res: Response) {
    expect(res.headers.get("cache-control")).toBe("no-store");
    return ((await res.json()) as { error: { code: string; message: string; fields?: Record<string, string[]> } })
      .error;
  }

  it("421 for a foreign Host on reads and writes", async () => {
    const res = await getAgents(request("/api/agents", { headers: { host: "evil.com" } }), params({}));
    expect(res.status).toBe(421);
    expect((await errorOf(res)).message).toMatch(/ALLOWED_HOSTS/);
    const write = await patchClient(
      mutation("/api/agents/local/client", { paused: true }, { host: "evil.com", origin: "http://evil.com" }),
      params({ agentId: "local" }),
    );
    expect(write.status).toBe(421);
    expect(await control.count("PATCH /api/v3/client")).toBe(0);
  });

  it.each([
    ["a form post", { "content-type": "application/x-www-form-urlencoded" }],
    ["no Origin", { origin: "" }],
    ["a foreign Origin", { origin: "http://evil.com" }],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site" }],
  ])("403 for %s, and nothing reaches the agent", async (_, headers) => {
    const res = await patchClient(
      mutation("/api/agents/local/client", { paused: true }, headers),
      params({ agentId: "local" }),
    );
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("forbidden");
    expect(await control.count("PATCH /api/v3/client")).toBe(0);
  });

  it("413 for a body over 64 KB", async () => {
    const big = JSON.stringify({ tags: [{ name: "A", value: "x".repeat(70_000) }] });
    const res = await patchTags(mutation("/api/agents/local/tags", big), params({ agentId: "local" }));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("payload_too_large");
  });

  it("400 for a body that is not JSON", async () => {
    const res = await patchTags(mutation("/api/agents/local/tags", "{tags:"), params({ agentId: "local" }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toBe("The request body is not valid JSON");
  });

  it("accepts a proper same-origin mutation", async () => {
    const res = await patchClient(
      mutation("/api/agents/local/client", { paused: false }),
      params({ agentId: "local" }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await control.count("PATCH /api/v3/client")).toBe(1);
  });
});
