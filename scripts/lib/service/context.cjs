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
  "PUBLIC_URL",
  "ALERTS_FILE",
  // The totals' local dates follow the dashboard's time zone.
  "TZ",
];
/** Settings never shown in what this command prints (their names are; the values stay in the file). */
const isSecret = (name) => /PASSWORD|SECRET|TOKEN(?!_AUTH)|_KEY$/.test(name);

const NAME = "agent-deck";

/**
 * The environment variables that configuration files name for their secrets: ALERTS_FILE's
 * `{"env":"NAME"}` values and AGENTS_FILE's `tokenEnv`. A service must carry them too, or the
 * dashboard it starts refuses to (the variable must be set at start-up); they are secrets by nature.
 * @param {unknown} json a parsed configuration file
 * @returns {string[]}
 */
function referencedEnv(json) {
  const names = new Set();
  const walk = (value) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== "object") return;
    for (const [key, inner] of Object.entries(value)) {
      if ((key === "env" || key === "tokenEnv") && typeof inner === "string") names.add(inner);
      else walk(inner);
    }
  };
  walk(json);
  return [...names].filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
}

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
  const referenced = (input.referenced ?? []).filter((name) => !SETTINGS.includes(name));
  const settings = [...SETTINGS, ...referenced].flatMap((name) => {
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
    /** Settings whose values are never printed: by their name, or because a configuration file names them for a secret. */
    secret: (name) => isSecret(name) || referenced.includes(name),
  };
}

module.exports = { SETTINGS, isSecret, referencedEnv, serviceContext, NAME };
