import { describeServerState } from "@/lib/agent-api/client";
import type { EventKind, StoredEvent } from "@/lib/bff/contract-store";

/**
 * Desktop notifications from the event log, the one the timeline and the server's alerts read: a
 * run reporting an error, a run finishing, the agent leaving CONNECTED, the agent becoming
 * unreachable (not while a restart asked for here is under way). A repeat is counted on its event
 * and never notifies twice; bursts are folded so 500 runs finishing at once make one notification.
 */
export const NOTIFY_KINDS: readonly EventKind[] = ["run_error", "run_finished", "server_state", "agent_unreachable"];

export type NotifyEvent = { title: string; body: string; tag: string };

const MAX_PER_KIND = 3;

/** The notifications for `events` (any order), oldest first; `nameOf` gives an agent's display name. */
export function notificationsFor(events: readonly StoredEvent[], nameOf: (agentId: string) => string): NotifyEvent[] {
  const out: NotifyEvent[] = [];
  const errored = new Map<string, string[]>();
  const finished = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, agent: string, name: string) => m.set(agent, [...(m.get(agent) ?? []), name]);
  for (const e of [...events].sort((a, b) => a.id - b.id)) {
    const agentName = nameOf(e.agent);
    if (e.kind === "agent_unreachable" && e.severity !== "info")
      out.push({
        title: `${agentName} is unreachable`,
        body: "The dashboard cannot reach the agent. It keeps retrying.",
        tag: `agent-unreachable:${e.agent}`,
      });
    else if (e.kind === "server_state" && e.from === "CONNECTED" && e.to && e.to !== "CONNECTED")
      out.push({
        title: `${agentName} left the Management Console`,
        body: describeServerState(e.to),
        tag: `agent-mc-state:${e.agent}`,
      });
    else if (e.kind === "run_error" && e.runName !== undefined) add(errored, e.agent, e.runName);
    else if (e.kind === "run_finished" && e.runName !== undefined) add(finished, e.agent, e.runName);
  }
  const fold = (
    byAgent: Map<string, string[]>,
    one: (n: string) => string,
    many: (k: number) => string,
    tag: string,
  ) => {
    for (const [agent, names] of byAgent) {
      const body = `On ${nameOf(agent)}`;
      if (names.length <= MAX_PER_KIND)
        names.forEach((n) => out.push({ title: one(n), body, tag: `${tag}:${agent}:${n}` }));
      else
        out.push({
          title: many(names.length),
          body: `${body}: ${names.slice(0, 5).join(", ")}…`,
          tag: `${tag}:${agent}`,
        });
    }
  };
  fold(
    errored,
    (n) => `⚠ ${n}: error`,
    (k) => `⚠ ${k} runs reported errors`,
    "run-error",
  );
  fold(
    finished,
    (n) => `✓ ${n} finished`,
    (k) => `✓ ${k} runs finished`,
    "run-done",
  );
  return out;
}
