import type { Run } from "@/lib/agent-api/runs";
import type { StoredEvent } from "@/lib/bff/contract-store";
import { runHasErrors, statusGroup } from "@/lib/agent-api/status-groups";
import { describeServerState } from "@/lib/agent-api/client";

/** What one poll looked like, reduced to what notifications compare. */
export type Snapshot = {
  reachable: boolean;
  serverState: string | undefined;
  runs: Map<number, { name: string; error: boolean; done: boolean; active: boolean }>;
};

export function snapshot(
  reachable: boolean,
  serverState: string | undefined,
  runs: readonly Run[] | undefined,
  previous?: Snapshot,
): Snapshot {
  if (!runs && previous) return { reachable, serverState, runs: previous.runs };
  const map: Snapshot["runs"] = new Map();
  for (const r of runs ?? []) {
    const g = statusGroup(r.status);
    map.set(r.run_id, { name: r.name, error: runHasErrors(r), done: g === "done", active: g === "active" });
  }
  return { reachable, serverState, runs: map };
}

export type NotifyEvent = { title: string; body: string; tag: string };

const MAX_PER_KIND = 3;

/**
 * The changes worth a desktop notification between two polls: a run entering error, a transfer
 * finishing, the agent becoming unreachable, or leaving CONNECTED. Bursts are folded into one
 * summary so 500 runs finishing at once make one notification, not 500.
 */
export function notifyEvents(agentName: string, prev: Snapshot, next: Snapshot): NotifyEvent[] {
  const out: NotifyEvent[] = [];
  if (prev.reachable && !next.reachable) {
    out.push({
      title: `${agentName} is unreachable`,
      body: "The dashboard cannot reach the agent. It keeps retrying.",
      tag: "agent-unreachable",
    });
  }
  if (next.reachable && prev.serverState === "CONNECTED" && next.serverState && next.serverState !== "CONNECTED") {
    out.push({
      title: `${agentName} left the Management Console`,
      body: describeServerState(next.serverState),
      tag: "agent-mc-state",
    });
  }
  const errored: string[] = [];
  const finished: string[] = [];
  for (const [id, now] of next.runs) {
    const before = prev.runs.get(id);
    if (!before) continue;
    if (now.error && !before.error) errored.push(now.name);
    if (now.done && !before.done && before.active) finished.push(now.name);
  }
  out.push(...runNotifications(agentName, errored, finished));
  return out;
}

/** Runs entering error and transfers finishing, one notification each, a burst folded into one. */
function runNotifications(agentName: string, errored: string[], finished: string[]): NotifyEvent[] {
  const out: NotifyEvent[] = [];
  const fold = (
    names: string[],
    one: (n: string) => string,
    many: (k: number) => string,
    tag: string,
    body: string,
  ) => {
    if (names.length === 0) return;
    if (names.length <= MAX_PER_KIND) names.forEach((n) => out.push({ title: one(n), body, tag: `${tag}:${n}` }));
    else out.push({ title: many(names.length), body: names.slice(0, 5).join(", ") + "…", tag });
  };
  // A run entering the error status with errors listed is two events in the log, one notification.
  fold(
    [...new Set(errored)],
    (n) => `⚠ ${n}: error`,
    (k) => `⚠ ${k} runs reported errors`,
    "run-error",
    `On ${agentName}`,
  );
  fold(
    finished,
    (n) => `✓ ${n} finished`,
    (k) => `✓ ${k} transfers finished`,
    "run-done",
    `On ${agentName}`,
  );
  return out;
}

/** The event kinds a fleet page notifies from (the dashboard's event log already detected them). */
export const NOTIFY_KINDS = [
  "run_error",
  "run_status",
  "run_finished",
  "agent_unreachable",
  "server_state",
  "deck_unreachable",
] as const;

/**
 * The same notifications from the event log, for many agents at once (the overview): the server
 * detected these changes at its polls, so the page needs no runs to compare. `nameOf` gives an
 * agent's display name; events are newest first, as the log answers.
 */
export function notifyFromLog(events: readonly StoredEvent[], nameOf: (agentId: string) => string): NotifyEvent[] {
  const out: NotifyEvent[] = [];
  const perAgent = new Map<string, { errored: string[]; finished: string[] }>();
  const runs = (agent: string) => {
    let entry = perAgent.get(agent);
    if (!entry) perAgent.set(agent, (entry = { errored: [], finished: [] }));
    return entry;
  };
  for (const e of [...events].reverse()) {
    const name = nameOf(e.agent);
    const run = e.runName ?? (e.runId ? `#${e.runId}` : undefined);
    if ((e.kind === "run_error" || (e.kind === "run_status" && e.to === "error")) && run)
      runs(e.agent).errored.push(run);
    else if (e.kind === "run_finished" && run) runs(e.agent).finished.push(run);
    // A restart asked for here is expected to make the agent go away (info): no alarm.
    else if (e.kind === "agent_unreachable" && e.severity !== "info")
      out.push({
        title: `${name} is unreachable`,
        body: "The dashboard cannot reach the agent. It keeps retrying.",
        tag: `agent-unreachable:${e.agent}`,
      });
    else if (e.kind === "server_state" && e.from === "CONNECTED" && e.to)
      out.push({
        title: `${name} left the Management Console`,
        body: describeServerState(e.to),
        tag: `agent-mc-state:${e.agent}`,
      });
    else if (e.kind === "deck_unreachable")
      out.push({ title: `${name}: its deck is unreachable`, body: e.message, tag: `deck-unreachable:${e.agent}` });
  }
  for (const [agent, r] of perAgent) out.push(...runNotifications(nameOf(agent), r.errored, r.finished));
  return out;
}
