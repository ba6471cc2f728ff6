import type { Run } from "@/lib/agent-api/runs";
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
  fold(
    errored,
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
