// What every service definition is made from: the project, the node binary running this command,
// the dashboard's own settings taken from the environment it was run with (by name: nothing else
// of that environment goes into the service), and where its data lives. Pure: the platform and
// the environment are parameters, so each OS's definition can be built and checked anywhere.
"use strict";
const path = require("node:path");

/** Every setting of the dashboard (README § Configuration; tests hold the two lists together). */
const SETTINGS = [
  "AGENT_URL",
  "AGENT_NAME",
  "AGENT_TOKEN_AUTH",
  "AGENTS_FILE",
  "HOST",
  "PORT",
  "AGENT_TIMEOUT_MS",
  "POLL_INTERVAL_MS",
  "BACKGROUND_POLL_MS",
  "UI_POLL_INTERVAL_MS",
  "ALLOWED_HOSTS",
  "TRUST_PROXY",
  "DASHBOARD_PASSWORD",
  "DASHBOARD_VIEW_PASSWORD",
  "LOOPBACK_TRUSTED",
  "DATA_DIR",
  "METRICS_PER_RUN",
  "HISTORY_DAYS",
  "EVENTS_DAYS",
  "HEAP_LIMIT_MB",
  // The totals' local dates follow the dashboard's time zone.
  "TZ",
];
/** Settings never shown in what this command prints (their names are; the values stay in the file). */
const isSecret = (name) => /PASSWORD|SECRET|TOKEN(?!_AUTH)|_KEY$/.test(name);

const NAME = "agent-deck";

/**
 * @param {{ platform: NodeJS.Platform, system: boolean, env: Record<string, string | undefined>,
 *   projectDir: string, nodePath: string, home: string, runAs?: string }} input
 */
function serviceContext(input) {
  const { platform, system, env, projectDir } = input;
  const p = platform === "win32" ? path.win32 : path.posix;
  const defaultData = !system
    ? p.join(projectDir, "data")
    : platform === "win32"
      ? p.join(env.ProgramData || "C:\\ProgramData", NAME, "data")
      : `/var/lib/${NAME}`;
  const dataDir = env.DATA_DIR ? p.resolve(projectDir, env.DATA_DIR) : defaultData;
  const settings = SETTINGS.flatMap((name) => {
    if (name === "DATA_DIR") return [[name, dataDir]];
    const value = env[name];
    return value === undefined || value === "" ? [] : [[name, value]];
  });
  for (const [name, value] of settings)
    if (/[\n\r]/.test(value)) throw new Error(`${name} contains a line break; a service cannot carry it`);
  return {
    ...input,
    p,
    name: NAME,
    dataDir,
    /** The data folder is the system one, which the service manager creates (systemd's StateDirectory). */
    defaultDataDir: dataDir === defaultData,
    entry: p.join(projectDir, "scripts", "start.mjs"),
    settings,
  };
}

module.exports = { SETTINGS, isSecret, serviceContext, NAME };
