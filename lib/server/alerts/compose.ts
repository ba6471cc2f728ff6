import "server-only";
import type { Trigger } from "@/lib/bff/contract-alerts";
import type { Texts, Subject } from "./conditions";
import {
  TRIGGER_SEVERITY,
  linkFor,
  runFields,
  triggerWord,
  type Notification,
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
  at: number;
}): Notification {
  const time = new Date(p.at).toISOString();
  const severity = p.state === "resolved" ? "info" : TRIGGER_SEVERITY[p.trigger];
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
    url: linkFor(p.publicUrl, p.agent?.id, run?.run_id),
    time,
  };
}
