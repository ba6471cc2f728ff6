import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The webhook signature: `X-AgentDeck-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, keyed with
 * the channel's secret, as GitHub signs its webhooks. A receiver computes the same over the bytes it
 * received (before parsing them) and compares in constant time.
 */
export const SIGNATURE_HEADER = "X-AgentDeck-Signature";

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export function verifySignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
