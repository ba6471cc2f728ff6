import { readFileSync } from "node:fs";
import path from "node:path";
import { expect as baseExpect, test } from "@playwright/test";
import { runPromtool } from "../scripts/lib/promtool.cjs";
import { startDashboard, startSimulator, type Dashboard, type Simulator } from "../tests/support/processes";
import { Control } from "./fixtures";
import { startPrometheus, type Prometheus } from "./support/prometheus";
import { FIRST_PAINT_MS, STARTING_TEST_MS } from "./support/allowances";

/**
 * Prometheus for the fleet, for real: two decks (each a dashboard on its own simulated agent, both
 * agents called `local`, as on every machine) scraped by Debian's prometheus server with the
 * project's alerting rules, and each deck's /api/metrics checked by promtool.
 */
const expect = baseExpect.configure({ timeout: FIRST_PAINT_MS });
const RULES = path.resolve("docs/prometheus/agent-deck.rules.yml");
test.describe.configure({ mode: "serial" });

type Deck = { sim: Simulator; control: Control; dashboard: Dashboard; instance: string; runs: number };
const decks: Deck[] = [];
let prometheus: Prometheus;

test.beforeAll(async () => {
  test.setTimeout(STARTING_TEST_MS);
  for (const [runs, env] of [
    [25, {}],
    [12, { METRICS_PER_RUN: "true" }],
  ] as const) {
    const sim = await startSimulator(["--runs", String(runs), "--seed", String(runs)]);
    // Scrapes do not count as watching: a short background poll lets the figures follow within seconds.
    const dashboard = await startDashboard({ AGENT_URL: sim.url, BACKGROUND_POLL_MS: "1000", ...env });
    decks.push({ sim, control: new Control(sim), dashboard, instance: `127.0.0.1:${dashboard.port}`, runs });
  }
  prometheus = await startPrometheus([{ job: "agent-deck", targets: decks.map((d) => d.instance) }], [RULES]);
});

test.afterAll(async () => {
  await prometheus?.stop();
  await Promise.all(decks.flatMap((d) => [d.dashboard.stop(), d.sim.stop()]));
});

test("each deck's /api/metrics passes promtool check metrics without a warning", async () => {
  // One failed exchange with the agent, so the error counter has a series too.
  const [, deck] = decks;
  await deck!.control.fault({ kind: "http500", paths: ["/api/v3/tags"] });
  await expect
    .poll(async () =>
      (await fetch(`${deck!.dashboard.url}/api/metrics`).then((r) => r.text())).includes(
        "agentdeck_upstream_errors_total{",
      ),
    )
    .toBe(true);
  await deck!.control.clearFaults();
  for (const d of decks) {
    const text = await (await fetch(`${d.dashboard.url}/api/metrics`)).text();
    // The default metrics of prom-client are part of it, and per-run series on the second deck.
    expect(text).toContain("process_cpu_seconds_total");
    expect(text).toContain("nodejs_heap_size_used_bytes");
    if (d === deck) expect(text).toContain("agentdeck_run_size_total_bytes{");
    const r = runPromtool(["check", "metrics"], { input: text });
    expect(r.missing, "promtool is installed").toBe(false);
    expect({ status: r.status, out: r.stdout + r.stderr }).toEqual({ status: 0, out: "" });
  }
});

test("Prometheus scrapes both decks: two agents called local, told apart by instance", async () => {
  await expect
    .poll(async () =>
      (await prometheus.query("agentdeck_agent_up"))
        .map((s) => `${s.metric.instance} ${s.metric.agent} ${s.value[1]}`)
        .sort(),
    )
    .toEqual(decks.map((d) => `${d.instance} local 1`).sort());
  // Each deck's figures are its own agent's: the runs counted per instance.
  await expect
    .poll(async () => {
      const sums = await prometheus.query("sum by (instance) (agentdeck_runs)");
      return Object.fromEntries(sums.map((s) => [s.metric.instance, Number(s.value[1])]));
    })
    .toEqual(Object.fromEntries(decks.map((d) => [d.instance, d.runs])));
  // A change on one machine shows on that instance only.
  const [first, second] = decks;
  await first!.control.setState({ paused: true });
  await expect
    .poll(async () => (await prometheus.query("agentdeck_agent_paused == 1")).map((s) => s.metric.instance))
    .toEqual([first!.instance]);
  await expect
    .poll(async () => (await prometheus.query(`agentdeck_agent_paused{instance="${second!.instance}"}`))[0]?.value[1])
    .toBe("0");
  await first!.control.setState({ paused: false });
  const labels = await prometheus.api<string[]>(`/api/v1/label/instance/values?match[]=agentdeck_agent_up`);
  expect(labels.sort()).toEqual(decks.map((d) => d.instance).sort());
});

test("the alerting rules load and evaluate cleanly, and every Grafana query runs against the scraped series", async () => {
  const rules = await prometheus.api<{
    groups: { name: string; rules: { name: string; health: string; lastError?: string }[] }[];
  }>("/api/v1/rules");
  const group = rules.groups.find((g) => g.name === "agent-deck");
  expect(group?.rules.map((r) => r.name).sort()).toEqual([
    "AgentDeckDown",
    "AgentDeckStorageFailing",
    "AgentMcDisconnected",
    "AgentRestartRequired",
    "AgentRunsInError",
    "AgentUnreachable",
  ]);
  await expect
    .poll(async () => (await prometheus.api<typeof rules>("/api/v1/rules")).groups[0]!.rules.map((r) => r.health))
    .toEqual(Array(6).fill("ok"));

  const dashboard = JSON.parse(readFileSync("docs/grafana-dashboard.json", "utf8")) as {
    panels: { title: string; type: string; targets?: { expr: string }[] }[];
    templating: { list: { name: string; query: string }[] };
  };
  expect(dashboard.templating.list.map((v) => v.name)).toEqual(["instance", "agent"]);
  expect(dashboard.panels.filter((p) => p.type === "row").map((p) => p.title)).toEqual(["Fleet overview", "Agents"]);
  const all = (expr: string) => expr.replaceAll("$instance", ".*").replaceAll("$agent", ".*");
  // Grafana's variable queries, as the label API answers them.
  const agents = await prometheus.api<string[]>(
    `/api/v1/label/agent/values?match[]=${encodeURIComponent('agentdeck_agent_up{instance=~".*"}')}`,
  );
  expect(agents).toEqual(["local"]);
  const queries = dashboard.panels.flatMap((p) =>
    (p.targets ?? []).map((t) => ({ panel: p.title, expr: all(t.expr) })),
  );
  expect(queries.length).toBeGreaterThan(15);
  for (const q of queries) {
    // Pending or firing alerts exist only while something is wrong (the next test makes some).
    if (q.expr.startsWith("ALERTS")) continue;
    await expect
      .poll(async () => (await prometheus.query(q.expr)).length, { message: `${q.panel}: ${q.expr}` })
      .toBeGreaterThan(0);
  }
  // The fleet table has a row per deck and agent.
  const table = await prometheus.query(all(queries.find((q) => q.panel === "Decks and their agents")!.expr));
  expect(table.map((s) => `${s.metric.instance} ${s.metric.agent}`).sort()).toEqual(
    decks.map((d) => `${d.instance} local`).sort(),
  );
});

test("a deck that stops is AgentDeckDown for its instance; an agent that stops behind a live deck is AgentUnreachable", async () => {
  const [first, second] = decks;
  const alerts = async (name: string) =>
    (await prometheus.query(`ALERTS{alertname="${name}"}`)).map((s) => `${s.metric.instance} ${s.metric.alertstate}`);
  await second!.dashboard.stop();
  await expect.poll(() => alerts("AgentDeckDown")).toEqual([`${second!.instance} pending`]);
  await first!.sim.stop();
  await expect.poll(() => alerts("AgentUnreachable")).toEqual([`${first!.instance} pending`]);
  // The deck is up, so it is not down itself; its agent is.
  expect(await alerts("AgentDeckDown")).toEqual([`${second!.instance} pending`]);
  const up = await prometheus.query("up");
  expect(Object.fromEntries(up.map((s) => [s.metric.instance, s.value[1]]))).toEqual({
    [first!.instance]: "1",
    [second!.instance]: "0",
  });
  // The Grafana dashboard's alert table shows both.
  const dashboard = JSON.parse(readFileSync("docs/grafana-dashboard.json", "utf8")) as {
    panels: { title: string; targets?: { expr: string }[] }[];
  };
  const expr = dashboard.panels.find((p) => p.title === "Alerts")!.targets![0]!.expr;
  // (With the simulators' defaults, restart required and runs in error are pending there as well.)
  const shown = (await prometheus.query(expr)).map((s) => `${s.metric.alertname} ${s.metric.instance}`);
  expect(shown).toEqual(
    expect.arrayContaining([`AgentDeckDown ${second!.instance}`, `AgentUnreachable ${first!.instance}`]),
  );
});
