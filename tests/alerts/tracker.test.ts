import { describe, expect, it } from "vitest";
import { step, type Track } from "@/lib/server/alerts/tracker";

const timing = { forMs: 10_000, resolveMs: 30_000, remindMs: 60_000 };

/** Feeds the state machine one evaluation after another, as polls would, and lists what it did. */
function run(seq: [at: number, holds: boolean, muted?: boolean][]) {
  let track: Track | undefined;
  const out: string[] = [];
  for (const [at, holds, muted] of seq) {
    const r = step(track, holds, at, timing, muted ?? false);
    track = r.track && r.action === "open" ? { ...r.track, incidentId: 1 } : r.track;
    if (r.action !== "none") out.push(`${at}:${r.action}${r.notify ? "!" : ""}`);
  }
  return { out, track };
}

describe("incident state machine", () => {
  it("opens only once the condition has held forMs, and a blip shorter than that is nothing", () => {
    expect(
      run([
        [0, true],
        [5_000, true],
        [6_000, false],
        [7_000, true],
        [16_000, true],
        [17_000, true],
      ]).out,
    ).toEqual(["17000:open!"]);
  });

  it("a flapping condition stays one incident: flaps counted, no second opening; resolves after resolveMs clear", () => {
    const { out, track } = run([
      [0, true],
      [10_000, true],
      [11_000, false],
      [12_000, true],
      [13_000, false],
      [20_000, true],
      [21_000, false],
      [50_000, false],
      [51_000, false],
    ]);
    expect(out).toEqual(["10000:open!", "12000:flap", "20000:flap", "51000:resolve!"]);
    expect(track).toBeUndefined();
  });

  it("reminds every remindMs while it lasts, counted from the last notification", () => {
    expect(
      run([
        [0, true],
        [10_000, true],
        [69_000, true],
        [70_000, true],
        [129_000, true],
        [130_000, true],
      ]).out,
    ).toEqual(["10000:open!", "70000:remind!", "130000:remind!"]);
  });

  it("muted: opens silently, announces once unmuted if still open, never reminds while muted", () => {
    expect(
      run([
        [0, true, true],
        [10_000, true, true],
        [80_000, true, true],
        [90_000, true, false],
        [91_000, true, false],
      ]).out,
    ).toEqual(["10000:open", "90000:announce!"]);
  });

  it("an incident that opened and resolved while muted stays silent; a resolution while muted is not sent", () => {
    expect(
      run([
        [0, true, true],
        [10_000, true, true],
        [11_000, false, false],
        [41_000, false, false],
      ]).out,
    ).toEqual(["10000:open", "41000:resolve"]);
    expect(
      run([
        [0, true],
        [10_000, true],
        [11_000, false, true],
        [41_000, false, true],
      ]).out,
    ).toEqual(["10000:open!", "41000:resolve"]);
  });

  it("forMs 0 opens at the first evaluation that sees it; resolveMs 0 resolves at the first that does not", () => {
    const t = { forMs: 0, resolveMs: 0 };
    const a = step(undefined, true, 5, t, false);
    expect(a.action).toBe("open");
    const track: Track = { ...a.track!, incidentId: 7 };
    expect(step(track, false, 6, t, false)).toMatchObject({ action: "resolve", notify: true, track: undefined });
  });
});
