import { MutationResponseSchema } from "@/lib/bff/contract";
import { RulePatchSchema, RuleSchema } from "@/lib/bff/contract-alerts";
import { dashboardActor } from "@/lib/server/actor";
import { deleteRule, updateRule } from "@/lib/server/alerts/admin";
import { requireAlerts } from "@/lib/server/alerts";
import { alertIdParam } from "@/lib/server/alerts/route-params";
import { apiRoute, json } from "@/lib/server/route";

/** Changes some fields (null clears an optional one); the result is checked whole. */
export const PATCH = apiRoute(
  { mutating: true, scope: "admin", body: RulePatchSchema },
  async ({ req, params, body, config, access }) =>
    json(
      RuleSchema,
      updateRule(requireAlerts(), alertIdParam(params), body, dashboardActor(req.headers, access, config)),
    ),
);

export const DELETE = apiRoute({ mutating: true, scope: "admin" }, async ({ req, params, config, access }) => {
  deleteRule(requireAlerts(), alertIdParam(params), dashboardActor(req.headers, access, config));
  return json(MutationResponseSchema, { ok: true });
});
