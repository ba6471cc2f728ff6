import { requireAgent } from "@/lib/server/agents";
import { csvResponse, exportFileName, runsCsv } from "@/lib/server/csv-export";
import { agentIdParam } from "@/lib/server/request-body";
import { apiRoute } from "@/lib/server/route";

/** The agent's runs as they are now (the collector's snapshot) as a CSV download; 502/503/504 while the agent's runs cannot be read. */
export const GET = apiRoute({}, async ({ params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  return csvResponse(runsCsv(await agent.runs()), exportFileName(agent.agent.id, "runs"));
});
