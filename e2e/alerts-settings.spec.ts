import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { startDashboard } from "../tests/support/processes";
import { startHttpReceiver, type HttpReceiver } from "../tests/support/receivers";
import { expect, test } from "./fixtures";
import { AlertsApi, signInCookie } from "./support/alerts";

/**
 * The settings page and what it must never do: show a secret (in an answer, the page or a log line),
 * let a read-only session change anything, or edit what ALERTS_FILE defines. Also the screenshots of
 * /settings/alerts, light and dark, at 1600 and 390 px (test-results/alerts-screens/).
 */
const ADMIN = "admin-password-1";
const VIEWER = "viewer-password-1";
const SECRETS = {
  hook: "hook-secret-aa11",
  header: "Bearer header-secret-bb22",
  ntfy: "tk_ntfy_secret_cc33",
  slack: "/slack/T000/B000/slack-secret-dd44",
  smtp: "smtp-secret-ee55",
  file: "file-secret-ff66",
};
let receiver: HttpReceiver;

test.beforeEach(async () => {
  receiver = await startHttpReceiver();
});
test.afterEach(async () => {
  await receiver.close();
});

async function addEverything(api: AlertsApi) {
  const hook = await api.channel({
    type: "webhook",
    name: "Ops webhook",
    url: `${receiver.url}/hook`,
    secret: SECRETS.hook,
    headers: { Authorization: SECRETS.header },
  });
  await api.channel({ type: "ntfy", name: "Phones", server: receiver.url, topic: "deck", token: SECRETS.ntfy });
  const slack = await api.channel({ type: "slack", name: "Slack #ops", url: `${receiver.url}${SECRETS.slack}` });
  await api.channel({
    ...{ type: "email", name: "On-call mail", host: "127.0.0.1", port: 9, tls: "none" },
    ...{ user: "deck", password: SECRETS.smtp, from: "deck@example.com", to: ["oncall@example.com"] },
  });
  await api.rule({
    name: "Runs in error",
    trigger: "run_error",
    agents: "*",
    forSeconds: 60,
    remindSeconds: 3600,
    channels: [hook.id, slack.id],
  });
  await api.rule({
    name: "Agent unreachable at night",
    trigger: "agent_unreachable",
    agents: "*",
    forSeconds: 120,
    quietHours: { from: "22:00", to: "07:00" },
    channels: [slack.id],
  });
  receiver.answerNext({ status: 200 }, { status: 500 });
  await api.test(hook.id);
  await api.test(slack.id);
  return { hook, slack };
}

function secretsIn(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, s]) => text.includes(s) || text.includes(s.replace("Bearer ", "")))
    .map(([k]) => k);
}

test("secrets never come back: not in answers, pages, the delivery log, the timeline or the log; file entries are read-only", async ({
  sim,
  page,
}) => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "agent-deck-alerts-file-")), "alerts.json");
  writeFileSync(
    file,
    JSON.stringify({
      channels: [
        {
          id: "ops-file",
          type: "webhook",
          name: "From the file",
          url: `${receiver.url}/file`,
          secret: { env: "DECK_FILE_SECRET" },
        },
      ],
      rules: [{ id: "file-rule", name: "File rule", trigger: "restart_required", agents: "*", channels: ["ops-file"] }],
    }),
  );
  const dashboard = await startDashboard({ AGENT_URL: sim.url, ALERTS_FILE: file, DECK_FILE_SECRET: SECRETS.file });
  try {
    const api = new AlertsApi(dashboard.url);
    await addEverything(api);
    const answers = await Promise.all(
      [
        "/api/alerts/channels",
        "/api/alerts/rules",
        "/api/alerts/deliveries",
        "/api/alerts/incidents",
        "/api/events",
      ].map(async (p) => (await api.call("GET", p)).text),
    );
    expect(secretsIn(answers.join("\n"))).toEqual([]);
    const fileChannel = (await api.channels()).find((c) => c.id === "ops-file");
    expect(fileChannel).toMatchObject({ source: "file", secretSet: true, secretFields: ["secret"] });
    expect((await api.call("PATCH", "/api/alerts/channels/ops-file", { name: "x" })).status).toBe(403);
    expect((await api.call("DELETE", "/api/alerts/rules/file-rule")).status).toBe(403);
    // The file's secret signs what is sent: the test reaches the receiver signed with it.
    expect(await api.test("ops-file")).toMatchObject({ outcome: "delivered" });

    await page.goto(`${dashboard.url}/settings/alerts`);
    await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
    await expect(page.locator("[data-channel-id]").filter({ hasText: "Ops webhook" })).toBeVisible();
    await expect(page.getByText("From ALERTS_FILE · read-only").first()).toBeVisible();
    const fileRow = page.locator('[data-channel-id="ops-file"]');
    await expect(fileRow.getByRole("button", { name: "Edit" })).toHaveCount(0);
    await page
      .locator("[data-channel-id]")
      .filter({ hasText: "Ops webhook" })
      .getByRole("button", { name: "Edit" })
      .click();
    await expect(page.getByLabel("Secret (signs each request)")).toHaveValue("");
    expect(secretsIn(await page.content())).toEqual([]);
    expect(secretsIn(dashboard.output())).toEqual([]);
  } finally {
    await dashboard.stop();
  }
});

test("a view session sees alerts read-only and every change is refused; an admin's works from the page", async ({
  sim,
  page,
}) => {
  const dashboard = await startDashboard({
    AGENT_URL: sim.url,
    DASHBOARD_PASSWORD: ADMIN,
    DASHBOARD_VIEW_PASSWORD: VIEWER,
  });
  try {
    const admin = new AlertsApi(dashboard.url, await signInCookie(dashboard.url, ADMIN));
    const { hook } = await addEverything(admin);
    const rule = (await (await admin.call("GET", "/api/alerts/rules")).json) as { rules: { id: string }[] };
    const viewCookie = await signInCookie(dashboard.url, VIEWER);
    const view = new AlertsApi(dashboard.url, viewCookie);
    expect((await view.call("GET", "/api/alerts/channels")).status).toBe(200);
    const attempts: [string, string, unknown][] = [
      ["POST", "/api/alerts/channels", { type: "webhook", name: "x", url: "http://127.0.0.1:1/" }],
      ["PATCH", `/api/alerts/channels/${hook.id}`, { name: "x" }],
      ["DELETE", `/api/alerts/channels/${hook.id}`, undefined],
      ["POST", `/api/alerts/channels/${hook.id}/test`, undefined],
      ["POST", "/api/alerts/rules", { name: "x", trigger: "run_error", agents: "*", channels: [] }],
      ["PATCH", `/api/alerts/rules/${rule.rules[0]!.id}`, { enabled: false }],
      ["DELETE", `/api/alerts/rules/${rule.rules[0]!.id}`, undefined],
      ["PUT", "/api/alerts/snooze", { for: "1h" }],
      ["DELETE", "/api/alerts/snooze", undefined],
    ];
    const before = receiver.received.length;
    for (const [method, p, body] of attempts)
      expect((await view.call(method, p, body)).status, `${method} ${p}`).toBe(403);
    expect(receiver.received.length, "no test was sent").toBe(before);
    expect(await admin.channels()).toHaveLength(4);

    const [name, value] = viewCookie.split("=");
    await page.context().addCookies([{ name: name!, value: value!, url: dashboard.url }]);
    await page.goto(`${dashboard.url}/settings/alerts`);
    await expect(page.getByRole("status").filter({ hasText: "Read-only" })).toBeVisible();
    await expect(page.locator("[data-channel-id]").filter({ hasText: "Ops webhook" })).toBeVisible();
    for (const label of ["Add channel", "Add rule", "Send test", "Edit", "Delete", "Snooze all for 1 h", "Disable"])
      await expect(page.getByRole("button", { name: label })).toHaveCount(0);

    await page.context().clearCookies();
    const [an, av] = (await signInCookie(dashboard.url, ADMIN)).split("=");
    await page.context().addCookies([{ name: an!, value: av!, url: dashboard.url }]);
    await page.goto(`${dashboard.url}/settings/alerts`);
    await page.getByRole("button", { name: "Add channel" }).click();
    await page.getByLabel("Name", { exact: true }).fill("From the page");
    await page.getByLabel("URL", { exact: true }).fill(`${receiver.url}/page`);
    await page.getByRole("button", { name: "Add channel" }).click();
    const row = page.locator("[data-channel-id]").filter({ hasText: "From the page" });
    await row.getByRole("button", { name: "Send test" }).click();
    await expect(row.getByRole("status")).toContainText("Test delivered (200");
    await page.getByRole("button", { name: "Snooze all for 1 h" }).click();
    await expect(page.getByText(/All notifications are snoozed until/)).toBeVisible();
    const events = (await admin.call("GET", "/api/events?kind=alert_settings_changed")).json as {
      events: { actor?: string }[];
    };
    expect(events.events.every((e) => e.actor?.startsWith("dashboard (admin"))).toBe(true);
    // The timeline of every agent lists them as the dashboard's own events.
    await page.goto(`${dashboard.url}/activity`);
    const change = page
      .locator('[data-kind="alert_settings_changed"]')
      .filter({ hasText: 'Channel "From the page" added' });
    await expect(change).toContainText("Dashboard");
    await expect(change).toContainText("by dashboard (admin");
    await shoot(page, dashboard.url);
  } finally {
    await dashboard.stop();
  }
});

/** The page at 1600 and 390 px, light and dark; at 390 px nothing may scroll sideways. */
async function shoot(page: Page, base: string) {
  for (const scheme of ["light", "dark"] as const)
    for (const width of [1600, 390]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`${base}/settings/alerts`);
      await expect(page.locator("[data-channel-id]").filter({ hasText: "Ops webhook" })).toBeVisible();
      await expect(page.locator("[data-delivery-id]:visible").first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${scheme} ${width}`).toBeLessThanOrEqual(
        width,
      );
      await page.screenshot({
        path: `test-results/alerts-screens/settings-alerts-${scheme}-${width}.png`,
        fullPage: true,
      });
      // The forms, open, as someone adding a channel and a rule sees them.
      await page.getByRole("button", { name: "Add channel" }).click();
      await page.getByRole("button", { name: "Add rule" }).click();
      await page.getByRole("checkbox", { name: "Quiet hours (no notifications)" }).check();
      await page.screenshot({
        path: `test-results/alerts-screens/settings-alerts-forms-${scheme}-${width}.png`,
        fullPage: true,
      });
    }
}
