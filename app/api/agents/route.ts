import { AgentsResponseSchema, scopeAllows } from "@/lib/bff/contract";
import { listAgents } from "@/lib/server/agents";
import { apiRoute, json } from "@/lib/server/route";

/** The configured agents: ids and names only, never URLs or tokens; plus the settings pages need. */
export const GET = apiRoute({}, async ({ config, access }) =>
  json(AgentsResponseSchema, {
    agents: listAgents(config).map((s) => ({ id: s.agent.id, name: s.agent.name })),
    settings: {
      uiPollIntervalMs: config.uiPollIntervalMs,
      pollIntervalMs: config.pollIntervalMs,
      historyDays: config.historyDays,
      canChange: access !== undefined && scopeAllows(access.scope, "operate"),
    },
  }),
);
