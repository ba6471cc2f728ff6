import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { plans } from "../scripts/lib/launch-plans.cjs";
import { formatEnvFile } from "../scripts/lib/service/env-file.cjs";
import { collectNode, spawnNode, stopChild } from "../scripts/lib/spawn-node.cjs";
import { freePort } from "../tests/support/processes";

/*
 * What the Windows service task runs: `node scripts/start.mjs --settings-file F --log-file L`, with
 * none of the settings in its environment (a task has none). The settings come from the file the
 * service command wrote, the output goes to the log (rotated past 10 MB), and a stop over the IPC
 * channel is clean.
 */
test("start.mjs takes its settings from --settings-file and writes its output to --log-file", async ({ sim }) => {
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-task-"));
  const port = await freePort();
  const settings = path.join(dir, "agent-deck.env");
  const log = path.join(dir, "logs", "agent-deck.log");
  writeFileSync(
    settings,
    formatEnvFile([
      ["AGENT_URL", sim.url],
      ["AGENT_NAME", `Office "PC" $1`],
      ["HOST", "127.0.0.1"],
      ["PORT", String(port)],
      ["DATA_DIR", path.join(dir, "data dir")],
    ]),
  );
  const env = { ...process.env };
  for (const name of ["AGENT_URL", "AGENT_NAME", "HOST", "PORT", "DATA_DIR"]) delete env[name];
  const child = spawnNode(plans.start(undefined, ["--settings-file", settings, "--log-file", log]), { env });
  try {
    await expect
      .poll(() => (existsSync(log) ? readFileSync(log, "utf8") : ""), { timeout: 60_000 })
      .toMatch(/"event":"boot"[\s\S]*Ready in/);
    const agents = (await (await fetch(`http://127.0.0.1:${port}/api/agents`)).json()) as {
      agents: { name: string }[];
    };
    expect(agents.agents).toEqual([{ id: "local", name: `Office "PC" $1` }]);
    expect(existsSync(path.join(dir, "data dir", "agent-deck.sqlite"))).toBe(true);
  } finally {
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    await stopChild(child);
    expect(await exited).toBe(0);
  }
  expect(readFileSync(log, "utf8")).toMatch(/Ready in[\s\S]*"event":"shutdown_complete"/);
});

test("a log past 10 MB is rotated to .1; a missing settings file stops start-up with one line in the log", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-task-"));
  const log = path.join(dir, "agent-deck.log");
  writeFileSync(log, Buffer.alloc(10 * 1024 * 1024 + 1, "x"));
  const missing = path.join(dir, "nope.env");
  const r = await collectNode(plans.start(undefined, ["--settings-file", missing, "--log-file", log]));
  expect(r.code).toBe(1);
  expect(readFileSync(log, "utf8")).toBe(`agent-deck: cannot read the settings file ${missing} (ENOENT)\n`);
  expect(readFileSync(`${log}.1`).length).toBe(10 * 1024 * 1024 + 1);
  const bad = await collectNode(plans.start(undefined, ["--log-file"]));
  expect([bad.code, bad.stderr]).toEqual([
    1,
    'agent-deck: unknown or incomplete option "--log-file" (usage: node scripts/start.mjs [--settings-file FILE] [--log-file FILE])\n',
  ]);
});
