import { beforeEach, describe, expect, it } from "vitest";
import { requireAgent } from "@/lib/server/agents";
import { alertMuteWindow, scheduleMuteReason } from "@/lib/server/schedules";
import type { SimControl } from "./helpers";
import { ADMIN, clientChanges, freshPolls, harness, until, useSimulatedAgent } from "./scheduler-support";

/**
 * The scheduler against the simulated agent, on a clock the test sets (no waiting for windows):
 * what it sends the agent (the simulator's request log), what it records, and what it says.
 */
describe("the scheduler", () => {
  const agent = useSimulatedAgent(["--runs", "3"], { AGENT_TIMEOUT_MS: "1500" });
  let control: SimControl;
  beforeEach(async () => {
    control = agent.control;
    await control.reset();
    await freshPolls();
    await control.clearRequests();
  });

  const maintenance = {
    kind: "maintenance",
    name: "MC upgrade",
    start: "2026-03-30T08:00:05Z",
    end: "2026-03-30T09:00:00Z",
  } as const;

  it("pauses for a maintenance window with the seconds until it ends, once, and leaves the resume to the agent's timer", async () => {
    const h = harness("2026-03-30T08:00:00Z");
    const added = await h.service.add("local", maintenance, ADMIN);
    expect(added.state.nextPause).toMatchObject({
      at: Date.parse(maintenance.start),
      until: Date.parse(maintenance.end),
    });
    expect(added.schedule).toMatchObject({ kind: "maintenance", pause: true, muteAlerts: true, enabled: true });
    expect(h.wakeAt()).toBe(Date.parse(maintenance.start));
    expect(await clientChanges(control)).toEqual([]);

    h.clock.set(maintenance.start);
    await h.scheduler.tick();
    expect(await clientChanges(control)).toEqual(["pause 3595"]);
    expect(h.scheduler.state("local").window).toMatchObject({ mode: "paused", until: Date.parse(maintenance.end) });
    // It looks again at least once a minute, whatever is due.
    expect(h.wakeAt()).toBe(h.clock.t + 60_000);
    const [applied] = h.events(["schedule_applied"]);
    expect(applied).toMatchObject({
      actor: "schedule",
      severity: "info",
      message: "MC upgrade started: paused the agent until 11:00 CEST (resume timer 3595 s)",
    });
    expect(h.events(["schedule_changed"])[0]).toMatchObject({ actor: ADMIN });
    expect(h.events(["schedule_changed"])[0]!.message).toMatch(/^Schedule added: maintenance window "MC upgrade"/);
    await until("the paused event names the schedule", () => h.events(["paused"])[0]?.actor === "schedule");

    h.clock.t += 60_000;
    await h.scheduler.tick();
    h.clock.set(maintenance.end);
    await h.scheduler.tick();
    expect(await clientChanges(control)).toEqual(["pause 3595"]);
    expect(h.scheduler.state("local").window).toBeUndefined();

    // An ended window may still be renamed or disabled; new times in the past are refused.
    const id = added.schedule.id;
    const renamed = await h.service.update("local", id, { name: "Old upgrade", enabled: false }, ADMIN);
    expect(renamed.schedule).toMatchObject({ name: "Old upgrade", enabled: false });
    await expect(h.service.update("local", id, { end: "2026-03-30T08:30:00Z" }, ADMIN)).rejects.toMatchObject({
      code: "invalid_input",
      fields: { end: ["end is in the past: the window would never run"] },
    });
  });

  it("computes the resume timer across a DST change (Berlin, spring and autumn)", async () => {
    const h = harness("2026-03-29T00:30:00Z");
    const night = { kind: "weekly" as const, days: ["sun" as const], from: "01:00", to: "04:00" };
    const { state } = await h.service.add("local", night, ADMIN);
    // 01:30 CET to 04:00 CEST is 1.5 hours: the hour from 02:00 to 03:00 does not exist that night.
    expect(await clientChanges(control)).toEqual(["pause 5400"]);
    expect(state.window).toMatchObject({ mode: "paused", until: Date.parse("2026-03-29T02:00:00Z") });

    const autumn = harness("2026-10-25T00:30:00Z");
    await control.setState({ paused: false });
    await freshPolls();
    await control.clearRequests();
    await autumn.service.add("local", night, ADMIN);
    // 02:30 CEST (the first of the two) to 04:00 CET is 2.5 hours.
    expect(await clientChanges(control)).toEqual(["pause 9000"]);
  });

  it("a dashboard restarted inside a window applies the rest; one that starts after the window began applies it too", async () => {
    const h = harness("2026-03-30T08:00:05Z");
    await h.service.add("local", maintenance, ADMIN);
    h.clock.set("2026-03-30T08:30:00Z");
    const again = h.restart();
    await again.tick();
    expect(await clientChanges(control)).toEqual(["pause 3595", "pause 1800"]);
    expect(h.events(["schedule_applied"])[0]!.message).toBe(
      "The dashboard started inside MC upgrade (which it had applied): applying the rest: paused the agent until 11:00 CEST (resume timer 1800 s)",
    );

    // A window that began while the dashboard was stopped: stored, never applied, the dashboard starts inside it.
    await control.setState({ paused: false });
    await freshPolls();
    const later = harness("2026-03-30T07:00:00Z");
    later.scheduler.store.insert("local", { ...maintenance, name: "Backup" }, Date.parse("2026-03-30T07:00:00Z"));
    later.clock.set("2026-03-30T08:15:00Z");
    await later.restart().tick();
    expect((await clientChanges(control)).at(-1)).toBe("pause 2700");
    expect(later.events(["schedule_applied"])[0]!.message).toMatch(/^The dashboard started inside Backup: paused/);

    // One added after the start, to have begun before it, is not something the start found.
    await control.setState({ paused: false });
    await freshPolls();
    const added = harness("2026-03-30T08:20:00Z");
    await added.service.add("local", { ...maintenance, name: "Late entry" }, ADMIN);
    expect(added.events(["schedule_applied"])[0]!.message).toMatch(/^Late entry now covers this moment: paused/);
  });

  it("Resume now inside a window overrides it until the window ends, across a restart too", async () => {
    const h = harness("2026-03-30T08:00:05Z");
    await h.service.add("local", maintenance, ADMIN);
    await requireAgent("local").resume(ADMIN);
    h.clock.set("2026-03-30T08:10:00Z");
    await h.scheduler.tick();
    await h.restart().tick();
    expect(await clientChanges(control)).toEqual(["pause 3595", "resume"]);
    expect(h.scheduler.state("local").window).toMatchObject({ mode: "overridden", by: ADMIN });
    expect(h.events(["schedule_overridden"])[0]).toMatchObject({
      actor: ADMIN,
      message: "Resumed by hand inside MC upgrade: the schedule leaves the agent running until 11:00 CEST",
    });
    h.clock.set("2026-03-30T08:59:30Z");
    await h.scheduler.tick();
    expect(h.wakeAt()).toBe(Date.parse(maintenance.end));
    h.clock.set(maintenance.end);
    await h.scheduler.tick();
    expect(h.scheduler.state("local").window).toBeUndefined();
  });

  it("a resume made outside the dashboard inside a window is an override too", async () => {
    const h = harness("2026-03-30T08:00:05Z");
    await h.service.add("local", maintenance, ADMIN);
    await control.setState({ paused: false });
    await until("the override is seen", () => h.scheduler.state("local").window?.mode === "overridden");
    await h.scheduler.tick();
    expect(await clientChanges(control)).toEqual(["pause 3595"]);
    expect(h.events(["schedule_overridden"])[0]).toMatchObject({ actor: "outside the dashboard" });
  });

  it("merges overlapping windows; deleting one shortens the pause, deleting the last resumes the agent", async () => {
    const h = harness("2026-03-30T08:00:05Z");
    const a = await h.service.add("local", maintenance, ADMIN);
    const b = await h.service.add(
      "local",
      { kind: "weekly", days: ["mon"], from: "10:30", to: "12:00", name: "Late" },
      ADMIN,
    );
    expect(b.state.window).toMatchObject({ name: "MC upgrade + Late", until: Date.parse("2026-03-30T10:00:00Z") });
    await h.service.remove("local", b.schedule.id, ADMIN);
    const state = await h.service.remove("local", a.schedule.id, ADMIN);
    expect(state.window).toBeUndefined();
    expect(await clientChanges(control)).toEqual(["pause 3595", "pause 7195", "pause 3595", "resume"]);
    expect(h.events(["schedule_applied"]).map((e) => e.message)).toEqual([
      "MC upgrade was deleted: resumed the agent",
      "MC upgrade changed: paused the agent until 11:00 CEST (resume timer 3595 s)",
      "MC upgrade + Late changed: paused the agent until 12:00 CEST (resume timer 7195 s)",
      "MC upgrade started: paused the agent until 11:00 CEST (resume timer 3595 s)",
    ]);
    expect((await control.state()).paused).toBe(false);
  });

  it("an agent that is down when the window starts is paused when it comes back, within the window, with events saying so", async () => {
    const h = harness("2026-03-30T08:00:00Z");
    await h.service.add("local", maintenance, ADMIN);
    await control.fault({ kind: "refuse", ms: 1500 });
    await until(
      "the agent is seen down",
      () =>
        !requireAgent("local").collector.snapshot.status.value ||
        Boolean(requireAgent("local").collector.snapshot.status.error),
    );
    h.clock.set(maintenance.start);
    await h.scheduler.tick();
    expect(h.scheduler.state("local").window).toMatchObject({ mode: "applying", attempts: 1 });
    const [warning] = h.events(["schedule_failed"]);
    expect(warning).toMatchObject({ severity: "warning", actor: "schedule" });
    expect(warning!.message).toMatch(/^Could not pause the agent for MC upgrade: .+\. Retrying until 11:00 CEST$/);
    // Back within reach: the scheduler tries at once, without waiting for its next retry.
    h.clock.set("2026-03-30T08:00:06Z");
    await until("applied once the agent is back", () => h.scheduler.state("local").window?.mode === "paused");
    expect(await clientChanges(control)).toEqual(["pause 3594"]);
    expect(h.events(["schedule_applied"])[0]!.message).toMatch(
      /^MC upgrade started: paused the agent until 11:00 CEST \(resume timer 3594 s\), 1 s late: 1 attempt failed since 10:00 CEST \(last: .+\)$/,
    );
  });

  it("a window that ends before it could be applied is an error in the log, never dropped", async () => {
    const h = harness("2026-03-30T08:00:05Z");
    await control.fault({ kind: "http500", methods: ["PATCH"] });
    await h.service.add("local", maintenance, ADMIN);
    h.clock.set("2026-03-30T08:30:00Z");
    await h.scheduler.tick();
    h.clock.set(maintenance.end);
    await h.scheduler.tick();
    const failed = h.events(["schedule_failed"]);
    expect(failed.map((e) => e.severity)).toEqual(["error", "warning"]);
    expect(failed[0]!.message).toMatch(
      /^MC upgrade ended at 11:00 CEST without the agent being paused: 2 attempts failed since 10:00 CEST \(last: The agent answered HTTP 500 when asked for a pause\)$/,
    );
  });

  it("leaves an agent paused by hand (no timer) as it is", async () => {
    await control.setState({ paused: true });
    await freshPolls();
    await control.clearRequests();
    const h = harness("2026-03-30T08:00:05Z");
    const { state } = await h.service.add("local", maintenance, ADMIN);
    expect(state.window).toMatchObject({ mode: "left" });
    expect(await clientChanges(control)).toEqual([]);
    expect(h.events(["schedule_applied"])[0]!.message).toMatch(/paused by hand with no resume timer: it stays paused/);
  });

  it("windows mute alerts as asked: maintenance by default, weekly when told", async () => {
    const h = harness("2026-03-30T08:30:00Z");
    await control.setState({ paused: true });
    await freshPolls();
    await h.service.add("local", { ...maintenance, pause: false }, ADMIN);
    expect(alertMuteWindow("local", Date.parse("2026-03-30T08:30:00Z"))).toMatchObject({
      name: "MC upgrade",
      end: Date.parse(maintenance.end),
    });
    expect(alertMuteWindow("local", Date.parse(maintenance.end))).toBeUndefined();
    // What the delivery log and the timeline say: the window and its end, in its zone.
    expect(scheduleMuteReason("local", Date.parse("2026-03-30T08:30:00Z"))).toBe(
      'maintenance window "MC upgrade" until 11:00 CEST',
    );
    expect(scheduleMuteReason("local", Date.parse(maintenance.end))).toBeUndefined();
    expect(h.scheduler.state("local").window).toMatchObject({ mode: "mute" });
    await h.service.add("local", { kind: "weekly", days: ["tue"], from: "09:00", to: "10:00" }, ADMIN);
    expect(alertMuteWindow("local", Date.parse("2026-03-31T07:30:00Z"))).toBeUndefined();
    await h.service.add(
      "local",
      { kind: "weekly", days: ["tue"], from: "22:00", to: "06:00", muteAlerts: true },
      ADMIN,
    );
    expect(scheduleMuteReason("local", Date.parse("2026-03-31T21:00:00Z"))).toBe(
      "weekly window Tue 22:00–06:00 until Wed 06:00 CEST",
    );
    await h.service.add(
      "local",
      { kind: "maintenance", pause: false, start: "2026-04-01T08:00:00Z", end: "2026-04-01T09:00:00Z" },
      ADMIN,
    );
    expect(scheduleMuteReason("local", Date.parse("2026-04-01T08:30:00Z"))).toBe("maintenance window until 11:00 CEST");
    expect(await clientChanges(control)).toEqual([]);
  });
});
