import { describe, expect, it } from "vitest";
import type { Schedule, ScheduleState } from "@/lib/bff/contract-schedules";
import { ApiError } from "@/lib/client/api";
import { bodyOf, draftOf, emptyDraft, inputOf, patchOf, serverErrors, validateDraft } from "@/lib/client/schedule-form";
import { describeDays, describeScheduleState, formatScheduleTime } from "@/lib/domain/schedule-text";

const NOW = Date.parse("2026-03-28T12:00:00Z"); // a Saturday
const base = { id: 1, enabled: true, createdAt: 0, updatedAt: 0 };

describe("the schedule editor's drafts", () => {
  it("checks with the contract and puts each message on its input", () => {
    const weekly = { ...emptyDraft("weekly", NOW), days: [], from: "09:00", to: "09:00" };
    expect(validateDraft(weekly)).toEqual({
      ok: false,
      errors: {
        days: "choose at least one day",
        to: "to must differ from from (a window that ends before it starts runs past midnight)",
      },
    });
    const tag = { ...emptyDraft("tag", NOW), cron: "0 18 * *", tagName: " ", tagValue: "x" };
    expect(validateDraft(tag)).toMatchObject({
      ok: false,
      errors: { cron: expect.stringMatching(/^cron must have five fields/), tagName: "Tag name must not be empty" },
    });
    const backwards = { ...emptyDraft("maintenance", NOW), start: "2026-03-30T10:00", end: "2026-03-30T09:00" };
    expect(validateDraft(backwards)).toEqual({ ok: false, errors: { end: "end must be after start" } });
    const quiet = { ...emptyDraft("weekly", NOW), pause: false, muteAlerts: false };
    expect(validateDraft(quiet)).toEqual({
      ok: false,
      errors: { pause: "a window must pause the agent, mute alerts, or both" },
    });
  });

  it("a maintenance window's local times go out as instants and come back the same", () => {
    const draft = { ...emptyDraft("maintenance", NOW), name: "MC upgrade" };
    const body = bodyOf(draft) as { start: string; end: string; muteAlerts: boolean };
    expect(body.start).toBe(new Date(draft.start).toISOString());
    expect(body.muteAlerts).toBe(true);
    const stored: Schedule = {
      ...base,
      kind: "maintenance",
      name: "MC upgrade",
      start: body.start,
      end: body.end,
      pause: true,
      muteAlerts: true,
    };
    expect(draftOf(stored, NOW)).toMatchObject({ start: draft.start, end: draft.end });
  });

  it("an edit sends only what changed; a cleared name is null, a schedule enabled again is true", () => {
    const stored: Schedule = {
      ...base,
      kind: "weekly",
      name: "Office hours",
      enabled: false,
      days: ["mon", "tue"],
      from: "09:00",
      to: "17:00",
      zone: "Europe/Berlin",
      pause: true,
      muteAlerts: false,
    };
    const draft = { ...draftOf(stored, NOW), name: "", enabled: true, to: "18:00" };
    const v = validateDraft(draft);
    if (!v.ok) throw new Error("valid draft refused");
    expect(patchOf(inputOf(stored, NOW), v.body)).toEqual({ name: null, enabled: true, to: "18:00" });
    expect(patchOf(inputOf(stored, NOW), inputOf(stored, NOW))).toEqual({});
  });

  it("a 400's fields land on their inputs; anything else is the form's message", () => {
    const fields = {
      "tag.name": ["Tag name must not be empty"],
      "days.0": ["bad day"],
      cron: ["cron is not valid"],
      body: ["Unknown field: x"],
    };
    expect(serverErrors(new ApiError(400, "invalid_input", "The request body is not valid", fields))).toEqual({
      tagName: "Tag name must not be empty",
      days: "bad day",
      cron: "cron is not valid",
      form: "Unknown field: x",
    });
    expect(serverErrors(new ApiError(503, "agent_unreachable", "Cannot reach the agent"))).toEqual({
      form: "Cannot reach the agent",
    });
  });
});

describe("schedules in words", () => {
  it("names days as people write them", () => {
    expect(describeDays(["mon", "tue", "wed", "thu", "fri"])).toBe("Mon–Fri");
    expect(describeDays(["sat", "mon", "wed"])).toBe("Mon, Wed, Sat");
    expect(describeDays(["mon", "tue", "thu", "fri", "sat"])).toBe("Mon, Tue, Thu–Sat");
    expect(describeDays(["sun", "sat", "fri", "thu", "wed", "tue", "mon"])).toBe("Every day");
  });

  it("says times as the card does: the clock today, the weekday this week, the date beyond", () => {
    const zone = "Europe/Berlin";
    expect(formatScheduleTime(Date.parse("2026-03-28T16:00:00Z"), zone, NOW)).toBe("17:00");
    expect(formatScheduleTime(Date.parse("2026-03-30T07:00:00Z"), zone, NOW)).toBe("Mon 09:00");
    expect(formatScheduleTime(Date.parse("2026-04-06T07:00:00Z"), zone, NOW)).toBe("6 Apr 09:00");
    expect(formatScheduleTime(Date.parse("2026-03-30T07:00:00Z"), zone, NOW, true)).toBe("Mon 09:00 CEST");
  });

  it("the status card's sentences, with the zone's name only for a reader elsewhere", () => {
    const state: ScheduleState = {
      window: {
        mode: "paused",
        ids: [1],
        name: "MC upgrade",
        start: Date.parse("2026-03-28T11:00:00Z"),
        until: Date.parse("2026-03-28T16:00:00Z"),
        timeZone: "Europe/Berlin",
        muteAlerts: true,
      },
      nextPause: {
        id: 2,
        name: "Office hours",
        at: Date.parse("2026-03-30T07:00:00Z"),
        until: Date.parse("2026-03-30T15:00:00Z"),
        timeZone: "Europe/Berlin",
      },
    };
    expect(describeScheduleState(state, NOW, "Europe/Berlin")).toEqual({
      current: { tone: "amber", text: "Paused by schedule until 17:00", detail: "MC upgrade · alerts muted" },
      next: { tone: "neutral", text: "Next pause Mon 09:00", detail: "until 17:00 · Office hours" },
    });
    expect(describeScheduleState(state, NOW, "UTC").current?.text).toBe("Paused by schedule until 17:00 CET");
    const failing = {
      window: { ...state.window!, mode: "applying" as const, attempts: 3, error: "connection refused" },
    };
    expect(describeScheduleState(failing, NOW, "Europe/Berlin").current).toMatchObject({
      text: "Pausing by schedule until 17:00: not applied yet",
      detail: "3 attempts failed (connection refused); retrying · alerts muted",
    });
    const unmuted = { window: { ...failing.window, muteAlerts: false } };
    expect(describeScheduleState(unmuted, NOW, "Europe/Berlin").current?.detail).toBe(
      "3 attempts failed (connection refused); retrying",
    );
    const muteOnly = { window: { ...state.window!, mode: "mute" as const } };
    expect(describeScheduleState(muteOnly, NOW, "Europe/Berlin").current).toMatchObject({
      text: "Alerts muted until 17:00",
      detail: "MC upgrade",
    });
    const overridden = {
      window: { ...state.window!, mode: "overridden" as const, by: "dashboard (admin, 127.0.0.1)" },
    };
    expect(describeScheduleState(overridden, NOW, "Europe/Berlin").current?.text).toBe(
      "Schedule overridden until 17:00",
    );
  });
});
