import { EventsQuerySchema, EventsResponseSchema } from "@/lib/bff/contract-store";
import { queryParams } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";
import { requireEventLog } from "@/lib/server/store/events";
import { eventFilter } from "@/lib/server/store/events-read";

/** Every agent's events in one log, newest first, with the same filters as one agent's. */
export const GET = apiRoute({}, async ({ req }) => {
  const query = queryParams(req.nextUrl, EventsQuerySchema);
  return json(EventsResponseSchema, requireEventLog().read.page(eventFilter(query), query.limit ?? 100));
});
