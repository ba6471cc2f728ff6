// Starts a launch plan (launch-plans.cjs) as `process.execPath …` with an IPC channel, and stops it
// the one way that works on every OS: closing that channel. Windows has no SIGTERM (kill() there is
// TerminateProcess, no clean-up), so our processes treat the channel's close ('disconnect') as the
// request to stop (lib/server/shutdown.ts, lib/simulator/main.ts, scripts/start.mjs); a child that
// has not gone after `graceMs` is killed.
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const { root, argv } = require("./launch-plans.cjs");

/**
 * `output` may be a file descriptor (start.mjs --log-file). `detached` puts the child in a process group of its own (as a terminal does with the command it
 * runs), so a caller can stand in for the terminal's Ctrl-C.
 * @param {import("./launch-plans.cjs").LaunchPlan} plan
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, output?: "pipe" | "inherit" | "ignore" | number, detached?: boolean }} [options]
 */
function spawnNode(plan, options = {}) {
  const out = options.output ?? "pipe";
  return spawn(process.execPath, argv(plan), {
    cwd: options.cwd ?? root,
    env: options.env ?? process.env,
    stdio: ["ignore", out, out, "ipc"],
    detached: options.detached ?? false,
    windowsHide: true,
  });
}

/**
 * Runs a plan that ends by itself and collects what it printed: `{ code, signal, stdout, stderr }`.
 * No IPC channel (a channel with listeners keeps a Node process alive); killed after `timeoutMs`.
 * @param {import("./launch-plans.cjs").LaunchPlan} plan
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs?: number }} [options]
 */
function collectNode(plan, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv(plan), {
      cwd: options.cwd ?? root,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    const stdout = [];
    const stderr = [];
    child.stdout.on("data", (d) => stdout.push(d));
    child.stderr.on("data", (d) => stderr.push(d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const text = (chunks) => Buffer.concat(chunks).toString("utf8");
      resolve({ code, signal, stdout: text(stdout), stderr: text(stderr) });
    });
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

module.exports = { spawnNode, collectNode, runNode, stopChild, onStopRequest };
