import { DASHBOARD_EVENTS, TokenIdSchema, TokenRevokedSchema } from "@/lib/bff/contract";
import { dashboardActor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { pathParam } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";
import { requireEventLog } from "@/lib/server/store/events";
import { requireTokenStore, tokenEvent } from "@/lib/server/tokens";

/** Revokes the token: refused from its next request on, by this dashboard and any process sharing its store. */
export const DELETE = apiRoute({ mutating: true, scope: "admin" }, async ({ req, params, config, access }) => {
  const id = Number(pathParam(params, "tokenId", TokenIdSchema, "token id"));
  const revoked = requireTokenStore().remove(id);
  if (!revoked)
    throw new AppError("not_found", `There is no API token with id ${id}; it may have been revoked already`);
  requireEventLog().record(
    DASHBOARD_EVENTS,
    tokenEvent("token_revoked", revoked, dashboardActor(req.headers, access, config)),
  );
  return json(TokenRevokedSchema, { ok: true, revoked });
});
