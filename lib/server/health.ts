import "server-only";
import type { Health } from "@/lib/bff/contract";
import { listAgents } from "./agents";
import type { Config } from "./config";

/**
 * The dashboard's own health and each agent's reachability, from what the collectors last saw: no
 * agent is called, so a monitor polling this adds no load and a slow agent does not slow the answer.
 * `checkedAt` is when that agent was last polled; an agent not polled yet is reported as such.
 */
export function checkHealth(config: Config, now = Date.now()): Health {
  const agents = listAgents(config).map((service) => {
    const base = { id: service.agent.id, name: service.agent.name };
    const { status, polledAt } = service.collector.snapshot;
    if (polledAt === 0) return { ...base, reachable: false, error: "Not checked yet: the dashboard has just started", checkedAt: now };
    if (status.error) return { ...base, reachable: false, error: status.error.message, checkedAt: polledAt };
    return { ...base, reachable: true, checkedAt: polledAt };
  });
  return { status: agents.every((a) => a.reachable) ? "ok" : "degraded", agents };
}
