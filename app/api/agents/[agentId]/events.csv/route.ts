import { EventsExportQuerySchema } from "@/lib/bff/contract-store";
import { requireAgent } from "@/lib/server/agents";
import { csvResponse, eventsCsv, exportFileName } from "@/lib/server/csv-export";
import { agentIdParam, queryParams } from "@/lib/server/request-body";
import { apiRoute } from "@/lib/server/route";
import { requireEventLog } from "@/lib/server/store/events";
import { eventFilter } from "@/lib/server/store/events-read";

/** The agent's event log as a CSV download (the events route's filters; every matching event, newest first). */
export const GET = apiRoute({}, async ({ req, params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  const query = queryParams(req.nextUrl, EventsExportQuerySchema);
  return csvResponse(
    eventsCsv(requireEventLog().read, eventFilter(query, agent.agent.id)),
    exportFileName(agent.agent.id, "events"),
  );
});
