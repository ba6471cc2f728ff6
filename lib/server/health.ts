import "server-only";
import type { Health } from "@/lib/bff/contract";
import { listAgents } from "./agents";
import type { Config } from "./config";
import { currentStore } from "./store";

/**
 * The dashboard's own health and each agent's reachability, from what the collectors last saw: no
 * agent is called, so a monitor polling this adds no load and a slow agent does not slow the answer.
 * `checkedAt` is when that agent was last polled. Only right after start-up is the first poll
 * awaited (bounded by the agent timeout); an agent still not polled then is reported as such.
 */
export async function checkHealth(config: Config, now = Date.now()): Promise<Health> {
  const snapshots = await Promise.all(
    listAgents(config).map(async (service) => ({ service, snapshot: await service.collector.settled() })),
  );
  const agents = snapshots.map(({ service, snapshot }) => {
    const base = { id: service.agent.id, name: service.agent.name };
    const { status, polledAt } = snapshot;
    if (polledAt === 0)
      return { ...base, reachable: false, error: "Not checked yet: the dashboard has just started", checkedAt: now };
    if (status.error) return { ...base, reachable: false, error: status.error.message, checkedAt: polledAt };
    return { ...base, reachable: true, checkedAt: polledAt };
  });
  const storage = currentStore()?.health() ?? { state: "failing", reason: "the store is not open", since: now };
  return { status: agents.every((a) => a.reachable) && storage.state === "ok" ? "ok" : "degraded", storage, agents };
}
