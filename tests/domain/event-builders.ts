/** Builders of agent answers and poll views for the event detection tests. */
import type { ClientStatus } from "@/lib/agent-api/client";
import type { Run } from "@/lib/agent-api/runs";
import type { TagsResponse } from "@/lib/agent-api/tags";
import type { DetectedEvent, PollView } from "@/lib/domain/events";
import { diffRuns } from "@/lib/domain/run-delta";

export const status = (over: Partial<ClientStatus> = {}): ClientStatus => ({
  paused: false,
  restartRequired: false,
  server: { state: "CONNECTED" },
  ...over,
});
export const run = (runId: number, over: Partial<Run> = {}): Run => ({
  run_id: runId,
  name: `run ${runId}`,
  type: "transfer",
  status: "downloading",
  size_completed: 10,
  size_total: 100,
  ...over,
});
export const tags = (...pairs: [string, string][]): TagsResponse => ({
  tags: pairs.map(([name, value]) => ({ name, value })),
});
export const down = (code = "agent_unreachable", message = "connection refused") => ({ code, message });

export function view(over: Partial<PollView> & { at?: number } = {}): PollView {
  const { at = 10_000, ...rest } = over;
  return { polledAt: at, status: { value: status() }, runs: { value: [] }, tags: { value: tags() }, ...rest };
}
/** The same run list with a delta, as the collector's poll makes it. */
export function runsStep(prev: Run[], next: Run[]): Pick<PollView, "runs" | "runsStep"> {
  return { runs: { value: next }, runsStep: { delta: diffRuns(prev, next) } };
}
export const kinds = (events: DetectedEvent[]) => events.map((e) => e.kind);
