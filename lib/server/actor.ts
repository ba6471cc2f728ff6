import "server-only";
import type { Config } from "./config";
import { clientAddress, type HeaderReader } from "./guard";
import type { Access } from "./session";

/**
 * Who, in the event log, made a change through this dashboard: "dashboard (admin, 192.168.1.20)".
 * The role is the session's; the address the one the guard trusts (the TCP peer, or the trusted
 * proxy's last X-Forwarded-For entry), left out when unknown rather than guessed.
 */
export function dashboardActor(headers: HeaderReader, access: Access | undefined, config: Config): string {
  const address = clientAddress(headers, config);
  return `dashboard (${access?.role ?? "admin"}${address ? `, ${address}` : ""})`;
}
