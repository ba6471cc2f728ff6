// The service managers' own tools, each by name and without a shell (never npm, never a shim): the
// only programs the service command starts. Output goes to the terminal.
"use strict";
const { spawnSync } = require("node:child_process");

const opts = (output) => ({ stdio: ["ignore", output, output], windowsHide: true });
const TOOLS = {
  systemctl: (args, output) => spawnSync("systemctl", args, opts(output)),
  launchctl: (args, output) => spawnSync("launchctl", args, opts(output)),
  schtasks: (args, output) => spawnSync("schtasks", args, opts(output)),
  icacls: (args, output) => spawnSync("icacls", args, opts(output)),
};

/** A step as a person would type it (for --dry-run and for error messages). */
function commandLine([tool, args]) {
  return [tool, ...args.map((a) => (/[\s"]/.test(a) || a === "" ? `"${a.replace(/"/g, '\\"')}"` : a))].join(" ");
}

/** Runs one step ([tool, args, { mayFail }]); its exit status, 127 when the tool is missing. */
function runStep([tool, args], output = "inherit") {
  const run = TOOLS[tool];
  if (!run) throw new Error(`not a service tool: ${tool}`);
  const result = run(args, output);
  if (result.error) return result.error.code === "ENOENT" ? 127 : 1;
  return result.status ?? 1;
}

module.exports = { commandLine, runStep };
