import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { buildIsStale } from "../scripts/lib/build-state.cjs";
import { plans, type LaunchPlan } from "../scripts/lib/launch-plans.cjs";
import { spawnNode } from "../scripts/lib/spawn-node.cjs";
import { descendantsOf, isAlive, onlyChildOf } from "../tests/support/proc-tree";
import { freePort } from "../tests/support/processes";

/*
 * Every way of asking `npm run demo` and `npm start` to stop ends every process they started, with
 * exit code 0: the IPC channel's close (what our scripts use, and the one way that works on Windows,
 * which has no SIGTERM), Ctrl-C in a terminal (SIGINT to the whole process group), SIGINT to the
 * launcher alone, and a service manager's SIGTERM. No process is left behind (each pid is checked).
 */

type Started = {
  child: ChildProcess;
  output: () => string;
  pids: number[];
  ports: number[];
  exited: Promise<number | null>;
};

async function launch(
  plan: LaunchPlan,
  env: Record<string, string>,
  ready: RegExp,
  detached = false,
): Promise<Started> {
  const child = spawnNode(plan, {
    env: { ...process.env, HOST: "127.0.0.1", DATA_DIR: mkdtempSync(path.join(tmpdir(), "agent-deck-stop-")), ...env },
    detached,
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await expect.poll(() => out, { timeout: 60_000 }).toMatch(ready);
  return { child, output: () => out, pids: [child.pid!, ...descendantsOf(child.pid!)], ports: [], exited };
}

async function startDemo(detached = false): Promise<Started> {
  // The demo builds first when the build is older than the sources; that must not happen mid-suite.
  expect(buildIsStale(), "the build is older than the sources: run `npm run build` first").toBe(false);
  const [simPort, port] = [await freePort(), await freePort()];
  const demo = await launch(
    plans.demo(),
    { SIM_PORT: String(simPort), PORT: String(port) },
    /Agent Deck is running: http:\/\/127\.0\.0\.1:\d+/,
    detached,
  );
  // The demo, the simulator (tsx's loader in the same node process), start.mjs and the server, all
  // node; besides them only the esbuild service that tsx's loader runs (a binary of esbuild's own).
  const commands = demo.pids.map((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0"));
  for (const entry of ["demo.mjs", "main.ts", "start.mjs", "server.js"])
    expect(commands.filter((argv) => argv.some((a) => a.endsWith(entry))).length, entry).toBe(1);
  const others = commands.filter((argv) => argv[0] !== process.execPath).map((argv) => path.basename(argv[0]!));
  expect(others.filter((name) => name !== "esbuild")).toEqual([]);
  expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  return { ...demo, ports: [simPort, port] };
}

async function startDashboard(): Promise<Started> {
  const port = await freePort();
  const started = await launch(plans.start(), { PORT: String(port), AGENT_URL: "http://127.0.0.1:9" }, /Ready in/);
  expect(started.pids).toHaveLength(2);
  expect(onlyChildOf(started.child.pid!)).toBe(started.pids[1]);
  return { ...started, ports: [port] };
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });

/** Exit code 0 within a few seconds (well inside the 10 s grace), every pid gone, every port free. */
async function expectCleanStop(s: Started, askedAt: number) {
  expect(await s.exited, s.output()).toBe(0);
  expect(Date.now() - askedAt).toBeLessThan(8000);
  await expect.poll(() => s.pids.filter(isAlive), { timeout: 5000 }).toEqual([]);
  for (const port of s.ports) expect(await portIsFree(port), `port ${port}`).toBe(true);
  expect(s.output()).not.toMatch(/exited \(\d+\); stopping|shutdown_forced|SIGKILL/);
}

test("npm run demo stops everything when its IPC channel closes (how Windows and our scripts ask)", async () => {
  const demo = await startDemo();
  const at = Date.now();
  demo.child.disconnect();
  await expectCleanStop(demo, at);
});

test("npm run demo stops everything on Ctrl-C in a terminal (SIGINT to its whole process group)", async () => {
  const demo = await startDemo(true);
  const at = Date.now();
  process.kill(-demo.child.pid!, "SIGINT");
  await expectCleanStop(demo, at);
});

test("npm run demo stops everything on SIGINT or SIGTERM to it alone", async () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    const demo = await startDemo();
    const at = Date.now();
    demo.child.kill(signal);
    await expectCleanStop(demo, at);
  }
});

test("npm start stops its server on a service manager's SIGTERM, to the launcher or to both", async () => {
  const alone = await startDashboard();
  let at = Date.now();
  alone.child.kill("SIGTERM");
  await expectCleanStop(alone, at);

  // systemd's default (KillMode=control-group) signals every process of the service at once.
  const both = await startDashboard();
  at = Date.now();
  for (const pid of both.pids) process.kill(pid, "SIGTERM");
  await expectCleanStop(both, at);
});

test("npm start's server stops by itself, cleanly, when its launcher is killed outright (Windows' End task)", async () => {
  const started = await startDashboard();
  const at = Date.now();
  started.child.kill("SIGKILL"); // what TerminateProcess does: no handler runs in the launcher
  await started.exited;
  // The server writes to the same output: it saw its channel close and shut down in order.
  await expect.poll(() => started.output(), { timeout: 8000 }).toMatch(/"event":"shutdown","signal":"disconnect"/);
  await expect.poll(() => started.output(), { timeout: 8000 }).toMatch(/"event":"shutdown_complete"/);
  expect(Date.now() - at).toBeLessThan(8000);
  await expect.poll(() => started.pids.filter(isAlive), { timeout: 5000 }).toEqual([]);
  expect(await portIsFree(started.ports[0]!)).toBe(true);
});
