import { requireAgent } from "@/lib/server/agents";
import { jsonWithEtag, matchesEtag } from "@/lib/server/etag";
import { agentIdParam } from "@/lib/server/request-body";
import { apiRoute } from "@/lib/server/route";

/** Every run, documented field names. ETag/If-None-Match spare re-sending an unchanged (large) list. */
export const GET = apiRoute({}, async ({ req, params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  const { body, etag } = jsonWithEtag(await agent.runs());
  if (matchesEtag(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers: { ETag: etag } });
  return new Response(body, { status: 200, headers: { "Content-Type": "application/json", ETag: etag } });
});
