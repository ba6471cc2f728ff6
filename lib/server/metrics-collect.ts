import "server-only";
import { KNOWN_SERVER_STATES } from "@/lib/agent-api/client";
import { STATUS_GROUPS, runHasErrors, statusGroup } from "@/lib/agent-api/status-groups";
import { listAgents } from "./agents";
import type { Config } from "./config";
import { getMetrics } from "./metrics";

/**
 * Fills the agent gauges just before a scrape, reading through the single-flight cache (a scrape
 * costs the agent nothing extra within a poll interval). Gauges are reset first so an agent that
 * went down shows up=0 rather than its last known figures.
 */
export async function collectMetrics(config: Config): Promise<{ text: string; contentType: string }> {
  const m = getMetrics();
  const snapshots = await Promise.all(
    listAgents(config).map(async (service) => {
      const [status, runs] = await Promise.allSettled([service.status(), service.runs()]);
      return { id: service.agent.id, status, runs };
    }),
  );
  const gauges = [m.up, m.paused, m.restartRequired, m.serverState, m.runs, m.downSpeed, m.upSpeed, m.sizeCompleted, m.sizeTotal,
    m.runsWithErrors, m.runDownSpeed, m.runUpSpeed, m.runSizeCompleted, m.runSizeTotal, m.runErrors];
  for (const g of gauges) g.reset();

  for (const { id, status, runs } of snapshots) {
    const agent = { agent: id };
    m.up.set(agent, status.status === "fulfilled" ? 1 : 0);
    if (status.status === "fulfilled") {
      m.paused.set(agent, status.value.paused ? 1 : 0);
      m.restartRequired.set(agent, status.value.restartRequired ? 1 : 0);
      const state = status.value.server?.state;
      for (const s of KNOWN_SERVER_STATES) m.serverState.set({ agent: id, state: s }, s === state ? 1 : 0);
      // An undocumented state is still reported, under one fixed label so label values stay bounded.
      if (state !== undefined && !(KNOWN_SERVER_STATES as string[]).includes(state)) m.serverState.set({ agent: id, state: "UNKNOWN" }, 1);
    }
    if (runs.status !== "fulfilled") continue;
    const counts = Object.fromEntries(STATUS_GROUPS.map((g) => [g, 0])) as Record<string, number>;
    let down = 0, up = 0, done = 0, total = 0, withErrors = 0;
    for (const run of runs.value) {
      const group = statusGroup(run.status);
      counts[group] = (counts[group] ?? 0) + 1;
      down += run.down_speed ?? 0;
      up += run.up_speed ?? 0;
      done += run.size_completed ?? 0;
      total += run.size_total ?? 0;
      if (runHasErrors(run)) withErrors += 1;
      if (config.metricsPerRun) {
        const labels = { agent: id, run_id: String(run.run_id), name: run.name, type: run.type };
        m.runDownSpeed.set(labels, run.down_speed ?? 0);
        m.runUpSpeed.set(labels, run.up_speed ?? 0);
        m.runSizeCompleted.set(labels, run.size_completed ?? 0);
        m.runSizeTotal.set(labels, run.size_total ?? 0);
        m.runErrors.set(labels, run.errors?.length ?? 0);
      }
    }
    for (const [group, n] of Object.entries(counts)) m.runs.set({ agent: id, group }, n);
    m.downSpeed.set(agent, down);
    m.upSpeed.set(agent, up);
    m.sizeCompleted.set(agent, done);
    m.sizeTotal.set(agent, total);
    m.runsWithErrors.set(agent, withErrors);
  }
  return { text: await m.registry.metrics(), contentType: m.registry.contentType };
}
