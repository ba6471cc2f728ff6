import "server-only";
import { headers } from "next/headers";
import { getConfig } from "./server/config";
import { resolveAccess } from "./server/session";

/**
 * What server-rendered pages need of the dashboard's settings and of the visitor, read from the
 * configuration and the request itself (not from headers a proxy injected): how often to poll,
 * and whether this visitor may change anything. The one module pages use to reach lib/server.
 */
export function uiPollIntervalMs(): number {
  return getConfig().uiPollIntervalMs;
}

/** False for a read-only ("view" password) session: pages then show no controls at all. */
export async function visitorCanChange(): Promise<boolean> {
  return resolveAccess(await headers(), getConfig())?.role === "admin";
}
