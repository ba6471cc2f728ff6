import "server-only";
import { headers } from "next/headers";
import { DEFAULT_POLL_MS } from "@/lib/client/constants";

/**
 * Request facts for server components. The proxy passes the validated settings and the visitor's
 * role as request headers; the environment is the fallback when it has not (e.g. a bare `next dev`).
 */
function validPoll(raw: string | null | undefined): number | undefined {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n >= 100 && n <= 3_600_000 ? n : undefined;
}

export async function pollIntervalMs(): Promise<number> {
  const h = await headers();
  return validPoll(h.get("x-agent-deck-ui-poll-ms")) ?? validPoll(process.env.UI_POLL_INTERVAL_MS) ?? DEFAULT_POLL_MS;
}

/** False for a read-only ("view" password) session: pages then show no controls at all. */
export async function canChange(): Promise<boolean> {
  return (await headers()).get("x-agent-deck-role") !== "view";
}

/** The CSP nonce the proxy generated for this request, for our one inline script. */
export async function cspNonce(): Promise<string | undefined> {
  return (await headers()).get("x-nonce") ?? undefined;
}
