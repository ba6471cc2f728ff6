import * as z from "@/lib/agent-api/zod";
import type { $ZodType } from "zod/v4/core";
import { RunSchema, RunsSchema } from "@/lib/agent-api/runs";
import { TagsResponseSchema } from "@/lib/agent-api/tags";
import * as c from "../contract";

/*
 * The dashboard's API as data: one entry per route and method, each naming its contract schemas.
 * lib/bff/openapi/document.ts turns this list into the OpenAPI 3.1 document (GET /api/openapi.json);
 * tests/server/openapi.test.ts fails when a route file under app/api has no entry here. A new route
 * is one entry: its method, path, scope and schemas; the errors every route shares are added there.
 */
export type Content = "json" | "csv" | "prometheus";
export type Reply = { description: string; schema?: $ZodType; content?: Content; headers?: Record<string, string> };
export type Tag = "Agents" | "Runs" | "History" | "Events" | "Exports" | "Dashboard" | "Sessions" | "API tokens";
export type Operation = {
  method: "get" | "post" | "patch" | "delete";
  path: `/api/${string}`;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** What the caller must hold (the route wrapper's `scope`). */
  scope: c.Scope;
  /** Answered without signing in (the session routes); a bad token is still a 401. */
  public?: boolean;
  /** The query string's schema: a strict object of optional string fields, as the route validates it. */
  query?: $ZodType;
  /** Words for query parameters the schema alone cannot say (lists, formats). */
  notes?: Record<string, string>;
  body?: { schema: $ZodType; example: unknown };
  /** The success answers by status. */
  replies: Record<number, Reply>;
  /** Answers from an agent's data: 502/503/504 when its collector's last poll of it failed. */
  agent?: boolean;
};

/** Path parameters, wherever `{name}` appears in a path. */
export const PATH_PARAMS: Record<string, { schema: $ZodType; description: string; example: string }> = {
  agentId: { schema: c.AgentIdSchema, description: "An agent's id (`local` for AGENT_URL's agent)", example: "local" },
  runId: { schema: c.RunIdSchema, description: "The agent's `run_id`", example: "1" },
  tokenId: { schema: c.TokenIdSchema, description: "The token's `id` in GET /api/tokens", example: "3" },
};

const SnapshotQuery = z.strictObject({ since: z.optional(c.SinceSchema) });
const FleetSnapshotQuery = z.strictObject({
  since: z.optional(c.FleetSinceSchema),
  parts: z.optional(z.literal("summary")),
});
const HealthQuery = z.strictObject({ strict: z.optional(z.string()) });
/** The snapshot's runs are left to the browser's fast reader by the contract; documented here as what they are. */
export const SnapshotFullDoc = z.extend(c.SnapshotFullSchema, { runs: z.optional(RunsSchema) });
const SnapshotDoc = z.union([c.SnapshotDeltaSchema, SnapshotFullDoc]);
const FleetSnapshotDoc = z.object({
  agents: z.array(z.object({ id: z.string(), name: z.string(), snapshot: SnapshotDoc })),
});
const list = (values: readonly string[]) => `Comma-separated, any of: ${values.join(", ")}`;
const EVENT_NOTES = {
  limit: "Events per page, 1 to 500 (100)",
  before: "Only older events than this id: the previous answer's `next`",
  after: "Only newer events than this id (what a page polls)",
  kind: list(c.EVENT_KINDS),
  severity: list(c.SEVERITIES),
  runId: "Only this run's events",
  q: "Words to find in the message or the run's name",
};
const json = (description: string, schema: $ZodType): Reply => ({ description, schema });
const csv = (description: string): Reply => ({ description, content: "csv" });
const DELTA =
  "Without `since`, the whole snapshot; with a `since` this dashboard still holds (5 minutes of versions), only what changed (`base` says which). Gzipped when asked for.";

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/agents",
    operationId: "listAgents",
    tag: "Agents",
    summary: "The configured agents (ids and names, never URLs or tokens) and the settings pages need",
    scope: "read",
    replies: { 200: json("The agents", c.AgentsResponseSchema) },
  },
  {
    method: "get",
    path: "/api/snapshot",
    operationId: "fleetSnapshot",
    tag: "Agents",
    summary: "Every agent's snapshot or delta in one answer (overview, fleet wall, hubs)",
    description: DELTA,
    scope: "read",
    query: FleetSnapshotQuery,
    notes: {
      since: "`<agentId>:<version>` for each agent whose version is held, comma-separated",
      parts:
        "`summary`: each agent's status, summary, problems and first runs with errors (`errorRuns`), whole and without runs or tags: what the overview and the fleet wall poll (`since` is then not needed)",
    },
    replies: { 200: json("Each agent's snapshot", FleetSnapshotDoc) },
  },
  {
    method: "get",
    path: "/api/agents/{agentId}/snapshot",
    operationId: "agentSnapshot",
    tag: "Agents",
    summary: "What pages poll: status, runs, tags, summary and problems, or what changed since a version",
    description: DELTA,
    scope: "read",
    query: SnapshotQuery,
    notes: { since: "A `version` from an earlier answer" },
    replies: { 200: json("The snapshot or a delta", SnapshotDoc) },
  },
  {
    method: "get",
    path: "/api/agents/{agentId}/client",
    operationId: "getClient",
    tag: "Agents",
    summary: "The agent's status (documented field names; `restartRequired` a boolean, `resumeAt` when a timer runs)",
    scope: "read",
    agent: true,
    replies: { 200: json("The status", c.BffClientStatusSchema) },
  },
  {
    method: "patch",
    path: "/api/agents/{agentId}/client",
    operationId: "patchClient",
    tag: "Agents",
    summary: "Pause (with an optional resume timer in seconds), resume, or restart the agent",
    scope: "operate",
    agent: true,
    body: { schema: c.ClientPatchSchema, example: { paused: true, resumeTimer: 3600 } },
    replies: { 200: json("Done", c.MutationResponseSchema) },
  },
  {
    method: "get",
    path: "/api/agents/{agentId}/runs",
    operationId: "listRuns",
    tag: "Runs",
    summary: "Every run, documented field names",
    scope: "read",
    agent: true,
    replies: {
      200: { ...json("The runs", RunsSchema), headers: { ETag: "Send it back as If-None-Match" } },
      304: { description: "Not modified since the If-None-Match given" },
    },
  },
  {
    method: "get",
    path: "/api/agents/{agentId}/runs/{runId}",
    operationId: "getRun",
    tag: "Runs",
    summary: "One run, from the snapshot (404 when the agent has none with this id)",
    scope: "read",
    agent: true,
    replies: { 200: json("The run", RunSchema) },
  },
  {
    method: "get",
    path: "/api/agents/{agentId}/tags",
    operationId: "getTags",
    tag: "Agents",
    summary: "The agent's tags",
    scope: "read",
    agent: true,
    replies: { 200: json("The tags", TagsResponseSchema) },
  },
  {
    method: "patch",
    path: "/api/agents/{agentId}/tags",
    operationId: "patchTags",
    tag: "Agents",
    summary: "Creates or updates tags (the agent API has no delete)",
    scope: "operate",
    agent: true,
    body: { schema: c.TagsPatchSchema, example: { tags: [{ name: "SITE", value: "Berlin" }] } },
    replies: { 200: json("Done", c.MutationResponseSchema) },
  },
  {
    method: "get",
    path: "/api/agents/{agentId}/history",
    operationId: "getHistory",
    tag: "History",
    summary: "Speed history of the agent or of one run, from the store, at most about 1,000 points",
    scope: "read",
    query: c.HistoryQuerySchema,
    notes: { range: "The window (15m)", runId: "One run's history instead of the agent's" },
    replies: { 200: json("The points, oldest first", c.HistoryResponseSchema) },
  },
  {
    method: "get",
    path: "/api/agents/{agentId}/totals",
    operationId: "getTotals",
    tag: "History",
    summary: "Bytes moved per day (the dashboard's local date), zeros included",
    scope: "read",
    query: c.TotalsQuerySchema,
    notes: { days: "How many days back, 1 to 3650 (30)", runId: "One run's totals instead of the agent's" },
    replies: { 200: json("The days, oldest first", c.TotalsResponseSchema) },
  },
  {
    method: "get",
    path: "/api/agents/{agentId}/events",
    operationId: "getAgentEvents",
    tag: "Events",
    summary: "The agent's event log, newest first",
    scope: "read",
    query: c.EventsQuerySchema,
    notes: EVENT_NOTES,
    replies: { 200: json("A page of events", c.EventsResponseSchema) },
  },
  {
    method: "get",
    path: "/api/events",
    operationId: "getEvents",
    tag: "Events",
    summary: "Every agent's events in one log (and the dashboard's own, with `agent` \"\")",
    scope: "read",
    query: c.EventsQuerySchema,
    notes: EVENT_NOTES,
    replies: { 200: json("A page of events", c.EventsResponseSchema) },
  },
  {
    method: "get",
    path: "/api/agents/{agentId}/events.csv",
    operationId: "exportAgentEvents",
    tag: "Exports",
    summary: "The agent's event log as CSV (the same filters, every matching event)",
    scope: "read",
    query: c.EventsExportQuerySchema,
    notes: EVENT_NOTES,
    replies: { 200: csv("RFC 4180, UTF-8 with a byte-order mark, times in ISO 8601 UTC") },
  },
  {
    method: "get",
    path: "/api/agents/{agentId}/runs.csv",
    operationId: "exportRuns",
    tag: "Exports",
    summary: "The runs as they are now, as CSV",
    scope: "read",
    agent: true,
    replies: { 200: csv("RFC 4180, UTF-8 with a byte-order mark") },
  },
  {
    method: "get",
    path: "/api/health",
    operationId: "getHealth",
    tag: "Dashboard",
    summary: "The dashboard's health and each agent's reachability as its collector last saw it",
    scope: "read",
    query: HealthQuery,
    notes: { strict: "`1` or `true`: answer 503 while an agent is unreachable (for monitors)" },
    replies: {
      200: json("Healthy, or degraded without `strict`", c.HealthSchema),
      503: json("Degraded, with `strict`", c.HealthSchema),
    },
  },
  {
    method: "get",
    path: "/api/metrics",
    operationId: "getMetrics",
    tag: "Dashboard",
    summary: "Prometheus metrics, from the collectors' snapshots (a scrape costs no agent a call)",
    scope: "read",
    replies: { 200: { description: "Prometheus text exposition format 0.0.4", content: "prometheus" } },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "getOpenApi",
    tag: "Dashboard",
    summary: "This document",
    scope: "read",
    replies: { 200: json("OpenAPI 3.1", c.OpenApiDocumentSchema) },
  },
  {
    method: "get",
    path: "/api/session",
    operationId: "getSession",
    tag: "Sessions",
    summary: "Whether this client must sign in, and what it may do (a token's scope and name)",
    scope: "read",
    public: true,
    replies: { 200: json("This client's state", c.SessionStateSchema) },
  },
  {
    method: "post",
    path: "/api/session",
    operationId: "signIn",
    tag: "Sessions",
    summary: "Sign in with a password: an HttpOnly SameSite=Strict session cookie (30 days)",
    description: "Failed attempts count with failed tokens: 5 a minute per client, 100 in all.",
    scope: "read",
    public: true,
    body: { schema: c.SessionLoginSchema, example: { password: "…" } },
    replies: { 200: { ...json("Signed in", c.SessionRoleSchema), headers: { "Set-Cookie": "The session cookie" } } },
  },
  {
    method: "delete",
    path: "/api/session",
    operationId: "signOut",
    tag: "Sessions",
    summary: "Sign out this session, or with `all=1` every session (admin)",
    scope: "read",
    public: true,
    query: c.SessionSignOutQuerySchema,
    notes: { all: "`1`: end every session on this dashboard (needs admin)" },
    replies: { 200: json("Signed out", c.SessionSignOutResponseSchema) },
  },
  {
    method: "get",
    path: "/api/tokens",
    operationId: "listTokens",
    tag: "API tokens",
    summary: "The API tokens, newest first: names, scopes, first characters, when made and last used",
    scope: "read",
    replies: { 200: json("The tokens (never the tokens themselves)", c.TokensResponseSchema) },
  },
  {
    method: "post",
    path: "/api/tokens",
    operationId: "createToken",
    tag: "API tokens",
    summary: "Make a token; the answer holds it this once (only its hash is kept)",
    scope: "admin",
    body: { schema: c.TokenCreateSchema, example: { name: "nightly-backup", scope: "operate" } },
    replies: { 201: json("Made", c.TokenCreatedSchema) },
  },
  {
    method: "delete",
    path: "/api/tokens/{tokenId}",
    operationId: "revokeToken",
    tag: "API tokens",
    summary: "Revoke a token: it is refused (401) from its next request on",
    scope: "admin",
    replies: { 200: json("Revoked", c.TokenRevokedSchema) },
  },
];
