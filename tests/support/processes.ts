import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { plans, type LaunchPlan } from "../../scripts/lib/launch-plans.cjs";
import { spawnNode, stopChild } from "../../scripts/lib/spawn-node.cjs";

/**
 * Starts real processes for tests: the simulated agent and the built dashboard. Tests talk to them
 * over HTTP exactly as a user's browser and a real agent would; nothing is mocked.
 */
const ROOT = path.resolve(__dirname, "..", "..");

export type Proc = { child: ChildProcess; output: () => string; stop: () => Promise<void> };

function track(child: ChildProcess): Proc {
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  // Asked over the IPC channel, as our scripts ask; killed if still there after 3 s.
  const stop = () => stopChild(child, 3000);
  return { child, output: () => out, stop };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

async function waitFor(what: string, proc: Proc, ready: (out: string) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!ready(proc.output())) {
    if (proc.child.exitCode !== null) throw new Error(`${what} exited early:\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type Simulator = Proc & {
  url: string;
  controlUrl: string;
  port: number;
  /** Every agent's URL: one, or N with `--agents N` (each controlled at `${controlUrl}/agents/{i}`). */
  urls: string[];
};

/**
 * `args` are the simulator's own CLI flags, e.g. ["--runs", "5", "--no-token-auth"]. With
 * `--agents N` the agents take free ports of their own (`--port 0`), read from its listening line.
 */
export async function startSimulator(args: string[] = []): Promise<Simulator> {
  const many = args.includes("--agents") || args.some((a) => a.startsWith("--agents="));
  const port = many ? 0 : await freePort();
  const controlPort = await freePort();
  const child = spawnNode(plans.simulator(["--port", String(port), "--control-port", String(controlPort), ...args]));
  const proc = track(child);
  await waitFor("simulator", proc, (o) => o.includes('"event":"listening"'), 20_000);
  const line = proc
    .output()
    .split("\n")
    .find((l) => l.includes('"event":"listening"'));
  const ports = (JSON.parse(line ?? "{}") as { ports?: number[] }).ports ?? [port];
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  return { ...proc, port: ports[0]!, url: urls[0]!, urls, controlUrl: `http://127.0.0.1:${controlPort}` };
}

export type Dashboard = Proc & { url: string; port: number };

async function startServer(
  what: string,
  plan: LaunchPlan,
  cwd: string,
  env: (port: number) => Record<string, string>,
  fixedPort?: number,
): Promise<Dashboard> {
  const port = fixedPort ?? (await freePort());
  // Each dashboard keeps its state (the session registry) in a folder of its own unless the test
  // names one (to restart a dashboard on the same state): tests running side by side share nothing.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-data-"));
  const child = spawnNode(plan, { cwd, env: { ...process.env, DATA_DIR: dataDir, ...env(port) } });
  const proc = track(child);
  // Next says "Ready" when it listens; instrumentation (which logs "boot") finishes just after.
  await waitFor(what, proc, (o) => /Ready in|started server|Local:/i.test(o) && o.includes('"event":"boot"'), 60_000);
  return { ...proc, port, url: `http://127.0.0.1:${port}` };
}

/**
 * Starts the production build (`next build` must have run) with the given environment; on `port`
 * when given (a dashboard started again where it was, as a service manager would).
 */
export function startDashboard(env: Record<string, string>, port?: number): Promise<Dashboard> {
  return startServer(
    "dashboard",
    plans.start(),
    ROOT,
    (p) => ({
      HOST: "127.0.0.1",
      PORT: String(p),
      ...env,
    }),
    port,
  );
}

/**
 * Starts the standalone server (`node .next/standalone/server.js`, built by `npm run build`) as an
 * operator would run it as a service: on its own, from its own folder, configured by environment.
 */
export function startStandalone(
  env: Record<string, string>,
  dir = path.join(ROOT, ".next/standalone"),
): Promise<Dashboard> {
  return startServer(
    "standalone server",
    { ...plans.standalone(), entry: path.join(dir, "server.js") },
    dir,
    (port) => ({
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      ...env,
    }),
  );
}
