import { raw, type RawRequest } from "../security-support";
import { json } from "../tokens-support";

/*
 * Request cases for e2e/openapi.spec.ts: each operation's requests, successes and errors, whose real
 * answers are checked against the OpenAPI document. Here the schedules' and the alerts' cases (the
 * spec holds the rest); a case may make what it needs first (a channel to change, a schedule to delete).
 */
export type Ctx = {
  port: number;
  admin: Record<string, string>;
  read: Record<string, string>;
  cookie: string;
  /** A real HTTP receiver on loopback, for "Send test". */
  receiver: string;
};
export type Case = (c: Ctx) => Promise<RawRequest[]>;

export const get = (path: string, headers: Record<string, string>): RawRequest => ({ path, headers });
export const send = (method: string, path: string, headers: Record<string, string>, body?: unknown): RawRequest => ({
  method,
  path,
  headers: { "Content-Type": "application/json", ...headers },
  body: body === undefined ? undefined : JSON.stringify(body),
});

/** Makes something through the API (with the admin token) and answers its body. */
async function made<T>(c: Ctx, path: string, body: unknown): Promise<T> {
  const res = await raw(c.port, send("POST", path, c.admin, body));
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${res.body}`);
  return json(res) as T;
}
const channel = (c: Ctx, name: string) =>
  made<{ id: string }>(c, "/api/alerts/channels", { type: "webhook", name, url: `${c.receiver}/hook` });
const rule = (c: Ctx, channelId: string) =>
  made<{ id: string }>(c, "/api/alerts/rules", {
    name: "Conformance rule",
    trigger: "run_error",
    agents: "*",
    channels: [channelId],
  });

/** An hour or more ahead, so no case pauses the agent the other cases read. */
const later = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const SCHEDULES = "/api/agents/local/schedules";
const maintenance = (c: Ctx) =>
  made<{ schedule: { id: number } }>(c, SCHEDULES, { kind: "maintenance", start: later(2), end: later(3) });

export const SCHEDULE_CASES: Record<string, Case> = {
  listSchedules: async (c) => [get(SCHEDULES, c.read), get("/api/agents/nobody/schedules", c.read)],
  createSchedule: async (c) => [
    send("POST", SCHEDULES, c.admin, { kind: "maintenance", name: "Patch night", start: later(1), end: later(2) }),
    send("POST", SCHEDULES, c.admin, { kind: "weekly", days: ["sat"], from: "02:00", to: "04:00", muteAlerts: true }),
    send("POST", SCHEDULES, c.admin, { kind: "tag", cron: "0 18 * * 1-5", tag: { name: "MODE", value: "night" } }),
    send("POST", SCHEDULES, c.admin, { kind: "monthly" }),
    send("POST", SCHEDULES, c.admin, { kind: "maintenance", start: later(2), end: later(1) }),
    send("POST", SCHEDULES, c.read, { kind: "tag", cron: "0 18 * * *", tag: { name: "A", value: "b" } }),
  ],
  updateSchedule: async (c) => {
    const { schedule } = await maintenance(c);
    return [
      send("PATCH", `${SCHEDULES}/${schedule.id}`, c.admin, { enabled: false, name: "Renamed" }),
      send("PATCH", `${SCHEDULES}/${schedule.id}`, c.admin, { kind: "tag" }),
      send("PATCH", `${SCHEDULES}/987654`, c.admin, { enabled: false }),
      send("PATCH", `${SCHEDULES}/abc`, c.admin, { enabled: false }),
    ];
  },
  deleteSchedule: async (c) => {
    const { schedule } = await maintenance(c);
    return [
      send("DELETE", `${SCHEDULES}/${schedule.id}`, c.admin),
      send("DELETE", `${SCHEDULES}/${schedule.id}`, c.admin),
    ];
  },
};

export const ALERT_CASES: Record<string, Case> = {
  listAlertChannels: async (c) => [get("/api/alerts/channels", c.read), get("/api/alerts/channels", {})],
  createAlertChannel: async (c) => [
    send("POST", "/api/alerts/channels", c.admin, {
      type: "webhook",
      name: "Signed",
      url: `${c.receiver}/signed`,
      secret: "conformance-secret",
      headers: { "X-Team": "ops" },
    }),
    send("POST", "/api/alerts/channels", c.admin, {
      type: "email",
      name: "Mail",
      host: "127.0.0.1",
      port: 2525,
      tls: "none",
      from: "deck@example.com",
      to: ["ops@example.com"],
    }),
    send("POST", "/api/alerts/channels", c.admin, { type: "webhook", name: "", url: "ftp://example.com" }),
    send("POST", "/api/alerts/channels", c.read, { type: "slack", name: "S", url: `${c.receiver}/slack` }),
  ],
  updateAlertChannel: async (c) => {
    const { id } = await channel(c, "To change");
    return [
      send("PATCH", `/api/alerts/channels/${id}`, c.admin, { name: "Changed", secret: "new-secret" }),
      send("PATCH", `/api/alerts/channels/${id}`, c.admin, { type: "ntfy" }),
      send("PATCH", "/api/alerts/channels/c-nobody", c.admin, { name: "x" }),
      send("PATCH", "/api/alerts/channels/Not_An_Id", c.admin, { name: "x" }),
    ];
  },
  deleteAlertChannel: async (c) => {
    const unused = await channel(c, "To delete");
    const used = await channel(c, "In use");
    await rule(c, used.id);
    return [
      send("DELETE", `/api/alerts/channels/${unused.id}`, c.admin),
      send("DELETE", `/api/alerts/channels/${unused.id}`, c.admin),
      send("DELETE", `/api/alerts/channels/${used.id}`, c.admin),
    ];
  },
  testAlertChannel: async (c) => {
    const good = await channel(c, "Receiver");
    const refused = await made<{ id: string }>(c, "/api/alerts/channels", {
      type: "webhook",
      name: "Nobody listens",
      url: "http://127.0.0.1:9/hook",
    });
    return [
      send("POST", `/api/alerts/channels/${good.id}/test`, c.admin),
      send("POST", `/api/alerts/channels/${refused.id}/test`, c.admin),
      send("POST", `/api/alerts/channels/${good.id}/test`, c.read),
    ];
  },
  listAlertRules: async (c) => [get("/api/alerts/rules", c.read)],
  createAlertRule: async (c) => {
    const { id } = await channel(c, "For rules");
    return [
      send("POST", "/api/alerts/rules", c.admin, {
        name: "Stalled runs",
        trigger: "run_stalled",
        agents: ["local"],
        runMatch: "Full*",
        forSeconds: 600,
        remindSeconds: 3600,
        quietHours: { from: "22:00", to: "07:00", days: ["sat", "sun"] },
        channels: [id],
      }),
      send("POST", "/api/alerts/rules", c.admin, {
        name: "No duration",
        trigger: "run_stalled",
        agents: "*",
        channels: [id],
      }),
      send("POST", "/api/alerts/rules", c.admin, {
        name: "x",
        trigger: "run_error",
        agents: "*",
        channels: ["c-gone"],
      }),
    ];
  },
  updateAlertRule: async (c) => {
    const { id } = await rule(c, (await channel(c, "Rule's")).id);
    return [
      send("PATCH", `/api/alerts/rules/${id}`, c.admin, { enabled: false, runMatch: null }),
      send("PATCH", `/api/alerts/rules/${id}`, c.admin, { remindSeconds: 5 }),
      send("PATCH", "/api/alerts/rules/r-nobody", c.admin, { enabled: false }),
    ];
  },
  deleteAlertRule: async (c) => {
    const { id } = await rule(c, (await channel(c, "Rule's")).id);
    return [send("DELETE", `/api/alerts/rules/${id}`, c.admin), send("DELETE", `/api/alerts/rules/${id}`, c.admin)];
  },
  listAlertIncidents: async (c) => [
    get("/api/alerts/incidents?state=open&limit=10", c.read),
    get("/api/alerts/incidents?state=closed", c.read),
  ],
  listAlertDeliveries: async (c) => [
    get("/api/alerts/deliveries?limit=5", c.read),
    get("/api/alerts/deliveries?limit=0", c.read),
  ],
  getAlertSnooze: async (c) => [get("/api/alerts/snooze", c.read)],
  snoozeAlerts: async (c) => [
    send("PUT", "/api/alerts/snooze", c.admin, { for: "1h" }),
    send("PUT", "/api/alerts/snooze", c.admin, { for: "2h" }),
    send("PUT", "/api/alerts/snooze", c.read, { for: "tomorrow" }),
  ],
  endAlertSnooze: async (c) => [send("DELETE", "/api/alerts/snooze", c.admin)],
};
