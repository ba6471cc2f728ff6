import "server-only";
import { describeServerState } from "@/lib/agent-api/client";
import type { Run } from "@/lib/agent-api/runs";
import { runHasErrors, statusGroup } from "@/lib/agent-api/status-groups";
import type { Rule, Trigger } from "@/lib/bff/contract-alerts";
import type { DetectedEvent } from "@/lib/domain/events";
import { errorsText } from "@/lib/domain/run-events";
import { formatEta } from "@/lib/format/duration";
import type { Snapshot } from "../collector/snapshot";
import { snapshotProblem } from "../collector/snapshot";
import { compileGlob, runMatches } from "./glob";

/**
 * What each trigger looks at in a poll, pure: the subjects (runs, or the agent) for which the
 * rule's condition holds now, and the texts a notification about them says. How long a condition
 * must hold, and what that means for an incident, is the tracker's business (tracker.ts).
 */
export type CompiledRule = Rule & { match?: (text: string) => boolean };
export type Subject = { key: string; run?: Run };
export type Texts = { title: string; message: string };

export function compileRule(rule: Rule): CompiledRule {
  return rule.runMatch ? { ...rule, match: compileGlob(rule.runMatch) } : rule;
}

export const appliesTo = (rule: Rule, agentId: string) => rule.agents === "*" || rule.agents.includes(agentId);

const PROGRESS = ["size_completed", "files_completed", "transferred_down", "transferred_up"] as const;

/** Runs whose progress counters moved in this poll (from the poll's own delta: no second diff). */
function movedRuns(next: Snapshot): Set<number> {
  const moved = new Set<number>();
  for (const patch of next.runsStep?.delta.changed ?? []) if (PROGRESS.some((k) => k in patch)) moved.add(patch.run_id);
  return moved;
}

/** Whether the part of the poll a trigger reads was read this time (else its subjects are left as they were). */
export function knows(trigger: Trigger, next: Snapshot): boolean {
  if (trigger === "agent_unreachable" || trigger === "storage_failing") return true;
  if (trigger.startsWith("run_")) return next.runs.value !== undefined && !next.runs.error;
  return next.status.value !== undefined && !next.status.error;
}

/** The subjects for which a lasting condition holds in this poll. */
export function holding(rule: CompiledRule, next: Snapshot): Map<string, Subject> {
  const out = new Map<string, Subject>();
  const runs = (keep: (run: Run) => boolean) => {
    for (const run of next.runs.value ?? [])
      if (runMatches(rule.match, run) && keep(run)) out.set(`run:${run.run_id}`, { key: `run:${run.run_id}`, run });
  };
  const status = next.status.value;
  switch (rule.trigger) {
    case "run_error":
      runs(runHasErrors);
      break;
    case "run_not_complete":
      runs((r) => statusGroup(r.status) !== "done");
      break;
    case "run_stalled": {
      const moved = movedRuns(next);
      runs((r) => statusGroup(r.status) === "active" && (r.peers_count ?? 0) > 0 && !moved.has(r.run_id));
      break;
    }
    case "agent_unreachable":
      if (snapshotProblem(next)) out.set("agent", { key: "agent" });
      break;
    case "server_disconnected":
      if (status?.server && status.server.state !== "CONNECTED") out.set("agent", { key: "agent" });
      break;
    case "restart_required":
      if (status?.restartRequired) out.set("agent", { key: "agent" });
      break;
    case "paused_too_long":
      if (status?.paused) out.set("agent", { key: "agent" });
      break;
    case "run_error_cleared":
    case "run_finished":
    case "storage_failing":
    case "schedule_failed":
      break;
  }
  return out;
}

/** One-shot triggers: the runs this poll's events name (the event log's own detection). */
export function oneShots(rule: CompiledRule, next: Snapshot, events: readonly DetectedEvent[]): Subject[] {
  if (rule.trigger !== "run_finished" && rule.trigger !== "run_error_cleared") return [];
  const out: Subject[] = [];
  for (const e of events) {
    if (e.kind !== rule.trigger || e.runId === undefined) continue;
    const run = next.runs.value?.find((r) => String(r.run_id) === e.runId);
    if (!run || !runMatches(rule.match, run)) continue;
    if (rule.onlyWithData && (run.transferred_down ?? 0) + (run.transferred_up ?? 0) <= 0) continue;
    out.push({ key: `run:${run.run_id}`, run });
  }
  return out;
}

const q = (s: string) => JSON.stringify(s);
const forWhile = (ms: number) => (ms < 1000 ? "a moment" : formatEta(ms / 1000, "en-US"));

/**
 * What a notification says, for its trigger and state; `heldMs` is how long the condition has held,
 * `detail` what only the caller knows (why the store fails, the scheduler's event).
 */
export function texts(
  trigger: Trigger,
  resolved: boolean,
  agentName: string,
  next: Snapshot | undefined,
  subject: Subject | undefined,
  heldMs: number,
  detail?: string,
): Texts {
  const run = subject?.run;
  const r = run ? `Run ${q(run.name)} on ${agentName}` : agentName;
  switch (trigger) {
    case "run_error":
      return resolved
        ? { title: `${r}: errors cleared`, message: `${r} has no errors any more.` }
        : {
            title: `${r}: error`,
            message: `${r} is in error (${run?.status ?? "?"})${run?.errors?.length ? `: ${errorsText(run.errors)}` : "."}`,
          };
    case "run_error_cleared":
      return { title: `${r}: errors cleared`, message: `${r} has no errors any more.` };
    case "run_finished":
      return { title: `${r} finished`, message: `${r} finished (${run?.status ?? "done"}).` };
    case "run_not_complete":
      return resolved
        ? { title: `${r} finished`, message: `${r} finished or is gone.` }
        : {
            title: `${r} not complete`,
            message: `${r} has not finished ${forWhile(heldMs)} after it started (now: ${run?.status ?? "?"}).`,
          };
    case "run_stalled":
      return resolved
        ? { title: `${r} moves again`, message: `${r} moves data again, or is no longer active.` }
        : {
            title: `${r} stalled`,
            message: `${r} is ${q(run?.status ?? "active")} with ${run?.peers_count ?? 0} peer(s) connected, yet nothing moved for ${forWhile(heldMs)}.`,
          };
    case "agent_unreachable": {
      const problem = next && snapshotProblem(next);
      return resolved
        ? { title: `${agentName} answers again`, message: `The agent ${agentName} answers again.` }
        : {
            title: `${agentName} unreachable`,
            message: `The agent ${agentName} cannot be read: ${problem?.message ?? "no answer"}.`,
          };
    }
    case "server_disconnected": {
      const state = next?.status.value?.server?.state ?? "unknown";
      return resolved
        ? {
            title: `${agentName} connected to the Management Console`,
            message: `${agentName} is connected to the Management Console again.`,
          }
        : {
            title: `${agentName} not connected to the Management Console`,
            message: `${agentName} has not been connected to the Management Console for ${forWhile(heldMs)}: ${describeServerState(state)} (${state})`,
          };
    }
    case "restart_required":
      return resolved
        ? { title: `${agentName} restarted`, message: `${agentName} no longer needs a restart.` }
        : {
            title: `${agentName} needs a restart`,
            message: `${agentName} says it needs a restart (an update or a changed setting).`,
          };
    case "paused_too_long":
      return resolved
        ? { title: `${agentName} resumed`, message: `${agentName} is no longer paused.` }
        : { title: `${agentName} paused too long`, message: `${agentName} has been paused for ${forWhile(heldMs)}.` };
    case "storage_failing":
      return resolved
        ? { title: "Dashboard store works again", message: "The dashboard's store writes again." }
        : {
            title: "Dashboard store failing",
            message: `The dashboard cannot write its store: ${detail ?? "unknown reason"}. Live data is still shown; history and events are not kept.`,
          };
    case "schedule_failed":
      return {
        title: `Schedule failed on ${agentName}`,
        message: `${agentName}: ${detail ?? "a schedule could not be applied"}`,
      };
  }
}
