import "server-only";
import { headers } from "next/headers";

<<<<<<< HEAD
export { agentSeed, uiPollIntervalMs as pollIntervalMs, visitorCanChange as canChange } from "@/lib/page-settings";
=======
export { uiPollIntervalMs as pollIntervalMs, visitorCanChange as canChange, visitorScope } from "@/lib/page-settings";
>>>>>>> main

/** The CSP nonce the proxy generated for this request (Next stamps it on its scripts), for our one inline script. */
export async function cspNonce(): Promise<string | undefined> {
  return (await headers()).get("x-nonce") ?? undefined;
}
