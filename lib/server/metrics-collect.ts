import "server-only";
import { KNOWN_SERVER_STATES } from "@/lib/agent-api/client";
import { listAgents } from "./agents";
import type { Config } from "./config";
import { getMetrics } from "./metrics";

/**
 * Fills the agent gauges just before a scrape from each collector's snapshot: a scrape never calls
 * an agent. Gauges are reset first so an agent that went down shows up=0 rather than its last
 * known figures; the run figures come from the snapshot's one summary, as the pages show them.
 */
export async function collectMetrics(config: Config): Promise<{ text: string; contentType: string }> {
  const m = getMetrics();
  const gauges = [
    m.up,
    m.deckUp,
    m.paused,
    m.restartRequired,
    m.serverState,
    m.runs,
    m.downSpeed,
    m.upSpeed,
    m.sizeCompleted,
    m.sizeTotal,
    m.runsWithErrors,
    m.runDownSpeed,
    m.runUpSpeed,
    m.runSizeCompleted,
    m.runSizeTotal,
    m.runErrors,
    m.lastPoll,
    m.polls,
  ];
  for (const g of gauges) g.reset();

  const snapshots = await Promise.all(
    listAgents(config).map(async (service) => ({ service, snapshot: await service.collector.settled() })),
  );
  for (const { service, snapshot } of snapshots) {
    const id = service.agent.id;
    const agent = { agent: id };
    const { status, runs, summary, polledAt } = snapshot;
    m.polls.set(agent, service.collector.polls);
    if (polledAt > 0) m.lastPoll.set(agent, polledAt / 1000);
    const up = status.value !== undefined && !status.error;
    m.up.set(agent, up ? 1 : 0);
    // Behind a deck, the agent can be down while its deck answers: the deck's own state apart.
    if (service.agent.deck) m.deckUp.set(agent, polledAt > 0 && !status.error?.code.startsWith("deck_") ? 1 : 0);
    if (up && status.value) {
      m.paused.set(agent, status.value.paused ? 1 : 0);
      m.restartRequired.set(agent, status.value.restartRequired ? 1 : 0);
      const state = status.value.server?.state;
      for (const s of KNOWN_SERVER_STATES) m.serverState.set({ agent: id, state: s }, s === state ? 1 : 0);
      // An undocumented state is still reported, under one fixed label so label values stay bounded.
      if (state !== undefined && !(KNOWN_SERVER_STATES as string[]).includes(state))
        m.serverState.set({ agent: id, state: "UNKNOWN" }, 1);
    }
    if (runs.error || !runs.value || !summary) continue;
    for (const [group, n] of Object.entries(summary.byGroup)) m.runs.set({ agent: id, group }, n);
    m.downSpeed.set(agent, summary.down);
    m.upSpeed.set(agent, summary.up);
    m.sizeCompleted.set(agent, summary.sizeCompleted);
    m.sizeTotal.set(agent, summary.sizeTotal);
    m.runsWithErrors.set(agent, summary.withErrors);
    if (!config.metricsPerRun) continue;
    for (const run of runs.value) {
      const labels = { agent: id, run_id: String(run.run_id), name: run.name, type: run.type };
      m.runDownSpeed.set(labels, run.down_speed ?? 0);
      m.runUpSpeed.set(labels, run.up_speed ?? 0);
      m.runSizeCompleted.set(labels, run.size_completed ?? 0);
      m.runSizeTotal.set(labels, run.size_total ?? 0);
      m.runErrors.set(labels, run.errors?.length ?? 0);
    }
  }
  return { text: await m.registry.metrics(), contentType: m.registry.contentType };
}
