import "server-only";
import { ConfigError, getConfig } from "./config";
import { log } from "./log";
import { installPeerHook } from "./peer-hook";
import { sessionKey } from "./session";
import { sessionRegistry } from "./session-store";
import { installShutdown } from "./shutdown";

/**
 * Runs once when the Next server starts (instrumentation.ts), before it serves anything. A bad
 * setting stops the process with its one-line explanation instead of a dashboard that half works.
 */
export function boot(): void {
  let config;
  try {
    config = getConfig();
    // Read the session registry now, so an unreadable DATA_DIR stops start-up rather than sign-in.
    if (config.dashboardPassword) sessionRegistry(config.dataDir);
  } catch (err) {
    if (err instanceof ConfigError || (err instanceof Error && err.name === "ConfigError")) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  installPeerHook();
  // Deriving the session key is deliberately slow: pay it now rather than on the first request.
  if (config.dashboardPassword) sessionKey(config);
  installShutdown();
  log("info", "boot", {
    // Agent URLs carry no token (configuration refuses queries), so they are safe to log.
    agents: config.agents.map((a) => ({ id: a.id, name: a.name, url: a.url, tokenAuth: a.tokenAuth })),
    host: config.host,
    port: config.port,
    allowedHosts: config.allowedHosts,
    trustProxy: config.trustProxy,
    loopbackTrusted: config.loopbackTrusted,
    dataDir: config.dataDir,
    passwordRequired: config.dashboardPassword !== undefined,
    viewPassword: config.dashboardViewPassword !== undefined,
    agentTimeoutMs: config.agentTimeoutMs,
    pollIntervalMs: config.pollIntervalMs,
    historySeconds: config.historySeconds,
  });
}
