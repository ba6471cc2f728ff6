import "server-only";
import { getHeapStatistics } from "node:v8";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { UpstreamEvent } from "./agent-client";
import { currentStore } from "./store";
import { upstreamBudget } from "./upstream-budget";

/**
 * prom-client's totals of active handles, requests and resources are gauges named `_total`, which
 * Prometheus reserves for counters (`promtool check metrics` rejects them). Their per-type
 * companions (`nodejs_active_handles{type}` ...) stay: summing those gives the same totals.
 */
const GAUGES_NAMED_AS_COUNTERS = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

/**
 * Prometheus metrics. One Registry per process, on globalThis: Next may load this module once per
 * route bundle, and two registries would split counters (or throw on duplicate names).
 */
export type Metrics = ReturnType<typeof createMetrics>;

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const gauge = (name: string, help: string, labelNames: string[] = ["agent"]) =>
    new Gauge({ name, help, labelNames, registers });
  // The standard process_* and nodejs_* series, under their usual names (as dashboards expect them).
  collectDefaultMetrics({ register: registry });
  for (const name of GAUGES_NAMED_AS_COUNTERS) registry.removeSingleMetric(name);
  // What the heap may grow to (HEAP_LIMIT_MB): with nodejs_heap_size_used_bytes, how close it is.
  new Gauge({
    name: "agentdeck_heap_size_limit_bytes",
    help: "The V8 heap's size limit for this process",
    registers,
    collect() {
      this.set(getHeapStatistics().heap_size_limit);
    },
  });
  // The shared budget for exchanges with agents (upstream-budget.ts), read at each scrape.
  new Gauge({
    name: "agentdeck_upstream_budget",
    help: "Use of the budget shared by all exchanges with agents: in_flight and queued exchanges, held_bytes of answers, peak_held_bytes",
    labelNames: ["use"],
    registers,
    collect() {
      const usage = upstreamBudget().usage();
      this.set({ use: "in_flight" }, usage.inFlight);
      this.set({ use: "queued" }, usage.queued);
      this.set({ use: "held_bytes" }, usage.heldBytes);
      this.set({ use: "peak_held_bytes" }, usage.peakHeldBytes);
    },
  });
  // What GET /api/health says of the store, for alerting: 1 while its writes fail (disk full, I/O error).
  new Gauge({
    name: "agentdeck_storage_failing",
    help: "1 while writes to the store (DATA_DIR/agent-deck.sqlite) fail; live data is still served",
    registers,
    collect() {
      this.set(currentStore()?.health().state === "ok" ? 0 : 1);
    },
  });
  return {
    registry,
    up: gauge("agentdeck_agent_up", "1 when the agent answered its last status request, else 0"),
    deckUp: gauge(
      "agentdeck_deck_up",
      "For an agent behind another Agent Deck (a hub): 1 when that deck answered the hub's last poll, else 0",
    ),
    paused: gauge("agentdeck_agent_paused", "1 when the agent reports itself paused"),
    restartRequired: gauge("agentdeck_agent_restart_required", "1 when the agent reports that it needs a restart"),
    serverState: gauge(
      "agentdeck_agent_server_state",
      "1 for the agent's current Management Console connection state, 0 for the others",
      ["agent", "state"],
    ),
    runs: gauge("agentdeck_runs", "Job runs by status group", ["agent", "group"]),
    downSpeed: gauge("agentdeck_down_speed_bytes_per_second", "Sum of the download speeds of all runs"),
    upSpeed: gauge("agentdeck_up_speed_bytes_per_second", "Sum of the upload speeds of all runs"),
    sizeCompleted: gauge("agentdeck_size_completed_bytes", "Sum of completed bytes over all runs"),
    sizeTotal: gauge("agentdeck_size_total_bytes", "Sum of total bytes over all runs"),
    runsWithErrors: gauge("agentdeck_runs_with_errors", "Runs that report errors or an error status"),
    lastPoll: gauge(
      "agentdeck_agent_last_poll_timestamp_seconds",
      "When the dashboard's collector last polled the agent (Unix seconds)",
    ),
    // A gauge holding the collector's own count: it is reset and refilled with the rest at each scrape.
    polls: gauge(
      "agentdeck_collector_polls",
      "Polls the collector has made of the agent since the dashboard started (status and runs: one call each)",
    ),
    runDownSpeed: gauge("agentdeck_run_down_speed_bytes_per_second", "Download speed of one run (METRICS_PER_RUN)", [
      "agent",
      "run_id",
      "name",
      "type",
    ]),
    runUpSpeed: gauge("agentdeck_run_up_speed_bytes_per_second", "Upload speed of one run (METRICS_PER_RUN)", [
      "agent",
      "run_id",
      "name",
      "type",
    ]),
    runSizeCompleted: gauge("agentdeck_run_size_completed_bytes", "Completed bytes of one run (METRICS_PER_RUN)", [
      "agent",
      "run_id",
      "name",
      "type",
    ]),
    runSizeTotal: gauge("agentdeck_run_size_total_bytes", "Total bytes of one run (METRICS_PER_RUN)", [
      "agent",
      "run_id",
      "name",
      "type",
    ]),
    runErrors: gauge("agentdeck_run_errors", "Errors listed for one run (METRICS_PER_RUN)", [
      "agent",
      "run_id",
      "name",
      "type",
    ]),
    upstreamDuration: new Histogram({
      name: "agentdeck_upstream_request_duration_seconds",
      help: "Duration of HTTP requests to agents",
      labelNames: ["agent", "resource", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    refused: new Counter({
      name: "agentdeck_requests_refused_total",
      help: "Requests the entry refused before Next saw them, by reason (foreign Host, method, body size, remote without password)",
      labelNames: ["reason"],
      registers,
    }),
    snapshotEncodings: new Counter({
      name: "agentdeck_snapshot_encodings_total",
      help: "Snapshot bodies serialised and compressed (full, delta or summary), each once per poll and base however many viewers ask",
      labelNames: ["kind"],
      registers,
    }),
    snapshotAnswers: new Counter({
      name: "agentdeck_snapshot_answers_total",
      help: "Snapshot answers by kind (full, delta, or an agent's summary in a fleet answer)",
      labelNames: ["kind"],
      registers,
    }),
    storageErrors: new Counter({
      name: "agentdeck_storage_errors_total",
      help: "Failed writes to the store (DATA_DIR/agent-deck.sqlite) by SQLite error code",
      labelNames: ["code"],
      registers,
    }),
    upstreamErrors: new Counter({
      name: "agentdeck_upstream_errors_total",
      help: "Failed requests to agents by error code",
      labelNames: ["agent", "code"],
      registers,
    }),
  };
}

const KEY = Symbol.for("agent-deck.metrics");
type Holder = { [KEY]?: Metrics };

export function getMetrics(): Metrics {
  const holder = globalThis as Holder;
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}

/** Called for every HTTP exchange with an agent (see AgentClient's `observe`). */
export function recordUpstream(event: UpstreamEvent): void {
  const m = getMetrics();
  m.upstreamDuration.observe(
    { agent: event.agent, resource: event.resource, outcome: event.outcome },
    event.durationMs / 1000,
  );
  if (event.error) m.upstreamErrors.inc({ agent: event.agent, code: event.error.code });
}

/** Counted, not logged: a flood of refused requests must not flood the log. */
export function countRefused(reason: string): void {
  getMetrics().refused.inc({ reason });
}

/** A full snapshot, a delta from a version, or an agent's summary answer (the overview's). */
export type SnapshotKind = "full" | "delta" | "summary";

export function countSnapshotEncoding(kind: SnapshotKind): void {
  getMetrics().snapshotEncodings.inc({ kind });
}

export function countSnapshotAnswer(kind: SnapshotKind): void {
  getMetrics().snapshotAnswers.inc({ kind });
}

export function countStorageError(code: string): void {
  getMetrics().storageErrors.inc({ code });
}
