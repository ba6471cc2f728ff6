#!/usr/bin/env node
// Serves the built dashboard (.next/standalone) on HOST/PORT (defaults 127.0.0.1:3841). Configuration is validated
// by instrumentation.ts when the server boots; an invalid setting stops start-up with one line.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const server = path.join(root, ".next", "standalone", "server.js");
if (!existsSync(server)) {
  console.error("agent-deck: no production build found; run `npm run build` first (or `npm run demo`).");
  process.exit(1);
}
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3841";
// The standalone server (output: "standalone", assets copied by scripts/postbuild.mjs) is what
// `next start` would run, minus the warning that it does not support that output mode.
const child = spawn(process.execPath, [server], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, HOST: host, HOSTNAME: host, PORT: port },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
