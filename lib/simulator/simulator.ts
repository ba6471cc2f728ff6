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
  port: number;
  controlPort: number | null;
  stop: () => Promise<void>;
}

/** Wires the world, the agent endpoint, the control API and the clock together, and starts them. */
export async function startSimulation(options: SimulatorOptions): Promise<RunningSimulator> {
  const newWorld = () =>
    new World({ seed: options.seed, runs: options.runs, now: Date.now(), activePercent: options.activePercent });
  const sim: Simulation = {
    world: newWorld(),
    tokens: new TokenStore(),
    tokenAuth: options.tokenAuth,
    apiVersion: options.apiVersion,
    faults: new FaultState(),
    log: new RequestLog(),
  };
  sim.faults.set(options.fault);
  // Real elapsed time, not the nominal tick, so speeds stay honest under a busy event loop.
  let last = Date.now();
  const advance = () => {
    const now = Date.now();
    sim.world.tick(now - last);
    last = now;
  };
  const agent = new AgentServer(sim, { host: HOST, port: options.port, restartDowntimeMs: options.restartDowntimeMs });
  const port = await agent.start();

  let control: http.Server | null = null;
  let controlPort: number | null = null;
  if (options.controlPort !== null) {
    const reset = () => {
      sim.world = newWorld();
      last = Date.now();
      sim.faults.set(null);
      sim.log.clear();
    };
    const server = createControlServer({ sim, agent, reset });
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
    const closing = [agent.stop()];
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
  return { port, controlPort, stop };
}
