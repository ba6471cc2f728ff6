import "server-only";
import { SIGNATURE_HEADER, signBody } from "../signature";
import { secretOf, USER_AGENT, type Formatter } from "./types";

/**
 * Webhook: the notification as JSON with its delivery id (the same id on every retry, so a receiver
 * can drop a repeat), signed with the channel's secret when it has one, plus the extra headers the
 * admin set (an Authorization header, say), whose values are write-only like the secret.
 */
export const DELIVERY_HEADER = "X-AgentDeck-Delivery";

export const formatWebhook: Formatter = (channel, n, deliveryId) => {
  const body = JSON.stringify({ id: deliveryId, ...n });
  const headers: Record<string, string> = {};
  const extra = channel.secrets.headers;
  if (extra && typeof extra === "object")
    for (const [name, value] of Object.entries(extra as Record<string, unknown>)) {
      const v = secretOf(value);
      if (v !== undefined) headers[name] = v;
    }
  headers["Content-Type"] = "application/json";
  headers["User-Agent"] = USER_AGENT;
  headers[DELIVERY_HEADER] = deliveryId;
  const secret = secretOf(channel.secrets.secret);
  if (secret) headers[SIGNATURE_HEADER] = signBody(secret, body);
  return { kind: "http", request: { url: String(channel.settings.url), headers, body } };
};
