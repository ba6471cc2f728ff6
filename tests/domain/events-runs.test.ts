import { describe, expect, it } from "vitest";
import { detectEvents, type PollView } from "@/lib/domain/events";
import { status, run, view, runsStep, kinds } from "./event-builders";

describe("detectEvents: runs", () => {
  it("run_status from → to, with an error severity for a run going into error", () => {
    const prev = [run(1), run(2)];
    const next = [run(1, { status: "error" }), run(2)];
    const events = detectEvents(view({ runs: { value: prev } }), view(runsStep(prev, next)));
    expect(events).toEqual([
      {
        kind: "run_status",
        severity: "error",
        runId: "1",
        runName: "run 1",
        message: 'Run "run 1": downloading → error',
        from: "downloading",
        to: "error",
      },
    ]);
  });

  it("uses the poll's delta rather than comparing the lists: a delta that names nothing is no event", () => {
    const prev = [run(1)];
    const next = [run(1, { status: "error" })];
    expect(
      detectEvents(
        view({ runs: { value: prev } }),
        view({ runs: { value: next }, runsStep: { delta: { changed: [], removed: [] } } }),
      ),
    ).toEqual([]);
  });

  it("compares the lists itself when the poll made no delta", () => {
    const prev = [run(1)];
    const events = detectEvents(
      view({ runs: { value: prev } }),
      view({ runs: { value: [run(1, { status: "seeding" })] } }),
    );
    expect(kinds(events)).toEqual(["run_status"]);
  });

  it("run_error with the errors' text, and run_error_cleared when they go", () => {
    const a = [run(1)];
    const b = [run(1, { errors: [{ code: "SE_AGENT_DISK_FULL", message: "disk full", path: "/data" }, "locked"] })];
    const appeared = detectEvents(view({ runs: { value: a } }), view(runsStep(a, b)));
    expect(appeared).toEqual([
      expect.objectContaining({
        kind: "run_error",
        severity: "error",
        runId: "1",
        to: "SE_AGENT_DISK_FULL: disk full; locked",
      }),
    ]);
    expect(appeared[0]?.message).toBe('Run "run 1" reports 2 errors: SE_AGENT_DISK_FULL: disk full; locked');
    const cleared = detectEvents(view({ runs: { value: b } }), view(runsStep(b, a)));
    expect(cleared).toEqual([
      expect.objectContaining({
        kind: "run_error_cleared",
        severity: "info",
        from: "SE_AGENT_DISK_FULL: disk full; locked",
      }),
    ]);
  });

  it("a new error next to an old one is a run_error naming only the new one; the same errors again are nothing", () => {
    const a = [run(1, { errors: ["old"] })];
    const b = [run(1, { errors: ["old", "new"] })];
    expect(detectEvents(view({ runs: { value: a } }), view(runsStep(a, b)))[0]).toMatchObject({
      kind: "run_error",
      to: "new",
    });
    expect(detectEvents(view({ runs: { value: b } }), view(runsStep(b, [run(1, { errors: ["new"] })])))).toEqual([]);
  });

  it("cuts long error text", () => {
    const a = [run(1)];
    const b = [run(1, { errors: ["x".repeat(1000)] })];
    expect(detectEvents(view({ runs: { value: a } }), view(runsStep(a, b)))[0]?.to).toHaveLength(300);
  });

  it("run_finished when the status reaches a done one, once, even when the size completes in the same poll", () => {
    const a = [run(1, { type: "folder", status: "syncing" })];
    const b = [run(1, { type: "folder", status: "synced", size_completed: 100 })];
    const events = detectEvents(view({ runs: { value: a } }), view(runsStep(a, b)));
    expect(kinds(events)).toEqual(["run_status", "run_finished"]);
    expect(events[1]).toMatchObject({ severity: "info", runId: "1", to: "synced" });
  });

  it("run_finished when size_completed reaches size_total from below, whatever the status (a seeding transfer)", () => {
    const a = [run(1, { size_completed: 99 })];
    const b = [run(1, { size_completed: 100 })];
    expect(kinds(detectEvents(view({ runs: { value: a } }), view(runsStep(a, b))))).toEqual(["run_finished"]);
    // Already complete before: a total that grows and is reached again is a new finish, a steady one is not.
    const full = [run(1, { size_completed: 100 })];
    expect(
      detectEvents(
        view({ runs: { value: full } }),
        view(runsStep(full, [run(1, { size_completed: 100, down_speed: 0 })])),
      ),
    ).toEqual([]);
  });

  it("run_added and run_removed, with the removed run's name from the previous list", () => {
    const a = [run(1), run(2)];
    const b = [run(1), run(3, { name: "Photos" })];
    const events = detectEvents(view({ runs: { value: a } }), view(runsStep(a, b)));
    expect(events).toEqual([
      expect.objectContaining({ kind: "run_added", runId: "3", runName: "Photos", to: "downloading" }),
      expect.objectContaining({ kind: "run_removed", runId: "2", runName: "run 2", from: "downloading" }),
    ]);
  });

  it("runs that follow their agent into pause are one event, not one per run", () => {
    const a = [run(1), run(2), run(3)];
    const b = a.map((r) => ({ ...r, status: "paused" }));
    const events = detectEvents(
      view({ runs: { value: a } }),
      view({ status: { value: status({ paused: true }) }, ...runsStep(a, b) }),
    );
    expect(events.filter((e) => e.kind === "run_status")).toEqual([
      { kind: "run_status", severity: "info", message: "3 runs paused along with the agent", to: "paused" },
    ]);
    // Seen a poll after the agent's own flag (the agent is no longer paused in either snapshot): still one event.
    const resumed = detectEvents(view({ runs: { value: b } }), view(runsStep(b, a)), { pausedLately: true });
    expect(resumed).toEqual([
      expect.objectContaining({ kind: "run_status", message: "3 runs resumed along with the agent" }),
    ]);
    // A run paused on its own, with the agent running, is listed.
    expect(
      detectEvents(view({ runs: { value: a } }), view(runsStep(a, [run(1, { status: "paused" }), run(2), run(3)])))[0],
    ).toMatchObject({ runId: "1", to: "paused" });
  });

  it("the first poll after a start, or a failed runs poll, gives no run events", () => {
    const empty: PollView = { polledAt: 0, status: {}, runs: {}, tags: {} };
    expect(detectEvents(empty, view({ runs: { value: [run(1)] } }))).toEqual([]);
    const list = [run(1)];
    expect(
      detectEvents(
        view({ runs: { value: list } }),
        view({ runs: { value: list, error: { code: "agent_bad_response", message: "bad" } } }),
      ).filter((e) => e.kind.startsWith("run_")),
    ).toEqual([]);
  });
});
