import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import type { Rule } from "@/lib/bff/contract-alerts";
import type { Snapshot } from "@/lib/server/collector/snapshot";
import { AppError } from "@/lib/server/errors";
import { compileRule, holding, knows, oneShots, texts } from "@/lib/server/alerts/conditions";
import { loadConfig } from "@/lib/server/config";

const rule = (over: Partial<Rule>): Rule => ({
  id: "r",
  name: "R",
  trigger: "run_error",
  agents: "*",
  forSeconds: 0,
  resolveSeconds: 60,
  channels: [],
  enabled: true,
  source: "ui",
  createdAt: 0,
  updatedAt: 0,
  ...over,
});
const r = (id: number, over: Partial<Run> = {}): Run =>
  ({
    run_id: id,
    name: `run ${id}`,
    path: `/data/${id}`,
    type: "folder",
    status: "syncing",
    peers_count: 1,
    ...over,
  }) as Run;
const snap = (
  runs: Run[],
  status: Partial<Snapshot["status"]["value"]> = {},
  over: Partial<Snapshot> = {},
): Snapshot => ({
  seq: 2,
  polledAt: 1000,
  status: { value: { paused: false, restartRequired: false, server: { state: "CONNECTED" }, ...status } },
  runs: { value: runs },
  tags: {},
  ...over,
});
const keys = (rl: Rule, s: Snapshot) => [...holding(compileRule(rl), s).keys()];

describe("rule evaluation", () => {
  it("run_error: runs with errors or an error status, narrowed by runMatch", () => {
    const s = snap([
      r(1, { status: "error" }),
      r(2, { errors: ["x"] }),
      r(3),
      r(4, { status: "invalid state", name: "nightly" }),
    ]);
    expect(keys(rule({}), s)).toEqual(["run:1", "run:2", "run:4"]);
    expect(keys(rule({ runMatch: "NIGHT*" }), s)).toEqual(["run:4"]);
    expect(keys(rule({ runMatch: "/data/2" }), s)).toEqual(["run:2"]);
  });

  it("run_stalled: active, with peers, and none of its counters moved in this poll's delta", () => {
    const runs = [r(1, { size_completed: 5 }), r(2), r(3, { peers_count: 0 }), r(4, { status: "synced" })];
    const moved = snap(
      runs,
      {},
      { runsStep: { fromSeq: 1, delta: { changed: [{ run_id: 1, size_completed: 5 }], removed: [] } } },
    );
    expect(keys(rule({ trigger: "run_stalled", forSeconds: 60 }), moved)).toEqual(["run:2"]);
    expect(keys(rule({ trigger: "run_stalled", forSeconds: 60 }), snap(runs))).toEqual(["run:1", "run:2"]);
  });

  it("run_not_complete holds until a done status; agent triggers read the status", () => {
    expect(
      keys(rule({ trigger: "run_not_complete", forSeconds: 9 }), snap([r(1), r(2, { status: "synced" })])),
    ).toEqual(["run:1"]);
    expect(keys(rule({ trigger: "server_disconnected" }), snap([], { server: { state: "CONNECTING" } }))).toEqual([
      "agent",
    ]);
    expect(keys(rule({ trigger: "server_disconnected" }), snap([]))).toEqual([]);
    expect(keys(rule({ trigger: "restart_required" }), snap([], { restartRequired: true }))).toEqual(["agent"]);
    expect(keys(rule({ trigger: "paused_too_long", forSeconds: 5 }), snap([], { paused: true }))).toEqual(["agent"]);
    const down = snap([], {}, { status: { error: new AppError("agent_unreachable", "refused"), errorSince: 1 } });
    expect(keys(rule({ trigger: "agent_unreachable" }), down)).toEqual(["agent"]);
    // A status that could not be read says nothing about the Management Console: left as it was.
    expect(knows("server_disconnected", down)).toBe(false);
    expect(knows("agent_unreachable", down)).toBe(true);
  });

  it("one-shots come from the poll's events; onlyWithData skips a run that moved nothing", () => {
    const s = snap([r(1, { status: "synced", transferred_down: 0 }), r(2, { status: "synced", transferred_down: 9 })]);
    const events = [
      { kind: "run_finished" as const, severity: "info" as const, message: "", runId: "1" },
      { kind: "run_finished" as const, severity: "info" as const, message: "", runId: "2" },
      { kind: "run_error" as const, severity: "error" as const, message: "", runId: "2" },
    ];
    const finished = compileRule(rule({ trigger: "run_finished" }));
    expect(oneShots(finished, s, events).map((x) => x.key)).toEqual(["run:1", "run:2"]);
    expect(
      oneShots(compileRule(rule({ trigger: "run_finished", onlyWithData: true })), s, events).map((x) => x.key),
    ).toEqual(["run:2"]);
  });

  it("says what happened in words, the duration included", () => {
    const t = texts("run_stalled", false, "Office PC", undefined, { key: "run:1", run: r(1) }, 600_000);
    expect(t.message).toBe(
      'Run "run 1" on Office PC is "syncing" with 1 peer(s) connected, yet nothing moved for 10 min.',
    );
    expect(texts("agent_unreachable", true, "Office PC", undefined, undefined, 0).title).toBe(
      "Office PC answers again",
    );
  });
});

describe("ALERTS_FILE and PUBLIC_URL at start-up", () => {
  const load = (file: unknown, env: Record<string, string> = {}) =>
    loadConfig({ ALERTS_FILE: "/etc/alerts.json", ...env }, () => JSON.stringify(file));
  const problems = (file: unknown, env: Record<string, string> = {}) => {
    try {
      load(file, env);
      return [];
    } catch (err) {
      return (err as Error).message.split("\n");
    }
  };

  it("reads channels and rules; secrets may name environment variables, kept as references", () => {
    const config = load(
      {
        channels: [
          { id: "ops", type: "webhook", name: "Ops", url: "https://h.example/x", secret: { env: "OPS_SECRET" } },
        ],
        rules: [{ id: "errors", name: "Errors", trigger: "run_error", agents: "*", forSeconds: 60, channels: ["ops"] }],
      },
      { OPS_SECRET: "abc" },
    );
    expect(config.alertsFile?.channels[0]).toMatchObject({
      id: "ops",
      source: "file",
      secrets: { secret: { env: "OPS_SECRET" } },
    });
    expect(config.alertsFile?.rules[0]).toMatchObject({
      id: "errors",
      forSeconds: 60,
      resolveSeconds: 60,
      source: "file",
    });
    expect(config.publicUrl).toBe("http://127.0.0.1:3841");
  });

  it("stops start-up with one line per problem, naming the entry and the field", () => {
    expect(
      problems({
        channels: [
          { id: "ops", type: "webhook", name: "Ops", url: "https://h.example/x", secret: { env: "UNSET_VAR" } },
          { id: "Bad Id", type: "ntfy", name: "n", topic: "t" },
          { id: "s", type: "slack", name: "S", url: "nope" },
        ],
        rules: [
          { id: "r1", name: "R", trigger: "run_stalled", agents: "*", channels: ["ops"] },
          { id: "r2", name: "R", trigger: "run_error", agents: ["nobody"], channels: ["ops"] },
          { id: "r3", name: "R", trigger: "run_error", agents: "*", channels: ["ghost"] },
        ],
      }),
    ).toEqual([
      'agent-deck: invalid configuration: ALERTS_FILE channels[0] (id "ops").secret names the environment variable "UNSET_VAR", which is not set',
      'agent-deck: invalid configuration: ALERTS_FILE channels[1] (id "Bad Id"): id is missing or not a lowercase slug such as "ops-webhook"',
      'agent-deck: invalid configuration: ALERTS_FILE channels[2] (id "s"): url: Webhook URL must be an http:// or https:// URL without user name or password',
      'agent-deck: invalid configuration: ALERTS_FILE rules[0] (id "r1"): forSeconds: run_stalled needs forSeconds (how long before it counts)',
      'agent-deck: invalid configuration: ALERTS_FILE rules[1] (id "r2"): agents: No agent with id "nobody" is configured',
      'agent-deck: invalid configuration: ALERTS_FILE rules[2] (id "r3"): channels: No channel with id "ghost" in this file',
    ]);
    expect(problems({ channel: [] })[0]).toContain('must hold a JSON object {"channels":[...],"rules":[...]}');
    expect(problems({}, { PUBLIC_URL: "ftp://x" })[0]).toBe(
      'agent-deck: invalid configuration: PUBLIC_URL must be an http:// URL without credentials or query, such as https://deck.example.com (got "ftp://x")',
    );
    expect(load({}, { PUBLIC_URL: "https://deck.example.com/sub/" }).publicUrl).toBe("https://deck.example.com/sub");
  });
});
