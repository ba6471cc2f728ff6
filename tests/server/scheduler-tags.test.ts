import { beforeEach, describe, expect, it } from "vitest";
import type { SimControl } from "./helpers";
import { ADMIN, freshPolls, harness, until, useSimulatedAgent } from "./scheduler-support";

/** Tag schedules against the simulated agent, on a clock the test sets (Berlin, across the spring change). */
describe("tag schedules", () => {
  const agent = useSimulatedAgent(["--runs", "2"]);
  let control: SimControl;
  beforeEach(async () => {
    control = agent.control;
    await control.reset();
    await freshPolls();
    await control.clearRequests();
  });

  const office = async () => (await control.state()).tags.find((t) => t.name === "OFFICE")?.value;
  const tagWrites = async () =>
    (await control.requests()).filter((r) => r.method === "PATCH" && r.path === "/api/v3/tags").length;

  it("set their tag at their times; a fire missed while the dashboard was stopped is set when it starts, the latest fire of a tag winning", async () => {
    const h = harness("2026-03-27T00:00:00Z");
    const created = h.clock.t;
    const evening = {
      kind: "tag",
      name: "Evening",
      cron: "0 18 * * 1-5",
      tag: { name: "OFFICE", value: "closed" },
    } as const;
    h.scheduler.store.insert("local", evening, created);
    h.scheduler.store.insert(
      "local",
      { kind: "tag", cron: "0 8 * * 1-5", tag: { name: "OFFICE", value: "open" } },
      created,
    );
    // Monday 08:30 CEST: Friday's 18:00 CET and Monday's 08:00 CEST both passed while the dashboard was stopped.
    h.clock.set("2026-03-30T06:30:00Z");
    await h.restart().tick();
    expect(await office()).toBe("open");
    expect(await tagWrites()).toBe(1);
    expect(h.events(["schedule_applied"])[0]).toMatchObject({
      actor: "schedule",
      message: 'Set tag OFFICE = "open" (due at 08:00 CEST, while the dashboard was not running)',
    });
    await h.scheduler.tick();
    expect(await tagWrites()).toBe(1);
    expect(h.scheduler.schedules("local").map((s) => (s.kind === "tag" ? [s.firedAt, s.nextAt] : []))).toEqual([
      [Date.parse("2026-03-27T17:00:00Z"), Date.parse("2026-03-30T16:00:00Z")],
      [Date.parse("2026-03-30T06:00:00Z"), Date.parse("2026-03-31T06:00:00Z")],
    ]);

    h.clock.set("2026-03-30T16:00:00Z");
    await h.scheduler.tick();
    expect(await office()).toBe("closed");
    expect(h.events(["schedule_applied"])[0]!.message).toBe('Evening: set tag OFFICE = "closed"');
    await until(
      "the tag change is the schedule's in the log",
      () => h.events(["tags_changed"])[0]?.actor === "schedule",
    );
  });

  it("a fire that fails is retried, and one never set before the next fire is an error", async () => {
    const h = harness("2026-03-30T05:59:00Z");
    await h.service.add("local", { kind: "tag", cron: "0 8 * * 1-5", tag: { name: "OFFICE", value: "open" } }, ADMIN);
    await control.fault({ kind: "http500", methods: ["PATCH"], paths: ["/api/v3/tags"] });
    h.clock.set("2026-03-30T06:00:00Z");
    await h.scheduler.tick();
    const [warning] = h.events(["schedule_failed"]);
    expect(warning).toMatchObject({ severity: "warning" });
    expect(warning!.message).toBe(
      'Could not set tag OFFICE = "open": The agent answered HTTP 500 when asked for a change of its tags. Retrying until the next fire at Tue 08:00 CEST',
    );
    expect(h.wakeAt()).toBe(Date.parse("2026-03-30T06:00:02Z"));
    await control.clearFaults();
    h.clock.set("2026-03-30T06:00:02Z");
    await h.scheduler.tick();
    expect(await office()).toBe("open");
    expect(h.events(["schedule_applied"])[0]!.message).toMatch(
      /^Set tag OFFICE = "open" \(due at 08:00 CEST; 1 attempt failed before: The agent answered HTTP 500/,
    );

    await control.fault({ kind: "http500", methods: ["PATCH"], paths: ["/api/v3/tags"] });
    h.clock.set("2026-03-31T06:00:00Z");
    await h.scheduler.tick();
    h.clock.set("2026-04-01T06:00:00Z");
    await h.scheduler.tick();
    // Newest first: the new fire's own first failure, then the error about the one it replaced.
    const [again, error] = h.events(["schedule_failed"]);
    expect(again).toMatchObject({ severity: "warning" });
    expect(error).toMatchObject({ severity: "error", actor: "schedule" });
    expect(error!.message).toMatch(
      /^Tag OFFICE = "open" was never set for 31 Mar 08:00 CEST \(1 attempt, last: .+\); the fire at 08:00 CEST takes its place$/,
    );
  });
});
