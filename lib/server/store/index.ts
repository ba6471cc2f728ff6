import "server-only";
import { openDatabase } from "./open";
import { Store } from "./store";

/**
 * The process's one store, on globalThis: Next may load this module once per route bundle, and two
 * handles on one file would each keep their own prepared statements and aggregates. Boot opens it
 * (a bad DATA_DIR stops start-up there); everything else asks for it.
 */
const KEY = Symbol.for("agent-deck.store");
type Holder = { [KEY]?: { dataDir: string; store: Store } };

export function openStore(dataDir: string): Store {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  if (current?.dataDir === dataDir) return current.store;
  current?.store.close();
  const store = new Store(openDatabase(dataDir));
  holder[KEY] = { dataDir, store };
  return store;
}

/** The store boot opened; undefined before boot (a route never runs before it). */
export function currentStore(): Store | undefined {
  return (globalThis as Holder)[KEY]?.store;
}

/** Shutdown: the WAL is folded into the file and the handle closed. */
export function closeStore(): void {
  const holder = globalThis as Holder;
  holder[KEY]?.store.close();
  delete holder[KEY];
}

export type { Store, StorageHealth, PollWriter } from "./store";
