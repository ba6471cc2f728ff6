import type http from "node:http";
import { AgentServer, type Simulation } from "./agent-server";
import type { SimulatorOptions } from "./cli";
import { createControlServer } from "./control-server";
import { FaultState } from "./faults";
import { RequestLog } from "./request-log";
import { TokenStore } from "./tokens";
import { World } from "./world";

const HOST = "127.0.0.1"; // like the real agent: loopback only, never configurable

export interface RunningSimulator {
  /** The first agent's port. */
  port: number;
  /** Every agent's port, in order (`--agents N`: N of them). */
  ports: number[];
  controlPort: number | null;
  stop: () => Promise<void>;
}

/** One simulated agent: its world, tokens, faults, request log, HTTP endpoint and clock reading. */
type Agent = { sim: Simulation; server: AgentServer; reset: () => void; last: number };

/**
 * Wires the worlds, the agent endpoints, the control API and the clock together, and starts them.
 * `--agents N` serves N independent agents (seeds seed, seed+1, ...) from this one process, on
 * consecutive ports from `--port` (each on a free port of its own when `--port` is 0): a fleet of
 * fifty costs one process, not fifty.
 */
export async function startSimulation(options: SimulatorOptions): Promise<RunningSimulator> {
  const agents: Agent[] = [];
  for (let i = 0; i < options.agents; i++) {
    const newWorld = () =>
      new World({
        seed: options.seed + i,
        runs: options.runs,
        now: Date.now(),
        activePercent: options.activePercent,
      });
    const sim: Simulation = {
      world: newWorld(),
      tokens: new TokenStore(),
      tokenAuth: options.tokenAuth,
      apiVersion: options.apiVersion,
      faults: new FaultState(),
      log: new RequestLog(),
    };
    sim.faults.set(options.fault);
    const port = options.port === 0 ? 0 : options.port + i;
    const server = new AgentServer(sim, { host: HOST, port, restartDowntimeMs: options.restartDowntimeMs });
    const agent: Agent = { sim, server, reset: () => undefined, last: Date.now() };
    agent.reset = () => {
      sim.world = newWorld();
      agent.last = Date.now();
      sim.faults.set(null);
      sim.log.clear();
    };
    agents.push(agent);
  }
  const ports: number[] = [];
  try {
    for (const agent of agents) ports.push(await agent.server.start());
  } catch (err) {
    await Promise.all(agents.map((a) => a.server.stop()));
    throw err;
  }
  // Real elapsed time, not the nominal tick, so speeds stay honest under a busy event loop.
  const advance = () => {
    const now = Date.now();
    for (const agent of agents) {
      agent.sim.world.tick(now - agent.last);
      agent.last = now;
    }
  };

  let control: http.Server | null = null;
  let controlPort: number | null = null;
  if (options.controlPort !== null) {
    const server = createControlServer(agents.map((a) => ({ sim: a.sim, agent: a.server, reset: a.reset })));
    control = server;
    controlPort = await new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.controlPort ?? 0, HOST, () => {
        const addr = server.address();
        resolve(addr && typeof addr === "object" ? addr.port : 0);
      });
    });
  }

  const clock = setInterval(advance, options.tickMs);

  const stop = async () => {
    clearInterval(clock);
    const closing = agents.map((a) => a.server.stop());
    if (control) {
      const server = control;
      closing.push(
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      );
    }
    await Promise.all(closing);
  };
  return { port: ports[0] ?? 0, ports, controlPort, stop };
}
