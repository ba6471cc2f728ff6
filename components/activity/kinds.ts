import type { EventKind } from "@/lib/bff/contract-store";

/** Each event kind in words, grouped as the filter offers them. */
export const KIND_LABEL: Record<EventKind, string> = {
  run_status: "Run status changed",
  run_error: "Run errors",
  run_error_cleared: "Run errors cleared",
  run_finished: "Run finished",
  run_added: "Run added",
  run_removed: "Run removed",
  agent_unreachable: "Agent unreachable",
  agent_reachable: "Agent reachable again",
  server_state: "Management Console connection",
  paused: "Paused",
  resumed: "Resumed",
  restart_requested: "Restart requested",
  restart_completed: "Restart completed",
  restart_required: "Restart required",
  tags_changed: "Tags changed",
  dashboard_started: "Dashboard started",
  token_created: "API token created",
  token_revoked: "API token revoked",
  alert_opened: "Alert opened",
  alert_resolved: "Alert resolved",
  alert_delivery_failed: "Alert not delivered",
  alert_settings_changed: "Alert settings changed",
  schedule_changed: "Schedule changed",
  schedule_applied: "Schedule applied",
  schedule_failed: "Schedule failed to apply",
  schedule_overridden: "Schedule overridden",
  deck_unreachable: "Deck unreachable",
  deck_reachable: "Deck reachable again",
};

export const KIND_GROUPS: { label: string; kinds: EventKind[] }[] = [
  {
    label: "Runs",
    kinds: ["run_status", "run_error", "run_error_cleared", "run_finished", "run_added", "run_removed"],
  },
  {
    label: "Agent",
    kinds: [
      "agent_unreachable",
      "agent_reachable",
      "server_state",
      "paused",
      "resumed",
      "restart_requested",
      "restart_completed",
      "restart_required",
      "tags_changed",
    ],
  },
  { label: "Alerts", kinds: ["alert_opened", "alert_resolved", "alert_delivery_failed", "alert_settings_changed"] },
  { label: "Schedules", kinds: ["schedule_changed", "schedule_applied", "schedule_failed", "schedule_overridden"] },
  { label: "Dashboard", kinds: ["dashboard_started", "token_created", "token_revoked"] },
  { label: "Deck (a hub's agents behind other decks)", kinds: ["deck_unreachable", "deck_reachable"] },
];
