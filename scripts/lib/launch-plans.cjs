// Every child process our scripts and tests start, in one place. Each plan is `process.execPath`
// plus a JavaScript (or TypeScript, through tsx's loader) file: never npm, never a
// node_modules/.bin shim. On Windows those shims are .cmd files that spawn() cannot start without a
// shell (Node 20.12+ refuses), so spawning them directly broke the quick start there.
// tests/scripts/launchers.test.ts holds every plan to "node plus a file that exists".
"use strict";
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const root = path.resolve(__dirname, "..", "..");
const inProject = (...parts) => path.join(root, ...parts);
const inPackage = (...parts) => path.join(root, "node_modules", ...parts);
// tsx's loader (its package export "."), so a .ts entry runs in this one node process: a second
// process (tsx's CLI) would sit between us and the program and not pass the IPC channel's close on.
const tsxLoader = () => pathToFileURL(require.resolve("tsx", { paths: [root] })).href;

/** @typedef {{ name: string, flags: string[], entry: string, args: string[] }} LaunchPlan */

/** @returns {LaunchPlan} */
const plan = (name, entry, args = [], flags = []) => ({ name, flags, entry, args });

const plans = {
  /** The simulated agent, `args` being its CLI flags (e.g. --port 3840). */
  simulator: (args = []) =>
    plan("simulator", inProject("lib", "simulator", "main.ts"), args, ["--import", tsxLoader()]),
  /** `npm run token`: API tokens on the store in DATA_DIR (lib/server is server-only: the react-server condition). */
  token: (args = []) =>
    plan("token", inProject("scripts", "token.ts"), args, ["--conditions=react-server", "--import", tsxLoader()]),
  /** `npm start`: the production build, which start.mjs runs as the standalone server below. */
  start: () => plan("dashboard", inProject("scripts", "start.mjs")),
  /** What start.mjs runs: the standalone server, with a heap cap unless NODE_OPTIONS sets one. */
  standalone: (heapFlags = []) => plan("dashboard", inProject(".next", "standalone", "server.js"), [], heapFlags),
  /** `npm run dev`: the same entry over `next dev`. */
  devServer: () => plan("dashboard", inProject("scripts", "server-entry.cjs"), ["--dev"]),
  /** `npm run build`, as a script (next build, then postbuild). */
  build: () => plan("build", inProject("scripts", "build.mjs")),
  nextBuild: () => plan("next build", inPackage("next", "dist", "bin", "next"), ["build"]),
  postbuild: () => plan("postbuild", inProject("scripts", "postbuild.mjs")),
  eslint: () => plan("eslint", inPackage("eslint", "bin", "eslint.js"), ["--max-warnings", "0", "."]),
  prettier: () =>
    plan("prettier", inPackage("prettier", "bin", "prettier.cjs"), ["--check", "--log-level", "warn", "."]),
  typecheck: () => plan("tsc", inPackage("typescript", "bin", "tsc"), ["--noEmit", "-p", "."]),
  vitest: (args = []) => plan("vitest", inPackage("vitest", "vitest.mjs"), ["run", ...args]),
  playwright: (args = []) => plan("playwright", inPackage("@playwright", "test", "cli.js"), ["test", ...args]),
};

/** The argument list after process.execPath. */
const argv = (p) => [...p.flags, p.entry, ...p.args];

module.exports = { root, plans, argv };
