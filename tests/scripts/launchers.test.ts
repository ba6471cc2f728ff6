import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { argv, plans, root, type LaunchPlan } from "../../scripts/lib/launch-plans.cjs";
import { sourceFiles, spawnCalls } from "./spawn-scan";

// Every child process of ours starts as `node <file>`: Windows cannot spawn npm or .bin's .cmd
// shims without a shell, so a plan that names one breaks the quick start there. Every plan, with
// its default arguments (a new plan is checked without being listed here):
const every: LaunchPlan[] = Object.values(plans).map((make: () => LaunchPlan) => make());

describe("launch plans", () => {
  it.each(every.map((p) => [p.name, p] as const))(
    "%s is node plus a JavaScript or TypeScript file that exists",
    (_n, p) => {
      expect(path.isAbsolute(p.entry)).toBe(true);
      // The standalone server exists once built: it is scripts/server-entry.cjs, copied by postbuild.
      const built = p.entry === path.join(root, ".next", "standalone", "server.js");
      expect(existsSync(built ? path.join(root, "scripts", "server-entry.cjs") : p.entry), p.entry).toBe(true);
      // Next's and tsc's bin scripts have no extension but are JavaScript with a node shebang.
      const ext = path.extname(p.entry);
      if (ext) expect([".js", ".cjs", ".mjs", ".ts"]).toContain(ext);
      else expect(readFileSync(p.entry, "utf8").split("\n")[0]).toMatch(/^#!.*node/);
      expect(p.entry).not.toMatch(/node_modules[\\/]\.bin/);
      expect(argv(p)).toContain(p.entry);
      // A .ts entry runs through tsx's loader in the same process, never through tsx's CLI.
      if (ext === ".ts") expect(p.flags).toContain("--import");
    },
  );

  it("the simulator's TypeScript runs through tsx's loader inside the same node process", () => {
    const p = plans.simulator();
    expect(p.flags[0]).toBe("--import");
    expect(existsSync(fileURLToPath(p.flags[1] ?? ""))).toBe(true);
  });

  it("the standalone server is node plus the built entry, with the heap flags first", () => {
    const p = plans.standalone(["--max-old-space-size=512"]);
    expect(argv(p)).toEqual(["--max-old-space-size=512", path.join(root, ".next", "standalone", "server.js")]);
  });
});

/*
 * Every place in the repository that starts a process, found by parsing (tests/scripts/spawn-scan.ts).
 * Node programs go through scripts/lib/spawn-node.cjs with a plan above (so each is node plus a file
 * that exists); the only other commands are operating-system tools, by name, without a shell.
 */
const SPAWNER = path.join(root, "scripts", "lib", "spawn-node.cjs");
const OS_TOOLS: Record<string, string> = {
  getconf: "bench: CLK_TCK to read /proc CPU times (Linux)",
  mount: "e2e: a read-only or small tmpfs for DATA_DIR (Linux, as root)",
  umount: "e2e: undoes that mount",
  // Native binaries from Debian's prometheus package, named by path (PROMTOOL_PATH / PROMETHEUS_PATH) or PATH.
  "promtoolPath()": "npm test: promtool checks and tests the alerting rules and checks /api/metrics",
  'process.env.PROMETHEUS_PATH || "prometheus"': "e2e: a real Prometheus server scraping two decks",
  systemctl: "the service command on Linux (scripts/lib/service/os-tools.cjs)",
  launchctl: "the service command on macOS",
  schtasks: "the service command on Windows",
  icacls: "the service command on Windows: access to the settings file",
  "systemd-analyze": "tests: systemd's own check of the generated units",
  openssl: "tests: a self-signed certificate for a deck served over HTTPS",
};
const TREES = ["scripts", "bench", "tests", "e2e", "lib", "app", "components", "eslint"];
const files = [
  ...TREES.flatMap((t) => sourceFiles(path.join(root, t))),
  ...["playwright.config.ts", "vitest.config.ts", "next.config.js", "proxy.ts", "instrumentation.ts"].map((f) =>
    path.join(root, f),
  ),
];
const calls = files.flatMap((f) => spawnCalls(f));
const where = (c: { file: string; line: number }) => `${path.relative(root, c.file)}:${c.line}`;

describe("every spawn in the repository", () => {
  it("is found: the scan sees the launcher's own calls and an aliased or required import", () => {
    expect(calls.filter((c) => c.file === SPAWNER).map((c) => c.fn)).toEqual(["spawn", "spawn", "spawnSync"]);
    const sample = [
      'import { spawn as run } from "node:child_process"; run("npm", ["start"]);',
      'const cp = require("child_process"); cp.execSync("ps -e");',
      'const { execFile } = require("node:child_process"); execFile("node_modules/.bin/tsx", [], { shell: true });',
      'import * as cp from "node:child_process"; const re = /x/; re.exec("x"); cp.fork("a.js");',
    ];
    expect(
      sample.flatMap((t, i) => spawnCalls(`sample${i}.ts`, t)).map((c) => [c.fn, c.command, c.shellOption]),
    ).toEqual([
      ["spawn", "npm", false],
      ["execSync", "ps -e", false],
      ["execFile", "node_modules/.bin/tsx", true],
      ["fork", "a.js", false],
    ]);
  });

  it("starts node only through a launch plan (scripts/lib/spawn-node.cjs)", () => {
    const direct = calls.filter((c) => c.command === "process.execPath" && c.file !== SPAWNER).map(where);
    expect(direct).toEqual([]);
  });

  it("never runs a shell, npm, a .bin shim, ps or setsid: anything else is a named OS tool", () => {
    const offenders = calls
      .filter((c) => c.file !== SPAWNER)
      .filter(
        (c) => c.shellOption || ["exec", "execSync", "fork", "import()"].includes(c.fn) || !(c.command in OS_TOOLS),
      )
      .map((c) => `${where(c)} ${c.fn}(${c.command})`);
    expect(offenders).toEqual([]);
    expect(
      calls.filter((c) => c.file === SPAWNER).every((c) => c.command === "process.execPath" && !c.shellOption),
    ).toBe(true);
  });
});

// What the scan cannot see by parsing calls: a shim's path or a process-group signal in product
// scripts and the helpers that start our processes.
const forbidden: [string, RegExp][] = [
  ["a node_modules/.bin shim", /\.bin["'`/\\]/],
  ["setsid", /\bsetsid\b/],
  ["ps", /["'`]ps["'`]/],
  ["a process-group signal", /process\.kill\(\s*-/],
];
const helpers = ["scripts", "bench", "tests/support", "e2e/support", "lib"].flatMap((t) =>
  sourceFiles(path.join(root, t)),
);

describe("scripts, bench and test helpers", () => {
  it.each(forbidden)("never use %s", (_what, pattern) => {
    expect(helpers.length).toBeGreaterThan(20);
    const offenders = helpers.filter((f) => pattern.test(readFileSync(f, "utf8"))).map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });
});
