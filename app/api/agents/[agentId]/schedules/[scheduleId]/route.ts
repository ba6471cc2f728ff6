import {
  ScheduleDeletedSchema,
  ScheduleIdSchema,
  SchedulePatchSchema,
  ScheduleResponseSchema,
} from "@/lib/bff/contract-schedules";
import { dashboardActor } from "@/lib/server/actor";
import { requireAgent } from "@/lib/server/agents";
import { agentIdParam, pathParam } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";
import { scheduleService } from "@/lib/server/schedules";

const scheduleIdParam = (params: Record<string, string>) =>
  Number(pathParam(params, "scheduleId", ScheduleIdSchema, "schedule id"));

/** The fields to change; the result is checked as a whole, stored, then applied. */
export const PATCH = apiRoute(
  { mutating: true, scope: "admin", body: SchedulePatchSchema },
  async ({ req, params, body, config, access }) => {
    const agentId = requireAgent(agentIdParam(params), config).agent.id;
    const id = scheduleIdParam(params);
    const changed = await scheduleService().update(agentId, id, body, dashboardActor(req.headers, access, config));
    return json(ScheduleResponseSchema, changed);
  },
);

/** Deletes it; a window the agent is paused for ends now (the agent is resumed). */
export const DELETE = apiRoute({ mutating: true, scope: "admin" }, async ({ req, params, config, access }) => {
  const agentId = requireAgent(agentIdParam(params), config).agent.id;
  const id = scheduleIdParam(params);
  const state = await scheduleService().remove(agentId, id, dashboardActor(req.headers, access, config));
  return json(ScheduleDeletedSchema, { ok: true, state });
});
