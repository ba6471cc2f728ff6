// Every child process our scripts, tests and benchmarks start, in one place. Each plan is
// `process.execPath` plus a JavaScript (or TypeScript, through tsx's loader) file: never npm, never a
// node_modules/.bin shim. On Windows those shims are .cmd files that spawn() cannot start without a
// shell (Node 20.12+ refuses), so spawning them directly broke the quick start there.
// tests/scripts/launchers.test.ts holds every plan to "node plus a file that exists", and every
// spawn in the repository to going through these plans.
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
  /** `npm run demo`: the simulator and the dashboard together (`--dev` for next dev). */
  demo: (args = []) => plan("demo", inProject("scripts", "demo.mjs"), args),
  /** `npm start` in a project folder (this one unless named): start.mjs runs the standalone server below. */
  start: (dir = root, args = []) => plan("dashboard", path.join(dir, "scripts", "start.mjs"), args),
  /** `npm run token`: API tokens on the store in DATA_DIR (lib/server is server-only: the react-server condition). */
  token: (args = []) =>
    plan("token", inProject("scripts", "token.ts"), args, ["--conditions=react-server", "--import", tsxLoader()]),
  /** What start.mjs runs: the standalone server, with a heap cap unless NODE_OPTIONS sets one. */
  standalone: (heapFlags = [], dir = inProject(".next", "standalone")) =>
    plan("dashboard", path.join(dir, "server.js"), [], heapFlags),
  /** `next start` itself, without our entry (tests show what that serves: nothing). */
  nextStart: (args = []) => plan("next start", inPackage("next", "dist", "bin", "next"), ["start", ...args]),
  /** `npm run service -- …`: the dashboard as a service of this OS. */
  service: (args = []) => plan("service", inProject("scripts", "service.mjs"), args),
  /** `npm run dev`: the same entry over `next dev`. */
  devServer: () => plan("dashboard", inProject("scripts", "server-entry.cjs"), ["--dev"]),
  /** `npm run build`, as a script (next build, then postbuild). */
  build: () => plan("build", inProject("scripts", "build.mjs")),
  nextBuild: () => plan("next build", inPackage("next", "dist", "bin", "next"), ["build"]),
  postbuild: () => plan("postbuild", inProject("scripts", "postbuild.mjs")),
  /** instrumentation.ts's register() as Next runs it (react-server conditions), for start-up tests. */
  bootCheck: () =>
    plan(
      "boot check",
      inProject("tests", "server", "fixtures", "run-instrumentation.ts"),
      [],
      ["--conditions=react-server", "--import", tsxLoader()],
    ),
  eslint: () => plan("eslint", inPackage("eslint", "bin", "eslint.js"), ["--max-warnings", "0", "."]),
  prettier: () =>
    plan("prettier", inPackage("prettier", "bin", "prettier.cjs"), ["--check", "--log-level", "warn", "."]),
  typecheck: () => plan("tsc", inPackage("typescript", "bin", "tsc"), ["--noEmit", "-p", "."]),
  vitest: (args = []) => plan("vitest", inPackage("vitest", "vitest.mjs"), ["run", ...args]),
  playwright: (args = []) => plan("playwright", inPackage("@playwright", "test", "cli.js"), ["test", ...args]),
  lighthouse: (args = []) => plan("lighthouse", inPackage("lighthouse", "cli", "index.js"), args),
};

/** The argument list after process.execPath. */
const argv = (p) => [...p.flags, p.entry, ...p.args];

module.exports = { root, plans, argv };
