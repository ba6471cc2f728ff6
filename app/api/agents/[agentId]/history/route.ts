import { HistoryResponseSchema } from "@/lib/bff/contract";
import { requireAgent } from "@/lib/server/agents";
import { agentIdParam, runIdParam } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";

/** Speed history (bytes/s) of the agent, or of one run with ?runId=, from bounded ring buffers fed by the collector. */
export const GET = apiRoute({}, async ({ req, params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  const rawRunId = req.nextUrl.searchParams.get("runId");
  const runId = rawRunId === null ? undefined : runIdParam(rawRunId);
  // The collector records a point at every poll; someone looking at the chart keeps it polling fast.
  agent.collector.markWatched();
  return json(HistoryResponseSchema, { intervalMs: agent.history.intervalMs, points: agent.history.points(runId) });
});
