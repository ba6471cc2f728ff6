import "server-only";
import { headers } from "next/headers";

export {
  agentSeed,
  uiPollIntervalMs as pollIntervalMs,
  visitorCanChange as canChange,
  visitorScope,
} from "@/lib/page-settings";

/** The CSP nonce the proxy generated for this request (Next stamps it on its scripts), for our one inline script. */
export async function cspNonce(): Promise<string | undefined> {
  return (await headers()).get("x-nonce") ?? undefined;
}
