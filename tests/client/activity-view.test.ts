import { describe, expect, it } from "vitest";
import {
  activityParams,
  EMPTY_ACTIVITY,
  isFiltered,
  parseActivityView,
  writeActivityView,
} from "@/lib/client/activity-view";

describe("activity filters in the URL", () => {
  it("reads every filter, in the API's own format", () => {
    const v = parseActivityView(new URLSearchParams("kind=run_error,run_status&severity=error&runId=12&q=photos"));
    expect(v).toEqual({ kind: ["run_status", "run_error"], severity: ["error"], runId: "12", q: "photos" });
    expect(isFiltered(v)).toBe(true);
  });

  it("ignores what it does not know, so an old or edited bookmark still opens", () => {
    const v = parseActivityView(new URLSearchParams("kind=nope,run_error,run_error&severity=loud&runId=abc"));
    expect(v).toEqual({ ...EMPTY_ACTIVITY, kind: ["run_error"] });
    expect(isFiltered(parseActivityView(new URLSearchParams("")))).toBe(false);
  });

  it("writes changes, drops empty filters and keeps other parameters", () => {
    const next = writeActivityView(new URLSearchParams("range=1h&q=old"), {
      q: "",
      kind: ["paused", "resumed"],
      severity: [],
    });
    expect(next.toString()).toBe("range=1h&kind=paused%2Cresumed");
    expect(parseActivityView(next).kind).toEqual(["paused", "resumed"]);
  });

  it("gives the events API's query for the filters, nothing for none", () => {
    expect(activityParams(EMPTY_ACTIVITY).toString()).toBe("");
    expect(activityParams({ ...EMPTY_ACTIVITY, severity: ["warning", "error"], runId: "7" }).toString()).toBe(
      "severity=warning%2Cerror&runId=7",
    );
  });
});
