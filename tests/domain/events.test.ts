import { describe, expect, it } from "vitest";
import type { ClientStatus } from "@/lib/agent-api/client";
import type { Run } from "@/lib/agent-api/runs";
import type { TagsResponse } from "@/lib/agent-api/tags";
import { detectEvents, type DetectedEvent, type PollView } from "@/lib/domain/events";
import { diffRuns } from "@/lib/domain/run-delta";

const status = (over: Partial<ClientStatus> = {}): ClientStatus => ({
  paused: false,
  restartRequired: false,
  server: { state: "CONNECTED" },
  ...over,
});
const run = (runId: number, over: Partial<Run> = {}): Run => ({
  run_id: runId,
  name: `run ${runId}`,
  type: "transfer",
  status: "downloading",
  size_completed: 10,
  size_total: 100,
  ...over,
});
const tags = (...pairs: [string, string][]): TagsResponse => ({
  tags: pairs.map(([name, value]) => ({ name, value })),
});
const down = (code = "agent_unreachable", message = "connection refused") => ({ code, message });

function view(over: Partial<PollView> & { at?: number } = {}): PollView {
  const { at = 10_000, ...rest } = over;
  return { polledAt: at, status: { value: status() }, runs: { value: [] }, tags: { value: tags() }, ...rest };
}
/** The same run list with a delta, as the collector's poll makes it. */
function runsStep(prev: Run[], next: Run[]): Pick<PollView, "runs" | "runsStep"> {
  return { runs: { value: next }, runsStep: { delta: diffRuns(prev, next) } };
}
const kinds = (events: DetectedEvent[]) => events.map((e) => e.kind);

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

describe("detectEvents: the agent", () => {
  it("agent_unreachable when the status starts failing, agent_reachable with the outage's length when it answers again", () => {
    const failing = view({ status: { value: status(), error: down(), errorSince: 10_000 }, at: 10_000 });
    expect(detectEvents(view(), failing)).toEqual([
      {
        kind: "agent_unreachable",
        severity: "error",
        message: "The agent cannot be reached: connection refused",
        to: "agent_unreachable",
      },
    ]);
    expect(detectEvents(failing, view({ at: 190_000 }))).toEqual([
      {
        kind: "agent_reachable",
        severity: "info",
        message: "The agent answers again after 3 min",
        from: "agent_unreachable",
      },
    ]);
    expect(detectEvents(failing, view({ status: failing.status, at: 12_000 }))).toEqual([]);
  });

  it("a failure of another kind is a warning, and a change of failure is an event from → to", () => {
    const bad = view({ status: { value: status(), error: down("agent_bad_response", "not JSON") } });
    expect(detectEvents(view(), bad)[0]).toMatchObject({
      kind: "agent_unreachable",
      severity: "warning",
      to: "agent_bad_response",
    });
    const timeout = view({ status: { value: status(), error: down("agent_timeout", "no answer in 5 s") } });
    expect(detectEvents(bad, timeout)[0]).toMatchObject({
      severity: "error",
      from: "agent_bad_response",
      to: "agent_timeout",
    });
  });

  it("an agent that lacks what is asked (older than 3.0) is a warning in its own words", () => {
    const message = "This agent does not report job runs: runs need agent version 3.0 or later.";
    const old = view({ runs: { value: [], error: down("agent_unsupported", message) } });
    expect(detectEvents(view(), old)).toEqual([
      { kind: "agent_unreachable", severity: "warning", message, to: "agent_unsupported" },
    ]);
  });

  it("the runs failing while the status answers is a problem too (what the page shows)", () => {
    const runsDown = view({ runs: { value: [], error: down("agent_bad_response", "too big") } });
    expect(kinds(detectEvents(view(), runsDown))).toEqual(["agent_unreachable"]);
  });

  it("server_state from → to, with a severity by state", () => {
    const next = view({ status: { value: status({ server: { state: "NOT_CONNECTED" } }) } });
    expect(detectEvents(view(), next)).toEqual([
      {
        kind: "server_state",
        severity: "warning",
        message: "Management Console: Not connected to the configured Management Console.",
        from: "CONNECTED",
        to: "NOT_CONNECTED",
      },
    ]);
    expect(
      detectEvents(view(), view({ status: { value: status({ server: { state: "DECLINED" } }) } }))[0]?.severity,
    ).toBe("error");
    expect(detectEvents(next, view())[0]?.severity).toBe("info");
  });

  it("paused and resumed name who did it: the dashboard, its resume timer, or someone outside it", () => {
    const paused = view({ status: { value: status({ paused: true }) } });
    expect(detectEvents(view(), paused)).toEqual([
      { kind: "paused", severity: "info", message: "The agent was paused", actor: "outside the dashboard" },
    ]);
    const byUs = detectEvents(view(), paused, {
      actors: { paused: "dashboard (admin, 127.0.0.1)" },
      resumeTimerAt: 70_000,
    });
    expect(byUs[0]).toMatchObject({
      actor: "dashboard (admin, 127.0.0.1)",
      message: "The agent was paused, until the resume timer at 1970-01-01T00:01:10.000Z",
    });
    expect(detectEvents(paused, view())[0]).toMatchObject({ kind: "resumed", actor: "outside the dashboard" });
    expect(detectEvents(paused, view({ at: 69_000 }), { resumeTimerAt: 70_000 })[0]).toMatchObject({
      kind: "resumed",
      actor: "resume timer",
    });
    expect(detectEvents(paused, view({ at: 20_000 }), { resumeTimerAt: 70_000 })[0]).toMatchObject({
      actor: "outside the dashboard",
    });
    expect(detectEvents(paused, view(), { actors: { resumed: "dashboard (admin)" } })[0]).toMatchObject({
      actor: "dashboard (admin)",
    });
  });

  it("restart_required when it becomes true, not while it stays", () => {
    const required = view({ status: { value: status({ restartRequired: true }) } });
    expect(detectEvents(view(), required)).toEqual([
      expect.objectContaining({ kind: "restart_required", severity: "warning" }),
    ]);
    expect(detectEvents(required, view({ status: { value: status({ restartRequired: true }) } }))).toEqual([]);
  });

  it("restart_completed: back after a restart the dashboard asked for (the outage on the way is info), or restartRequired cleared", () => {
    const ctx = { restartBy: "dashboard (admin, 127.0.0.1)" };
    const away = view({ status: { value: status(), error: down(), errorSince: 10_000 } });
    expect(detectEvents(view(), away, ctx)[0]).toMatchObject({
      kind: "agent_unreachable",
      severity: "info",
      message: "The agent is restarting: connection refused",
    });
    expect(detectEvents(away, view(), ctx)).toEqual([
      {
        kind: "restart_completed",
        severity: "info",
        message: "The agent restarted and answers again",
        actor: "dashboard (admin, 127.0.0.1)",
      },
    ]);
    const required = view({ status: { value: status({ restartRequired: true }) } });
    expect(detectEvents(required, view())).toEqual([
      expect.objectContaining({ kind: "restart_completed", actor: "outside the dashboard" }),
    ]);
  });

  it("tags_changed per tag: name, old → new, set and removed, with the actor", () => {
    const events = detectEvents(
      view({ tags: { value: tags(["SITE", "Berlin"], ["ROLE", "x"]) } }),
      view({ tags: { value: tags(["SITE", "Paris"], ["NEW", "1"]) } }),
      { actors: { tags_changed: "dashboard (admin)" } },
    );
    expect(events).toEqual([
      {
        kind: "tags_changed",
        severity: "info",
        message: 'Tag "SITE": "Berlin" → "Paris"',
        from: "Berlin",
        to: "Paris",
        actor: "dashboard (admin)",
      },
      { kind: "tags_changed", severity: "info", message: 'Tag "NEW" set to "1"', to: "1", actor: "dashboard (admin)" },
      {
        kind: "tags_changed",
        severity: "info",
        message: 'Tag "ROLE" removed (it was "x")',
        from: "x",
        actor: "dashboard (admin)",
      },
    ]);
  });
});

describe("a mass change", () => {
  it("lists the first N of each kind and sums up the rest in one event with the worst severity", () => {
    const prev = Array.from({ length: 5000 }, (_, i) => run(i + 1));
    const next = [...prev.map((r) => ({ ...r, status: r.run_id === 5000 ? "error" : "seeding" })), run(6000)];
    const events = detectEvents(view({ runs: { value: prev } }), view(runsStep(prev, next)), {}, 20);
    expect(events).toHaveLength(22);
    expect(events.slice(0, 20).map((e) => e.runId)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(events[20]).toMatchObject({ kind: "run_added", runId: "6000" });
    expect(events[21]).toEqual({
      kind: "run_status",
      severity: "error",
      message: "…and 4,980 more run status events in this poll, not listed one by one",
    });
  });
});
