import { RunSchema } from "@/lib/agent-api/runs";
import { requireAgent } from "@/lib/server/agents";
import { agentIdParam, runIdParam } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";

/** One run; 404 not_found when the agent has none with this id. */
export const GET = apiRoute({}, async ({ params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  return json(RunSchema, await agent.run(runIdParam(params.runId)));
});
