import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatScheduleTime } from "../lib/domain/schedule-text";
import type { StoredEvent } from "../lib/bff/contract-store";
import { startDashboard } from "../tests/support/processes";
import { expect, test } from "./support/patient";
import { addMaintenance, clientChanges, scheduleCall, scheduleRow, ZONE } from "./support/schedules";

/**
 * Pause windows end to end (issue 11, items 6-8): the built dashboard and the simulated agent as
 * processes, the dashboard and the browser in Europe/Berlin. What the agent was asked is read from
 * the simulator's request log; what the page says, from the page.
 */
test.use({ dashboardEnv: { TZ: ZONE }, timezoneId: ZONE });

const clock = (t: number) => formatScheduleTime(t, ZONE, Date.now());
const events = async (port: number, kinds: string) =>
  ((await scheduleCall(port, "GET", `/api/agents/local/events?kind=${kinds}`)).json.events as StoredEvent[]) ?? [];

test("a maintenance window starting in a few seconds pauses the agent with the right resume timer, and the page says so", async ({
  page,
  dashboard,
  control,
}) => {
  await page.goto("/agents/local");
  await expect(scheduleRow(page)).toContainText("No pause windows");
  await control.clearRequests();
  const { end, state } = await addMaintenance(dashboard.port, 10_000, 10 * 60_000, { name: "MC upgrade" });
  expect(state.nextPause).toMatchObject({ name: "MC upgrade", until: end });
  await expect(scheduleRow(page)).toContainText(`Next pause ${clock(state.nextPause!.at)}`);

  await expect(scheduleRow(page)).toContainText(`Paused by schedule until ${clock(end)}`);
  await expect(scheduleRow(page)).toContainText("MC upgrade · alerts muted");
  await expect(page.getByText(/resumes in about 0?[89]:\d\d/)).toBeVisible();
  const [pause, ...more] = clientChanges(await control.requests());
  expect(more).toEqual([]);
  expect(pause).toMatchObject({ paused: "true" });
  // The seconds from the moment the agent was asked to the window's end, give or take the second it took.
  expect(Math.abs(Number(pause!.timer) - (end - pause!.t) / 1000)).toBeLessThanOrEqual(1.5);
  const [applied] = await events(dashboard.port, "schedule_applied");
  expect(applied).toMatchObject({ actor: "schedule" });
  expect(applied!.message).toMatch(
    new RegExp(`^MC upgrade started: paused the agent until ${clock(end)} CES?T \\(resume timer ${pause!.timer} s\\)$`),
  );
});

test("Resume now inside a window overrides it until the window ends", async ({ page, dashboard, control }) => {
  const { end, schedule } = await addMaintenance(dashboard.port, -60_000, 30 * 60_000, { name: "Backup" });
  await page.goto("/agents/local");
  await expect(scheduleRow(page)).toContainText(`Paused by schedule until ${clock(end)}`);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(scheduleRow(page)).toContainText(`Schedule overridden until ${clock(end)}`);
  await expect(scheduleRow(page)).toContainText("Changed by hand inside Backup by dashboard (admin, 127.0.0.1)");
  await expect(page.getByRole("button", { name: /^Pause/ }).first()).toBeVisible();
  // A change to the schedule makes the scheduler look again before it answers: it does not pause the
  // agent again (the agent was asked for the pause and the resume, nothing since).
  const renamed = await scheduleCall(dashboard.port, "PATCH", `/api/agents/local/schedules/${schedule.id}`, {
    name: "Nightly backup",
  });
  expect(renamed.json.state).toMatchObject({ window: { mode: "overridden", until: end } });
  expect(clientChanges(await control.requests()).map((c) => c.paused)).toEqual(["true", "false"]);
  expect((await events(dashboard.port, "schedule_overridden"))[0]).toMatchObject({
    actor: "dashboard (admin, 127.0.0.1)",
  });
});

test("deleting an active window resumes the agent", async ({ page, dashboard, control }) => {
  await addMaintenance(dashboard.port, -60_000, 30 * 60_000, { name: "Backup" });
  await page.goto("/agents/local/schedules");
  const item = page.getByRole("listitem", { name: "Backup" });
  await expect(item).toContainText("Running now");
  await item.getByRole("button", { name: "Delete Backup" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete “Backup”?" });
  await expect(dialog).toContainText("deleting it ends it now, and the agent is resumed");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(item).toHaveCount(0);
  await expect(page.getByTestId("schedule-state")).toContainText("No pause ahead");
  await expect.poll(async () => (await control.state()).paused).toBe(false);
  expect(clientChanges(await control.requests()).map((c) => c.paused)).toEqual(["true", "false"]);
  expect((await events(dashboard.port, "schedule_applied"))[0]!.message).toBe("Backup was deleted: resumed the agent");
});

test("an agent that is down when the window starts is paused when it returns, with events saying so", async ({
  page,
  dashboard,
  control,
}) => {
  await page.goto("/agents/local");
  await control.fault({ kind: "refuse", ms: 8_000 });
  const { end } = await addMaintenance(dashboard.port, 2_000, 20 * 60_000, { name: "Night copy" });
  await expect(scheduleRow(page)).toContainText(`Pausing by schedule until ${clock(end)}: not applied yet`);
  await expect(scheduleRow(page)).toContainText(
    /1 attempt failed \(.*connection was refused.*\); retrying|attempts failed/,
  );
  await expect(scheduleRow(page)).toContainText(`Paused by schedule until ${clock(end)}`, { timeout: 30_000 });
  expect((await control.state()).paused).toBe(true);
  const [failed] = await events(dashboard.port, "schedule_failed");
  expect(failed).toMatchObject({ severity: "warning", actor: "schedule" });
  expect(failed!.message).toMatch(/^Could not pause the agent for Night copy: .+ Retrying until/);
  const [applied] = await events(dashboard.port, "schedule_applied");
  expect(applied!.message).toMatch(/^Night copy started: paused the agent until .+ s late: \d+ attempts? failed since/);
  const pause = clientChanges(await control.requests()).find((c) => c.paused === "true")!;
  expect(Math.abs(Number(pause.timer) - (end - pause.t) / 1000)).toBeLessThanOrEqual(1.5);
});

test("a dashboard restarted inside a window applies the rest of it", async ({ sim, control }) => {
  test.slow(); // two dashboard starts on a shared machine
  const env = { AGENT_URL: sim.url, TZ: ZONE, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "agent-deck-schedules-")) };
  let dashboard = await startDashboard(env);
  try {
    const { end } = await addMaintenance(dashboard.port, -60_000, 30 * 60_000, { name: "Upgrade" });
    expect(clientChanges(await control.requests()).map((c) => c.paused)).toEqual(["true"]);
    await dashboard.stop();
    await control.clearRequests();
    dashboard = await startDashboard(env);
    await expect.poll(async () => clientChanges(await control.requests()).length).toBe(1);
    const [again] = clientChanges(await control.requests());
    expect(again!.paused).toBe("true");
    expect(Math.abs(Number(again!.timer) - (end - again!.t) / 1000)).toBeLessThanOrEqual(1.5);
    const [applied] = await events(dashboard.port, "schedule_applied");
    expect(applied!.message).toMatch(
      /^The dashboard started inside Upgrade \(which it had applied\): applying the rest: paused/,
    );
  } finally {
    await dashboard.stop();
  }
});
