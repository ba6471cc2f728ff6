import "server-only";
import type http from "node:http";

/**
 * Work done on every HTTP request before Next sees it. The dashboard's own entry
 * (scripts/server-entry.cjs, which is `.next/standalone/server.js` after a build) creates the HTTP
 * server and puts a slot for these hooks on globalThis before it lets Next boot; boot (run by
 * instrumentation during Next's `prepare()`) fills the slot, and only then does the entry listen. So
 * no request ever arrives before the hooks, and nothing patches Node's prototypes. A hook that
 * answers the request itself returns true: the later hooks and Next never see it.
 */
export type RequestHook = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | void;

/** Shared with scripts/server-entry.cjs: the same Symbol.for name, the same shape. */
const ENTRY = Symbol.for("agent-deck.entry");
type EntrySlot = { hooks: RequestHook[]; server?: http.Server };

function slot(): EntrySlot | undefined {
  return (globalThis as { [ENTRY]?: EntrySlot })[ENTRY];
}

/**
 * True when our entry is in front of Next, so every request passed the hooks. Without it (someone ran
 * `next start` or `next dev` directly) the peer address the hooks record is absent and every client
 * counts as remote: the security checks fail closed.
 */
export function servedByOurEntry(): boolean {
  return slot() !== undefined;
}

/** Adds a hook; false when no entry of ours is in front (the caller decides what that means). */
export function addRequestHook(hook: RequestHook): boolean {
  const entry = slot();
  if (!entry) return false;
  entry.hooks.push(hook);
  return true;
}

/** The entry's HTTP server once it listens (shutdown closes it). */
export function listeningServer(): http.Server | undefined {
  return slot()?.server;
}
