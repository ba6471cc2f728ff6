// Prometheus's own checker, `promtool` (Debian's `prometheus` package; PROMTOOL_PATH overrides). A
// native program, so it is started directly: no shell, no node. npm test runs it on
// docs/prometheus/ (config syntax, rules, rule unit tests); the e2e suite on a live /api/metrics.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { root } = require("./launch-plans.cjs");

const promtoolPath = () => process.env.PROMTOOL_PATH || "promtool";

/** The checks of docs/prometheus/ that npm test runs, each one promtool invocation. */
const docChecks = () => {
  const dir = path.join(root, "docs", "prometheus");
  return [
    { name: "check config", args: ["check", "config", "--syntax-only", path.join(dir, "prometheus.yml")] },
    { name: "check rules", args: ["check", "rules", path.join(dir, "agent-deck.rules.yml")] },
    { name: "test rules", args: ["test", "rules", path.join(dir, "agent-deck.rules.test.yml")] },
  ];
};

/**
 * Runs promtool to completion. `input` goes to its stdin (check metrics reads the exposition there);
 * with `inherit` its output goes to the terminal, else it is returned. `missing` is true when there
 * is no promtool to run, so callers can say how to install it.
 */
function runPromtool(args, options = {}) {
  const result = spawnSync(promtoolPath(), args, {
    cwd: options.cwd ?? root,
    input: options.input,
    stdio: options.inherit ? ["ignore", "inherit", "inherit"] : ["pipe", "pipe", "pipe"],
    encoding: "utf8",
    windowsHide: true,
  });
  const missing = result.error !== undefined && result.error.code === "ENOENT";
  return {
    status: result.status ?? 1,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? "",
    missing,
    error: result.error,
  };
}

const INSTALL_HINT =
  "promtool not found: install Debian's prometheus package (apt-get install prometheus) or set PROMTOOL_PATH";

module.exports = { promtoolPath, docChecks, runPromtool, INSTALL_HINT };
