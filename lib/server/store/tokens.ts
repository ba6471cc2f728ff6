import "server-only";
import type Database from "better-sqlite3";
import type { ApiToken, Scope } from "@/lib/bff/contract-tokens";
import { currentStore } from "./index";
import type { Store } from "./store";

/**
 * The API tokens' table (migration step "api_tokens"). Only hashes go in and out of here; making a
 * token and hashing it is lib/server/tokens.ts's business. Used by the dashboard (through
 * `tokenStore()`) and by `npm run token` (which opens the same file: SQLite's WAL lets both at once),
 * so nothing about tokens is cached in memory: a token revoked by the command line is refused by the
 * running dashboard at its very next request.
 */
type Row = {
  id: number;
  name: string;
  scope: Scope;
  prefix: string;
  created_at: number;
  created_by: string | null;
  last_used_at: number | null;
};
const COLUMNS = "id, name, scope, prefix, created_at, created_by, last_used_at";

/** "Last used" is written at most this often per token: a script polling every second costs one write a minute. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export type NewToken = {
  name: string;
  scope: Scope;
  hash: Buffer;
  prefix: string;
  createdAt: number;
  createdBy: string;
};

function toToken(r: Row): ApiToken {
  return {
    id: r.id,
    name: r.name,
    scope: r.scope,
    prefix: r.prefix,
    createdAt: r.created_at,
    ...(r.created_by !== null ? { createdBy: r.created_by } : {}),
    ...(r.last_used_at !== null ? { lastUsedAt: r.last_used_at } : {}),
  };
}

export class TokenStore {
  private readonly listAll: Database.Statement<[], Row>;
  private readonly byHashStmt: Database.Statement<[Buffer], Row>;
  private readonly byIdStmt: Database.Statement<[number], Row>;
  private readonly byNameStmt: Database.Statement<[string], Row>;
  private readonly insertStmt: Database.Statement;
  private readonly touchStmt: Database.Statement<[number, number]>;
  private readonly deleteStmt: Database.Statement<[number]>;

  constructor(private readonly db: Database.Database) {
    this.listAll = db.prepare(`SELECT ${COLUMNS} FROM api_tokens ORDER BY id DESC`);
    // The hash of a 256-bit random token: a lookup by its unique index is safe to time, as learning
    // where a guess's hash would sort tells nothing about any token (unlike comparing the tokens).
    this.byHashStmt = db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE hash = ?`);
    this.byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`);
    this.byNameStmt = db.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE name = ?`);
    this.insertStmt = db.prepare(
      `INSERT INTO api_tokens (name, scope, hash, prefix, created_at, created_by)
       VALUES (@name, @scope, @hash, @prefix, @createdAt, @createdBy)`,
    );
    this.touchStmt = db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
    this.deleteStmt = db.prepare("DELETE FROM api_tokens WHERE id = ?");
  }

  list(): ApiToken[] {
    return this.listAll.all().map(toToken);
  }

  /** The new token's row, or "name_taken" when another token has this name (in any case). */
  insert(token: NewToken): ApiToken | "name_taken" {
    return this.db.transaction(() => {
      if (this.byNameStmt.get(token.name)) return "name_taken" as const;
      const id = Number(this.insertStmt.run(token).lastInsertRowid);
      return toToken(this.byIdStmt.get(id)!);
    })();
  }

  /**
   * The token with this hash, its "last used" moved to `now` when the stored one is older than
   * LAST_USED_RESOLUTION_MS (read here anyway, so the throttle costs nothing and holds across
   * processes). A failed write of it (a full disk) does not refuse the token.
   */
  use(hash: Buffer, now: number): ApiToken | undefined {
    const row = this.byHashStmt.get(hash);
    if (!row) return undefined;
    if (row.last_used_at === null || now - row.last_used_at >= LAST_USED_RESOLUTION_MS) {
      try {
        this.touchStmt.run(now, row.id);
        row.last_used_at = now;
      } catch {
        // Keeping "last used" current is not worth refusing a valid token over.
      }
    }
    return toToken(row);
  }

  find(idOrName: number | string): ApiToken | undefined {
    const row = typeof idOrName === "number" ? this.byIdStmt.get(idOrName) : this.byNameStmt.get(idOrName);
    return row && toToken(row);
  }

  /** Deletes the token: from its next request on it is refused. The deleted token, or undefined if none. */
  remove(id: number): ApiToken | undefined {
    return this.db.transaction(() => {
      const row = this.byIdStmt.get(id);
      if (!row) return undefined;
      this.deleteStmt.run(id);
      return toToken(row);
    })();
  }
}

const KEY = Symbol.for("agent-deck.token-store");
type Holder = { [KEY]?: { store: Store; tokens: TokenStore } };

/** The open store's tokens (one set of prepared statements per store, whatever bundle asks); undefined before boot. */
export function tokenStore(): TokenStore | undefined {
  const store = currentStore();
  if (!store) return undefined;
  const holder = globalThis as Holder;
  if (holder[KEY]?.store !== store) holder[KEY] = { store, tokens: new TokenStore(store.db) };
  return holder[KEY].tokens;
}
