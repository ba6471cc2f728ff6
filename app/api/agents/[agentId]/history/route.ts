import { requireAgent } from "@/lib/server/agents";
import { agentIdParam, runIdParam } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";

/** Speed history (bytes/s) of the agent, or of one run with ?runId=, from bounded ring buffers. */
export const GET = apiRoute({}, async ({ req, params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  const rawRunId = req.nextUrl.searchParams.get("runId");
  const runId = rawRunId === null ? undefined : runIdParam(rawRunId);
  // Reading runs (through the cache) keeps the history fed while someone is looking at it, even if
  // nobody polls the runs list; a failure just means no new point this interval.
  await agent.runs().catch(() => undefined);
  return json({ intervalMs: agent.history.intervalMs, points: agent.history.points(runId) });
});
