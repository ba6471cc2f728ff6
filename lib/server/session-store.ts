import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "./config-parse";

/**
 * The registry of live sessions, so that signing out ends a session for good. It records the live
 * sessions rather than the revoked ones: a session the registry does not know is refused, so a lost
 * or deleted file signs everyone out instead of bringing revoked cookies back to life; "sign out
 * everywhere" is simply emptying it; and it grows only with sign-ins, which need a password, where
 * a revocation list would grow with every sign-out and must be kept for the cookies' whole life.
 *
 * Kept in memory and written through to DATA_DIR/sessions.json (temp file + rename, so a crash
 * leaves the old file or the new, never half of one) so that sessions survive a restart. It holds
 * SHA-256 hashes of the ids, not the ids: the file alone never rebuilds a cookie (nor would the id,
 * without the key the passwords derive). Bounded: expired entries are dropped on every write and at
 * most MAX_LIVE_SESSIONS are kept, the oldest signed out first.
 */
export const MAX_LIVE_SESSIONS = 1000;
const FILE_NAME = "sessions.json";

type Registry = { file: string; live: Map<string, number> };
type FileShape = { version: 1; sessions: Record<string, number> };
const REGISTRIES = Symbol.for("agent-deck.session-registries");

const hashOf = (id: string) => createHash("sha256").update(id).digest("hex");

/**
 * For the operator: at start-up it stops the dashboard with this one line; later it is logged and
 * the browser is told only that something went wrong inside (a file path is not its business).
 */
function storeError(file: string, what: string, err: unknown): ConfigError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return new ConfigError([`DATA_DIR: the session registry ${JSON.stringify(file)} ${what}${code ? ` (${code})` : ""}`]);
}

function load(file: string): Map<string, number> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw storeError(file, "cannot be read", err);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const sessions = (parsed as Partial<FileShape> | undefined)?.sessions;
  if ((parsed as Partial<FileShape> | undefined)?.version !== 1 || typeof sessions !== "object" || sessions === null) {
    throw storeError(file, "is not a session registry (delete it to sign everyone out)", undefined);
  }
  return new Map(
    Object.entries(sessions).filter(
      (e): e is [string, number] => /^[0-9a-f]{64}$/.test(e[0]) && Number.isSafeInteger(e[1]),
    ),
  );
}

/** The registry of this DATA_DIR, read once per process (on globalThis: Next bundles routes separately). */
export function sessionRegistry(dataDir: string): Registry {
  const holder = globalThis as { [REGISTRIES]?: Map<string, Registry> };
  const all = (holder[REGISTRIES] ??= new Map());
  const file = path.join(dataDir, FILE_NAME);
  let registry = all.get(file);
  if (!registry) {
    registry = { file, live: load(file) };
    all.set(file, registry);
  }
  return registry;
}

function save(registry: Registry, nowSeconds: number): void {
  for (const [hash, expires] of registry.live) if (expires <= nowSeconds) registry.live.delete(hash);
  // Map order is insertion order, so the first entries are the oldest sign-ins.
  for (const hash of registry.live.keys()) {
    if (registry.live.size <= MAX_LIVE_SESSIONS) break;
    registry.live.delete(hash);
  }
  const body: FileShape = { version: 1, sessions: Object.fromEntries(registry.live) };
  const temp = `${registry.file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(registry.file), { recursive: true, mode: 0o700 });
    writeFileSync(temp, JSON.stringify(body), { mode: 0o600 });
    renameSync(temp, registry.file);
  } catch (err) {
    throw storeError(registry.file, "cannot be written", err);
  }
}

/** Records a new session lasting until `expiresSeconds`; returns its random id for the cookie. */
export function addSession(dataDir: string, expiresSeconds: number, nowSeconds: number): string {
  const registry = sessionRegistry(dataDir);
  const id = randomBytes(18).toString("base64url");
  registry.live.set(hashOf(id), expiresSeconds);
  save(registry, nowSeconds);
  return id;
}

export function isLiveSession(dataDir: string, id: string, nowSeconds: number): boolean {
  return (sessionRegistry(dataDir).live.get(hashOf(id)) ?? 0) > nowSeconds;
}

export function endSession(dataDir: string, id: string, nowSeconds: number): void {
  const registry = sessionRegistry(dataDir);
  if (registry.live.delete(hashOf(id))) save(registry, nowSeconds);
}

export function endAllSessions(dataDir: string, nowSeconds: number): void {
  const registry = sessionRegistry(dataDir);
  registry.live.clear();
  save(registry, nowSeconds);
}
