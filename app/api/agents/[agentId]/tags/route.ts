import { TagsResponseSchema } from "@/lib/agent-api/tags";
import { MutationResponseSchema, TagsPatchSchema } from "@/lib/bff/contract";
import { dashboardActor } from "@/lib/server/actor";
import { requireAgent } from "@/lib/server/agents";
import { agentIdParam } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";

/** {"tags":[{"name","value"}]} */
export const GET = apiRoute({}, async ({ params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  return json(TagsResponseSchema, await agent.tags());
});

/** Creates or updates the given tags (the agent API has no delete). */
export const PATCH = apiRoute(
  { mutating: true, body: TagsPatchSchema },
  async ({ req, params, body, config, access }) => {
    const agent = requireAgent(agentIdParam(params), config);
    await agent.setTags(body.tags, dashboardActor(req.headers, access, config));
    return json(MutationResponseSchema, { ok: true });
  },
);
