import "server-only";
import type { ChannelType } from "@/lib/bff/contract-alerts";
import type { Notification } from "../notification";
import { redact } from "../../log";
import { formatDiscord } from "./discord";
import { formatEmail, sendMail } from "./email";
import { formatNtfy } from "./ntfy";
import { postJson, type Attempt } from "./send-http";
import { formatSlack } from "./slack";
import { secretValues, type ChannelRecord, type Formatter } from "./types";
import { formatWebhook } from "./webhook";

/** One formatter per channel type; every delivery goes through `deliver`. */
const FORMATTERS: Record<ChannelType, Formatter> = {
  webhook: formatWebhook,
  ntfy: formatNtfy,
  slack: formatSlack,
  discord: formatDiscord,
  email: formatEmail,
};

export const DELIVERY_TIMEOUT_MS = 10_000;

export function formatFor(channel: ChannelRecord, n: Notification, deliveryId: string) {
  return FORMATTERS[channel.type](channel, n, deliveryId);
}

/**
 * Sends one notification to one channel. The error text that comes back goes to the delivery log,
 * so every secret the channel holds is cut out of it first (a receiver may echo a header back).
 */
export async function deliver(channel: ChannelRecord, n: Notification, deliveryId: string): Promise<Attempt> {
  const formatted = formatFor(channel, n, deliveryId);
  const attempt =
    formatted.kind === "http"
      ? await postJson(formatted.request, DELIVERY_TIMEOUT_MS)
      : await sendMail(channel, formatted.mail, DELIVERY_TIMEOUT_MS);
  return attempt.error ? { ...attempt, error: redact(attempt.error, secretValues(channel)) } : attempt;
}

export type { Attempt } from "./send-http";
export type { ChannelRecord } from "./types";
