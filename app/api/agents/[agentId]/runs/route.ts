import { RunsSchema } from "@/lib/agent-api/runs";
import { requireAgent } from "@/lib/server/agents";
import { cachedJsonResponse } from "@/lib/server/etag";
import { agentIdParam } from "@/lib/server/request-body";
import { apiRoute } from "@/lib/server/route";

/**
 * Every run, documented field names. The body is encoded once per upstream answer and shared by all
 * viewers: gzip when accepted, and If-None-Match → 304 spares re-sending an unchanged (large) list.
 */
export const GET = apiRoute({}, async ({ req, params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  return cachedJsonResponse(req.headers, RunsSchema, await agent.runs());
});
