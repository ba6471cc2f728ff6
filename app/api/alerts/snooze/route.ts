import { SnoozeInputSchema, SnoozeSchema } from "@/lib/bff/contract-alerts";
import { dashboardActor } from "@/lib/server/actor";
import { snooze } from "@/lib/server/alerts/admin";
import { requireAlerts, type Alerts } from "@/lib/server/alerts";
import { apiRoute, json } from "@/lib/server/route";

const state = (alerts: Alerts) => {
  const s = alerts.snooze();
  return s ? { until: s.until, by: s.actor } : {};
};

/** {"until"?,"by"?}: whether every notification is held back, until when and by whom. */
export const GET = apiRoute({}, async () => json(SnoozeSchema, state(requireAlerts())));

/** {"for":"1h"|"tomorrow"}: hold every notification back for an hour or until 08:00 tomorrow. */
export const PUT = apiRoute(
  { mutating: true, scope: "admin", body: SnoozeInputSchema },
  async ({ req, body, config, access }) => {
    const alerts = requireAlerts();
    snooze(alerts, body.for, dashboardActor(req.headers, access, config));
    return json(SnoozeSchema, state(alerts));
  },
);

/** Ends the snooze now. */
export const DELETE = apiRoute({ mutating: true, scope: "admin" }, async ({ req, config, access }) => {
  const alerts = requireAlerts();
  snooze(alerts, undefined, dashboardActor(req.headers, access, config));
  return json(SnoozeSchema, state(alerts));
});
