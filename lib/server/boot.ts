import "server-only";
import { agentRegistry } from "./agents";
import { ConfigError, getConfig } from "./config";
import { log } from "./log";
import { frontDoor } from "./front-door";
import { snapshotHook } from "./snapshot-hook";
import { addRequestHook } from "./request-hook";
import { sessionKey } from "./session";
import { sessionRegistry } from "./session-store";
import { installShutdown } from "./shutdown";
import { openStore } from "./store";
import { installEventLog } from "./store/events";
import { installSeries } from "./store/series";
import { installAlerts, registerMuteSource } from "./alerts";
import { installScheduler, scheduleMuteReason } from "./schedules";

/**
 * Runs once when the Next server prepares (instrumentation.ts), before the entry listens. A bad
 * setting stops the process with its one-line explanation instead of a dashboard that half works.
 */
export function boot(): void {
  let config;
  let store;
  let events;
  try {
    config = getConfig();
    // Read the session registry now, so an unreadable DATA_DIR stops start-up rather than sign-in.
    if (config.dashboardPassword) sessionRegistry(config.dataDir);
    // The store too: a DATA_DIR that is not a directory, not writable, or holds a file that is not
    // ours (or from a newer version) stops start-up with one line, before any agent is polled.
    store = openStore(config.dataDir);
    // Before the first poll: the log sees every change from the start, and says the dashboard started.
    events = installEventLog(store, config);
    // Its series (history, daily totals) write every poll from the first one on.
    installSeries(store, config);
    // Alerts judge each poll after the event log (whose events they read); the outbox worker starts
    // now, so what a previous process left undelivered goes out. ALERTS_FILE's ids are checked here.
    installAlerts(store, events, config);
  } catch (err) {
    if (err instanceof ConfigError || (err instanceof Error && err.name === "ConfigError")) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // The entry that started us (scripts/server-entry.cjs) listens only once this has run, so the
  // front door sees every request. Started some other way (`next start`), there is no door: the peer
  // address is then unknown and every client counts as remote (see guard.clientAddress).
  if (!addRequestHook(frontDoor) || !addRequestHook(snapshotHook)) {
    log("warn", "no_entry", {
      reason:
        "not started through Agent Deck's entry (npm start or .next/standalone/server.js): Host, method and body checks run only in the proxy, and every client counts as remote",
    });
  }
  // Deriving the session key is deliberately slow: pay it now rather than on the first request.
  if (config.dashboardPassword) sessionKey(config);
  installShutdown();
  // Every agent is watched from now on, whether or not anyone opens a page.
  agentRegistry(config);
  // Schedules are applied from here on: each agent once its first poll has told what state it is in.
  installScheduler(store, config, events);
  // Alerts about an agent inside a window that mutes them are held back, the delivery log naming the
  // window; a schedule's own failure is not: during its window is when a person must hear of it.
  registerMuteSource({
    id: "schedule",
    mutedBy: ({ rule, agentId, at }) =>
      rule.trigger === "schedule_failed" ? undefined : scheduleMuteReason(agentId, at),
  });
  log("info", "boot", {
    // Agent URLs carry no token (configuration refuses queries), so they are safe to log; a deck's
    // address and token never leave the hub, so an agent behind one is logged by id and name only.
    agents: config.agents.map((a) =>
      a.deck ? { id: a.id, name: a.name, via: "deck" } : { id: a.id, name: a.name, url: a.url, tokenAuth: a.tokenAuth },
    ),
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
    backgroundPollMs: config.backgroundPollMs,
    historyDays: config.historyDays,
    publicUrl: config.publicUrl,
    ...(config.alertsFile ? { alertsFile: config.alertsFile.path } : {}),
  });
}
