#!/usr/bin/env node
// `npm run service -- install|uninstall|status [--system] [--dry-run] [--run-as USER]`: Agent Deck
// as a service of this OS, started at boot (or login) and again after a failure, running
// `node scripts/start.mjs` from this project with the node running this command: a systemd unit on
// Linux, a LaunchAgent on macOS, a Task Scheduler task on Windows. The dashboard's settings are taken
// from this environment by name (scripts/lib/service/context.cjs) into a file only the owner can
// read, never onto a command line. docs/operations.md explains each.
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./lib/launch-plans.cjs";
import { referencedEnv, serviceContext } from "./lib/service/context.cjs";
import { launchdDefinition } from "./lib/service/launchd.cjs";
import { commandLine, runStep } from "./lib/service/os-tools.cjs";
import { systemdDefinition } from "./lib/service/systemd.cjs";
import { taskDefinition } from "./lib/service/task-scheduler.cjs";
import {
  accountIds,
  installedSettings,
  openToOthers,
  prepareDataDir,
  removeFiles,
  writeFiles,
} from "./lib/service/install-files.cjs";

const USAGE = `Usage: npm run service -- <install|uninstall|status> [options]
  install      write the service for this OS with the dashboard's settings from this environment
               (AGENT_URL, AGENT_NAME, HOST, PORT, DATA_DIR, … as in README § Configuration), enable and start it
  uninstall    stop and remove it (the data folder is kept)
  status       what the service manager says, and whether the dashboard answers
  --system     Linux: a system unit (run as root); Windows: a task that runs as SYSTEM
  --run-as U   Linux --system: the account it runs as (default: the user who ran sudo, else a dynamic user)
  --dry-run    print the files and commands instead of installing or removing`;
const DEFINITIONS = { linux: systemdDefinition, darwin: launchdDefinition, win32: taskDefinition };

function stop(message, code = 2) {
  console.error(`agent-deck service: ${message}`);
  process.exit(code);
}

const args = process.argv.slice(2);
const flags = { system: false, dryRun: false, runAs: undefined };
const commands = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--system") flags.system = true;
  else if (a === "--dry-run") flags.dryRun = true;
  else if (a === "--run-as" && args[i + 1] && !args[i + 1].startsWith("-")) flags.runAs = args[++i];
  else if (a === "--help" || a === "-h") {
    console.log(USAGE);
    process.exit(0);
  } else if (!a.startsWith("-")) commands.push(a);
  else stop(`unknown or incomplete option "${a}"\n${USAGE}`);
}
const command = commands[0];
if (commands.length !== 1 || !["install", "uninstall", "status"].includes(command))
  stop(`say one of install, uninstall or status\n${USAGE}`);

const platform = process.platform;
const define = DEFINITIONS[platform];
if (!define) stop(`${platform} is not supported: Linux (systemd), macOS (launchd) and Windows (Task Scheduler) are`);
if (flags.system && platform === "darwin")
  stop("--system is not available on macOS: the service is a LaunchAgent, which runs as you from login");
if (flags.runAs && !(flags.system && platform === "linux")) stop("--run-as goes with --system on Linux");
const asRoot = process.getuid?.() === 0;
if (flags.system && platform === "linux" && !asRoot && !flags.dryRun && command !== "status")
  stop(`--system needs root: sudo "${process.execPath}" scripts/service.mjs ${command} --system`, 1);

const runAs = flags.system && platform === "linux" ? (flags.runAs ?? (process.env.SUDO_USER || undefined)) : undefined;
/** The secrets' variables that AGENTS_FILE and ALERTS_FILE name, read as the dashboard will read them. */
function referencedByFiles() {
  return ["AGENTS_FILE", "ALERTS_FILE"].flatMap((setting) => {
    const file = process.env[setting];
    if (!file) return [];
    try {
      return referencedEnv(JSON.parse(readFileSync(path.resolve(root, file), "utf8")));
    } catch (err) {
      return stop(`${setting} cannot be read as JSON (${err.code ?? err.message}): the service would not start`, 1);
    }
  });
}

let ctx;
try {
  ctx = serviceContext({
    referenced: referencedByFiles(),
    platform,
    system: flags.system,
    env: process.env,
    projectDir: root,
    nodePath: process.execPath,
    home: os.homedir(),
    username: os.userInfo().username,
    uid: process.getuid?.(),
    runAs: runAs === "root" ? undefined : runAs,
  });
} catch (err) {
  stop(err.message, 1);
}
const definition = define(ctx);
const masked = define({
  ...ctx,
  settings: ctx.settings.map(([k, v]) => [k, ctx.secret(k) ? "(secret, not shown)" : v]),
});
const settingNames = ctx.settings.map(([k]) => (ctx.secret(k) ? `${k} (secret)` : k)).join(", ");
const mode = (m) => `0${m.toString(8)}`;

/** Runs each step; a failing one that must not fail ends the command with what to do. */
function run(steps, hint) {
  for (const step of steps) {
    if (flags.dryRun) {
      console.log(`  ${commandLine(step)}`);
      continue;
    }
    const status = runStep(step);
    if (status !== 0 && !step[2]?.mayFail)
      stop(
        `${commandLine(step)} failed (exit ${status})${status === 127 ? `: ${step[0]} is not installed` : ""}${hint ? `; ${hint}` : ""}`,
        1,
      );
  }
}

if (command === "install") {
  if (!existsSync(path.join(root, ".next", "standalone", "server.js"))) {
    const line = "no production build yet: run `npm run build` first";
    if (flags.dryRun) console.log(`(${line}: the service would not start until then)\n`);
    else stop(line, 1);
  }
  if (platform === "linux" && flags.system && !flags.dryRun) {
    if (ctx.runAs && !accountIds(ctx.runAs)) stop(`--run-as: there is no account "${ctx.runAs}"`, 1);
    if (!ctx.runAs && !ctx.defaultDataDir)
      stop("a dynamic user cannot own a DATA_DIR of your choosing: name its account with --run-as USER", 1);
    if (!ctx.runAs && !openToOthers(root))
      stop(`a dynamic user cannot read ${root}: name an account that can with --run-as USER`, 1);
  }
  if (flags.dryRun) {
    console.log(`Agent Deck as a ${definition.kind}, settings: ${settingNames}\n`);
    for (const file of masked.files)
      console.log(`--- ${file.path} (mode ${mode(file.mode)})\n${file.text ?? file.content}`);
    console.log("Would run:");
    run(definition.install);
  } else {
    writeFiles(definition.files);
    for (const dir of definition.directories ?? []) prepareDataDir(dir);
    if (!(platform === "linux" && flags.system && ctx.defaultDataDir))
      prepareDataDir(
        ctx.dataDir,
        platform === "linux" && ctx.runAs && flags.system ? accountIds(ctx.runAs) : undefined,
      );
    const why = {
      linux: flags.system ? "is systemd running?" : "is there a systemd user manager (a login session) for you?",
      darwin: "is this your own login session (gui domain)?",
      win32: "a task that starts at boot needs an elevated prompt (Run as administrator)",
    }[platform];
    run(
      definition.install,
      `${why} The files are written: fix that and install again, or remove them with npm run service -- uninstall`,
    );
    console.log(`Installed Agent Deck as a ${definition.kind} and started it.`);
    for (const file of definition.files) console.log(`  wrote ${file.path} (mode ${mode(file.mode)})`);
    console.log(`  settings carried: ${settingNames}`);
  }
  const host = process.env.HOST || "127.0.0.1";
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  console.log(`\nIt runs: ${commandLine([ctx.nodePath, [ctx.entry]])}  (in ${ctx.projectDir})`);
  console.log(`Data:    ${ctx.dataDir}`);
  console.log(`Open:    http://${shown}:${process.env.PORT || "3841"}`);
  console.log(`Logs:    ${definition.logs}`);
  console.log(`Status:  npm run service -- status${flags.system ? " --system" : ""}`);
  for (const note of definition.notes) console.log(`Note:    ${note}`);
} else if (command === "uninstall") {
  const kept = installedSettings(definition.files).get("DATA_DIR") ?? ctx.dataDir;
  if (!flags.dryRun && !definition.files.some((f) => existsSync(f.path))) {
    console.log(`Agent Deck is not installed as a ${definition.kind} (${definition.files.at(-1).path} is not there).`);
    process.exit(0);
  }
  if (flags.dryRun) console.log("Would run:");
  run(definition.stop);
  if (flags.dryRun) for (const file of definition.files) console.log(`  remove ${file.path}`);
  const removed = flags.dryRun ? [] : removeFiles(definition.files);
  run(definition.afterRemove);
  if (!flags.dryRun) {
    console.log(`Removed the ${definition.kind}:\n${removed.map((f) => `  ${f}`).join("\n")}`);
    console.log(`Kept the data in ${kept} (delete it yourself if you no longer need it).`);
  }
} else {
  const marker = definition.files.at(-1).path;
  if (!existsSync(marker)) {
    console.log(`Agent Deck is not installed as a ${definition.kind} (${marker} is not there).`);
    process.exit(3);
  }
  for (const step of definition.status) runStep(step);
  const settings = installedSettings(definition.files);
  const host = settings.get("HOST") || "127.0.0.1";
  const url = `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host}:${settings.get("PORT") || "3841"}`;
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3000) });
    const body = res.status === 200 || res.status === 503 ? await res.json() : undefined;
    console.log(
      `\nThe dashboard answers at ${url}: ${body ? `health ${body.status}` : `HTTP ${res.status} (sign-in required)`}.`,
    );
  } catch {
    console.log(`\nThe dashboard does not answer at ${url}. Logs: ${definition.logs}`);
    process.exit(1);
  }
}
