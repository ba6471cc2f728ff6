import { TotalsQuerySchema, TotalsResponseSchema } from "@/lib/bff/contract-store";
import { requireAgent } from "@/lib/server/agents";
import { agentIdParam, queryParams } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";
import { requireSeries } from "@/lib/server/store/series";

/** Bytes moved per day (the dashboard's local date) by the agent, or by one run with ?runId=, for the last ?days= (30). */
export const GET = apiRoute({}, async ({ req, params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  const query = queryParams(new URL(req.url), TotalsQuerySchema);
  return json(TotalsResponseSchema, requireSeries().totals.days(agent.agent.id, query.days ?? 30, query.runId));
});
