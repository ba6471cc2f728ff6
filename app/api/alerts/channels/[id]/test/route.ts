import { TestResultSchema } from "@/lib/bff/contract-alerts";
import { dashboardActor } from "@/lib/server/actor";
import { testChannel } from "@/lib/server/alerts/admin";
import { requireAlerts } from "@/lib/server/alerts";
import { alertIdParam } from "@/lib/server/alerts/route-params";
import { apiRoute, json } from "@/lib/server/route";

/** "Send test": one notification now; the answer says whether the receiver took it (200 either way). */
export const POST = apiRoute({ mutating: true, scope: "admin" }, async ({ req, params, config, access }) =>
  json(
    TestResultSchema,
    await testChannel(requireAlerts(), alertIdParam(params), dashboardActor(req.headers, access, config)),
  ),
);
