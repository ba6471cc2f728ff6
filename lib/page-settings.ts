import "server-only";
import { headers } from "next/headers";
import { getConfig } from "./server/config";
import { resolveAccess } from "./server/session";
import { scopeAllows, type Scope } from "./bff/contract-tokens";

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
