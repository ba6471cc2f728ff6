#!/usr/bin/env node
// Serves the built dashboard (.next/standalone) on HOST/PORT (defaults 127.0.0.1:3841). Configuration is validated
// by instrumentation.ts when the server boots; an invalid setting stops start-up with one line.
//   node scripts/start.mjs [--settings-file FILE] [--log-file FILE]
// --settings-file: settings in systemd's EnvironmentFile format (scripts/lib/service/env-file.cjs), over
// the environment's; --log-file: the server's output appended there (rotated to FILE.1 past 10 MB)
// rather than on the terminal. The Windows service task uses both: a task has neither.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { plans } from "./lib/launch-plans.cjs";
import { parseEnvFile } from "./lib/service/env-file.cjs";
import { onStopRequest, spawnNode, stopChild } from "./lib/spawn-node.cjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

let logFd = null;
const options = {};
for (let i = 2; i < process.argv.length; i++) {
  const flag = process.argv[i];
  if (
    (flag === "--settings-file" || flag === "--log-file") &&
    process.argv[i + 1] &&
    !process.argv[i + 1].startsWith("--")
  )
    options[flag] = process.argv[++i];
  else
    fail(
      `unknown or incomplete option "${flag}" (usage: node scripts/start.mjs [--settings-file FILE] [--log-file FILE])`,
    );
}

if (options["--log-file"]) {
  const file = path.resolve(options["--log-file"]);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    if (existsSync(file) && statSync(file).size > LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
    logFd = openSync(file, "a");
  } catch (err) {
    fail(`cannot write the log file ${file} (${err.code ?? err.message})`);
  }
}

/** One line for the operator: in the log file when there is one, else on stderr. */
function say(line) {
  if (logFd !== null) writeSync(logFd, `${line}\n`);
  else process.stderr.write(`${line}\n`);
}
function fail(line) {
  say(`agent-deck: ${line}`);
  process.exit(1);
}

if (options["--settings-file"]) {
  const file = path.resolve(options["--settings-file"]);
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    fail(`cannot read the settings file ${file} (${err.code ?? err.message})`);
  }
  for (const [name, value] of parseEnvFile(text)) process.env[name] = value;
}

const server = path.join(root, ".next", "standalone", "server.js");
if (!existsSync(server)) fail("no production build found; run `npm run build` first (or `npm run demo`).");
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3841";

// V8 sizes its heap from the machine's memory (gigabytes on a desktop) and under steady polling lets
// garbage build up on that scale before collecting: `npm run bench` measured the server's RSS going
// from 165 MB after 1,000 requests to 275 MB, where it stayed. The live heap is about 50 MB (100 or
// 5,000 runs); a 512 MB cap, ten times that, keeps the footprint flat at about 150 MB.
const heapLimit = process.env.HEAP_LIMIT_MB || "512";
if (!/^\d+$/.test(heapLimit) || Number(heapLimit) < 128 || Number(heapLimit) > 65536) {
  fail(
    `invalid configuration: HEAP_LIMIT_MB must be a whole number of megabytes between 128 and 65536 (got "${heapLimit}")`,
  );
}
// A heap size set in NODE_OPTIONS by the operator wins.
const heapFlags = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? "")
  ? []
  : [`--max-old-space-size=${heapLimit}`];
// The standalone server (output: "standalone", assets copied by scripts/postbuild.mjs) is what
// `next start` would run, minus the warning that it does not support that output mode.
const child = spawnNode(plans.standalone(heapFlags), {
  output: logFd ?? "inherit",
  env: { ...process.env, HOST: host, HOSTNAME: host, PORT: port },
});
// Ctrl-C, a service manager's stop or our parent closing the channel: the server is asked to stop
// over its IPC channel (lib/server/shutdown.ts) and we exit with it.
let stopping = false;
onStopRequest(() => {
  stopping = true;
  void stopChild(child);
});
child.on("exit", (code, signal) => {
  if (logFd !== null) closeSync(logFd);
  process.exit(stopping ? 0 : (code ?? (signal ? 0 : 1)));
});
