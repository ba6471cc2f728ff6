import { describe, expect, it } from "vitest";
import { goTarget, hasCommandModifier } from "@/lib/client/keyboard";

describe("goTarget: where g then a key leads", () => {
  it("o is the overview from anywhere", () => {
    expect(goTarget("o", "/agents/office-pc/runs/7")).toBe("/");
    expect(goTarget("o", "/wall")).toBe("/");
  });

  it("w and a are the open agent's wall and activity, from any of its pages", () => {
    expect(goTarget("w", "/agents/office-pc")).toBe("/agents/office-pc/wall");
    expect(goTarget("a", "/agents/office-pc/runs/7")).toBe("/agents/office-pc/activity");
    expect(goTarget("w", "/agents/caf%C3%A9/activity")).toBe("/agents/caf%C3%A9/wall");
  });

  it("elsewhere w and a are the fleet's wall and activity", () => {
    expect(goTarget("w", "/")).toBe("/wall");
    expect(goTarget("a", "/activity")).toBe("/activity");
    expect(goTarget("w", "/agentsx")).toBe("/wall");
  });

  it("any other key after g leads nowhere", () => {
    for (const key of ["x", "g", "Enter", "O", "/"]) expect(goTarget(key, "/agents/a")).toBeNull();
  });
});

describe("hasCommandModifier: chords belong to the browser", () => {
  const key = (mods: Partial<Record<"ctrlKey" | "metaKey" | "altKey" | "shiftKey", boolean>>) =>
    ({ ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods }) as KeyboardEvent;
  it("Ctrl, Meta and Alt make a chord; Shift alone does not (it types ?)", () => {
    expect(hasCommandModifier(key({ ctrlKey: true }))).toBe(true);
    expect(hasCommandModifier(key({ metaKey: true }))).toBe(true);
    expect(hasCommandModifier(key({ altKey: true }))).toBe(true);
    expect(hasCommandModifier(key({ shiftKey: true }))).toBe(false);
    expect(hasCommandModifier(key({}))).toBe(false);
  });
});
