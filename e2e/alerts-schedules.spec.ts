import type { Page } from "@playwright/test";
import type { Incident, Rule } from "../lib/bff/contract-alerts";
import type { StoredEvent } from "../lib/bff/contract-store";
import { formatScheduleTime } from "../lib/domain/schedule-text";
import { startHttpReceiver, type HttpReceiver } from "../tests/support/receivers";
import { AlertsApi } from "./support/alerts";
import { expect, test } from "./support/patient";
import { addMaintenance, scheduleCall, scheduleRow, ZONE } from "./support/schedules";

/**
 * Alerts and schedules together (issue 11): a window that mutes alerts holds notifications about its
 * agent back while it lasts (the incident still opens; the delivery log names the window) and the
 * incident still open when it ends is announced then; a schedule that cannot be applied is alerted
 * (SCHEDULE_FAILED), also inside its own muting window. The built dashboard, the simulated agent and
 * a real HTTP receiver on loopback, as processes.
 */
const POLL_MS = 250;
const PUBLIC_URL = "https://deck.example.com";
let receiver: HttpReceiver;

test.use({
  simArgs: ["--runs", "8", "--active-percent", "0"],
  dashboardEnv: { TZ: ZONE, POLL_INTERVAL_MS: String(POLL_MS), BACKGROUND_POLL_MS: String(POLL_MS), PUBLIC_URL },
  timezoneId: ZONE,
});
test.beforeEach(async () => {
  receiver = await startHttpReceiver();
});
test.afterEach(async () => {
  await receiver.close();
});

/** "until 17:00 CET": a window's end as the mute reason says it (the dashboard's zone, named). */
const until = (end: number) => `until ${formatScheduleTime(end, ZONE, Date.now(), true)}`;

/** A webhook channel on the receiver and a run_error rule on one run; the run, to put into error. */
async function runErrorRule(api: AlertsApi, base: string) {
  const hook = await api.channel({ type: "webhook", name: "Ops hook", url: `${receiver.url}/hook` });
  const runs = (await (await fetch(`${base}/api/agents/local/runs`)).json()) as {
    run_id: number;
    name: string;
    status: string;
    errors?: unknown[];
  }[];
  // One without errors of its own (the simulator's mix has runs in error from the start).
  const run = runs.find((r) => !r.errors?.length && r.status !== "error")!;
  const rule = await api.rule({
    name: "Run in error",
    trigger: "run_error",
    agents: "*",
    runMatch: run.name,
    channels: [hook.id],
  });
  return { run, rule };
}

const openIncidents = async (api: AlertsApi, rule: Rule) =>
  ((await api.call("GET", "/api/alerts/incidents?state=open")).json as { incidents: Incident[] }).incidents.filter(
    (i) => i.ruleId === rule.id,
  );

test("a maintenance window mutes alerts about its agent: nothing is sent while it lasts, the log names the window, the incident still open is announced when it ends", async ({
  dashboard,
  control,
}) => {
  const api = new AlertsApi(dashboard.url);
  const { run, rule } = await runErrorRule(api, dashboard.url);
  const { end, schedule } = await addMaintenance(dashboard.port, -1_000, 15_000, { name: "Patch night" });
  expect(schedule).toMatchObject({ pause: true, muteAlerts: true });
  await control.setRun({ runId: run.run_id, status: "error", errors: [{ code: 10200, message: "disk full" }] });

  const reason = `maintenance window "Patch night" ${until(end)}`;
  await expect
    .poll(async () => (await api.deliveries())[0])
    .toMatchObject({
      trigger: "JOB_RUN_ERROR",
      state: "open",
      outcome: "muted",
      attempt: 0,
      error: `Not sent: ${reason}`,
    });
  const [incident] = await openIncidents(api, rule);
  expect(incident).toMatchObject({ trigger: "run_error", subject: `run:${run.run_id}`, state: "open" });
  const events = (await scheduleCall(dashboard.port, "GET", "/api/agents/local/events?kind=alert_opened")).json
    .events as StoredEvent[];
  expect(events[0]!.message).toContain(`(notifications muted: ${reason})`);

  // Nothing reaches the receiver while the window lasts.
  await new Promise((r) => setTimeout(r, Math.max(0, end - Date.now() - 1_000)));
  expect(receiver.received).toEqual([]);
  expect(Date.now()).toBeLessThan(end);

  // The window ends with the run still in error: the incident is announced, once.
  const [announced] = await receiver.waitFor(1, 15_000, "/hook");
  expect(announced!.t).toBeGreaterThanOrEqual(end);
  // The first poll after the end (two intervals, and room for a loaded machine).
  expect(announced!.t - end).toBeLessThanOrEqual(2 * POLL_MS + 1_500);
  expect(announced!.json).toMatchObject({
    trigger: "JOB_RUN_ERROR",
    state: "open",
    job_run: { run_id: run.run_id },
    rule: { id: rule.id },
    incident: { id: incident!.id },
  });
  await expect.poll(async () => (await api.deliveries())[0]).toMatchObject({ outcome: "delivered", state: "open" });
  expect(await openIncidents(api, rule)).toHaveLength(1);
  await new Promise((r) => setTimeout(r, 4 * POLL_MS));
  expect(receiver.received).toHaveLength(1);
});

test("an agent down when a window starts is alerted (SCHEDULE_FAILED from a rule made on the settings page), also inside its own muting window", async ({
  page,
  dashboard,
  control,
}) => {
  const api = new AlertsApi(dashboard.url);
  await api.channel({ type: "webhook", name: "Schedules hook", url: `${receiver.url}/sched` });
  await page.goto("/settings/alerts");
  await page.getByRole("button", { name: "Add rule" }).click();
  const form = page.getByRole("form", { name: "New rule" });
  await form.getByLabel("Name", { exact: true }).fill("Schedules that fail");
  await form.getByLabel("Trigger").selectOption({ label: "Schedule failed" });
  await expect(form).toContainText("Windows that mute alerts do not mute this.");
  // One notification per event: nothing lasts, resolves or reminds.
  await expect(form.getByLabel(/^Lasting/)).toHaveCount(0);
  await expect(form.getByLabel(/^Remind every/)).toHaveCount(0);
  await form.getByRole("checkbox", { name: "Schedules hook" }).check();
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(page.locator("[data-rule-id]").filter({ hasText: "Schedules that fail" })).toContainText(
    "Schedule failed",
  );

  // The agent refuses connections from before the window starts until after it ends.
  await control.fault({ kind: "refuse", ms: 14_000 });
  const { end } = await addMaintenance(dashboard.port, 2_000, 9_000, { name: "Night copy" });
  const [warning] = await receiver.waitFor(1, 20_000, "/sched");
  expect(warning!.json).toMatchObject({
    trigger: "SCHEDULE_FAILED",
    state: "open",
    severity: "warning",
    title: "Schedule failed on Office PC",
    agent: { id: "local", name: "Office PC" },
    event: { kind: "schedule_failed" },
    url: `${PUBLIC_URL}/agents/local/schedules`,
  });
  expect((warning!.json as { message: string }).message).toMatch(
    /^Office PC: Could not pause the agent for Night copy: .+\. Retrying until \d\d:\d\d CES?T$/,
  );
  const [, error] = await receiver.waitFor(2, 20_000, "/sched");
  expect(error!.t).toBeGreaterThanOrEqual(end);
  expect(error!.json).toMatchObject({ trigger: "SCHEDULE_FAILED", severity: "error" });
  expect((error!.json as { message: string }).message).toMatch(
    /^Office PC: Night copy ended at \d\d:\d\d CES?T without the agent being paused: \d+ attempts? failed/,
  );
  // Logged once the dashboard has the receiver's answer.
  await expect
    .poll(async () => (await api.deliveries()).filter((d) => d.trigger === "SCHEDULE_FAILED").map((d) => d.outcome))
    .toEqual(["delivered", "delivered"]);
});

test("the pages say so: the status card and the schedules page that alerts are muted, the delivery log why (screenshots)", async ({
  page,
  dashboard,
  control,
}) => {
  const api = new AlertsApi(dashboard.url);
  const { run } = await runErrorRule(api, dashboard.url);
  const { end } = await addMaintenance(dashboard.port, -60_000, 2 * 3_600_000, { name: "Patch night" });
  await control.setRun({ runId: run.run_id, status: "error", errors: [{ code: 10200, message: "disk full" }] });
  await expect.poll(async () => (await api.deliveries())[0]?.outcome).toBe("muted");
  const clock = formatScheduleTime(end, ZONE, Date.now());

  await page.goto("/agents/local");
  await expect(scheduleRow(page)).toContainText(`Paused by schedule until ${clock}`);
  await expect(scheduleRow(page)).toContainText("Patch night · alerts muted");
  await page.goto("/agents/local/schedules");
  await expect(page.getByRole("listitem", { name: "Patch night" })).toContainText("Mutes alerts");
  await page.goto("/settings/alerts");
  const muted = page.locator("[data-delivery-id]:visible").first();
  await expect(muted).toContainText(
    `Muted: maintenance window "Patch night" ${until(end)} · sent when the mute ends, if the incident is still open`,
  );
  await shoot(page, ["/agents/local", "/agents/local/schedules", "/settings/alerts"]);
});

/** Each page at 1600 and 390 px, light and dark (test-results/alerts-schedules-screens/); none scrolls sideways. */
async function shoot(page: Page, paths: string[]) {
  for (const scheme of ["light", "dark"] as const)
    for (const width of [1600, 390])
      for (const p of paths) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 1000 });
        await page.goto(p);
        const says = page.getByText(/alerts muted|Mutes alerts|Muted: maintenance window/i).filter({ visible: true });
        await expect(says.first()).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${p} ${width}`).toBeLessThanOrEqual(
          width,
        );
        const name = p.replace(/^\//, "").replace(/\//g, "-");
        await page.screenshot({
          path: `test-results/alerts-schedules-screens/${name}-${scheme}-${width}.png`,
          fullPage: true,
        });
      }
}
