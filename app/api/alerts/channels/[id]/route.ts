import { ChannelPatchSchema, ChannelSchema } from "@/lib/bff/contract-alerts";
import { dashboardActor } from "@/lib/server/actor";
import { deleteChannel, updateChannel } from "@/lib/server/alerts/admin";
import { requireAlerts } from "@/lib/server/alerts";
import { alertIdParam } from "@/lib/server/alerts/route-params";
import { apiRoute, json } from "@/lib/server/route";
import { MutationResponseSchema } from "@/lib/bff/contract";

/** Changes some fields; a secret left out is kept, `null` removes it. */
export const PATCH = apiRoute(
  { mutating: true, scope: "admin", body: ChannelPatchSchema },
  async ({ req, params, body, config, access }) =>
    json(
      ChannelSchema,
      updateChannel(requireAlerts(), alertIdParam(params), body, dashboardActor(req.headers, access, config)),
    ),
);

/** Deletes a channel no rule uses. */
export const DELETE = apiRoute({ mutating: true, scope: "admin" }, async ({ req, params, config, access }) => {
  deleteChannel(requireAlerts(), alertIdParam(params), dashboardActor(req.headers, access, config));
  return json(MutationResponseSchema, { ok: true });
});
