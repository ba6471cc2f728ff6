import * as z from "@/lib/agent-api/zod";
import { RunSchema, RunsSchema } from "@/lib/agent-api/runs";
import { TagsResponseSchema } from "@/lib/agent-api/tags";
import * as c from "../contract";
import { csv, json, list, type Operation } from "./shape";

/* The agents' part of the API: snapshots, status and controls, runs, tags, history, events, exports. */

const SnapshotQuery = z.strictObject({ since: z.optional(c.SinceSchema) });
const FleetSnapshotQuery = z.strictObject({
  since: z.optional(c.FleetSinceSchema),
  parts: z.optional(c.FleetPartsSchema),
});
/** The snapshot's runs are left to the browser's fast reader by the contract; documented here as what they are. */
export const SnapshotFullDoc = z.extend(c.SnapshotFullSchema, { runs: z.optional(RunsSchema) });
const SnapshotDoc = z.union([c.SnapshotDeltaSchema, SnapshotFullDoc]);
const FleetSnapshotDoc = z.object({
  agents: z.array(z.object({ id: z.string(), name: z.string(), snapshot: SnapshotDoc })),
});
const EVENT_NOTES = {
  limit: "Events per page, 1 to 500 (100)",
  before: "Only older events than this id: the previous answer's `next`",
  after: "Only newer events than this id (what a page polls)",
  kind: list(c.EVENT_KINDS),
  severity: list(c.SEVERITIES),
  runId: "Only this run's events",
  q: "Words to find in the message or the run's name",
};
const DELTA =
  "Without `since`, the whole snapshot; with a `since` this dashboard still holds (5 minutes of versions), only what changed (`base` says which). Gzipped when asked for.";
const SUMMARY =
  "`summary`: each agent's snapshot whole and small (what the overview and the fleet wall poll): `version`, `fetchedAt`, `status`, `summary`, `problem`, `problems` and `errorRuns` (the first 3 runs with errors), without runs or tags; `since` is then ignored.";

export const AGENT_OPERATIONS: Operation[] = [
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
    summary: "Every agent's snapshot or delta in one answer (hubs), or with `parts=summary` each agent's summary",
    description: `${DELTA} ${SUMMARY}`,
    scope: "read",
    query: FleetSnapshotQuery,
    notes: {
      since: "`<agentId>:<version>` for each agent whose version is held, comma-separated",
      parts: SUMMARY,
    },
    replies: { 200: json("Each agent's snapshot, delta or summary", FleetSnapshotDoc) },
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
];
