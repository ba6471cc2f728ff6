#!/usr/bin/env node
// `npm run demo`: the dashboard on the simulated agent, one command. Builds when the build is
// missing or older than the sources, starts the simulator and the dashboard, prints the URL and
// stops both on Ctrl-C. `--dev` runs the same entry over `next dev` instead of the production build.
import { buildIsStale } from "./lib/build-state.cjs";
import { plans } from "./lib/launch-plans.cjs";
import { onStopRequest, runNode, spawnNode, stopChild } from "./lib/spawn-node.cjs";

const dev = process.argv.includes("--dev");
const simPort = process.env.SIM_PORT || "3840";
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3841";

if (!dev && buildIsStale()) {
  console.log("agent-deck: building the dashboard (first run or sources changed)…");
  const status = runNode(plans.build());
  if (status !== 0) process.exit(status);
}

const children = [];
function run(plan, env) {
  const name = plan.name;
  const child = spawnNode(plan, { env: { ...process.env, ...env } });
  const prefix = (d) =>
    d
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => `[${name}] ${l}`)
      .join("\n") + "\n";
  child.stdout.on("data", (d) => {
    process.stdout.write(prefix(d));
    if (name === "dashboard" && !announced && /Ready in/i.test(d.toString())) announce();
  });
  child.stderr.on("data", (d) => process.stderr.write(prefix(d)));
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`agent-deck: ${name} exited (${code}); stopping.`);
      stop(code || 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
// Each child is asked over its IPC channel (the one way that also works on Windows) and waited for.
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  void Promise.all(children.map((c) => stopChild(c))).then(() => process.exit(code));
}
onStopRequest(() => stop(0));

let announced = false;
function announce() {
  announced = true;
  console.log(`\nAgent Deck is running: ${url}  (simulated agent on 127.0.0.1:${simPort}; Ctrl-C stops both)\n`);
}
const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
const url = `http://${shown}:${port}`;

run(plans.simulator(["--port", simPort]), {});
const env = {
  AGENT_URL: `http://127.0.0.1:${simPort}`,
  AGENT_NAME: process.env.AGENT_NAME || "Simulated agent",
  HOST: host,
  PORT: port,
};
run(dev ? plans.devServer() : plans.start(), env);
