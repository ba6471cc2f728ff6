import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  RETRY_MAX_DELAY_MS,
  RETRY_WINDOW_MS,
  backoffDelay,
  nextAttemptAt,
  parseRetryAfter,
} from "@/lib/server/alerts/backoff";
import { classifyStatus } from "@/lib/server/alerts/channels/send-http";
import { signBody, verifySignature } from "@/lib/server/alerts/signature";
import { compileGlob, runMatches } from "@/lib/server/alerts/glob";
import { inQuietHours, tomorrowMorning } from "@/lib/server/alerts/mute";

describe("backoff", () => {
  it("doubles from 2 s with equal jitter (half fixed, half random), capped at 10 minutes", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 1))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffDelay(30, () => 1)).toBe(RETRY_MAX_DELAY_MS);
    expect(backoffDelay(30, () => 0)).toBe(RETRY_MAX_DELAY_MS / 2);
  });

  it("gives up once the notification is an hour old, and never schedules past that hour", () => {
    expect(nextAttemptAt(0, 1000, 1, undefined, () => 0)).toBe(2000);
    expect(nextAttemptAt(0, RETRY_WINDOW_MS - 100, 20, undefined, () => 1)).toBe(RETRY_WINDOW_MS);
    expect(nextAttemptAt(0, RETRY_WINDOW_MS, 20)).toBeUndefined();
  });

  it("a receiver's Retry-After wins when it asks for longer; seconds or an HTTP date", () => {
    expect(nextAttemptAt(0, 0, 1, 30_000, () => 0)).toBe(30_000);
    expect(nextAttemptAt(0, 0, 1, 10, () => 0)).toBe(1000);
    expect(parseRetryAfter("120", 0)).toBe(120_000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it("retries 408, 429 and 5xx; any other 4xx and 3xx are final", () => {
    expect([200, 204, 408, 429, 500, 503, 400, 401, 404, 410, 301].map((s) => classifyStatus(s))).toEqual([
      { ok: true, retry: false },
      { ok: true, retry: false },
      { ok: false, retry: true },
      { ok: false, retry: true },
      { ok: false, retry: true },
      { ok: false, retry: true },
      { ok: false, retry: false },
      { ok: false, retry: false },
      { ok: false, retry: false },
      { ok: false, retry: false },
      { ok: false, retry: false },
    ]);
  });
});

describe("signature", () => {
  it("is sha256= and the hex HMAC-SHA256 of the raw body, as any receiver computes it", () => {
    const body = '{"trigger":"JOB_RUN_ERROR","name":"Ünïcode"}';
    const expected = `sha256=${createHmac("sha256", "s3cret").update(Buffer.from(body, "utf8")).digest("hex")}`;
    expect(signBody("s3cret", body)).toBe(expected);
    expect(verifySignature("s3cret", body, expected)).toBe(true);
    expect(verifySignature("other", body, expected)).toBe(false);
    expect(verifySignature("s3cret", `${body} `, expected)).toBe(false);
    expect(verifySignature("s3cret", body, undefined)).toBe(false);
  });
});

describe("run match and quiet hours", () => {
  it("globs match the name or the path, case-insensitively, with * across separators", () => {
    const m = compileGlob("nightly*");
    expect(runMatches(m, { name: "Nightly backup" })).toBe(true);
    expect(runMatches(m, { name: "Backup", path: "nightly\\share" })).toBe(true);
    expect(runMatches(m, { name: "Weekly" })).toBe(false);
    expect(runMatches(compileGlob("C:\\Data\\*"), { name: "x", path: "C:\\Data\\Photos" })).toBe(true);
    expect(runMatches(compileGlob("a?c"), { name: "abc" })).toBe(true);
    expect(runMatches(compileGlob("a.c"), { name: "abc" })).toBe(false);
    expect(runMatches(undefined, { name: "any" })).toBe(true);
  });

  it("quiet hours across midnight belong to the day they start on", () => {
    const q = { from: "22:00", to: "07:00", days: ["fri" as const] };
    // 2026-12-04 is a Friday.
    expect(inQuietHours(q, new Date(2026, 11, 4, 23, 0))).toBe(true);
    expect(inQuietHours(q, new Date(2026, 11, 5, 6, 59))).toBe(true);
    expect(inQuietHours(q, new Date(2026, 11, 5, 7, 0))).toBe(false);
    expect(inQuietHours(q, new Date(2026, 11, 5, 23, 0))).toBe(false);
    expect(inQuietHours({ from: "09:00", to: "17:00" }, new Date(2026, 11, 6, 12, 0))).toBe(true);
    expect(inQuietHours({ from: "09:00", to: "17:00" }, new Date(2026, 11, 6, 17, 0))).toBe(false);
    expect(new Date(tomorrowMorning(new Date(2026, 11, 4, 23, 30).getTime()))).toEqual(new Date(2026, 11, 5, 8, 0));
  });
});
