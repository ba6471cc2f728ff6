import { ScheduleResponseSchema, SchedulesResponseSchema } from "@/lib/bff/contract-schedules";
import { dashboardActor } from "@/lib/server/actor";
import { requireAgent } from "@/lib/server/agents";
import { agentIdParam } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";
import { requireScheduler, scheduleService } from "@/lib/server/schedules";
import { ScheduleInputSchema } from "@/lib/bff/schedule-input";

/** The agent's schedules, each with its occurrence now or next, and where the agent stands with them. Never asks the agent. */
export const GET = apiRoute({}, async ({ params, config }) => {
  const agentId = requireAgent(agentIdParam(params), config).agent.id;
  const scheduler = requireScheduler();
  return json(SchedulesResponseSchema, {
    timeZone: scheduler.timeZone,
    schedules: scheduler.schedules(agentId),
    state: scheduler.state(agentId),
  });
});

/** {"kind":"weekly",...} | {"kind":"maintenance",...} | {"kind":"tag",...}: stored, then applied (201). */
export const POST = apiRoute(
  { mutating: true, scope: "admin", body: ScheduleInputSchema },
  async ({ req, params, body, config, access }) => {
    const agentId = requireAgent(agentIdParam(params), config).agent.id;
    const changed = await scheduleService().add(agentId, body, dashboardActor(req.headers, access, config));
    return json(ScheduleResponseSchema, changed, { status: 201 });
  },
);
