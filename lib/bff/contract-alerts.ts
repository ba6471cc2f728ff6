import * as z from "@/lib/agent-api/zod";
import { whole } from "./contract-store";

/*
 * The contract of alerts: channels (where notifications go), rules (when they are sent), incidents,
 * the delivery log and the global snooze. Shared by the routes (validation, answers) and the settings
 * page (forms, reading). Secrets are write-only: an input may carry them, no answer ever does.
 */

export const CHANNEL_TYPES = ["webhook", "ntfy", "slack", "discord", "email"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const TRIGGERS = [
  "run_error",
  "run_error_cleared",
  "run_finished",
  "run_not_complete",
  "run_stalled",
  "agent_unreachable",
  "server_disconnected",
  "restart_required",
  "paused_too_long",
  "storage_failing",
  "schedule_failed",
] as const;
export type Trigger = (typeof TRIGGERS)[number];
/** Triggers that are one notification each (nothing to resolve), not incidents that last. */
export const ONE_SHOT_TRIGGERS: readonly Trigger[] = ["run_error_cleared", "run_finished", "schedule_failed"];
/**
 * One-shot triggers fed by events the dashboard records itself, outside a poll (the scheduler's),
 * each named as the event kind it follows; the others follow the events a poll detects.
 */
export const RECORDED_TRIGGERS: readonly Trigger[] = ["schedule_failed"];
/** Triggers that make no sense without a duration: `forSeconds` is required for them. */
export const TIMED_TRIGGERS: readonly Trigger[] = ["run_not_complete", "run_stalled", "paused_too_long"];
/** Triggers about one run (`runMatch` applies); the rest are about an agent, or the dashboard itself. */
export const RUN_TRIGGERS: readonly Trigger[] = [
  "run_error",
  "run_error_cleared",
  "run_finished",
  "run_not_complete",
  "run_stalled",
];

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const text = (what: string, max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1, `${what} must not be empty`),
    z.maxLength(max, `${what} must be at most ${max} characters`),
    z.refine((s: string) => !CONTROL_CHARS.test(s), `${what} must be one line of plain text`),
  );
const httpUrl = (what: string) =>
  z.string().check(
    z.trim(),
    z.maxLength(2000, `${what} must be at most 2000 characters`),
    z.refine((s: string) => {
      try {
        const u = new URL(s);
        return (u.protocol === "http:" || u.protocol === "https:") && !u.username && !u.password;
      } catch {
        return false;
      }
    }, `${what} must be an http:// or https:// URL without user name or password`),
  );
const secret = (what: string) =>
  z.string().check(
    z.minLength(1, `${what} must not be empty (send null to remove it)`),
    z.maxLength(4096, `${what} must be at most 4096 characters`),
    z.refine((s: string) => !/[\r\n\u0000]/.test(s), `${what} must be on one line`),
  );
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
const RESERVED_HEADERS = /^(content-type|content-length|host|x-agentdeck-signature|x-agentdeck-delivery)$/i;
const extraHeaders = z.record(z.string(), secret("A header value")).check(
  z.refine((h: Record<string, string>) => Object.keys(h).length <= 20, "At most 20 extra headers"),
  z.refine(
    (h: Record<string, string>) => Object.keys(h).every((k) => HEADER_NAME.test(k) && !RESERVED_HEADERS.test(k)),
    "Header names must be HTTP tokens other than Content-Type, Content-Length, Host and the X-AgentDeck ones",
  ),
);
const email = z
  .string()
  .check(
    z.trim(),
    z.maxLength(254),
    z.regex(/^[^\s@<>,;"]+@[^\s@<>,;"]+$/, "Each address must look like name@example.com"),
  );

/** Route parameter `{id}`: a channel's or rule's id, generated ("c-1a2b3c4d5e") or one of ALERTS_FILE's slugs. */
export const AlertIdSchema = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "id must be a lowercase slug (a channel's or rule's id)"));

/** A channel's fields as sent (POST whole; PATCH any of them). Secrets: a string sets, null removes. */
export const ChannelInputSchemas = {
  webhook: z.strictObject({
    type: z.literal("webhook"),
    name: text("Name", 100),
    url: httpUrl("URL"),
    secret: z.optional(z.nullable(secret("Secret"))),
    headers: z.optional(z.nullable(extraHeaders)),
  }),
  ntfy: z.strictObject({
    type: z.literal("ntfy"),
    name: text("Name", 100),
    server: z._default(httpUrl("Server URL"), "https://ntfy.sh"),
    topic: z.string().check(z.regex(/^[-_A-Za-z0-9]{1,64}$/, "Topic must be 1 to 64 letters, digits, - or _")),
    token: z.optional(z.nullable(secret("Access token"))),
  }),
  slack: z.strictObject({ type: z.literal("slack"), name: text("Name", 100), url: httpUrl("Webhook URL") }),
  discord: z.strictObject({ type: z.literal("discord"), name: text("Name", 100), url: httpUrl("Webhook URL") }),
  email: z.strictObject({
    type: z.literal("email"),
    name: text("Name", 100),
    host: text("SMTP host", 253),
    port: z.int().check(z.minimum(1, "Port must be 1 to 65535"), z.maximum(65535, "Port must be 1 to 65535")),
    tls: z.enum(["tls", "starttls", "none"]),
    user: z.optional(z.nullable(text("User", 254))),
    password: z.optional(z.nullable(secret("Password"))),
    from: email,
    to: z.array(email).check(z.minLength(1, "Add at least one recipient"), z.maxLength(50)),
  }),
} as const;
export const ChannelInputSchema = z.discriminatedUnion("type", [
  ChannelInputSchemas.webhook,
  ChannelInputSchemas.ntfy,
  ChannelInputSchemas.slack,
  ChannelInputSchemas.discord,
  ChannelInputSchemas.email,
]);
export type ChannelInput = z.infer<typeof ChannelInputSchema>;
/** PATCH: any fields of the channel's own type (the type itself cannot change). */
export const ChannelPatchSchema = z.looseObject({ type: z.optional(z.enum(CHANNEL_TYPES)) });

/** Which fields of each type are write-only. Slack's and Discord's webhook URLs are credentials themselves. */
export const SECRET_FIELDS: Record<ChannelType, readonly string[]> = {
  webhook: ["secret", "headers"],
  ntfy: ["token"],
  slack: ["url"],
  discord: ["url"],
  email: ["password"],
};

export const ChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(CHANNEL_TYPES),
  /** The channel's fields that are not secret (url, topic, host, ...). */
  settings: z.record(z.string(), z.unknown()),
  /** Whether any write-only field is set, and which ones (their values never leave the server). */
  secretSet: z.boolean(),
  secretFields: z.array(z.string()),
  /** Extra header names of a webhook (their values are write-only). */
  headerNames: z.optional(z.array(z.string())),
  /** "file": defined in ALERTS_FILE, shown but not editable here. */
  source: z.enum(["ui", "file"]),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Channel = z.infer<typeof ChannelSchema>;
export const ChannelsResponseSchema = z.object({ channels: z.array(ChannelSchema) });

const clock = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Times are HH:MM, 00:00 to 23:59"));
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** Quiet hours: notifications of this rule are held back from `from` to `to` (local time; may cross midnight). */
export const QuietHoursSchema = z.strictObject({
  from: clock,
  to: clock,
  days: z.optional(z.array(z.enum(DAYS)).check(z.minLength(1, "Pick at least one day"))),
});
const seconds = (what: string, max: number) =>
  z
    .number()
    .check(z.multipleOf(1, `${what} must be whole seconds`), z.minimum(0), z.maximum(max, `${what} is at most ${max}`));
const ruleFields = {
  name: text("Name", 100),
  trigger: z.enum(TRIGGERS),
  agents: z.union([
    z.literal("*"),
    z.array(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/))).check(z.minLength(1)),
  ]),
  /** A glob (`*`, `?`) on the run's name or path, case-insensitive. */
  runMatch: z.optional(z.nullable(text("Run match", 200))),
  forSeconds: z.optional(seconds("forSeconds", 7 * 86_400)),
  remindSeconds: z.optional(
    z.nullable(
      z.number().check(z.multipleOf(1), z.minimum(60, "Reminders are at least 60 s apart"), z.maximum(7 * 86_400)),
    ),
  ),
  /** How long the condition must stay clear before an incident resolves (a flapping run stays one incident). */
  resolveSeconds: z.optional(seconds("resolveSeconds", 86_400)),
  /** run_finished: only when the run moved data. */
  onlyWithData: z.optional(z.boolean()),
  quietHours: z.optional(z.nullable(QuietHoursSchema)),
  channels: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(20)),
  enabled: z._default(z.boolean(), true),
};
export const RuleInputSchema = z.strictObject(ruleFields);
export type RuleInput = z.infer<typeof RuleInputSchema>;
export const RulePatchSchema = z.partial(z.strictObject(ruleFields));
export type RulePatch = z.infer<typeof RulePatchSchema>;

export const RuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  trigger: z.enum(TRIGGERS),
  agents: z.union([z.literal("*"), z.array(z.string())]),
  runMatch: z.optional(z.string()),
  forSeconds: z.number(),
  remindSeconds: z.optional(z.number()),
  resolveSeconds: z.number(),
  onlyWithData: z.optional(z.boolean()),
  quietHours: z.optional(z.object({ from: z.string(), to: z.string(), days: z.optional(z.array(z.enum(DAYS))) })),
  channels: z.array(z.string()),
  enabled: z.boolean(),
  source: z.enum(["ui", "file"]),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Rule = z.infer<typeof RuleSchema>;
export const RulesResponseSchema = z.object({ rules: z.array(RuleSchema) });

export const IncidentSchema = z.object({
  id: z.number(),
  ruleId: z.string(),
  ruleName: z.string(),
  trigger: z.enum(TRIGGERS),
  agent: z.string(),
  subject: z.string(),
  title: z.string(),
  state: z.enum(["open", "resolved"]),
  openedAt: z.number(),
  resolvedAt: z.optional(z.number()),
  lastNotifiedAt: z.optional(z.number()),
  /** Times the condition came back before the incident resolved. */
  flaps: z.number(),
});
export type Incident = z.infer<typeof IncidentSchema>;
export const IncidentsResponseSchema = z.object({ incidents: z.array(IncidentSchema) });

export const DELIVERY_OUTCOMES = ["delivered", "retrying", "failed", "muted"] as const;
export const DeliverySchema = z.object({
  id: z.number(),
  t: z.number(),
  channelId: z.string(),
  channelName: z.string(),
  incidentId: z.optional(z.number()),
  /** The notification's trigger word (JOB_RUN_ERROR, ..., TEST) and state (open, reminder, resolved). */
  trigger: z.string(),
  state: z.string(),
  attempt: z.number(),
  outcome: z.enum(DELIVERY_OUTCOMES),
  /** The HTTP status or SMTP reply code, when the receiver answered. */
  status: z.optional(z.number()),
  error: z.optional(z.string()),
  durationMs: z.number(),
  /** From the change being seen to this delivery (delivered rows). */
  latencyMs: z.optional(z.number()),
  nextAttemptAt: z.optional(z.number()),
});
export type Delivery = z.infer<typeof DeliverySchema>;
export const DeliveriesResponseSchema = z.object({ deliveries: z.array(DeliverySchema), next: z.optional(z.number()) });

/** GET /api/alerts/deliveries?limit=&before=&channel= */
export const DeliveriesQuerySchema = z.strictObject({
  limit: z.optional(whole("limit", 1, 500)),
  before: z.optional(whole("before", 1, Number.MAX_SAFE_INTEGER)),
  channel: z.optional(z.string().check(z.maxLength(64))),
});
/** GET /api/alerts/incidents?state=open|resolved&limit= */
export const IncidentsQuerySchema = z.strictObject({
  state: z.optional(z.enum(["open", "resolved"])),
  limit: z.optional(whole("limit", 1, 500)),
});

export const TestResultSchema = z.object({
  outcome: z.enum(DELIVERY_OUTCOMES),
  status: z.optional(z.number()),
  error: z.optional(z.string()),
  durationMs: z.number(),
});
export type TestResult = z.infer<typeof TestResultSchema>;

/** PUT /api/alerts/snooze: for an hour, or until tomorrow (the next 08:00 of the dashboard's time zone). */
export const SnoozeInputSchema = z.strictObject({ for: z.enum(["1h", "tomorrow"]) });
export const SnoozeSchema = z.object({
  /** Epoch ms when notifications resume; absent when not snoozed. */
  until: z.optional(z.number()),
  by: z.optional(z.string()),
});
export type Snooze = z.infer<typeof SnoozeSchema>;
