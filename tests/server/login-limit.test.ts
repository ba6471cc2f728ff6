import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as signIn } from "@/app/api/session/route";
import { AppError } from "@/lib/server/errors";
import {
  MAX_GLOBAL_FAILURES_PER_MINUTE,
  assertNotRateLimited,
  clientKey,
  recordFailure,
} from "@/lib/server/login-limit";
import { ORIGIN, params, request, setEnv } from "./helpers";

/** Issue 14, item 5: the sign-in failure limit counts IPv6 per /64, IPv4 per address, and has a global ceiling. */
const ADMIN = "admin-password-1";

function login(password: string, peer: string) {
  const headers = {
    "x-agent-deck-peer": peer,
    "x-agent-deck-forwarded": "0",
    "content-type": "application/json",
    origin: ORIGIN,
  };
  return signIn(request("/api/session", { method: "POST", headers, body: JSON.stringify({ password }) }), params({}));
}

function refusal(fn: () => void): AppError | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err as AppError;
  }
}

describe("which client a failure counts against", () => {
  it.each([
    ["192.0.2.1", "4:192.0.2.1"],
    ["::ffff:192.0.2.1", "4:192.0.2.1"],
    ["::FFFF:c000:0201", "4:192.0.2.1"],
    ["[::ffff:192.0.2.1]:5000", "4:192.0.2.1"],
    ["192.0.2.1:5000", "4:192.0.2.1"],
    ["2001:db8:1:2::1", "6:2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff:eeee:dddd:cccc", "6:2001:db8:1:2::/64"],
    ["[2001:db8:1:2::5]:443", "6:2001:db8:1:2::/64"],
    ["fe80::1%eth0", "6:fe80:0:0:0::/64"],
    ["2001:db8::1.2.3.4", "6:2001:db8:0:0::/64"],
    ["unknown", "?:unknown"],
  ])("%s → %s", (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});

describe("the limit through the sign-in route", () => {
  let restore: () => void;
  beforeAll(() => {
    // Successful sign-ins register sessions: in a folder of this test's own, not the repository's data/.
    const DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "agent-deck-limit-"));
    restore = setEnv({
      PORT: "3841",
      DASHBOARD_PASSWORD: ADMIN,
      DASHBOARD_VIEW_PASSWORD: undefined,
      TRUST_PROXY: undefined,
      LOOPBACK_TRUSTED: undefined,
      DATA_DIR,
    });
  });
  afterAll(() => restore());

  it("five failures from one IPv6 /64 limit the whole /64, not only the address that failed", async () => {
    for (let i = 1; i <= 5; i++) expect((await login("wrong-password", `2001:db8:aa:1::${i}`)).status).toBe(401);
    const sameNet = await login(ADMIN, "2001:db8:aa:1:ffff:ffff:ffff:fffe");
    expect(sameNet.status).toBe(429);
    expect(Number(sameNet.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await login(ADMIN, "2001:db8:aa:2::1")).status, "the next /64 is another client").toBe(200);
  });

  it("an IPv4 client is the same client when its socket spells it IPv4-mapped", async () => {
    for (let i = 0; i < 5; i++)
      expect((await login("wrong-password", i % 2 ? "198.51.100.7" : "::ffff:198.51.100.7")).status).toBe(401);
    expect((await login(ADMIN, "::ffff:198.51.100.7")).status).toBe(429);
    expect((await login(ADMIN, "198.51.100.7")).status).toBe(429);
    expect((await login(ADMIN, "198.51.100.8"))?.status, "IPv4 counts per address").toBe(200);
  });
});

describe("the global ceiling", () => {
  // Explicit clock values far from the route tests' real time, so their failures do not count here.
  const t0 = Date.parse("2100-01-01T00:00:00Z");

  it(`after ${MAX_GLOBAL_FAILURES_PER_MINUTE} failures a minute from many clients, everyone gets 429 until it drains`, () => {
    for (let i = 0; i < MAX_GLOBAL_FAILURES_PER_MINUTE; i++) {
      const address = `2001:db8:${i.toString(16)}::1`;
      expect(refusal(() => assertNotRateLimited(address, t0 + i))).toBeUndefined();
      recordFailure(address, t0 + i);
    }
    const err = refusal(() => assertNotRateLimited("203.0.113.200", t0 + 1_000));
    expect(err?.code).toBe("too_many_requests");
    expect(err?.message).toMatch(/on this dashboard; try again in 59 seconds/);
    expect(err?.headers?.["Retry-After"]).toBe("59");
    // Once the oldest failures are a minute old, sign-in opens again.
    expect(refusal(() => assertNotRateLimited("203.0.113.200", t0 + 60_000))).toBeUndefined();
  });
});
