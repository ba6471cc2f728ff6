import "server-only";
import type { Health } from "@/lib/bff/contract";
import { listAgents } from "./agents";
import type { Config } from "./config";
import { isAppError } from "./errors";

/**
 * The dashboard's own health and each agent's reachability, read through the single-flight cache:
 * an uptime monitor polling this adds no load on the agents beyond one status call per interval.
 */
export async function checkHealth(config: Config): Promise<Health> {
  const agents = await Promise.all(
    listAgents(config).map(async (service) => {
      const base = { id: service.agent.id, name: service.agent.name };
      try {
        await service.status();
        return { ...base, reachable: true, checkedAt: service.statusCheckedAt() ?? Date.now() };
      } catch (err) {
        const error = isAppError(err) ? err.message : "The agent could not be checked";
        return { ...base, reachable: false, error, checkedAt: service.statusCheckedAt() ?? Date.now() };
      }
    }),
  );
  return { status: agents.every((a) => a.reachable) ? "ok" : "degraded", agents };
}
