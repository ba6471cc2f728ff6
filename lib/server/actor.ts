import "server-only";
import type { Config } from "./config";
import { clientAddress, type HeaderReader } from "./guard";
import type { Access } from "./session";

/**
 * Who, in the event log, made a change through this dashboard: "dashboard (admin, 192.168.1.20)"
 * for a browser or a password, `token "nightly-backup" (operate, 192.168.1.20)` for an API token.
 * The role is the session's (admin, or view for the read-only password), a token's its scope; the
 * address the one the guard trusts (the TCP peer, or the trusted proxy's last X-Forwarded-For
 * entry), left out when unknown rather than guessed.
 */
export function dashboardActor(headers: HeaderReader, access: Access | undefined, config: Config): string {
  const address = clientAddress(headers, config);
  const where = address ? `, ${address}` : "";
  if (access?.token) return `token "${access.token.name}" (${access.scope}${where})`;
  return `dashboard (${access === undefined || access.scope === "admin" ? "admin" : "view"}${where})`;
}
