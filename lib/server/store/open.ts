import "server-only";
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ConfigError } from "../config-parse";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations";
import { codeOf } from "./store";

/**
 * Opens (or creates) `DATA_DIR/agent-deck.sqlite` and brings its schema up to date. Anything that
 * would make the store unusable stops start-up with one line naming the path and what to do; a file
 * that is not ours, damaged, or from a newer Agent Deck is never deleted, rewritten or migrated.
 */
export const STORE_FILE = "agent-deck.sqlite";
/** "AGDK" in PRAGMA application_id marks a file as an Agent Deck store. */
const APPLICATION_ID = 0x4147444b;

function refuse(what: string): never {
  throw new ConfigError([`DATA_DIR: ${what}`]);
}

function usableDirectory(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    refuse(`${JSON.stringify(dir)} is not a directory; point DATA_DIR at a directory (it is created if missing)`);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    refuse(
      `${JSON.stringify(dir)} cannot be written (${codeOf(err)}); give this user write access to it or point DATA_DIR elsewhere`,
    );
  }
}

export function openDatabase(dataDir: string): Database.Database {
  usableDirectory(dataDir);
  const file = path.join(dataDir, STORE_FILE);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    refuse(`the store ${JSON.stringify(file)} cannot be opened (${codeOf(err)}); check its permissions`);
  }
  try {
    checkOwnership(db, file);
    // Reading first, writing after: nothing above wrote to a file that may not be ours.
    db.pragma("journal_mode = WAL");
    // WAL with NORMAL: a crash loses at most the last transactions, never the file's consistency.
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 2000");
    migrate(db);
  } catch (err) {
    db.close();
    if (err instanceof ConfigError) throw err;
    refuse(
      `the store ${JSON.stringify(file)} cannot be used (${codeOf(err)}: ${(err as Error).message}); move it aside to start with a new one`,
    );
  }
  return db;
}

function checkOwnership(db: Database.Database, file: string): void {
  let appId: number;
  let version: number;
  let tables: number;
  try {
    appId = db.pragma("application_id", { simple: true }) as number;
    version = db.pragma("user_version", { simple: true }) as number;
    tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema").get() as { n: number }).n;
  } catch (err) {
    refuse(
      `the store ${JSON.stringify(file)} is damaged or not a SQLite database (${codeOf(err)}); move it aside to start with a new one (it is left as it is)`,
    );
  }
  const empty = appId === 0 && version === 0 && tables === 0;
  if (!empty && appId !== APPLICATION_ID)
    refuse(
      `${JSON.stringify(file)} is a SQLite database of some other program; move it aside or point DATA_DIR elsewhere (it is left as it is)`,
    );
  if (version > SCHEMA_VERSION)
    refuse(
      `the store ${JSON.stringify(file)} was written by a newer Agent Deck (schema ${version}, this one knows ${SCHEMA_VERSION}); run that version, or move the file aside (it is left as it is)`,
    );
}

function migrate(db: Database.Database): void {
  const from = db.pragma("user_version", { simple: true }) as number;
  if (from === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
