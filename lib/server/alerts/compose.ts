import "server-only";
import type { Rule, Trigger } from "@/lib/bff/contract-alerts";
import type { DetectedEvent } from "@/lib/domain/events";
import type { Texts, Subject } from "./conditions";
import {
  TRIGGER_SEVERITY,
  linkFor,
  runFields,
  triggerWord,
  type Notification,
  type NotificationSeverity,
  type NotificationState,
} from "./notification";

/** The notification for one incident change (or one-shot event), as every channel will get it. */
export function compose(p: {
  trigger: Trigger;
  state: NotificationState;
  texts: Texts;
  agent?: { id: string; name: string };
  subject?: Subject;
  rule: { id: string; name: string };
  incident?: { id: number; openedAt: number; resolvedAt?: number; flaps: number };
  publicUrl: string;
  /** The page it links to, when not the run's or the agent's (see linkFor). */
  page?: string;
  /** When the event that caused it says how bad it is (the trigger's own severity otherwise). */
  severity?: NotificationSeverity;
  at: number;
}): Notification {
  const time = new Date(p.at).toISOString();
  const severity = p.state === "resolved" ? "info" : (p.severity ?? TRIGGER_SEVERITY[p.trigger]);
  const run = p.subject?.run;
  return {
    trigger: triggerWord(p.trigger, p.state),
    state: p.state,
    severity,
    title: p.texts.title,
    message: p.texts.message,
    ...(p.agent ? { agent: p.agent } : {}),
    ...(run ? { job_run: runFields(run) } : {}),
    event: { kind: p.trigger, severity, message: p.texts.message, time },
    rule: p.rule,
    ...(p.incident && p.incident.id > 0
      ? {
          incident: {
            id: p.incident.id,
            opened_at: new Date(p.incident.openedAt).toISOString(),
            ...(p.incident.resolvedAt !== undefined
              ? { resolved_at: new Date(p.incident.resolvedAt).toISOString() }
              : {}),
            flaps: p.incident.flaps,
          },
        }
      : {}),
    url: p.page ?? linkFor(p.publicUrl, p.agent?.id, run?.run_id),
    time,
  };
}

/** An incident opening or resolving, as the agent's timeline shows it (actor `alerts`), with why it was not sent. */
export function incidentEvent(
  kind: "alert_opened" | "alert_resolved",
  rule: Rule,
  subject: Subject,
  message: string,
  muted?: string,
): DetectedEvent {
  const run = subject.run;
  const bad = rule.trigger === "run_error" || rule.trigger === "agent_unreachable";
  return {
    kind,
    severity: kind === "alert_opened" ? (bad ? "error" : "warning") : "info",
    message: `Alert "${rule.name}": ${message}${muted ? ` (notifications muted: ${muted})` : ""}`,
    ...(run ? { runId: String(run.run_id), runName: run.name } : {}),
    actor: "alerts",
  };
}
