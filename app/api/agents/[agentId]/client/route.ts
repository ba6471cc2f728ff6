import { BffClientStatusSchema, ClientPatchSchema, MutationResponseSchema } from "@/lib/bff/contract";
import { requireAgent } from "@/lib/server/agents";
import { agentIdParam } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";

/** The agent's status, documented field names, restartRequired a boolean, resumeAt when we set a timer. */
export const GET = apiRoute({}, async ({ params, config }) => json(BffClientStatusSchema, await requireAgent(agentIdParam(params), config).status()));

/** {"paused":true,"resumeTimer"?:s} | {"paused":false} | {"restart":true} */
export const PATCH = apiRoute({ mutating: true, body: ClientPatchSchema }, async ({ params, body, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  if ("restart" in body) {
    await agent.restart();
    return json(MutationResponseSchema, { ok: true });
  }
  if (body.paused) {
    const resumeAt = await agent.pause(body.resumeTimer);
    return json(MutationResponseSchema, resumeAt === undefined ? { ok: true } : { ok: true, resumeAt });
  }
  await agent.resume();
  return json(MutationResponseSchema, { ok: true });
});
