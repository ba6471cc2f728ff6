import { describe, expect, it } from "vitest";
import { documentTitle, tabState } from "@/lib/client/document-status";

describe("tab title", () => {
  it("says the most important thing first", () => {
    expect(documentTitle({ name: "Office PC", state: "active", percent: 63.7 })).toBe("▶ 63% · Office PC — Agent Deck");
    expect(documentTitle({ name: "Office PC", state: "paused" })).toBe("⏸ Paused · Office PC — Agent Deck");
    expect(documentTitle({ name: "Office PC", state: "errors", errors: 2 })).toBe(
      "⚠ 2 errors · Office PC — Agent Deck",
    );
    expect(documentTitle({ name: "Office PC", state: "errors", errors: 1 })).toBe("⚠ 1 error · Office PC — Agent Deck");
    expect(documentTitle({ name: "Office PC", state: "unreachable" })).toBe("⚠ Unreachable · Office PC — Agent Deck");
  });
  it("ranks unreachable over errors over paused over active", () => {
    const base = { unreachable: false, errors: 0, paused: false, active: 0, loaded: true };
    expect(tabState({ ...base, unreachable: true, errors: 3 })).toBe("unreachable");
    expect(tabState({ ...base, errors: 3, paused: true })).toBe("errors");
    expect(tabState({ ...base, paused: true, active: 2 })).toBe("paused");
    expect(tabState({ ...base, active: 2 })).toBe("active");
    expect(tabState(base)).toBe("idle");
    expect(tabState({ ...base, loaded: false })).toBe("loading");
  });
});
