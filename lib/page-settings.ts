import "server-only";
import { headers } from "next/headers";
import { listAgents } from "./server/agents";
import { getConfig } from "./server/config";
import { resolveAccess } from "./server/session";
import { scopeAllows, type Scope } from "./bff/contract-tokens";
import { fullBody } from "./server/snapshot-wire";

/**
 * What server-rendered pages need of the dashboard's settings and of the visitor, read from the
 * configuration and the request itself (not from headers a proxy injected): how often to poll,
 * and whether this visitor may change anything. The one module pages use to reach lib/server.
 */
export function uiPollIntervalMs(): number {
  return getConfig().uiPollIntervalMs;
}

/** What this visitor may do (null: must sign in); a read-only ("view" password) session is `read`. */
export async function visitorScope(): Promise<Scope | null> {
  return resolveAccess(await headers(), getConfig())?.scope ?? null;
}

/** False for a read-only ("view" password) session: pages then show no controls at all. */
export async function visitorCanChange(): Promise<boolean> {
  const scope = await visitorScope();
  return scope !== null && scopeAllows(scope, "operate");
}

/** What the agent page is first drawn with: the configured name, and the snapshot without its runs. */
export type AgentSeed = { name: string; snapshot: ReturnType<typeof fullBody> | undefined };

/**
 * The agent's latest snapshot as the dashboard holds it, for the page's server render, so its first
 * paint shows the agent's state (status, banners, summary, tags) rather than placeholders that
 * jump as they fill in. The runs are left out (thousands of them would weigh on every page load;
 * they sit below the first screen and come with the page's first poll). Marks the agent watched, as
 * any read does, and never waits for the agent except in the moment after start-up (bounded).
 * Undefined for an unknown agent or a visitor who may not read.
 */
export async function agentSeed(agentId: string): Promise<AgentSeed | undefined> {
  const config = getConfig();
  const service = listAgents(config).find((s) => s.agent.id === agentId);
  if (!service || !resolveAccess(await headers(), config)) return undefined;
  service.collector.markWatched();
  const snapshot = await service.collector.settled();
  if (snapshot.polledAt === 0) return { name: service.agent.name, snapshot: undefined };
  return { name: service.agent.name, snapshot: { ...fullBody(snapshot), runs: undefined } };
}
