import { parseArgs, USAGE } from "./cli";
import { startSimulation } from "./simulator";

/**
 * The simulated Resilio Connect Agent, as its own process: `tsx lib/simulator/main.ts [flags]`.
 * Stops on SIGTERM, SIGINT, SIGBREAK or its parent closing the IPC channel (the stop that works on Windows).
 * Prints one JSON line on stdout when listening (tests and scripts wait for it).
 */
async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`simulator: ${parsed.error}\n`);
    process.exit(1);
  }
  if ("help" in parsed) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = parsed.options;
  const running = await startSimulation(options);
  process.stdout.write(
    `${JSON.stringify({ event: "listening", port: running.port, ports: running.ports, controlPort: running.controlPort, tokenAuth: options.tokenAuth })}\n`,
  );

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    // Hung or streaming responses must not keep us alive: stop() drops every connection.
    running.stop().then(
      () => process.exit(0),
      () => process.exit(0),
    );
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  process.on("SIGBREAK", shutdown);
  if (process.connected) process.on("disconnect", shutdown);
}

main().catch((e: unknown) => {
  const code = e instanceof Error && "code" in e ? ` (${String(e.code)})` : "";
  process.stderr.write(`simulator: failed to start${code}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
