import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plans } from "../../scripts/lib/launch-plans.cjs";
import { collectNode } from "../../scripts/lib/spawn-node.cjs";

/** Every setting blank (= unset), so the runner's own environment cannot change the outcome. */
const CLEAN = Object.fromEntries(
  [
    "AGENT_URL",
    "AGENT_NAME",
    "AGENT_TOKEN_AUTH",
    "AGENTS_FILE",
    "HOST",
    "PORT",
    "AGENT_TIMEOUT_MS",
    "POLL_INTERVAL_MS",
    "UI_POLL_INTERVAL_MS",
    "ALLOWED_HOSTS",
    "TRUST_PROXY",
    "DASHBOARD_PASSWORD",
    "DASHBOARD_VIEW_PASSWORD",
    "METRICS_PER_RUN",
    "HISTORY_DAYS",
    "LOOPBACK_TRUSTED",
    "DATA_DIR",
  ].map((k) => [k, ""]),
);

/** instrumentation.ts's register(), run as Next runs it (Node.js runtime, react-server conditions). */
const boot = (env: Record<string, string>) =>
  collectNode(plans.bootCheck(), {
    env: { ...process.env, ...CLEAN, NEXT_RUNTIME: "nodejs", DATA_DIR: dataDir, ...env },
  });

// A store of its own, so whatever the project's data/ holds cannot change the outcome.
let dataDir = "";
beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "agent-deck-boot-"));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("start-up (instrumentation.ts)", () => {
  it.each([
    [
      { AGENT_TIMEOUT_MS: "abc" },
      'agent-deck: invalid configuration: AGENT_TIMEOUT_MS must be a whole number of milliseconds between 100 and 120000 (got "abc")',
    ],
    [
      { HOST: "0.0.0.0" },
      'agent-deck: invalid configuration: HOST is "0.0.0.0", which serves beyond this machine: set DASHBOARD_PASSWORD as well, or use HOST=127.0.0.1',
    ],
    [
      { AGENTS_FILE: "/nonexistent.json" },
      'agent-deck: invalid configuration: AGENTS_FILE cannot be read (ENOENT): "/nonexistent.json"',
    ],
  ])("%o stops start-up with exit 1 and its one line on stderr", async (env, line) => {
    const r = await boot(env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(line);
    expect(r.stdout).not.toContain("registered");
  });

  it("a valid configuration boots and logs one JSON line without secrets", async () => {
    const r = await boot({
      AGENT_URL: "http://127.0.0.1:3999",
      DASHBOARD_PASSWORD: "s3cret-password",
      HOST: "127.0.0.1",
    });
    expect(r.code).toBe(0);
    const line = r.stdout.split("\n").find((l) => l.includes('"event":"boot"'));
    const parsed = JSON.parse(line ?? "{}") as { agents: { id: string; url: string }[]; passwordRequired: boolean };
    expect(parsed.agents).toEqual([
      { id: "local", name: "Local agent", url: "http://127.0.0.1:3999", tokenAuth: true },
    ]);
    expect(parsed.passwordRequired).toBe(true);
    expect(r.stdout).not.toContain("s3cret-password");
  });
});
