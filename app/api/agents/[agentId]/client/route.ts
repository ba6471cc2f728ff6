import { BffClientStatusSchema, ClientPatchSchema, MutationResponseSchema } from "@/lib/bff/contract";
import { dashboardActor } from "@/lib/server/actor";
import { requireAgent } from "@/lib/server/agents";
import { agentIdParam } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";

/** The agent's status, documented field names, restartRequired a boolean, resumeAt when we set a timer. */
export const GET = apiRoute({}, async ({ params, config }) =>
  json(BffClientStatusSchema, await requireAgent(agentIdParam(params), config).status()),
);

/** {"paused":true,"resumeTimer"?:s} | {"paused":false} | {"restart":true} */
export const PATCH = apiRoute(
  { mutating: true, body: ClientPatchSchema },
  async ({ req, params, body, config, access }) => {
    const agent = requireAgent(agentIdParam(params), config);
    const actor = dashboardActor(req.headers, access, config);
    if ("restart" in body) {
      await agent.restart(actor);
      return json(MutationResponseSchema, { ok: true });
    }
    if (body.paused) {
      const resumeAt = await agent.pause(actor, body.resumeTimer);
      return json(MutationResponseSchema, resumeAt === undefined ? { ok: true } : { ok: true, resumeAt });
    }
    await agent.resume(actor);
    return json(MutationResponseSchema, { ok: true });
  },
);
