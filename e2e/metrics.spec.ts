import type { APIRequestContext } from "@playwright/test";
import type { Run } from "../lib/agent-api/runs";
import { runHasErrors } from "../lib/agent-api/status-groups";
import { expect, test } from "./fixtures";
import { parseExposition, select, value, type Exposition } from "./support/prom-text";

/** GET /api/metrics over HTTP from the built dashboard, checked as Prometheus text on every read. */
async function scrape(request: APIRequestContext): Promise<Exposition> {
  const res = await request.get("/api/metrics");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}
const metric =
  (request: APIRequestContext, name: string, labels: Record<string, string> = {}) =>
  async () =>
    value(await scrape(request), name, labels);
const AGENT = { agent: "local" };

// Scrapes do not count as someone watching, so the collector polls at its background rate: a short
// one here lets the figures follow the simulator within seconds.
const BACKGROUND = { BACKGROUND_POLL_MS: "1000" };
test.use({ dashboardEnv: BACKGROUND });

test("the agent's figures match the simulator's state, and follow it when it changes", async ({ request, control }) => {
  // Paused runs stand still, so the BFF's runs and the metrics describe the same moment.
  await control.setState({ paused: true });
  await expect.poll(metric(request, "agentdeck_agent_paused", AGENT)).toBe(1);
  const pausedRuns = async () => (await (await request.get("/api/agents/local/runs")).json()) as Run[];
  await expect.poll(async () => (await pausedRuns()).every((r) => r.status === "paused")).toBe(true);
  const runs = await pausedRuns();
  const m = await scrape(request);
  expect(value(m, "agentdeck_agent_up", AGENT)).toBe(1);
  expect(value(m, "agentdeck_agent_restart_required", AGENT)).toBe(1);
  expect(value(m, "agentdeck_runs", { ...AGENT, group: "paused" })).toBe(runs.length);
  expect(select(m, "agentdeck_runs", AGENT).reduce((a, s) => a + s.value, 0)).toBe(runs.length);
  expect(value(m, "agentdeck_size_total_bytes", AGENT)).toBe(runs.reduce((a, r) => a + (r.size_total ?? 0), 0));
  expect(value(m, "agentdeck_size_completed_bytes", AGENT)).toBe(runs.reduce((a, r) => a + (r.size_completed ?? 0), 0));
  expect(value(m, "agentdeck_down_speed_bytes_per_second", AGENT)).toBe(0);
  expect(value(m, "agentdeck_runs_with_errors", AGENT)).toBe(runs.filter(runHasErrors).length);
  expect(value(m, "agentdeck_runs_with_errors", AGENT)).toBeGreaterThan(0);
  // Per-run series are off by default (their label sets grow with the runs).
  expect(select(m, "agentdeck_run_down_speed_bytes_per_second")).toHaveLength(0);

  await control.setState({ paused: false, serverState: "PENDING_APPROVAL" });
  await expect.poll(metric(request, "agentdeck_agent_server_state", { ...AGENT, state: "PENDING_APPROVAL" })).toBe(1);
  const after = await scrape(request);
  expect(value(after, "agentdeck_agent_server_state", { ...AGENT, state: "CONNECTED" })).toBe(0);
  expect(select(after, "agentdeck_agent_server_state", AGENT).filter((s) => s.value === 1)).toHaveLength(1);
  expect(value(after, "agentdeck_agent_paused", AGENT)).toBe(0);
  await expect
    .poll(async () => value(await scrape(request), "agentdeck_down_speed_bytes_per_second", AGENT))
    .toBeGreaterThan(0);
});

test("agent_up drops to 0 while the agent is down, and errors are counted by code", async ({ request, control }) => {
  const errors = async (code: string) =>
    select(await scrape(request), "agentdeck_upstream_errors_total", { ...AGENT, code })[0]?.value ?? 0;
  expect(await metric(request, "agentdeck_agent_up", AGENT)()).toBe(1);
  const badBefore = await errors("agent_bad_response");
  await control.fault({ kind: "http500", paths: ["/api/v3/runs"] });
  await expect.poll(() => errors("agent_bad_response")).toBeGreaterThan(badBefore);
  await control.clearFaults();

  await control.fault({ kind: "refuse", ms: 6000 });
  await expect.poll(metric(request, "agentdeck_agent_up", AGENT)).toBe(0);
  const down = await scrape(request);
  expect(value(down, "agentdeck_upstream_errors_total", { ...AGENT, code: "agent_unreachable" })).toBeGreaterThan(0);
  // While down, the last known figures are not reported as if they were current.
  expect(select(down, "agentdeck_agent_paused", AGENT)).toHaveLength(0);
  await expect.poll(metric(request, "agentdeck_agent_up", AGENT), { timeout: 20_000 }).toBe(1);

  // The BFF's own view of its upstream calls: a duration histogram by resource and outcome.
  const m = await scrape(request);
  expect(m.types.get("agentdeck_upstream_request_duration_seconds")).toBe("histogram");
  const inf = select(m, "agentdeck_upstream_request_duration_seconds_bucket", {
    ...AGENT,
    resource: "runs",
    outcome: "ok",
    le: "+Inf",
  });
  expect(inf).toHaveLength(1);
  expect(inf[0]!.value).toBe(
    value(m, "agentdeck_upstream_request_duration_seconds_count", { ...AGENT, resource: "runs", outcome: "ok" }),
  );
  expect(m.types.get("agentdeck_upstream_errors_total")).toBe("counter");
});

test("GET /api/health: 200 with reachability; ?strict=1 is 503 while the agent is unreachable", async ({
  request,
  control,
}) => {
  const health = async (path: string) => {
    const res = await request.get(path);
    return {
      status: res.status(),
      body: (await res.json()) as { status: string; agents: { id: string; reachable: boolean; error?: string }[] },
    };
  };
  const up = await health("/api/health?strict=1");
  expect(up.status).toBe(200);
  expect(up.body).toMatchObject({ status: "ok", agents: [{ id: "local", reachable: true }] });

  await control.fault({ kind: "refuse", ms: 6000 });
  await expect.poll(async () => (await health("/api/health?strict=1")).status).toBe(503);
  const relaxed = await health("/api/health");
  expect(relaxed.status).toBe(200);
  expect(relaxed.body.status).toBe("degraded");
  expect(relaxed.body.agents[0]).toMatchObject({ id: "local", reachable: false });
  expect(relaxed.body.agents[0]!.error).toMatch(/reach/i);
  await expect.poll(async () => (await health("/api/health?strict=1")).status, { timeout: 20_000 }).toBe(200);
});

test.describe("with METRICS_PER_RUN=true", () => {
  test.use({ dashboardEnv: { ...BACKGROUND, METRICS_PER_RUN: "true" } });

  // The Grafana dashboard's queries are run against a real Prometheus in prometheus.spec.ts.
  test("each run has its own series", async ({ request }) => {
    const runs = (await (await request.get("/api/agents/local/runs")).json()) as Run[];
    const m = await scrape(request);
    const perRun = select(m, "agentdeck_run_size_total_bytes", AGENT);
    expect(perRun.map((s) => s.labels.run_id).sort()).toEqual(runs.map((r) => String(r.run_id)).sort());
    const first = runs[0]!;
    expect(value(m, "agentdeck_run_size_total_bytes", { ...AGENT, run_id: String(first.run_id) })).toBe(
      first.size_total,
    );
    for (const name of [
      "agentdeck_run_down_speed_bytes_per_second",
      "agentdeck_run_up_speed_bytes_per_second",
      "agentdeck_run_size_completed_bytes",
      "agentdeck_run_errors",
    ]) {
      expect(select(m, name, AGENT)).toHaveLength(runs.length);
    }
  });
});
