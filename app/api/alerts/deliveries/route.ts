import { DeliveriesQuerySchema, DeliveriesResponseSchema } from "@/lib/bff/contract-alerts";
import { requireAlerts } from "@/lib/server/alerts";
import { queryParams } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";

/** The delivery log, newest first: every attempt, test and muted notification. */
export const GET = apiRoute({}, async ({ req }) => {
  const q = queryParams(req.nextUrl, DeliveriesQuerySchema);
  return json(DeliveriesResponseSchema, requireAlerts().outbox.deliveries(q.limit ?? 100, q.before, q.channel));
});
