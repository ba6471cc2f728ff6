import "server-only";
import type { Run } from "@/lib/agent-api/runs";
import type { Trigger } from "@/lib/bff/contract-alerts";

/**
 * One notification, as every channel gets it before its own formatting: the webhook body is this
 * object with the delivery's `id`. Built once when the incident changes and kept in the outbox as it
 * was, so a retry an hour later sends what was true then.
 */
export type NotificationState = "open" | "reminder" | "resolved";
export type NotificationSeverity = "error" | "warning" | "info";

export type Notification = {
  trigger: string;
  state: NotificationState;
  severity: NotificationSeverity;
  title: string;
  message: string;
  agent?: { id: string; name: string };
  job_run?: Record<string, unknown>;
  event: { kind: string; severity: string; message: string; time: string };
  rule?: { id: string; name: string };
  incident?: { id: number; opened_at: string; resolved_at?: string; flaps: number };
  url: string;
  time: string;
};

/** The word a receiver sees per trigger: the Management Console's where it has one. */
const WORDS: Record<Trigger, { open: string; resolved: string }> = {
  run_error: { open: "JOB_RUN_ERROR", resolved: "JOB_RUN_ERROR_CLEARED" },
  run_error_cleared: { open: "JOB_RUN_ERROR_CLEARED", resolved: "JOB_RUN_ERROR_CLEARED" },
  run_finished: { open: "JOB_RUN_FINISHED", resolved: "JOB_RUN_FINISHED" },
  run_not_complete: { open: "JOB_RUN_NOT_COMPLETE", resolved: "JOB_RUN_NOT_COMPLETE" },
  run_stalled: { open: "JOB_RUN_STALLED", resolved: "JOB_RUN_STALLED" },
  agent_unreachable: { open: "AGENT_UNREACHABLE", resolved: "AGENT_REACHABLE" },
  server_disconnected: { open: "MC_DISCONNECTED", resolved: "MC_CONNECTED" },
  restart_required: { open: "RESTART_REQUIRED", resolved: "RESTART_REQUIRED" },
  paused_too_long: { open: "AGENT_PAUSED_TOO_LONG", resolved: "AGENT_PAUSED_TOO_LONG" },
  storage_failing: { open: "STORAGE_FAILING", resolved: "STORAGE_FAILING" },
  schedule_failed: { open: "SCHEDULE_FAILED", resolved: "SCHEDULE_FAILED" },
};

export function triggerWord(trigger: Trigger, state: NotificationState): string {
  return state === "resolved" ? WORDS[trigger].resolved : WORDS[trigger].open;
}

export const TRIGGER_SEVERITY: Record<Trigger, NotificationSeverity> = {
  run_error: "error",
  run_error_cleared: "info",
  run_finished: "info",
  run_not_complete: "warning",
  run_stalled: "warning",
  agent_unreachable: "error",
  server_disconnected: "warning",
  restart_required: "warning",
  paused_too_long: "warning",
  storage_failing: "error",
  /** A warning while the scheduler retries; the event's own severity (an error once a window ended first) wins. */
  schedule_failed: "warning",
};

const MAX_TEXT = 2_000;
const MAX_ERRORS = 10;
const MAX_ERROR_JSON = 500;

export const clip = (s: string, max = MAX_TEXT) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The run's documented fields as the agent sent them, bounded: at most ten errors, each at most
 * 500 characters of JSON, so a run with a thousand long error paths still makes a small body.
 */
export function runFields(run: Run): Record<string, unknown> {
  const out: Record<string, unknown> = { ...run };
  if (Array.isArray(run.errors)) {
    out.errors = run.errors.slice(0, MAX_ERRORS).map((e) => {
      const json = JSON.stringify(e) ?? "null";
      return json.length > MAX_ERROR_JSON ? clip(typeof e === "string" ? e : json, MAX_ERROR_JSON) : e;
    });
    if (run.errors.length > MAX_ERRORS) out.errors_total = run.errors.length;
  }
  for (const [k, v] of Object.entries(out)) if (typeof v === "string") out[k] = clip(v, 1000);
  return out;
}

/** The dashboard's page for what the notification is about: the run, the agent, or the alert settings. */
export function linkFor(publicUrl: string, agentId: string | undefined, runId?: number | string): string {
  if (agentId === undefined || agentId === "") return `${publicUrl}/settings/alerts`;
  const agent = `${publicUrl}/agents/${encodeURIComponent(agentId)}`;
  return runId === undefined ? agent : `${agent}/runs/${encodeURIComponent(String(runId))}`;
}

/** A notification that proves a channel works, from "Send test". */
export function testNotification(publicUrl: string, channelName: string, now = Date.now()): Notification {
  const time = new Date(now).toISOString();
  const message = `A test from Agent Deck to the channel "${channelName}": if you read this, it works.`;
  return {
    trigger: "TEST",
    state: "open",
    severity: "info",
    title: "Agent Deck test notification",
    message,
    event: { kind: "test", severity: "info", message, time },
    url: `${publicUrl}/settings/alerts`,
    time,
  };
}
