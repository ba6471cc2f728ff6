import "server-only";
import { parseAddress } from "./address";
import { AppError } from "./errors";

/**
 * The sign-in failure limit (form and HTTP Basic share it). Failures are counted per client, where
 * a client is an IPv4 address or an IPv6 /64: one subscriber is handed a whole /64, so counting per
 * IPv6 address gave each of them 2^64 addresses of 5 tries. A global ceiling caps what many
 * addresses together may try, at the price of refusing everyone's sign-in while it is reached.
 */
export const MAX_FAILURES_PER_MINUTE = 5;
/**
 * 100 failures a minute across all clients, 20 times what one client may fail. A household or office
 * never mistypes that often, and it holds a botnet to 144,000 guesses a day in all, hopeless against
 * even the 8-character minimum; while it is reached sessions already signed in keep working.
 */
export const MAX_GLOBAL_FAILURES_PER_MINUTE = 100;
const WINDOW_MS = 60_000;
const MAX_TRACKED_CLIENTS = 10_000;

type Limiter = { perClient: Map<string, number[]>; global: number[] };
const LIMITER = Symbol.for("agent-deck.login-failures");

function limiter(): Limiter {
  // On globalThis: Next bundles the proxy and each route separately, and they must share one count.
  const holder = globalThis as { [LIMITER]?: Limiter };
  holder[LIMITER] ??= { perClient: new Map(), global: [] };
  return holder[LIMITER];
}

/** The key failures count under: `4:a.b.c.d`, `6:<first four groups>::/64`, or the raw text for anything unparsable. */
export function clientKey(address: string): string {
  const a = parseAddress(address);
  if (!a) return `?:${address.slice(0, 100)}`;
  if (a.kind === 4) return `4:${a.octets.join(".")}`;
  return `6:${a.groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

function recent(list: number[], now: number): number[] {
  return list.filter((t) => now - t < WINDOW_MS);
}

function clientFailures(key: string, now: number): number[] {
  const map = limiter().perClient;
  const list = recent(map.get(key) ?? [], now);
  if (list.length === 0) map.delete(key);
  else map.set(key, list);
  return list;
}

function tooMany(oldest: number, now: number, what: string): AppError {
  const retry = Math.max(1, Math.ceil((WINDOW_MS - (now - oldest)) / 1000));
  return new AppError(
    "too_many_requests",
    `Too many failed sign-in or API token attempts ${what}; try again in ${retry} seconds`,
    undefined,
    { "Retry-After": String(retry) },
  );
}

/**
 * Refuses (429) before any password or token comparison once the client, or (`limit` "all", for
 * passwords) everyone together, has failed too often. Failed sign-ins and failed API tokens count
 * in the same windows.
 */
export function assertNotRateLimited(address: string, now = Date.now(), limit: "client" | "all" = "all"): void {
  const state = limiter();
  state.global = recent(state.global, now);
  const own = clientFailures(clientKey(address), now);
  if (own.length >= MAX_FAILURES_PER_MINUTE) throw tooMany(own[0] ?? now, now, "from your address");
  if (limit === "all" && state.global.length >= MAX_GLOBAL_FAILURES_PER_MINUTE)
    throw tooMany(state.global[0] ?? now, now, "on this dashboard");
}

export function recordFailure(address: string, now = Date.now()): void {
  const state = limiter();
  const key = clientKey(address);
  const list = clientFailures(key, now);
  list.push(now);
  state.global = recent(state.global, now);
  state.global.push(now);
  // Re-inserted so the map's order is least recently failed first; bounded under a flood of addresses.
  state.perClient.delete(key);
  state.perClient.set(key, list);
  while (state.perClient.size > MAX_TRACKED_CLIENTS) {
    const oldest = state.perClient.keys().next().value;
    if (oldest === undefined) break;
    state.perClient.delete(oldest);
  }
}
