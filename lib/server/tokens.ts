import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { TOKEN_PATTERN, TOKEN_PREFIX, type ApiToken, type Scope, type TokenCreate } from "@/lib/bff/contract-tokens";
import type { DetectedEvent } from "@/lib/domain/events";
import type { Config } from "./config";
import { AppError } from "./errors";
import { clientAddress, type HeaderReader } from "./guard";
import { assertNotRateLimited, recordFailure } from "./login-limit";
import type { Access } from "./session";
import { tokenStore, type TokenStore } from "./store/tokens";

/**
 * API tokens: `Authorization: Bearer adk_…` on any API route, judged by the token alone (its scope),
 * whatever else the request carries. Made here, checked here; the table is lib/server/store/tokens.ts.
 */
export const REALM = 'Bearer realm="Agent Deck"';

/** A new token: `adk_` and 32 random bytes in base64url (43 characters). */
export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/**
 * SHA-256 of the token. A password needs a slow, salted hash because people choose guessable ones;
 * a token is 256 random bits, so no dictionary or table holds it and no amount of fast guessing
 * finds it: a fast hash keeps a leaked table just as useless, and the whole check of a request costs
 * microseconds where a scrypt check would add a third of a second to every scripted call
 * (`npm run bench:tokens`: 16 µs against 318 ms, side by side on a loaded 2-core machine).
 */
export function hashToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/** The credentials of an `Authorization: Bearer …` header, "" when it names Bearer with nothing after; undefined otherwise. */
export function bearerCredentials(headers: HeaderReader): string | undefined {
  const m = /^Bearer(?:\s+(.*))?$/i.exec((headers.get("authorization") ?? "").trim());
  return m ? (m[1] ?? "").trim() : undefined;
}

/** 401 for a token that is malformed, unknown or revoked (RFC 6750's invalid_token). */
export function invalidToken(): AppError {
  return new AppError(
    "unauthorized",
    "The API token is not valid: it is malformed, unknown or revoked. Make a new one on /settings/tokens or with `npm run token -- create`.",
    undefined,
    { "WWW-Authenticate": `${REALM}, error="invalid_token"` },
  );
}

/** 403 for a valid token whose scope is too small (RFC 6750's insufficient_scope, naming the scope needed). */
export function insufficientScope(access: Access, need: Scope): AppError {
  return new AppError(
    "forbidden",
    `The API token "${access.token?.name ?? ""}" has the scope ${access.scope}; this needs ${need}.`,
    undefined,
    { "WWW-Authenticate": `${REALM}, error="insufficient_scope", scope="${need}"` },
  );
}

/** For routes: the open store's tokens, or a 500 saying it is not open (only before boot, which no route precedes). */
export function requireTokenStore(): TokenStore {
  const store = tokenStore();
  if (!store) throw new AppError("internal_error", "The store holding API tokens is not open");
  return store;
}

/**
 * The access a Bearer token grants, or a 401 (counted as a failed attempt) when it grants none.
 * Only the client's own failures refuse it beforehand (429), not everyone's together as for
 * passwords: nobody guesses 256 random bits, so a global ceiling would protect nothing and would let
 * anyone spraying bad tokens lock every script and hub out.
 */
export function tokenAccess(token: string, headers: HeaderReader, config: Config, now = Date.now()): Access {
  const address = clientAddress(headers, config) ?? "unknown";
  assertNotRateLimited(address, now, "client");
  const found = TOKEN_PATTERN.test(token) ? requireTokenStore().use(hashToken(token), now) : undefined;
  if (!found) {
    recordFailure(address, now);
    throw invalidToken();
  }
  return { scope: found.scope, via: "token", token: { id: found.id, name: found.name } };
}

/** The event log's words for a token made or revoked (`agent` is the dashboard's own, DASHBOARD_EVENTS). */
export function tokenEvent(kind: "token_created" | "token_revoked", token: ApiToken, actor: string): DetectedEvent {
  const what = kind === "token_created" ? "created" : "revoked";
  return {
    kind,
    severity: "info",
    message: `API token "${token.name}" (${token.scope}) was ${what}`,
    actor,
  };
}

/** Makes a token: its row (hash only) and the token itself, which the caller shows once. */
export function createToken(
  store: TokenStore,
  input: TokenCreate,
  createdBy: string,
  now = Date.now(),
): { token: ApiToken; secret: string } {
  const secret = newTokenSecret();
  const token = store.insert({
    name: input.name,
    scope: input.scope,
    hash: hashToken(secret),
    prefix: secret.slice(0, 8),
    createdAt: now,
    createdBy,
  });
  if (token === "name_taken") {
    const message = `A token named "${input.name}" exists already; names must be unique, as they name who did what in the event log`;
    throw new AppError("invalid_input", `The request body is not valid: name: ${message}`, { name: [message] });
  }
  return { token, secret };
}
