import { describe, expect, it } from "vitest";
import { detectEvents } from "@/lib/domain/events";
import { status, run, tags, down, view, runsStep, kinds } from "./event-builders";

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
