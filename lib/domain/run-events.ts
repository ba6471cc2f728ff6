import type { Run } from "@/lib/agent-api/runs";
import { statusGroup } from "@/lib/agent-api/status-groups";
import { errorSummary } from "@/lib/format/error-text";
import { diffRuns, type RunPatch, type RunsDelta } from "./run-delta";
import type { EventSink } from "./event-sink";
import type { DetectedEvent } from "./events";

/*
 * The events of one runs list replacing another: what each changed run did (status, errors,
 * completion), runs added and removed. Works from the poll's delta, so a poll costs what changed,
 * not the size of the list: at 5,000 runs with three of them moving, three patches are looked at.
 */

/** How much of a run's error text an event keeps (an agent may send long paths or stack traces). */
const MAX_ERROR_TEXT = 300;

const quoted = (name: string) => JSON.stringify(name);
const present = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/** What an error list says in one line, shortened: "SE_FS_LOCKED_FILES: file is locked; disk full". */
export function errorsText(errors: readonly unknown[]): string {
  const text = errors.map(errorSummary).join("; ");
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT - 1)}…` : text;
}

function statusSeverity(to: string): DetectedEvent["severity"] {
  if (statusGroup(to) === "error") return "error";
  return to.trim().toLowerCase() === "expired" ? "warning" : "info";
}

/** The previous runs the delta names, found in one pass over the list (no map of every run). */
function runsNamed(prev: readonly Run[], delta: RunsDelta): Map<number, Run> {
  const wanted = new Set<number>(delta.removed);
  for (const patch of delta.changed) wanted.add(patch.run_id);
  const found = new Map<number, Run>();
  if (wanted.size === 0) return found;
  for (const run of prev) {
    if (wanted.has(run.run_id)) {
      found.set(run.run_id, run);
      if (found.size === wanted.size) break;
    }
  }
  return found;
}

/** Errors that `next` lists and `prev` did not (compared by their JSON, as the agent sends them). */
function newErrors(prev: readonly unknown[], next: readonly unknown[]): unknown[] {
  const seen = new Set(prev.map((e) => JSON.stringify(e)));
  return next.filter((e) => !seen.has(JSON.stringify(e)));
}

/** True when the run got to the end: its status reached a done one, or its size reached the total from below. */
function finished(old: Run, patch: RunPatch, status: string | undefined): boolean {
  if (status !== undefined && statusGroup(status) === "done" && statusGroup(old.status) !== "done") return true;
  if (!("size_completed" in patch) && !("size_total" in patch)) return false;
  const total = "size_total" in patch ? present(patch.size_total) : old.size_total;
  const done = "size_completed" in patch ? present(patch.size_completed) : old.size_completed;
  const wasBelow = old.size_total !== undefined && old.size_total > 0 && (old.size_completed ?? 0) < old.size_total;
  return wasBelow && total !== undefined && total > 0 && done !== undefined && done >= total;
}

export type RunEventOptions = {
  /** The agent itself is (or just was) paused: runs going into or out of "paused" follow it and are counted, not listed. */
  agentPaused: boolean;
};

/** The events of `prev` → `next` into `sink`, from `delta` when the poll made one (else computed here). */
export function runEvents(
  prev: readonly Run[],
  next: readonly Run[],
  delta: RunsDelta | undefined,
  options: RunEventOptions,
  sink: EventSink,
): void {
  const step = delta ?? diffRuns(prev, next);
  const before = runsNamed(prev, step);
  const followed = { paused: 0, resumed: 0 };
  for (const patch of step.changed) {
    const old = before.get(patch.run_id);
    const runId = String(patch.run_id);
    if (old === undefined) {
      const run = patch as Run;
      if (sink.wants("run_added", "info"))
        sink.push({
          kind: "run_added",
          severity: "info",
          runId,
          runName: run.name,
          message: `Run ${quoted(run.name)} appeared (${run.status})`,
          to: run.status,
        });
      continue;
    }
    const name = present(patch.name) ?? old.name;
    const status = "status" in patch ? present(patch.status) : undefined;
    if (status !== undefined && status !== old.status) {
      const severity = statusSeverity(status);
      if (options.agentPaused && (status === "paused" || old.status === "paused")) {
        followed[status === "paused" ? "paused" : "resumed"]++;
      } else if (sink.wants("run_status", severity)) {
        sink.push({
          kind: "run_status",
          severity,
          runId,
          runName: name,
          message: `Run ${quoted(name)}: ${old.status} → ${status}`,
          from: old.status,
          to: status,
        });
      }
    }
    if (finished(old, patch, status) && sink.wants("run_finished", "info")) {
      sink.push({
        kind: "run_finished",
        severity: "info",
        runId,
        runName: name,
        message: `Run ${quoted(name)} finished (${status ?? old.status})`,
        to: status ?? old.status,
      });
    }
    if ("errors" in patch) errorEvents(old.errors ?? [], present(patch.errors) ?? [], runId, name, sink);
  }
  for (const id of step.removed) {
    if (!sink.wants("run_removed", "info")) continue;
    const old = before.get(id);
    const name = old?.name ?? `#${id}`;
    sink.push({
      kind: "run_removed",
      severity: "info",
      runId: String(id),
      ...(old ? { runName: old.name, from: old.status } : {}),
      message: `Run ${quoted(name)} is gone from the agent`,
    });
  }
  if (followed.paused > 0) sink.add(followedEvent(followed.paused, "paused along with the agent", "paused"));
  if (followed.resumed > 0) sink.add(followedEvent(followed.resumed, "resumed along with the agent", undefined));
}

function errorEvents(
  was: readonly unknown[],
  now: readonly unknown[],
  runId: string,
  name: string,
  sink: EventSink,
): void {
  const appeared = newErrors(was, now);
  if (appeared.length > 0) {
    if (!sink.wants("run_error", "error")) return;
    const text = errorsText(appeared);
    sink.push({
      kind: "run_error",
      severity: "error",
      runId,
      runName: name,
      message: `Run ${quoted(name)} reports ${appeared.length === 1 ? "an error" : `${appeared.length} errors`}: ${text}`,
      to: text,
    });
  } else if (now.length === 0 && was.length > 0 && sink.wants("run_error_cleared", "info")) {
    const text = errorsText(was);
    sink.push({
      kind: "run_error_cleared",
      severity: "info",
      runId,
      runName: name,
      message: `Run ${quoted(name)} has no errors any more (it had: ${text})`,
      from: text,
    });
  }
}

function followedEvent(count: number, what: string, to: string | undefined): DetectedEvent {
  return {
    kind: "run_status",
    severity: "info",
    message: `${count === 1 ? "1 run" : `${count.toLocaleString("en-US")} runs`} ${what}`,
    ...(to ? { to } : {}),
  };
}
