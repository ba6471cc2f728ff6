#!/usr/bin/env node
// Serves the built dashboard (.next/standalone) on HOST/PORT (defaults 127.0.0.1:3841). Configuration is validated
// by instrumentation.ts when the server boots; an invalid setting stops start-up with one line.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { plans } from "./lib/launch-plans.cjs";
import { onStopRequest, spawnNode, stopChild } from "./lib/spawn-node.cjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const server = path.join(root, ".next", "standalone", "server.js");
if (!existsSync(server)) {
  console.error("agent-deck: no production build found; run `npm run build` first (or `npm run demo`).");
  process.exit(1);
}
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3841";

// V8 sizes its heap from the machine's memory (gigabytes on a desktop) and under steady polling lets
// garbage build up on that scale before collecting: `npm run bench` measured the server's RSS going
// from 165 MB after 1,000 requests to 275 MB, where it stayed. The live heap is about 50 MB (100 or
// 5,000 runs); a 512 MB cap, ten times that, keeps the footprint flat at about 150 MB.
const heapLimit = process.env.HEAP_LIMIT_MB || "512";
if (!/^\d+$/.test(heapLimit) || Number(heapLimit) < 128 || Number(heapLimit) > 65536) {
  console.error(
    `agent-deck: invalid configuration: HEAP_LIMIT_MB must be a whole number of megabytes between 128 and 65536 (got "${heapLimit}")`,
  );
  process.exit(1);
}
// A heap size set in NODE_OPTIONS by the operator wins.
const heapFlags = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? "")
  ? []
  : [`--max-old-space-size=${heapLimit}`];
// The standalone server (output: "standalone", assets copied by scripts/postbuild.mjs) is what
// `next start` would run, minus the warning that it does not support that output mode.
const child = spawnNode(plans.standalone(heapFlags), {
  output: "inherit",
  env: { ...process.env, HOST: host, HOSTNAME: host, PORT: port },
});
// Ctrl-C, a service manager's stop or our parent closing the channel: the server is asked to stop
// over its IPC channel (lib/server/shutdown.ts) and we exit with it.
let stopping = false;
onStopRequest(() => {
  stopping = true;
  void stopChild(child);
});
child.on("exit", (code, signal) => process.exit(stopping ? 0 : (code ?? (signal ? 0 : 1))));
