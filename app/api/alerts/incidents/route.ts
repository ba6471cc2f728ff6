import { IncidentsQuerySchema, IncidentsResponseSchema } from "@/lib/bff/contract-alerts";
import { requireAlerts } from "@/lib/server/alerts";
import { queryParams } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";

/** Incidents, newest first (`state=open` for those still open). */
export const GET = apiRoute({}, async ({ req }) => {
  const q = queryParams(req.nextUrl, IncidentsQuerySchema);
  return json(IncidentsResponseSchema, { incidents: requireAlerts().outbox.incidents(q.state, q.limit ?? 100) });
});
