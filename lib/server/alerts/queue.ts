import "server-only";
import type { Rule } from "@/lib/bff/contract-alerts";
import { countDelivery } from "./metrics";
import type { Notification } from "./notification";
import type { OutboxStore } from "./outbox-store";

/**
 * A notification into the outbox, one row per channel of the rule (channels gone are skipped), or,
 * when muted, a "muted" row in the delivery log per channel saying why. Runs inside the caller's
 * transaction. True when something was queued (the worker should look).
 */
export function queueNotification(
  outbox: OutboxStore,
  channels: ReadonlyMap<string, { name: string; type: string }>,
  rule: Rule,
  n: Notification,
  incidentId: number | undefined,
  muted: string | undefined,
  at: number,
): boolean {
  let queued = false;
  for (const channelId of rule.channels) {
    const channel = channels.get(channelId);
    if (channel === undefined) continue;
    if (muted) {
      countDelivery(channel.type, "muted");
      outbox.logDelivery({
        t: at,
        channelId,
        channelName: channel.name,
        ...(incidentId ? { incidentId } : {}),
        trigger: n.trigger,
        state: n.state,
        attempt: 0,
        outcome: "muted",
        error: `Not sent: ${muted}`,
        durationMs: 0,
      });
      continue;
    }
    outbox.enqueue({
      channel_id: channelId,
      incident_id: incidentId ?? null,
      trigger: n.trigger,
      state: n.state,
      payload: JSON.stringify(n),
      seen_at: at,
      created_at: at,
    });
    queued = true;
  }
  return queued;
}
