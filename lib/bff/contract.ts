import * as z from "@/lib/agent-api/zod";
import { AgentClientStatusSchema } from "@/lib/agent-api/client";
import { TagSchema } from "@/lib/agent-api/tags";
import { ScopeSchema } from "./contract-tokens";

/**
 * The BFF's own public contract: request bodies and error codes. Shared by the route handlers
 * (validation) and the browser (form validation, error display), so both agree by construction.
 */
export const ERROR_CODES = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  length_required: 411,
  payload_too_large: 413,
  unsupported_media_type: 415,
  host_not_allowed: 421,
  too_many_requests: 429,
  internal_error: 500,
  agent_bad_response: 502,
  /** The agent answered, but lacks what was asked for: an older version, or its API is off. */
  agent_unsupported: 502,
  agent_unreachable: 503,
  agent_timeout: 504,
  // An agent behind another Agent Deck (a hub's AGENTS_FILE entry with `deck`): that dashboard, not
  // the agent, did not answer, answered badly, or refused this hub's API token.
  deck_bad_response: 502,
  deck_refused: 502,
  deck_unreachable: 503,
  deck_timeout: 504,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.array(z.string()))),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const MAX_RESUME_TIMER_SECONDS = 7 * 24 * 3600;

export const ClientPatchSchema = z.union([
  z.strictObject({
    paused: z.literal(true),
    // The message goes on the whole-number check alone: on z.int() it would replace the range messages too.
    resumeTimer: z.optional(
      z
        .number()
        .check(
          z.multipleOf(1, "resumeTimer must be a whole number of seconds"),
          z.minimum(1),
          z.maximum(MAX_RESUME_TIMER_SECONDS),
        ),
    ),
  }),
  z.strictObject({ paused: z.literal(false) }),
  z.strictObject({ restart: z.literal(true) }),
]);
export type ClientPatch = z.infer<typeof ClientPatchSchema>;

// C0, DEL and C1 (U+0080–U+009F): all of Unicode's control characters.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const tagText = (what: string) =>
  z.string().check(
    z.trim(),
    z.minLength(1, `${what} must not be empty`),
    z.maxLength(255, `${what} must be at most 255 characters`),
    z.refine((s: string) => !CONTROL_CHARS.test(s), `${what} must not contain control characters`),
  );

export const TagInputSchema = z.strictObject({ name: tagText("Tag name"), value: tagText("Tag value") });
export const TagsPatchSchema = z.strictObject({
  tags: z.array(TagInputSchema).check(z.minLength(1), z.maxLength(100)),
});
export type TagsPatch = z.infer<typeof TagsPatchSchema>;

const AGENT_ID = "[a-z0-9][a-z0-9-]{0,62}";
const VERSION = "[0-9a-f]{8}\\.\\d{1,15}";
/** Route parameters: agent ids are URL-safe slugs, run ids are digits. */
export const AgentIdSchema = z.string().check(z.regex(new RegExp(`^${AGENT_ID}$`), "agentId must be a lowercase slug"));
export const RunIdSchema = z.string().check(z.regex(/^\d{1,15}$/, "runId must be digits"));

/** A snapshot version as the dashboard gives it out: `<boot id>.<sequence>`. */
export const SinceSchema = z
  .string()
  .check(z.regex(new RegExp(`^${VERSION}$`), "since must be a version this dashboard gave out"));
/** GET /api/snapshot?since=: `<agentId>:<version>` for each agent whose version is held, comma-separated. */
export const FleetSinceSchema = z
  .string()
  .check(
    z.regex(
      new RegExp(`^${AGENT_ID}:${VERSION}(,${AGENT_ID}:${VERSION})*$`),
      "since must be <agentId>:<version>, comma-separated",
    ),
  );

/** GET /api/snapshot?parts=summary: each agent without its runs and tags (what the overview and the fleet wall poll). */
export const FleetPartsSchema = z.enum(["summary"], 'parts must be "summary" (each agent without its runs) or absent');

export const AgentSummarySchema = z.object({ id: z.string(), name: z.string() });
/** Dashboard settings the pages need (they cannot read the server's environment themselves). */
export const DashboardSettingsSchema = z.object({
  /** How often pages should poll (UI_POLL_INTERVAL_MS). */
  uiPollIntervalMs: z.number(),
  /** How long the BFF reuses an agent's answer (POLL_INTERVAL_MS); polling faster gains nothing. */
  pollIntervalMs: z.number(),
  /** How many days the store keeps history and daily totals (HISTORY_DAYS): ranges beyond it show only that. */
  historyDays: z.number(),
  /** False for a read-only (view password) session: hide pause/resume/restart/tag controls. */
  canChange: z.boolean(),
});
export type DashboardSettings = z.infer<typeof DashboardSettingsSchema>;

export const AgentsResponseSchema = z.object({
  agents: z.array(AgentSummarySchema),
  settings: z.optional(DashboardSettingsSchema),
});
export type AgentSummary = z.infer<typeof AgentSummarySchema>;

/** The store's state in GET /api/health: `failing` while writes fail (disk full, I/O error); live data is served all the same. */
export const StorageHealthSchema = z.union([
  z.object({ state: z.literal("ok") }),
  z.object({ state: z.literal("failing"), reason: z.string(), since: z.number() }),
]);
/** GET /api/health */
export const HealthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  storage: StorageHealthSchema,
  agents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      reachable: z.boolean(),
      error: z.optional(z.string()),
      checkedAt: z.optional(z.number()),
    }),
  ),
});
export type Health = z.infer<typeof HealthSchema>;

/** PATCH /api/agents/{agentId}/client and /tags answer this on success. */
export const MutationResponseSchema = z.object({ ok: z.literal(true), resumeAt: z.optional(z.number()) });

/** The session cookie's name (HttpOnly, SameSite=Strict): what POST /api/session sets. */
export const SESSION_COOKIE = "agentdeck_session";

/** POST /api/session's answer: the role signed in as. */
export const SessionRoleSchema = z.object({ role: z.enum(["admin", "view"]) });

/** POST /api/session (sign in; only needed when DASHBOARD_PASSWORD is set and the client is remote). */
export const SessionLoginSchema = z.strictObject({
  password: z.string().check(z.minLength(1, "Enter the password"), z.maxLength(1024)),
});
/**
 * DELETE /api/session[?all=1]: sign out. Without `all` it ends the session the cookie names;
 * `all=1` ends every session on this dashboard (admin only), for a lost or shared device.
 */
export const SessionSignOutQuerySchema = z.strictObject({
  all: z.optional(z.literal("1", 'all must be "1" (sign out everywhere) or absent')),
});
export const SessionSignOutResponseSchema = z.object({ ok: z.literal(true), ended: z.enum(["this", "all"]) });
export type SessionSignOutResponse = z.infer<typeof SessionSignOutResponseSchema>;
/** GET /api/session: whether sign-in is required for this client and, if signed in, the role. */
export const SessionStateSchema = z.object({
  required: z.boolean(),
  signedIn: z.boolean(),
  /** The session's password role; null without a session (a token, or no password configured). */
  role: z.nullable(z.enum(["admin", "view"])),
  /** What this client may do (read, operate, admin), null when it must sign in first. */
  scope: z.nullable(ScopeSchema),
  /** Present when the request came with an API token: the token's name. */
  token: z.optional(z.object({ name: z.string() })),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

/**
 * GET /api/agents/{agentId}/snapshot[?since=<version>]: everything a page needs in one answer.
 * Without `base` it is the whole snapshot; with `base` it is what changed since that version:
 * `status` and `tags` only when they changed, runs as {changed, removed, order?} by run_id (a
 * changed field set to null is gone). `problem` is what the page's banner shows (the status's
 * failure, else the runs'); `problems` says which parts failed, their data being the last known.
 * Runs are checked by the browser's fast reader (lib/client/decode.ts), not here: 5,000 of them
 * arrive in a full snapshot and the BFF has validated each already.
 */
export const BffClientStatusSchema = z.extend(AgentClientStatusSchema, {
  // The BFF answers a boolean: the agent's string form ("true") must not pass for one here.
  restartRequired: z.boolean(),
  /** Epoch ms when a dashboard-set resume timer ends (the agent itself does not report it). */
  resumeAt: z.optional(z.number()),
});
export const ProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  since: z.number(),
  dataAt: z.optional(z.number()),
});
export const RunsSummarySchema = z.object({
  total: z.number(),
  down: z.number(),
  up: z.number(),
  withErrors: z.number(),
  sizeCompleted: z.number(),
  sizeTotal: z.number(),
  byGroup: z.object({ error: z.number(), active: z.number(), paused: z.number(), done: z.number(), idle: z.number() }),
  percent: z.optional(z.number()),
});
const snapshotCommon = {
  version: SinceSchema,
  fetchedAt: z.number(),
  summary: z.optional(RunsSummarySchema),
  problem: z.optional(ProblemSchema),
  problems: z.optional(
    z.object({ status: z.optional(ProblemSchema), runs: z.optional(ProblemSchema), tags: z.optional(ProblemSchema) }),
  ),
  status: z.optional(BffClientStatusSchema),
  tags: z.optional(z.array(TagSchema)),
  /** Why nothing may be changed on this agent through this dashboard (a hub's read-only token for its deck). */
  readOnly: z.optional(z.string()),
  /** In a fleet summary answer (`?parts=summary`): the first runs with errors, in the agent's order. */
  errorRuns: z.optional(z.array(z.object({ run_id: z.number(), name: z.string() }))),
};
export const SnapshotFullSchema = z.object({ ...snapshotCommon, runs: z.optional(z.unknown()) });
export const SnapshotDeltaSchema = z.object({
  ...snapshotCommon,
  base: SinceSchema,
  runs: z.object({
    changed: z.array(z.looseObject({ run_id: z.number() })),
    removed: z.array(z.number()),
    order: z.optional(z.array(z.number())),
  }),
});
export const SnapshotSchema = z.union([SnapshotDeltaSchema, SnapshotFullSchema]);
export type SnapshotWire = z.infer<typeof SnapshotSchema>;
/**
 * GET /api/snapshot[?since=<agentId>:<version>,...]: every agent's snapshot (or delta) in one answer.
 * With `?parts=summary`, each agent's summary answer instead: whole (no `base`), without runs or
 * tags, with `errorRuns`: what the overview and the fleet wall show, a few hundred bytes an agent.
 */
export const FleetSnapshotSchema = z.object({
  agents: z.array(z.object({ id: z.string(), name: z.string(), snapshot: SnapshotSchema })),
});

/** GET /api/openapi.json: the OpenAPI 3.1 document (lib/bff/openapi), checked for its frame only. */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocumentSchema>;

export * from "./contract-store";
export * from "./contract-tokens";
