// Starts a launch plan (launch-plans.cjs) as `process.execPath …` with an IPC channel, and stops it
// the one way that works on every OS: closing that channel. Windows has no SIGTERM (kill() there is
// TerminateProcess, no clean-up), so our processes treat the channel's close ('disconnect') as the
// request to stop (lib/server/shutdown.ts, lib/simulator/main.ts, scripts/start.mjs); a child that
// has not gone after `graceMs` is killed.
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const { root, argv } = require("./launch-plans.cjs");

/**
 * @param {import("./launch-plans.cjs").LaunchPlan} plan
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, output?: "pipe" | "inherit" | "ignore" }} [options]
 */
function spawnNode(plan, options = {}) {
  const out = options.output ?? "pipe";
  return spawn(process.execPath, argv(plan), {
    cwd: options.cwd ?? root,
    env: options.env ?? process.env,
    stdio: ["ignore", out, out, "ipc"],
    windowsHide: true,
  });
}

/** Runs a plan to completion with the terminal inherited; returns its exit status (1 when killed). */
function runNode(plan, options = {}) {
  const result = spawnSync(process.execPath, argv(plan), {
    cwd: options.cwd ?? root,
    env: options.env ?? process.env,
    stdio: "inherit",
    windowsHide: true,
  });
  return result.status ?? 1;
}

/** Asks a child to stop (closes its IPC channel) and resolves once it has exited. */
function stopChild(child, graceMs = 10_000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    if (child.connected) child.disconnect();
    else child.kill();
    setTimeout(() => child.kill("SIGKILL"), graceMs).unref();
  });
}

/**
 * Calls `stop` once on Ctrl-C (SIGINT), a service manager's SIGTERM, Ctrl-Break on Windows
 * (SIGBREAK) or the parent closing our IPC channel: every way of being asked leads to the same stop.
 */
function onStopRequest(stop) {
  let asked = false;
  const once = (reason) => {
    if (asked) return;
    asked = true;
    stop(reason);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGBREAK"]) process.on(signal, () => once(signal));
  if (process.connected) process.on("disconnect", () => once("disconnect"));
}

module.exports = { spawnNode, runNode, stopChild, onStopRequest };
