import * as z from "@/lib/agent-api/zod";
import * as c from "../contract";
import * as a from "../contract-alerts";
import { json, type Operation } from "./shape";

/*
 * Alerts' part of the API (README "Alerts"): channels, rules, incidents, the delivery log and the
 * snooze. Reading needs `read`; every change needs `admin`. Secrets are write-only: bodies may carry
 * them, no answer does.
 */

/**
 * PATCH of a channel: some fields of its own type, checked whole once merged into what is stored
 * (the route reads the body loosely, lib/server/alerts/channel-input.ts checks the result with the
 * type's schema). Documented as what it is: a part of one type's fields.
 */
const ChannelPatchDoc = z.union(a.CHANNEL_TYPES.map((t) => z.partial(a.ChannelInputSchemas[t])));
const FILE = "Entries from ALERTS_FILE cannot be changed here (403).";

export const ALERT_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/alerts/channels",
    operationId: "listAlertChannels",
    tag: "Alerts",
    summary: "Where notifications go: each channel's settings and which secrets are set, never their values",
    scope: "read",
    replies: { 200: json("The channels", a.ChannelsResponseSchema) },
  },
  {
    method: "post",
    path: "/api/alerts/channels",
    operationId: "createAlertChannel",
    tag: "Alerts",
    summary: "Add a channel: webhook (optional HMAC secret and headers), ntfy, Slack, Discord or email (SMTP)",
    scope: "admin",
    body: {
      schema: a.ChannelInputSchema,
      example: { type: "webhook", name: "Ops", url: "https://ops.example/hook", secret: "a-long-random-secret" },
    },
    replies: { 201: json("Added, as GET lists it (no secret)", a.ChannelSchema) },
  },
  {
    method: "patch",
    path: "/api/alerts/channels/{id}",
    operationId: "updateAlertChannel",
    tag: "Alerts",
    summary: "Change some fields of the channel's own type; a secret left out is kept, `null` removes it",
    description: `The type cannot change; the result is checked whole (400 with fields). ${FILE}`,
    scope: "admin",
    body: { schema: ChannelPatchDoc, example: { name: "Ops (nights)", secret: null } },
    replies: { 200: json("Changed", a.ChannelSchema) },
  },
  {
    method: "delete",
    path: "/api/alerts/channels/{id}",
    operationId: "deleteAlertChannel",
    tag: "Alerts",
    summary: "Delete a channel no rule uses (400 naming the rules that do)",
    description: FILE,
    scope: "admin",
    replies: { 200: json("Deleted", c.MutationResponseSchema) },
  },
  {
    method: "post",
    path: "/api/alerts/channels/{id}/test",
    operationId: "testAlertChannel",
    tag: "Alerts",
    summary: "Send a test notification now; the answer says whether the receiver took it (also in the delivery log)",
    scope: "admin",
    replies: { 200: json("Sent, or the receiver's failure (200 either way)", a.TestResultSchema) },
  },
  {
    method: "get",
    path: "/api/alerts/rules",
    operationId: "listAlertRules",
    tag: "Alerts",
    summary: "When notifications are sent: each rule's trigger, agents, runs, timing, quiet hours and channels",
    scope: "read",
    replies: { 200: json("The rules", a.RulesResponseSchema) },
  },
  {
    method: "post",
    path: "/api/alerts/rules",
    operationId: "createAlertRule",
    tag: "Alerts",
    summary: "Add a rule; defaults are filled in (forSeconds 0, resolveSeconds 60, enabled)",
    description:
      "`forSeconds` is required by run_not_complete, run_stalled and paused_too_long; `runMatch` applies to run triggers, `onlyWithData` to run_finished; channels and agents must exist.",
    scope: "admin",
    body: {
      schema: a.RuleInputSchema,
      example: {
        name: "Runs in error",
        trigger: "run_error",
        agents: "*",
        forSeconds: 60,
        remindSeconds: 3600,
        channels: ["c-1a2b3c4d5e"],
      },
    },
    replies: { 201: json("Added", a.RuleSchema) },
  },
  {
    method: "patch",
    path: "/api/alerts/rules/{id}",
    operationId: "updateAlertRule",
    tag: "Alerts",
    summary: "Change some fields (`null` clears an optional one); the result is checked whole",
    description: FILE,
    scope: "admin",
    body: { schema: a.RulePatchSchema, example: { enabled: false } },
    replies: { 200: json("Changed", a.RuleSchema) },
  },
  {
    method: "delete",
    path: "/api/alerts/rules/{id}",
    operationId: "deleteAlertRule",
    tag: "Alerts",
    summary: "Delete a rule (its open incidents close, unannounced)",
    description: FILE,
    scope: "admin",
    replies: { 200: json("Deleted", c.MutationResponseSchema) },
  },
  {
    method: "get",
    path: "/api/alerts/incidents",
    operationId: "listAlertIncidents",
    tag: "Alerts",
    summary: "Incidents, newest first",
    scope: "read",
    query: a.IncidentsQuerySchema,
    notes: { state: "Only open or only resolved ones", limit: "At most this many, 1 to 500 (100)" },
    replies: { 200: json("The incidents", a.IncidentsResponseSchema) },
  },
  {
    method: "get",
    path: "/api/alerts/deliveries",
    operationId: "listAlertDeliveries",
    tag: "Alerts",
    summary: "The delivery log, newest first: every attempt, test and muted notification (with why)",
    scope: "read",
    query: a.DeliveriesQuerySchema,
    notes: {
      limit: "Rows per page, 1 to 500 (100)",
      before: "Only older rows than this id: the previous answer's `next`",
      channel: "Only this channel's rows (its id)",
    },
    replies: { 200: json("A page of the log", a.DeliveriesResponseSchema) },
  },
  {
    method: "get",
    path: "/api/alerts/snooze",
    operationId: "getAlertSnooze",
    tag: "Alerts",
    summary: "Whether every notification is held back, until when and by whom (`{}` when not)",
    scope: "read",
    replies: { 200: json("The snooze", a.SnoozeSchema) },
  },
  {
    method: "put",
    path: "/api/alerts/snooze",
    operationId: "snoozeAlerts",
    tag: "Alerts",
    summary: "Hold every notification back for an hour, or until 08:00 tomorrow (the dashboard's time zone)",
    description: "Incidents still open and resolve; one still open when the snooze ends is announced then.",
    scope: "admin",
    body: { schema: a.SnoozeInputSchema, example: { for: "1h" } },
    replies: { 200: json("Snoozed", a.SnoozeSchema) },
  },
  {
    method: "delete",
    path: "/api/alerts/snooze",
    operationId: "endAlertSnooze",
    tag: "Alerts",
    summary: "End the snooze now",
    scope: "admin",
    replies: { 200: json("Not snoozed", a.SnoozeSchema) },
  },
];
