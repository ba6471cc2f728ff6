import { DASHBOARD_EVENTS, TokenCreateSchema, TokenCreatedSchema, TokensResponseSchema } from "@/lib/bff/contract";
import { dashboardActor } from "@/lib/server/actor";
import { apiRoute, json } from "@/lib/server/route";
import { requireEventLog } from "@/lib/server/store/events";
import { createToken, requireTokenStore, tokenEvent } from "@/lib/server/tokens";

/** The API tokens, newest first: names, scopes, when made and last used; never the tokens themselves. */
export const GET = apiRoute({}, async () => json(TokensResponseSchema, { tokens: requireTokenStore().list() }));

/** {"name","scope"} → 201 with the token itself, shown this once (only its hash is kept). */
export const POST = apiRoute(
  { mutating: true, scope: "admin", body: TokenCreateSchema },
  async ({ req, body, config, access }) => {
    const actor = dashboardActor(req.headers, access, config);
    const created = createToken(requireTokenStore(), body, actor);
    requireEventLog().record(DASHBOARD_EVENTS, tokenEvent("token_created", created.token, actor));
    return json(TokenCreatedSchema, created, { status: 201 });
  },
);
