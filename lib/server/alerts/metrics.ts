import "server-only";
import { Counter, Gauge } from "prom-client";
import { getMetrics } from "../metrics";

/**
 * Alerts in /api/metrics, for an Alertmanager watching the watcher: deliveries by channel type and
 * outcome (a counter), what waits in the outbox and the incidents open (read at each scrape). On
 * the process's one registry, registered once (Next may load this module per bundle).
 */
type AlertMetrics = { deliveries: Counter; read?: () => { pending: number; open: number } };
const KEY = Symbol.for("agent-deck.alerts.metrics");
type Holder = { [KEY]?: AlertMetrics };

function alertMetrics(): AlertMetrics {
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  const registers = [getMetrics().registry];
  const m: AlertMetrics = {
    deliveries: new Counter({
      name: "agentdeck_alert_deliveries_total",
      help: "Attempts to deliver a notification, by channel type and outcome (delivered, retrying, failed, muted)",
      labelNames: ["channel_type", "outcome"],
      registers,
    }),
  };
  new Gauge({
    name: "agentdeck_alert_outbox_pending",
    help: "Notifications waiting in the outbox (being sent or retried)",
    registers,
    collect() {
      this.set(m.read?.().pending ?? 0);
    },
  });
  new Gauge({
    name: "agentdeck_alert_incidents_open",
    help: "Alert incidents open now",
    registers,
    collect() {
      this.set(m.read?.().open ?? 0);
    },
  });
  holder[KEY] = m;
  return m;
}

export function countDelivery(channelType: string, outcome: string): void {
  alertMetrics().deliveries.inc({ channel_type: channelType, outcome });
}

/** Boot: where the gauges read from. */
export function readAlertGauges(read: () => { pending: number; open: number }): void {
  alertMetrics().read = read;
}
