import { signatureValid, startHttpReceiver, startSmtpReceiver, type HttpReceiver } from "../tests/support/receivers";
import { expect, test } from "./fixtures";
import { AlertsApi } from "./support/alerts";
import { parseExposition, value } from "./support/prom-text";

/**
 * Alerts end to end: the built dashboard watching the simulated agent, notifications received by
 * real servers on loopback (HTTP for webhook, ntfy, Slack and Discord; SMTP for email).
 */
const POLL_MS = 250;
const SECRET = "e2e-webhook-secret-7f3a";
let receiver: HttpReceiver;

test.use({
  simArgs: ["--runs", "8", "--active-percent", "0"],
  dashboardEnv: {
    POLL_INTERVAL_MS: String(POLL_MS),
    BACKGROUND_POLL_MS: String(POLL_MS),
    PUBLIC_URL: "https://deck.example.com",
  },
});
test.beforeEach(async () => {
  receiver = await startHttpReceiver();
});
test.afterEach(async () => {
  await receiver.close();
});

test("an error in the simulator reaches the webhook, signed, within 2 poll intervals plus forSeconds; every channel in its own format", async ({
  dashboard,
  control,
}) => {
  const api = new AlertsApi(dashboard.url);
  const hook = await api.channel({ type: "webhook", name: "Hook", url: `${receiver.url}/hook`, secret: SECRET });
  const ntfy = await api.channel({
    type: "ntfy",
    name: "Phone",
    server: `${receiver.url}/ntfy`,
    topic: "deck",
    token: "tk_123",
  });
  const slack = await api.channel({ type: "slack", name: "Slack", url: `${receiver.url}/slack/T0/B0/xyz` });
  const discord = await api.channel({ type: "discord", name: "Discord", url: `${receiver.url}/discord/1/abc` });
  const runs = (await (await fetch(`${dashboard.url}/api/agents/local/runs`)).json()) as {
    run_id: number;
    name: string;
  }[];
  const target = runs[3]!;
  const forSeconds = 2;
  await api.rule({
    name: "One run in error",
    trigger: "run_error",
    agents: "*",
    runMatch: target.name,
    forSeconds,
    resolveSeconds: 0,
    channels: [hook.id, ntfy.id, slack.id, discord.id],
  });
  const before = Date.now();
  await control.setRun({
    runId: target.run_id,
    status: "error",
    errors: [{ code: 10200, message: "SE_AGENT_DISK_FULL" }],
  });
  const [got] = await receiver.waitFor(1, 15_000, "/hook");
  const elapsed = got!.t - before;
  // Two poll intervals (the one that sees it, the one forSeconds later) plus forSeconds; the POST
  // itself on loopback is allowed half a second (the machine is shared).
  expect(elapsed, `${elapsed} ms`).toBeLessThanOrEqual(2 * POLL_MS + forSeconds * 1000 + 500);
  expect(elapsed).toBeGreaterThanOrEqual(forSeconds * 1000);
  expect(signatureValid(SECRET, got!.body, got!.headers["x-agentdeck-signature"])).toBe(true);
  expect(got!.json).toMatchObject({
    trigger: "JOB_RUN_ERROR",
    state: "open",
    agent: { id: "local", name: "Office PC" },
    job_run: { run_id: target.run_id, status: "error", errors: [{ code: 10200 }] },
    url: `https://deck.example.com/agents/local/runs/${target.run_id}`,
  });
  const [n] = await receiver.waitFor(1, 5_000, "/ntfy/");
  expect(n!.headers.authorization).toBe("Bearer tk_123");
  expect(n!.json).toMatchObject({ topic: "deck", priority: 4, click: expect.stringContaining("/runs/") });
  const [s] = await receiver.waitFor(1, 5_000, "/slack/T0/B0/xyz");
  expect(s!.json).toMatchObject({ attachments: [{ color: "#dc2626" }] });
  const [d] = await receiver.waitFor(1, 5_000, "/discord/1/abc");
  expect(d!.json).toMatchObject({ allowed_mentions: { parse: [] }, embeds: [{ color: 0xdc2626 }] });

  // A flap within the rule's resolve time would stay one incident; with resolveSeconds 0 the
  // clearing resolves at once: one resolution per channel, then nothing more.
  await control.setRun({ runId: target.run_id, status: "synced", errors: [] });
  const hooks = await receiver.waitFor(2, 10_000, "/hook");
  expect(hooks[1]!.json).toMatchObject({ trigger: "JOB_RUN_ERROR_CLEARED", state: "resolved" });
  await expect.poll(async () => (await api.deliveries()).length).toBe(8);
  const log = await api.deliveries();
  expect(log.every((x) => x.outcome === "delivered" && x.attempt === 1 && x.latencyMs !== undefined)).toBe(true);
  // The watcher is watched too: deliveries by channel type and outcome, the outbox and open incidents.
  const metrics = parseExposition(await (await fetch(`${dashboard.url}/api/metrics`)).text());
  for (const type of ["webhook", "ntfy", "slack", "discord"])
    expect(value(metrics, "agentdeck_alert_deliveries_total", { channel_type: type, outcome: "delivered" }), type).toBe(
      2,
    );
  expect(value(metrics, "agentdeck_alert_outbox_pending")).toBe(0);
  expect(value(metrics, "agentdeck_alert_incidents_open")).toBe(0);
});

test("email goes out over SMTP with the channel's user and password", async ({ dashboard }) => {
  const smtp = await startSmtpReceiver({ user: "deck", pass: "smtp-pass-9" });
  try {
    const api = new AlertsApi(dashboard.url);
    const mail = await api.channel({
      type: "email",
      name: "Ops mail",
      host: "127.0.0.1",
      port: smtp.port,
      tls: "none",
      user: "deck",
      password: "smtp-pass-9",
      from: "deck@example.com",
      to: ["ops@example.com", "oncall@example.com"],
    });
    expect(await api.test(mail.id)).toMatchObject({ outcome: "delivered", status: 250 });
    const [m] = await smtp.waitFor(1);
    expect(m).toMatchObject({ from: "deck@example.com", to: ["ops@example.com", "oncall@example.com"], user: "deck" });
    expect(m!.raw).toContain("Subject: [Agent Deck] Test: Agent Deck test notification");
    expect(m!.raw).toContain("https://deck.example.com/settings/alerts");
    const wrong = await api.channel({ ...mailBody(smtp.port), name: "Wrong password", password: "nope" });
    const failed = await api.test(wrong.id);
    expect(failed).toMatchObject({ outcome: "failed", status: 535 });
    expect(failed.error).not.toContain("nope");
  } finally {
    await smtp.close();
  }
});

function mailBody(port: number) {
  return {
    type: "email",
    host: "127.0.0.1",
    port,
    tls: "none",
    user: "deck",
    from: "deck@example.com",
    to: ["ops@example.com"],
  };
}
