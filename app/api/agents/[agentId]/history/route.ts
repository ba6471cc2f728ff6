import { DEFAULT_HISTORY_RANGE, HistoryQuerySchema, HistoryResponseSchema } from "@/lib/bff/contract-store";
import { requireAgent } from "@/lib/server/agents";
import { agentIdParam, queryParams } from "@/lib/server/request-body";
import { apiRoute, json } from "@/lib/server/route";
import { requireSeries } from "@/lib/server/store/series";

/**
 * Speed history (bytes/s) of the agent, or of one run with ?runId=, over ?range= (15m by default),
 * from the store: at most about 1,000 points, from before a restart as much as from now.
 */
export const GET = apiRoute({}, async ({ req, params, config }) => {
  const agent = requireAgent(agentIdParam(params), config);
  const query = queryParams(new URL(req.url), HistoryQuerySchema);
  // Someone looking at a chart keeps the collector polling at the fast rate, so the chart moves.
  agent.collector.markWatched();
  const listed =
    query.runId !== undefined &&
    (agent.collector.snapshot.runs.value ?? []).some((r) => String(r.run_id) === query.runId);
  const answer = requireSeries().reader.history({
    agent: agent.agent.id,
    range: query.range ?? DEFAULT_HISTORY_RANGE,
    runId: query.runId,
    now: Date.now(),
    listed,
  });
  return json(HistoryResponseSchema, answer);
});
