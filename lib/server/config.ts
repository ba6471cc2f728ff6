import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { agentsFromFile, type AgentConfig, type Env, type ReadFile } from "./config-agents";
import {
  CONTROL,
  ConfigError,
  envBool,
  envInt,
  hostEntry,
  isLoopbackHost,
  oneLineText,
  quote,
  agentUrl,
} from "./config-parse";
import { loadAlertsFile, type AlertsFile } from "./alerts/file";
import { publicUrl } from "./public-url";

export { ConfigError } from "./config-parse";

export type { AgentConfig, DeckLink, LocalAgentConfig, RemoteAgentConfig } from "./config-agents";
export { isRemote } from "./config-agents";

export type Config = {
  agents: AgentConfig[];
  host: string;
  port: number;
  agentTimeoutMs: number;
  /** How often the collector polls an agent while someone is watching it. */
  pollIntervalMs: number;
  /** How often it polls while nobody is (an unwatched machine costs its agent little). */
  backgroundPollMs: number;
  uiPollIntervalMs: number;
  /** Extra Host values (lowercase, `name` or `name:port`) besides the loopback names. */
  allowedHosts: string[];
  trustProxy: boolean;
  /**
   * With a password, whether clients on this machine skip sign-in (LOOPBACK_TRUSTED). Off by
   * default: any local forwarder (ssh -L, socat, a tunnel) makes remote clients look local.
   */
  loopbackTrusted: boolean;
  /** Where the dashboard keeps its state (the session registry), an absolute path. */
  dataDir: string;
  dashboardPassword?: string;
  dashboardViewPassword?: string;
  metricsPerRun: boolean;
  /** How long the store keeps history (speeds, progress, daily totals), in days (HISTORY_DAYS). */
  historyDays: number;
  /** How long the store keeps events, in days (EVENTS_DAYS). */
  eventsDays: number;
  /** The dashboard's address for links in notifications (PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
  /** Channels and rules from ALERTS_FILE, checked at start-up. */
  alertsFile?: AlertsFile;
};

export type { Env } from "./config-agents";

/** Every variable the configuration reads, so the memo key covers exactly these (and the service carries them). */
export const KEYS = [
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
  "METRICS_PER_RUN",
  "LOOPBACK_TRUSTED",
  "DATA_DIR",
  "HISTORY_DAYS",
  "EVENTS_DAYS",
  "ALERTS_FILE",
  "PUBLIC_URL",
] as const;

/**
 * DATA_DIR as an absolute path: relative to the working directory, resolved once here so a later
 * chdir cannot move it. Shared with `npm run token`, which opens the same store the dashboard does.
 */
export function dataDirOf(env: Env, errors: string[]): string {
  const raw = env.DATA_DIR === undefined || env.DATA_DIR === "" ? "data" : env.DATA_DIR;
  if (CONTROL.test(raw)) errors.push(`DATA_DIR must be a directory path on one line (got ${quote(raw)})`);
  return path.resolve(raw.trim());
}

/**
 * Pure: reads the given environment (and AGENTS_FILE through `readFile`) and returns the
 * configuration, or throws one ConfigError listing every bad setting, one line each.
 */
export function loadConfig(env: Env, readFile: ReadFile = (p) => readFileSync(p, "utf8")): Config {
  // An empty variable means "unset": container and systemd files often declare `X=` to clear a value.
  const get = (k: (typeof KEYS)[number]) => (env[k] === undefined || env[k] === "" ? undefined : env[k]);
  const errors: string[] = [];

  const agentsFile = get("AGENTS_FILE");
  let agents: AgentConfig[];
  if (agentsFile !== undefined) {
    agents = agentsFromFile(agentsFile, env, readFile, errors);
  } else {
    const url = agentUrl(get("AGENT_URL") ?? "http://127.0.0.1:3840", "AGENT_URL", errors);
    const name = oneLineText(get("AGENT_NAME") ?? "Local agent", "AGENT_NAME", errors);
    const tokenAuth = envBool(get("AGENT_TOKEN_AUTH"), "AGENT_TOKEN_AUTH", true, errors);
    agents = url !== undefined && name !== undefined ? [{ id: "local", name, url, tokenAuth }] : [];
  }

  const host = (get("HOST") ?? "127.0.0.1").trim();
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host))
    errors.push(`HOST must be a host name or IP address to listen on (got ${quote(host)})`);
  const port = envInt(get("PORT"), "PORT", 3841, 1, 65535, "a TCP port number", errors);
  const agentTimeoutMs = envInt(
    get("AGENT_TIMEOUT_MS"),
    "AGENT_TIMEOUT_MS",
    5000,
    100,
    120_000,
    "a whole number of milliseconds",
    errors,
  );
  const pollIntervalMs = envInt(
    get("POLL_INTERVAL_MS"),
    "POLL_INTERVAL_MS",
    1000,
    100,
    60_000,
    "a whole number of milliseconds",
    errors,
  );
  const backgroundPollMs = envInt(
    get("BACKGROUND_POLL_MS"),
    "BACKGROUND_POLL_MS",
    10_000,
    100,
    3_600_000,
    "a whole number of milliseconds",
    errors,
  );
  if (backgroundPollMs < pollIntervalMs)
    errors.push(
      `BACKGROUND_POLL_MS (${backgroundPollMs}) must be at least POLL_INTERVAL_MS (${pollIntervalMs}): it is the slower rate used while nobody watches`,
    );
  const uiPollIntervalMs = envInt(
    get("UI_POLL_INTERVAL_MS"),
    "UI_POLL_INTERVAL_MS",
    2000,
    250,
    600_000,
    "a whole number of milliseconds",
    errors,
  );
  const historyDays = envInt(get("HISTORY_DAYS"), "HISTORY_DAYS", 30, 1, 3650, "a whole number of days", errors);
  const eventsDays = envInt(get("EVENTS_DAYS"), "EVENTS_DAYS", 90, 1, 3650, "a whole number of days", errors);
  const trustProxy = envBool(get("TRUST_PROXY"), "TRUST_PROXY", false, errors);
  const metricsPerRun = envBool(get("METRICS_PER_RUN"), "METRICS_PER_RUN", false, errors);
  const loopbackTrusted = envBool(get("LOOPBACK_TRUSTED"), "LOOPBACK_TRUSTED", false, errors);
  const dataDir = dataDirOf(env, errors);

  const allowedHosts: string[] = [];
  for (const entry of (get("ALLOWED_HOSTS") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const h = hostEntry(entry);
    if (h === undefined)
      errors.push(
        `ALLOWED_HOSTS entries must be host names with an optional port, such as dashboard.lan or 192.168.1.5:3841 (got ${quote(entry)})`,
      );
    else allowedHosts.push(h);
  }

  const dashboardPassword = get("DASHBOARD_PASSWORD");
  const dashboardViewPassword = get("DASHBOARD_VIEW_PASSWORD");
  if (dashboardPassword !== undefined && dashboardPassword.length < 8)
    errors.push("DASHBOARD_PASSWORD must be at least 8 characters long");
  if (dashboardViewPassword !== undefined) {
    if (dashboardPassword === undefined) errors.push("DASHBOARD_VIEW_PASSWORD needs DASHBOARD_PASSWORD to be set too");
    else if (dashboardViewPassword === dashboardPassword)
      errors.push("DASHBOARD_VIEW_PASSWORD must differ from DASHBOARD_PASSWORD");
    else if (dashboardViewPassword.length < 8)
      errors.push("DASHBOARD_VIEW_PASSWORD must be at least 8 characters long");
  }
  if (!isLoopbackHost(host) && dashboardPassword === undefined) {
    errors.push(
      `HOST is ${quote(host)}, which serves beyond this machine: set DASHBOARD_PASSWORD as well, or use HOST=127.0.0.1`,
    );
  }

  const publicAddress = publicUrl(get("PUBLIC_URL"), host, port, errors);
  const alertsFile = optionalFile(get("ALERTS_FILE"), (f) => loadAlertsFile(f, readFile, env, agents, errors));

  if (errors.length > 0) throw new ConfigError(errors);
  return {
    agents,
    host,
    port,
    agentTimeoutMs,
    pollIntervalMs,
    backgroundPollMs,
    uiPollIntervalMs,
    allowedHosts,
    trustProxy,
    loopbackTrusted,
    dataDir,
    dashboardPassword,
    dashboardViewPassword,
    metricsPerRun,
    historyDays,
    eventsDays,
    publicUrl: publicAddress,
    ...(alertsFile ? { alertsFile } : {}),
  };
}

const optionalFile = <T>(file: string | undefined, load: (file: string) => T | undefined) =>
  file === undefined ? undefined : load(file);

type Memo = { key: string; config: Config };
const MEMO = Symbol.for("agent-deck.config");
type MemoHolder = { [MEMO]?: Memo };

/**
 * The process's configuration, parsed once. Memoised on globalThis (Next bundles the proxy and each
 * route separately) and keyed by the variables it reads, so a changed environment is re-read
 * rather than silently ignored.
 */
export function getConfig(): Config {
  const key = JSON.stringify(KEYS.map((k) => process.env[k] ?? null));
  const holder = globalThis as MemoHolder;
  const memo = holder[MEMO];
  if (memo && memo.key === key) return memo.config;
  const config = loadConfig(process.env);
  holder[MEMO] = { key, config };
  return config;
}
