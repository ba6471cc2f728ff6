import type { $ZodType } from "zod/v4/core";
import * as c from "../contract";
import { AlertIdSchema } from "../contract-alerts";
import { ScheduleIdSchema } from "../contract-schedules";
import { AGENT_OPERATIONS } from "./operations-agents";
import { ALERT_OPERATIONS } from "./operations-alerts";
import { DASHBOARD_OPERATIONS } from "./operations-dashboard";
import { SCHEDULE_OPERATIONS } from "./operations-schedules";
import type { Operation } from "./shape";

/*
 * The dashboard's API as data: one entry per route and method, each naming its contract schemas
 * (one file per part of the API). lib/bff/openapi/document.ts turns this list into the OpenAPI 3.1
 * document (GET /api/openapi.json); tests/server/openapi.test.ts fails when a route file under
 * app/api has no entry here, and e2e/openapi.spec.ts when an entry has no request case. A new route
 * is one entry: its method, path, scope and schemas; the errors every route shares are added there.
 */
export type { Content, Operation, Reply, Tag } from "./shape";
export { SnapshotFullDoc } from "./operations-agents";

/** Path parameters, wherever `{name}` appears in a path. */
export const PATH_PARAMS: Record<string, { schema: $ZodType; description: string; example: string }> = {
  agentId: { schema: c.AgentIdSchema, description: "An agent's id (`local` for AGENT_URL's agent)", example: "local" },
  runId: { schema: c.RunIdSchema, description: "The agent's `run_id`", example: "1" },
  tokenId: { schema: c.TokenIdSchema, description: "The token's `id` in GET /api/tokens", example: "3" },
  scheduleId: {
    schema: ScheduleIdSchema,
    description: "The schedule's `id` in GET /api/agents/{agentId}/schedules",
    example: "1",
  },
  id: {
    schema: AlertIdSchema,
    description: "The channel's or rule's `id` in its list (GET /api/alerts/channels, GET /api/alerts/rules)",
    example: "c-1a2b3c4d5e",
  },
};

export const OPERATIONS: Operation[] = [
  ...AGENT_OPERATIONS,
  ...SCHEDULE_OPERATIONS,
  ...ALERT_OPERATIONS,
  ...DASHBOARD_OPERATIONS,
];
