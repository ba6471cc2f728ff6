import "server-only";
import { stopCollectors } from "./agents";
import { stopAlerts } from "./alerts";
import { log } from "./log";
import { closeStore } from "./store";
import { addRequestHook, listeningServer } from "./request-hook";

/**
 * Graceful stop on SIGTERM, SIGINT or SIGBREAK (service managers, Ctrl+C, Ctrl+Break) or when the
 * parent that started us closes our IPC channel (scripts/start.mjs: Windows has no SIGTERM): the listener closes, the requests in
 * flight are counted, and once the last one has been answered the process exits 0 at once (systemd
 * and NSSM report 128 + signal as a failure); one that cannot finish (an agent hanging until its
 * timeout) gets at most `graceMs`.
 */
const INSTALLED = Symbol.for("agent-deck.shutdown");

export function installShutdown(graceMs = 10_000): void {
  const holder = globalThis as { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;

  let inFlight = 0;
  let stopping = false;
  const exitIfIdle = () => {
    if (stopping && inFlight === 0) {
      log("info", "shutdown_complete", {});
      process.exit(0);
    }
  };

  addRequestHook((_req, res) => {
    inFlight++;
    // "close" fires once the answer is sent or the client went away, whichever comes first.
    res.once("close", () => {
      inFlight--;
      // Let Next finish its own bookkeeping for this response before the process goes.
      setImmediate(exitIfIdle);
    });
  });

  const stop = (signal: NodeJS.Signals | "disconnect") => {
    if (stopping) return;
    stopping = true;
    log("info", "shutdown", { signal, inFlight });
    // No new connections; idle keep-alive ones go now, busy ones once their answer is sent.
    stopCollectors();
    stopAlerts();
    const server = listeningServer();
    server?.close();
    server?.closeIdleConnections();
    setTimeout(() => {
      log("warn", "shutdown_forced", { graceMs, inFlight });
      process.exit(0);
    }, graceMs).unref();
    setImmediate(exitIfIdle);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.on("SIGBREAK", stop);
  if (process.connected) process.on("disconnect", () => stop("disconnect"));
  // Next's handler may get there first (all connections closed): a requested stop is still a success.
  process.on("exit", () => {
    if (stopping) process.exitCode = 0;
    // Folds the WAL into the file, so a stopped dashboard leaves one file behind.
    closeStore();
  });
}
