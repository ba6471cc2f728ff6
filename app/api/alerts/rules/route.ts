import { RuleInputSchema, RuleSchema, RulesResponseSchema } from "@/lib/bff/contract-alerts";
import { dashboardActor } from "@/lib/server/actor";
import { createRule } from "@/lib/server/alerts/admin";
import { requireAlerts } from "@/lib/server/alerts";
import { apiRoute, json } from "@/lib/server/route";

export const GET = apiRoute({}, async () => json(RulesResponseSchema, { rules: requireAlerts().settings.rules() }));

/** A new rule; 201 with the rule, defaults filled in. */
export const POST = apiRoute(
  { mutating: true, scope: "admin", body: RuleInputSchema },
  async ({ req, body, config, access }) =>
    json(RuleSchema, createRule(requireAlerts(), body, dashboardActor(req.headers, access, config)), { status: 201 }),
);
