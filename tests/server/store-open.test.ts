import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS, SCHEMA_VERSION } from "@/lib/server/store/migrations";
import { STORE_FILE, openDatabase } from "@/lib/server/store/open";
import { Store } from "@/lib/server/store/store";
import { EMPTY_SNAPSHOT } from "@/lib/server/collector/snapshot";

/** The store's file as start-up finds it: new, ours, damaged, foreign, newer. Nothing but a real file. */
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-store-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function refusal(dataDir: string): string {
  try {
    openDatabase(dataDir).close();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected openDatabase to refuse");
}

describe("opening the store", () => {
  it("creates DATA_DIR and the file, in WAL mode, at the current schema, marked as ours", () => {
    const dataDir = path.join(tempDir(), "nested", "data");
    const db = openDatabase(dataDir);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma("application_id", { simple: true })).toBe(0x4147444b);
    db.close();
    // Opened again: nothing to migrate, and it is accepted as ours.
    openDatabase(dataDir).close();
  });

  it("takes a file from the first release (schema 1) to the current schema and keeps its events", () => {
    const dataDir = tempDir();
    const old = new Database(path.join(dataDir, STORE_FILE));
    old.exec(MIGRATIONS[0]!);
    old.pragma("application_id = 0x4147444b");
    old.pragma("user_version = 1");
    old
      .prepare(
        "INSERT INTO events (t, last_t, agent, kind, severity, message) VALUES (1, 1, 'local', 'dashboard_started', 'info', 'kept')",
      )
      .run();
    old.close();
    const db = openDatabase(dataDir);
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT message FROM events").all()).toEqual([{ message: "kept" }]);
    // The history tables are the current ones: a minute carries its weight.
    const columns = (db.prepare("SELECT name FROM pragma_table_info('agent_minutes')").all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toContain("n");
    db.close();
  });

  it("refuses a DATA_DIR that is a file, in one line naming it", () => {
    const file = path.join(tempDir(), "not-a-dir");
    writeFileSync(file, "x");
    expect(refusal(file)).toBe(
      `agent-deck: invalid configuration: DATA_DIR: ${JSON.stringify(file)} is not a directory; point DATA_DIR at a directory (it is created if missing)`,
    );
  });

  it("refuses a damaged file and leaves it byte for byte as it was", () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, STORE_FILE);
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const before = digest(file);
    const message = refusal(dataDir);
    expect(message).toMatch(
      /^agent-deck: invalid configuration: DATA_DIR: the store ".*agent-deck\.sqlite" is damaged or not a SQLite database \(SQLITE_NOTADB\); move it aside to start with a new one \(it is left as it is\)$/,
    );
    expect(digest(file)).toBe(before);
  });

  it("refuses another program's SQLite database, untouched", () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, STORE_FILE);
    const foreign = new Database(file);
    foreign.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')");
    foreign.close();
    const before = digest(file);
    expect(refusal(dataDir)).toContain("is a SQLite database of some other program");
    expect(digest(file)).toBe(before);
  });

  it("refuses a store from a newer Agent Deck, untouched", () => {
    const dataDir = tempDir();
    openDatabase(dataDir).close();
    const file = path.join(dataDir, STORE_FILE);
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = digest(file);
    expect(refusal(dataDir)).toContain(
      `was written by a newer Agent Deck (schema ${SCHEMA_VERSION + 1}, this one knows ${SCHEMA_VERSION})`,
    );
    expect(digest(file)).toBe(before);
  });
});

describe("the store's writes", () => {
  it("a failing write marks storage failing with the reason, counts it, and the next good write recovers", () => {
    const store = new Store(openDatabase(tempDir()));
    let fail = true;
    store.addWriter({
      onPoll: () => {
        if (fail) throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
        store.db
          .prepare(
            "INSERT INTO events (t, last_t, agent, kind, severity, message) VALUES (1, 1, 'a', 'paused', 'info', 'x')",
          )
          .run();
      },
    });
    store.recordPoll("a", EMPTY_SNAPSHOT, EMPTY_SNAPSHOT);
    const failing = store.health();
    expect(failing).toMatchObject({ state: "failing", reason: "the disk is full (SQLITE_FULL)" });
    fail = false;
    store.recordPoll("a", EMPTY_SNAPSHOT, EMPTY_SNAPSHOT);
    expect(store.health()).toEqual({ state: "ok" });
    expect((store.db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n).toBe(1);
    store.close();
  });

  it("a poll is written whole or not at all", () => {
    const store = new Store(openDatabase(tempDir()));
    store.addWriter({
      onPoll: () =>
        void store.db
          .prepare(
            "INSERT INTO events (t, last_t, agent, kind, severity, message) VALUES (1, 1, 'a', 'paused', 'info', 'x')",
          )
          .run(),
    });
    store.addWriter({
      onPoll: () => {
        throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR_WRITE" });
      },
    });
    store.recordPoll("a", EMPTY_SNAPSHOT, EMPTY_SNAPSHOT);
    expect(store.health()).toMatchObject({
      state: "failing",
      reason: "the disk reported an I/O error (SQLITE_IOERR_WRITE)",
    });
    expect((store.db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n).toBe(0);
    store.close();
  });
});
