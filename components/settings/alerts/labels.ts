import type { ChannelType, Trigger } from "@/lib/bff/contract-alerts";

/** Each trigger in words, with what it watches, for the rule form and the rules list. */
export const TRIGGER_LABEL: Record<Trigger, { label: string; help: string }> = {
  run_error: { label: "Run in error", help: "A run reports errors or an error status for the set time." },
  run_error_cleared: {
    label: "Run errors cleared",
    help: "A run that had errors has none any more (one notification).",
  },
  run_finished: { label: "Run finished", help: "A run reached a finished status or its full size (one notification)." },
  run_not_complete: { label: "Run not complete", help: "A run has not finished the set time after it started." },
  run_stalled: {
    label: "Run stalled",
    help: "A run is active with peers connected, yet no bytes or files moved for the set time.",
  },
  agent_unreachable: { label: "Agent unreachable", help: "The agent does not answer, or its answers cannot be read." },
  server_disconnected: {
    label: "Management Console disconnected",
    help: "The agent's Management Console connection is not CONNECTED for the set time.",
  },
  restart_required: { label: "Restart required", help: "The agent says it needs a restart." },
  paused_too_long: { label: "Paused too long", help: "The agent stays paused longer than the set time." },
  storage_failing: {
    label: "Dashboard store failing",
    help: "The dashboard cannot write its store (disk full, I/O error).",
  },
  schedule_failed: {
    label: "Schedule failed",
    help: "A pause window or tag schedule could not be applied (the agent was down): once when it starts failing, again if its window ends first. Windows that mute alerts do not mute this.",
  },
};

export const CHANNEL_LABEL: Record<ChannelType, string> = {
  webhook: "Webhook",
  ntfy: "ntfy",
  slack: "Slack",
  discord: "Discord",
  email: "Email (SMTP)",
};

/** "90 s", "5 min", "2 h": a rule's durations, short. */
export function seconds(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 360) / 10} h`;
}
