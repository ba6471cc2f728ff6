import { describe, expect, it } from "vitest";
import type { ScheduleInput } from "@/lib/bff/contract-schedules";
import {
  mergedPauseAt,
  muteWindowAt,
  nextBoundary,
  nextPauseAfter,
  tagRule,
  windowRule,
  type WindowRule,
} from "@/lib/server/schedules/windows";
import type { StoredSchedule } from "@/lib/server/store/schedules";

/**
 * Window arithmetic at fixed moments in fixed zones, no clock: Berlin changes to summer time on
 * Sunday 2026-03-29 at 02:00 (CET +1 → CEST +2) and back on Sunday 2026-10-25 at 03:00.
 */
const BERLIN = "Europe/Berlin";
const at = (iso: string) => Date.parse(iso);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
let nextId = 1;
function rule(spec: ScheduleInput, zone = BERLIN): WindowRule {
  const stored: StoredSchedule = { id: nextId++, agent: "local", kind: spec.kind, spec, createdAt: 0, updatedAt: 0 };
  return windowRule(stored, zone)!;
}
const weekly = (days: string[], from: string, to: string, extra: object = {}) =>
  rule({ kind: "weekly", days, from, to, ...extra } as ScheduleInput);
const spans = (r: WindowRule, from: string, to: string) =>
  r.occurrences(at(from), at(to)).map((o) => [iso(o.start), iso(o.end)]);

describe("weekly windows across DST changes (Europe/Berlin)", () => {
  it("09:00-17:00 on weekdays is 8 hours either side of the spring change, at the new offset after it", () => {
    const r = weekly(["mon", "tue", "wed", "thu", "fri"], "09:00", "17:00");
    expect(spans(r, "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z")).toEqual([
      ["2026-03-27T08:00:00.000Z", "2026-03-27T16:00:00.000Z"],
      ["2026-03-30T07:00:00.000Z", "2026-03-30T15:00:00.000Z"],
    ]);
    // Seen from the Saturday between: the next pause is Monday 09:00 CEST, until 17:00 CEST.
    const next = nextPauseAfter([r], at("2026-03-28T12:00:00Z"));
    expect([iso(next?.start), iso(next?.until)]).toEqual(["2026-03-30T07:00:00.000Z", "2026-03-30T15:00:00.000Z"]);
  });

  it("one rule asked about moments months apart, forwards and back, answers each right (its cache follows)", () => {
    const r = weekly(["mon"], "09:00", "17:00");
    const monday = (day: string) => spans(r, `${day}T00:00:00Z`, `${day}T23:59:59Z`);
    expect(monday("2026-03-30")).toEqual([["2026-03-30T07:00:00.000Z", "2026-03-30T15:00:00.000Z"]]);
    expect(monday("2026-10-26")).toEqual([["2026-10-26T08:00:00.000Z", "2026-10-26T16:00:00.000Z"]]);
    expect(monday("2026-03-23")).toEqual([["2026-03-23T08:00:00.000Z", "2026-03-23T16:00:00.000Z"]]);
    expect(nextPauseAfter([r], at("2026-10-25T12:00:00Z"))?.start).toBe(at("2026-10-26T08:00:00Z"));
  });

  it("the same rule around the autumn change goes back to +1", () => {
    const r = weekly(["fri", "mon"], "09:00", "17:00");
    expect(spans(r, "2026-10-23T00:00:00Z", "2026-10-27T00:00:00Z")).toEqual([
      ["2026-10-23T07:00:00.000Z", "2026-10-23T15:00:00.000Z"],
      ["2026-10-26T08:00:00.000Z", "2026-10-26T16:00:00.000Z"],
    ]);
  });

  it("01:00-04:00 on the change night lasts 2 hours in spring and 4 in autumn", () => {
    const r = weekly(["sun"], "01:00", "04:00");
    expect(spans(r, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z")).toEqual([
      ["2026-03-29T00:00:00.000Z", "2026-03-29T02:00:00.000Z"],
    ]);
    expect(spans(r, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z")).toEqual([
      ["2026-10-24T23:00:00.000Z", "2026-10-25T03:00:00.000Z"],
    ]);
    // Inside it at 01:30 CET the pause ends at 04:00 CEST: 1.5 hours away, not the 2.5 the wall clock suggests.
    expect(mergedPauseAt([r], at("2026-03-29T00:30:00Z"))?.until).toBe(at("2026-03-29T02:00:00Z"));
  });

  it("a start in the spring-forward gap happens when the gap ends; a window inside the gap does not happen", () => {
    const r = weekly(["sun"], "02:30", "05:00");
    expect(spans(r, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z")).toEqual([
      ["2026-03-29T01:00:00.000Z", "2026-03-29T03:00:00.000Z"],
    ]);
    const squeezed = weekly(["sun"], "02:00", "03:00");
    expect(spans(squeezed, "2026-03-28T12:00:00Z", "2026-03-30T00:00:00Z")).toEqual([]);
    expect(spans(squeezed, "2026-04-04T12:00:00Z", "2026-04-06T00:00:00Z")).toEqual([
      ["2026-04-05T00:00:00.000Z", "2026-04-05T01:00:00.000Z"],
    ]);
  });

  it("a time repeated at fall-back is taken the first time", () => {
    const r = weekly(["sun"], "02:30", "05:00");
    expect(spans(r, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z")).toEqual([
      ["2026-10-25T00:30:00.000Z", "2026-10-25T04:00:00.000Z"],
    ]);
  });

  it("overnight windows (to before from) end the next morning, across either change", () => {
    const r = weekly(["sat"], "22:00", "06:00");
    expect(spans(r, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z")).toEqual([
      ["2026-03-28T21:00:00.000Z", "2026-03-29T04:00:00.000Z"],
    ]);
    expect(spans(r, "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z")).toEqual([
      ["2026-10-24T20:00:00.000Z", "2026-10-25T05:00:00.000Z"],
    ]);
  });

  it("to 24:00 ends at midnight, and a whole day on the change night is 23 hours", () => {
    const r = weekly(["sun"], "00:00", "24:00");
    expect(spans(r, "2026-03-28T12:00:00Z", "2026-03-30T00:00:00Z")).toEqual([
      ["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"],
    ]);
  });

  it("reads the dashboard's zone unless the schedule names its own", () => {
    const r = weekly(["mon"], "09:00", "17:00", { timeZone: "America/New_York" });
    // New York changed on 2026-03-08 (EDT, -4): 13:00Z; Berlin still in CET that week.
    expect(spans(r, "2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z")).toEqual([
      ["2026-03-09T13:00:00.000Z", "2026-03-09T21:00:00.000Z"],
    ]);
    const utc = rule({ kind: "weekly", days: ["mon"], from: "09:00", to: "17:00" }, "UTC");
    expect(spans(utc, "2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z")).toEqual([
      ["2026-03-09T09:00:00.000Z", "2026-03-09T17:00:00.000Z"],
    ]);
  });
});

describe("windows together", () => {
  const maintenance = (start: string, end: string, extra: object = {}) =>
    rule({ kind: "maintenance", start, end, ...extra } as ScheduleInput);

  it("overlapping and touching windows merge into one pause that ends when the last ends", () => {
    const day = weekly(["mon"], "09:00", "17:00", { name: "Office hours" });
    const before = maintenance("2026-03-30T05:00:00Z", "2026-03-30T08:00:00Z", { name: "Backup" });
    const evening = weekly(["mon"], "17:00", "19:00", { name: "Evening" });
    const later = maintenance("2026-03-30T20:00:00Z", "2026-03-30T21:00:00Z");
    const rules = [day, before, evening, later];
    const merged = mergedPauseAt(rules, at("2026-03-30T06:00:00Z"));
    expect(merged).toMatchObject({ start: at("2026-03-30T05:00:00Z"), until: at("2026-03-30T17:00:00Z") });
    // Evening touches office hours (17:00 = 17:00): one pause until 19:00 CEST; the 22:00 one is apart.
    expect(merged?.name).toBe("Backup + Office hours + Evening");
    expect(mergedPauseAt(rules, at("2026-03-30T16:00:00Z"))?.until).toBe(at("2026-03-30T17:00:00Z"));
    expect(nextPauseAfter(rules, at("2026-03-30T06:00:00Z"))).toMatchObject({ start: at("2026-03-30T20:00:00Z") });
    expect(mergedPauseAt(rules, at("2026-03-30T19:30:00Z"))).toBeUndefined();
  });

  it("a window that only mutes alerts neither pauses nor merges, but mutes", () => {
    const muteOnly = maintenance("2026-03-30T10:00:00Z", "2026-03-30T12:00:00Z", { pause: false, name: "MC upgrade" });
    const quiet = weekly(["mon"], "09:00", "17:00");
    expect(mergedPauseAt([muteOnly], at("2026-03-30T11:00:00Z"))).toBeUndefined();
    expect(muteWindowAt([muteOnly, quiet], at("2026-03-30T11:00:00Z"))).toMatchObject({ name: "MC upgrade" });
    // A weekly window mutes only when asked to; maintenance does unless told not to.
    expect(muteWindowAt([quiet], at("2026-03-30T11:00:00Z"))).toBeUndefined();
    const noMute = maintenance("2026-03-30T10:00:00Z", "2026-03-30T12:00:00Z", { muteAlerts: false });
    expect(muteWindowAt([noMute], at("2026-03-30T11:00:00Z"))).toBeUndefined();
    expect(muteWindowAt([muteOnly], at("2026-03-30T12:00:00Z"))).toBeUndefined();
  });

  it("the next boundary is the nearest start or end", () => {
    const rules = [weekly(["mon"], "09:00", "17:00"), maintenance("2026-03-30T10:00:00Z", "2026-03-30T12:00:00Z")];
    expect(iso(nextBoundary(rules, at("2026-03-30T06:00:00Z")))).toBe("2026-03-30T07:00:00.000Z");
    expect(iso(nextBoundary(rules, at("2026-03-30T07:00:00Z")))).toBe("2026-03-30T10:00:00.000Z");
    expect(iso(nextBoundary(rules, at("2026-03-30T12:00:00Z")))).toBe("2026-03-30T15:00:00.000Z");
  });
});

describe("tag schedules", () => {
  it("fire at their cron times in their zone, across the spring change", () => {
    const spec = { kind: "tag", cron: "0 18 * * 1-5", tag: { name: "OFFICE", value: "closed" } } as const;
    const stored: StoredSchedule = { id: 9, agent: "local", kind: "tag", spec, createdAt: 0, updatedAt: 0 };
    const r = tagRule(stored, BERLIN)!;
    expect(iso(r.nextFire(at("2026-03-27T12:00:00Z")))).toBe("2026-03-27T17:00:00.000Z");
    expect(iso(r.nextFire(at("2026-03-27T17:00:00Z")))).toBe("2026-03-30T16:00:00.000Z");
    expect(iso(r.lastFire(at("2026-03-30T16:00:00Z")))).toBe("2026-03-30T16:00:00.000Z");
    expect(iso(r.lastFire(at("2026-03-30T15:59:59Z")))).toBe("2026-03-27T17:00:00.000Z");
  });
});
