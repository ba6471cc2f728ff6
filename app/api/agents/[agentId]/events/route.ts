import { EventsQuerySchema, EventsResponseSchema } from "@/lib/bff/contract-store";
import { requireAgent } from "@/lib/server/agents";
import { agentIdParam, queryParams } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";
import { requireEventLog } from "@/lib/server/store/events";
import { eventFilter } from "@/lib/server/store/events-read";

/** The agent's event log, newest first: `?limit=&before=&after=&kind=a,b&severity=&runId=&q=`. Read from the store, never from the agent. */
export const GET = apiRoute({}, async ({ req, params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  const query = queryParams(req.nextUrl, EventsQuerySchema);
  return json(
    EventsResponseSchema,
    requireEventLog().read.page(eventFilter(query, agent.agent.id), query.limit ?? 100),
  );
});
