import "server-only";
import os from "node:os";
import { parseArgs } from "node:util";
import { DASHBOARD_EVENTS, TokenCreateSchema, type ApiToken } from "@/lib/bff/contract";
import { safeParse } from "@/lib/agent-api/zod";
import { formatRelative } from "@/lib/format/time";
import { dataDirOf, ConfigError, type Env } from "./config";
import { isAppError } from "./errors";
import { closeStore, openStore } from "./store";
import { EventLog } from "./store/events";
import { TokenStore } from "./store/tokens";
import { createToken, tokenEvent } from "./tokens";

/**
 * `npm run token -- create --name N --scope read|operate|admin`, `list [--json]`, `revoke <id|name>`.
 * Opens the store in DATA_DIR itself (SQLite's WAL lets it share the file with a running
 * dashboard, which sees a new or revoked token at its next request), so it works whether the
 * dashboard runs or not. A new token goes to stdout alone (`TOKEN=$(npm run -s token -- create …)`),
 * everything said to a person to stderr. Exit 0 done, 1 failed, 2 misused.
 */
export type Io = { out: (s: string) => void; err: (s: string) => void };

export const USAGE = `Usage: npm run token -- <command>
  create --name <name> --scope <read|operate|admin>   make a token; it is printed this once
  list [--json]                                        name, scope, created, last used
  revoke <id|name>                                     the token is refused from its next request on
The store is DATA_DIR/agent-deck.sqlite (DATA_DIR defaults to ./data, as for npm start).`;

class Misuse extends Error {}

/** Who made a change from the command line, as the event log names actors. */
function cliActor(env: Env): string {
  let user: string | undefined;
  try {
    user = os.userInfo().username;
  } catch {
    user = env.USER ?? env.USERNAME;
  }
  return `command line${user ? ` (${user})` : ""}`;
}

export function runTokenCli(args: string[], env: Env, io: Io, now = Date.now()): number {
  const [command, ...rest] = args;
  try {
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      (command === undefined ? io.err : io.out)(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command !== "create" && command !== "list" && command !== "revoke")
      throw new Misuse(`Unknown command ${JSON.stringify(command)}`);
    const errors: string[] = [];
    const dataDir = dataDirOf(env, errors);
    if (errors.length > 0) throw new ConfigError(errors);
    // Parsed before the store is opened: a typo must not create a store where none was.
    const run = command === "create" ? parseCreate(rest) : command === "list" ? parseList(rest) : parseRevoke(rest);
    const store = openStore(dataDir);
    try {
      const tokens = new TokenStore(store.db);
      // The dashboard's own event log writer; only record() is used, so its coalescing options barely matter.
      const events = new EventLog(store, { eventsDays: 90, coalesceMs: 10_000, pausedLatelyMs: 10_000 });
      return run({ tokens, events, actor: cliActor(env), io, now });
    } finally {
      closeStore();
    }
  } catch (err) {
    if (err instanceof Misuse) {
      io.err(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError || isAppError(err)) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
}

type Ctx = { tokens: TokenStore; events: EventLog; actor: string; io: Io; now: number };

type OptionSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;

function options(rest: string[], spec: OptionSpec, positionals = 0) {
  try {
    const parsed = parseArgs({ args: rest, options: spec, allowPositionals: positionals > 0, strict: true });
    if (parsed.positionals.length > positionals) throw new Misuse(`Unexpected ${parsed.positionals.join(" ")}`);
    return parsed;
  } catch (err) {
    throw err instanceof Misuse ? err : new Misuse((err as Error).message);
  }
}

function parseCreate(rest: string[]) {
  const { values } = options(rest, { name: { type: "string" }, scope: { type: "string" } });
  const input = safeParse(TokenCreateSchema, { name: values.name ?? "", scope: values.scope ?? "" });
  if (!input.success) {
    const issue = input.error.issues[0];
    const field = String(issue?.path[0] ?? "input");
    const hint = field === "scope" ? "--scope must be read, operate or admin" : `--${field}: ${issue?.message ?? ""}`;
    throw new Misuse(hint);
  }
  return ({ tokens, events, actor, io, now }: Ctx) => {
    const { token, secret } = createToken(tokens, input.data, actor, now);
    events.record(DASHBOARD_EVENTS, tokenEvent("token_created", token, actor), now);
    io.err(`Created API token "${token.name}" (${token.scope}, id ${token.id}). It is shown only this once:`);
    io.out(secret);
    return 0;
  };
}

function parseList(rest: string[]) {
  const { values } = options(rest, { json: { type: "boolean" } });
  return ({ tokens, io, now }: Ctx) => {
    const list = tokens.list();
    if (values.json) io.out(JSON.stringify({ tokens: list }, null, 2));
    else if (list.length === 0)
      io.err("No API tokens. Make one with: npm run token -- create --name <name> --scope read");
    else io.out(table(list, now));
    return 0;
  };
}

function parseRevoke(rest: string[]) {
  const { positionals } = options(rest, {}, 1);
  const which = positionals[0];
  if (!which) throw new Misuse("Name the token to revoke by its id or its name");
  return ({ tokens, events, actor, io, now }: Ctx) => {
    const token = /^\d{1,15}$/.test(which) ? tokens.find(Number(which)) : tokens.find(which);
    const revoked = token && tokens.remove(token.id);
    if (!revoked) {
      io.err(`There is no API token ${/^\d+$/.test(which) ? "with id" : "named"} ${JSON.stringify(which)}`);
      return 1;
    }
    events.record(DASHBOARD_EVENTS, tokenEvent("token_revoked", revoked, actor), now);
    io.err(`Revoked API token "${revoked.name}" (${revoked.scope}, id ${revoked.id}).`);
    return 0;
  };
}

/** Aligned columns for a terminal: times in the machine's zone, "last used" also as an age. */
function table(list: ApiToken[], now: number): string {
  // ISO-like local "2026-12-07 23:45", which sorts and reads the same everywhere.
  const when = (t: number) => new Date(t).toLocaleString("sv-SE").slice(0, 16);
  const rows = [
    ["ID", "NAME", "SCOPE", "TOKEN", "CREATED", "LAST USED"],
    ...list.map((t) => [
      String(t.id),
      t.name,
      t.scope,
      `${t.prefix}…`,
      when(t.createdAt),
      t.lastUsedAt === undefined ? "never" : `${when(t.lastUsedAt)} (${formatRelative(t.lastUsedAt, now, "en")})`,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
