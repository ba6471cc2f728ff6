import { describe, expect, it } from "vitest";
import { formatBytes, formatSizeFraction, formatSpeed } from "@/lib/format/bytes";
import { formatCountdown, formatDurationShort, formatEta } from "@/lib/format/duration";
import { formatFraction, formatNumber, formatPercent } from "@/lib/format/number";
import { formatClock, formatDay, formatRelative, formatUnixRelative, formatWhen } from "@/lib/format/time";

const L = "en-US";

describe("formatBytes", () => {
  it("uses base 1024 and KB/MB/GB/TB labels", () => {
    expect(formatBytes(0, L)).toBe("0 B");
    expect(formatBytes(512, L)).toBe("512 B");
    expect(formatBytes(1024, L)).toBe("1 KB");
    expect(formatBytes(1536, L)).toBe("1.5 KB");
    expect(formatBytes(1024 * 1024 * 1.23, L)).toBe("1.2 MB");
    expect(formatBytes(144_943_317, L)).toBe("138 MB");
    expect(formatBytes(5 * 1024 ** 3, L)).toBe("5 GB");
    expect(formatBytes(2.5 * 1024 ** 4, L)).toBe("2.5 TB");
  });
  it("shows a dash for unknown values", () => {
    expect(formatBytes(undefined, L)).toBe("—");
    expect(formatBytes(Number.NaN, L)).toBe("—");
  });
  it("follows the locale's decimal separator", () => {
    expect(formatBytes(1536, "de-DE")).toBe("1,5 KB");
  });
  it("formats done/total pairs", () => {
    expect(formatSizeFraction(1024, 2048, L)).toBe("1 KB / 2 KB");
    expect(formatSizeFraction(undefined, undefined, L)).toBe("—");
  });
});

describe("formatSpeed", () => {
  it("appends /s", () => {
    expect(formatSpeed(177_840, L)).toBe("174 KB/s");
    expect(formatSpeed(1.2 * 1024 * 1024, L)).toBe("1.2 MB/s");
    expect(formatSpeed(0, L)).toBe("0 B/s");
    expect(formatSpeed(undefined, L)).toBe("—");
  });
});

describe("formatEta", () => {
  it("reads naturally at every scale", () => {
    expect(formatEta(45, L)).toBe("45 s");
    expect(formatEta(180, L)).toBe("3 min");
    expect(formatEta(101, L)).toBe("2 min");
    expect(formatEta(3900, L)).toBe("1 h 5 min");
    expect(formatEta(7200, L)).toBe("2 h");
    expect(formatEta(2 * 86_400 + 3 * 3600, L)).toBe("2 d 3 h");
  });
  it("shows a dash for 0 or unknown", () => {
    expect(formatEta(0, L)).toBe("—");
    expect(formatEta(undefined, L)).toBe("—");
    expect(formatEta(-5, L)).toBe("—");
  });
});

describe("formatCountdown", () => {
  it("is mm:ss below an hour and h:mm:ss above", () => {
    expect(formatCountdown(0)).toBe("00:00");
    expect(formatCountdown(65_000)).toBe("01:05");
    expect(formatCountdown(899_400)).toBe("15:00");
    expect(formatCountdown(3_600_000 + 61_000)).toBe("1:01:01");
    expect(formatCountdown(-5000)).toBe("00:00");
  });
  it("names durations", () => {
    expect(formatDurationShort(900)).toBe("15 min");
    expect(formatDurationShort(3600)).toBe("1 h");
    expect(formatDurationShort(14_400)).toBe("4 h");
  });
});

describe("formatRelative", () => {
  const now = 1_700_000_000_000;
  it("is compact in English", () => {
    expect(formatRelative(now - 12_000, now, L)).toBe("12 s ago");
    expect(formatRelative(now - 3 * 60_000, now, L)).toBe("3 min ago");
    expect(formatRelative(now - 2 * 3_600_000, now, L)).toBe("2 h ago");
    expect(formatRelative(now - 3 * 86_400_000, now, L)).toBe("3 d ago");
    expect(formatRelative(now + 5 * 60_000, now, L)).toBe("in 5 min");
    expect(formatRelative(now - 200, now, L)).toBe("just now");
  });
  it("uses Intl.RelativeTimeFormat wording in other languages", () => {
    expect(formatRelative(now - 12_000, now, "de-DE")).toBe(
      new Intl.RelativeTimeFormat("de-DE", { style: "short" }).format(-12, "second"),
    );
  });
  it("treats unix seconds, and 0/absent as never", () => {
    expect(formatUnixRelative(now / 1000 - 30, now, L)).toBe("30 s ago");
    expect(formatUnixRelative(undefined, now, L)).toBe("never");
    expect(formatUnixRelative(0, now, L)).toBe("never");
  });
  it("formats a clock time", () => {
    expect(formatClock(new Date(2024, 0, 1, 12, 3, 14).getTime(), "en-GB")).toBe("12:03:14");
  });
  it("names a day, and says when an event was: the clock for today, the day before it otherwise", () => {
    const at = new Date(2024, 4, 7, 9, 5, 30).getTime();
    expect(formatDay(at, "en-GB")).toBe("7 May");
    expect(formatWhen(at, new Date(2024, 4, 7, 23, 0).getTime(), true, "en-GB")).toBe("09:05:30");
    expect(formatWhen(at, new Date(2024, 4, 8, 0, 10).getTime(), false, "en-GB")).toBe("7 May, 09:05");
    expect(formatWhen(at, new Date(2025, 0, 2).getTime(), false, "en-GB")).toBe("7 May 2024, 09:05");
    // Before the browser's clock is known (hydration), the day is always named.
    expect(formatWhen(at, 0, false, "en-GB")).toBe("7 May 2024, 09:05");
  });
});

describe("numbers", () => {
  it("localises numbers", () => {
    expect(formatNumber(12345, L)).toBe("12,345");
    expect(formatNumber(12345, "de-DE")).toBe("12.345");
    expect(formatNumber(undefined, L)).toBe("—");
    expect(formatFraction(208, 209, L)).toBe("208 / 209");
  });
  it("floors percentages", () => {
    expect(formatPercent(63.9, L)).toBe("63%");
    expect(formatPercent(99.9, L)).toBe("99%");
    expect(formatPercent(100, L)).toBe("100%");
    expect(formatPercent(140, L)).toBe("100%");
    expect(formatPercent(undefined, L)).toBe("—");
  });
});
