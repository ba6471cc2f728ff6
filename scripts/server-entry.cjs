// agent-deck entry: the dashboard's own HTTP server, in front of Next.
//
// After `npm run build` this file is `.next/standalone/server.js` (scripts/postbuild.mjs copies it and
// Next's generated configuration beside it), which `npm start` and service definitions run; `npm run
// dev` runs it from the project with --dev. In order:
// 1. a slot for request hooks goes on globalThis (lib/server/request-hook.ts reads the same symbol);
// 2. Next prepares, which runs instrumentation: configuration is validated (a bad setting prints one
//    line and exits 1), the front door and shutdown hooks fill the slot, and the agents' collectors start;
// 3. only then does the server listen, so every request meets the hooks first: no early requests to
//    replay, no patched prototypes, nothing that depends on Next's start-up timing.
"use strict";
const http = require("node:http");
const path = require("node:path");
const fs = require("node:fs");

const started = Date.now();
const dev = process.argv.includes("--dev");
const dir = dev ? process.cwd() : __dirname;
if (!dev) {
  process.env.NODE_ENV = "production";
  process.chdir(__dirname);
}

// HOST (or HOSTNAME, the name Next's own standalone server reads) and PORT: the address bound is the
// address the configuration checks (it refuses to serve beyond loopback without a password).
const host = process.env.HOST || process.env.HOSTNAME || "127.0.0.1";
process.env.HOST = host;
process.env.HOSTNAME = host;
process.env.PORT = process.env.PORT || "3841";
const port = Number(process.env.PORT);

let conf;
if (!dev) {
  conf = JSON.parse(fs.readFileSync(path.join(__dirname, "next-config.json"), "utf8"));
  // What Next's generated server.js sets: the build's configuration, without reading next.config.js.
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
}

// Run from a project's build (`<project>/.next/standalone`), the data belongs in `<project>/data`,
// not in the build folder that the next build replaces. A copied standalone folder keeps its own.
if (!process.env.DATA_DIR && !dev && path.basename(path.dirname(__dirname)) === ".next") {
  process.env.DATA_DIR = path.join(__dirname, "..", "..", "data");
}

const ENTRY = Symbol.for("agent-deck.entry");
const slot = (globalThis[ENTRY] = { hooks: [] });

const next = require("next");
const app = next({ dev, dir, hostname: host, port, ...(conf ? { conf } : {}) });

function fail(err) {
  process.stderr.write(`agent-deck: the server could not start: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
}

app
  .prepare()
  .then(() => {
    if (slot.hooks.length === 0) fail(new Error("boot did not run (instrumentation.ts is missing from the build)"));
    const handle = app.getRequestHandler();
    const server = http.createServer((req, res) => {
      for (const hook of slot.hooks) if (hook(req, res)) return;
      handle(req, res).catch((err) => {
        process.stderr.write(
          `${JSON.stringify({ time: new Date().toISOString(), level: "error", event: "request_failed", message: String(err && err.message) })}\n`,
        );
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("500 Internal Server Error\n");
      });
    });
    // A client that trickles its headers (slowloris) is cut off; keep-alive as Next's server sets it.
    server.headersTimeout = 10_000;
    server.requestTimeout = 60_000;
    const keepAlive = Number(process.env.KEEP_ALIVE_TIMEOUT);
    if (Number.isFinite(keepAlive) && keepAlive >= 0) server.keepAliveTimeout = keepAlive;
    server.on("error", fail);
    server.listen(port, host, () => {
      const shown = host.includes(":") ? `[${host}]` : host;
      process.stdout.write(`agent-deck: Ready in ${Date.now() - started}ms: http://${shown}:${port}\n`);
    });
    // Shutdown (lib/server/shutdown.ts) closes the listener so no new connection is accepted.
    globalThis[ENTRY].server = server;
  })
  .catch(fail);
