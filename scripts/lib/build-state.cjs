// Whether the production build (.next/standalone) is missing or older than the sources it is built
// from: `npm run demo` builds again then, and tests that run the demo check it first (a build in the
// middle of a test run would replace the server other tests are using).
"use strict";
const { existsSync, readdirSync, statSync } = require("node:fs");
const path = require("node:path");
const { root } = require("./launch-plans.cjs");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** @returns {boolean} */
function buildIsStale() {
  const server = path.join(root, ".next", "standalone", "server.js");
  if (!existsSync(server)) return true;
  const built = statSync(server).mtimeMs;
  return (
    ["app", "components", "lib"].some((d) => newestMtime(path.join(root, d)) > built) ||
    ["proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json"].some(
      (f) => existsSync(path.join(root, f)) && statSync(path.join(root, f)).mtimeMs > built,
    )
  );
}

module.exports = { buildIsStale };
