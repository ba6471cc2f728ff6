import "server-only";

/**
 * The store's schema, one step per version: step i takes a file from version i to i + 1, and the
 * file's `PRAGMA user_version` says which steps it has had. Steps are never edited once released,
 * only added; a file from a newer Agent Deck (a version beyond this list) is refused, never touched.
 *
 * Times are epoch milliseconds (INTEGER); run ids are TEXT (the agent's ids are numbers today, and
 * TEXT keeps whatever it sends). Tables keyed by time are WITHOUT ROWID: the key is the data's order.
 * History (lib/server/store/history.ts): speeds in bytes/s and sizes in bytes as whole numbers (stored
 * in 1 to 8 bytes each); `n` is the agent's samples in a minute or hour, so a slot written twice (a
 * restart within it) merges by weight; the run tiers' time index lets expired rows go in bounded chunks.
 * Totals (totals.ts): run_id "" is the agent itself; `date` is the dashboard's local date, before
 * run_id in the key, so a minute's updates of today's rows share a few pages instead of one per run.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    t INTEGER NOT NULL,
    last_t INTEGER NOT NULL,
    count INTEGER NOT NULL DEFAULT 1,
    agent TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    run_id TEXT,
    run_name TEXT,
    message TEXT NOT NULL,
    from_value TEXT,
    to_value TEXT,
    actor TEXT
  );
  CREATE INDEX events_by_agent ON events (agent, id);
  CREATE INDEX events_by_run ON events (agent, run_id, id);
  CREATE INDEX events_by_time ON events (t);
  -- Filters by kind or severity walk these newest first (the agent, when given, is checked on the way).
  CREATE INDEX events_by_kind ON events (kind, id);
  CREATE INDEX events_by_severity ON events (severity, id);

  CREATE TABLE agent_points (
    agent TEXT NOT NULL, t INTEGER NOT NULL, down REAL NOT NULL, up REAL NOT NULL,
    completed REAL NOT NULL, total REAL NOT NULL,
    PRIMARY KEY (agent, t)
  ) WITHOUT ROWID;
  CREATE TABLE agent_minutes (
    agent TEXT NOT NULL, t INTEGER NOT NULL, down REAL NOT NULL, up REAL NOT NULL,
    completed REAL NOT NULL, total REAL NOT NULL,
    PRIMARY KEY (agent, t)
  ) WITHOUT ROWID;
  CREATE TABLE run_minutes (
    agent TEXT NOT NULL, run_id TEXT NOT NULL, t INTEGER NOT NULL, down REAL NOT NULL, up REAL NOT NULL,
    completed REAL NOT NULL, total REAL NOT NULL,
    PRIMARY KEY (agent, run_id, t)
  ) WITHOUT ROWID;
  CREATE TABLE run_hours (
    agent TEXT NOT NULL, run_id TEXT NOT NULL, t INTEGER NOT NULL, down REAL NOT NULL, up REAL NOT NULL,
    completed REAL NOT NULL, total REAL NOT NULL,
    PRIMARY KEY (agent, run_id, t)
  ) WITHOUT ROWID;

  CREATE TABLE daily_totals (
    agent TEXT NOT NULL, run_id TEXT NOT NULL, date TEXT NOT NULL, down INTEGER NOT NULL, up INTEGER NOT NULL,
    PRIMARY KEY (agent, run_id, date)
  ) WITHOUT ROWID;
  CREATE TABLE transfer_counters (
    agent TEXT NOT NULL, run_id TEXT NOT NULL, down INTEGER NOT NULL, up INTEGER NOT NULL,
    PRIMARY KEY (agent, run_id)
  ) WITHOUT ROWID;
  `,
  `
  -- Version 1 made these tables with no writer yet (the event log was its only user). The history
  -- and totals writers want whole-number columns, a weight per slot, time indexes and a key with the
  -- date first, so the unused tables are made again: nothing in them is lost.
  DROP TABLE agent_points; DROP TABLE agent_minutes; DROP TABLE run_minutes; DROP TABLE run_hours;
  DROP TABLE daily_totals; DROP TABLE transfer_counters;

  CREATE TABLE agent_points (
    agent TEXT NOT NULL, t INTEGER NOT NULL, down INTEGER NOT NULL, up INTEGER NOT NULL,
    completed INTEGER NOT NULL, total INTEGER NOT NULL,
    PRIMARY KEY (agent, t)
  ) WITHOUT ROWID;
  CREATE TABLE agent_minutes (
    agent TEXT NOT NULL, t INTEGER NOT NULL, n INTEGER NOT NULL, down INTEGER NOT NULL, up INTEGER NOT NULL,
    completed INTEGER NOT NULL, total INTEGER NOT NULL,
    PRIMARY KEY (agent, t)
  ) WITHOUT ROWID;
  CREATE TABLE run_minutes (
    agent TEXT NOT NULL, run_id TEXT NOT NULL, t INTEGER NOT NULL, n INTEGER NOT NULL, down INTEGER NOT NULL, up INTEGER NOT NULL,
    completed INTEGER NOT NULL, total INTEGER NOT NULL,
    PRIMARY KEY (agent, run_id, t)
  ) WITHOUT ROWID;
  CREATE INDEX run_minutes_by_time ON run_minutes (t);
  CREATE TABLE run_hours (
    agent TEXT NOT NULL, run_id TEXT NOT NULL, t INTEGER NOT NULL, n INTEGER NOT NULL, down INTEGER NOT NULL, up INTEGER NOT NULL,
    completed INTEGER NOT NULL, total INTEGER NOT NULL,
    PRIMARY KEY (agent, run_id, t)
  ) WITHOUT ROWID;
  CREATE INDEX run_hours_by_time ON run_hours (t);

  CREATE TABLE daily_totals (
    agent TEXT NOT NULL, run_id TEXT NOT NULL, date TEXT NOT NULL, down INTEGER NOT NULL, up INTEGER NOT NULL,
    PRIMARY KEY (agent, date, run_id)
  ) WITHOUT ROWID;
  CREATE TABLE transfer_counters (
    agent TEXT NOT NULL, run_id TEXT NOT NULL, down INTEGER NOT NULL, up INTEGER NOT NULL, since INTEGER NOT NULL,
    PRIMARY KEY (agent, run_id)
  ) WITHOUT ROWID;
  `,
  `
  -- API tokens (lib/server/store/tokens.ts): only each token's SHA-256 is kept, looked up by its
  -- unique index; \`prefix\` is its first characters, to recognise it in a list. A revoked token's
  -- row is deleted (the event log keeps who made and who revoked it). Names are unique whatever
  -- their case, since they name the actor in the event log.
  CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    scope TEXT NOT NULL CHECK (scope IN ('read', 'operate', 'admin')),
    hash BLOB NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT,
    last_used_at INTEGER
  );
  `,
  `
  -- A hub's agents behind other Agent Decks (lib/server/store/event-imports.ts): each event copied
  -- from a deck's log into \`events\` is remembered by the deck's id for it, so a repeat the deck
  -- counted on its row updates the copy, nothing is copied twice, and after a restart the hub goes
  -- on from the last id it copied.
  CREATE TABLE imported_events (
    agent TEXT NOT NULL,
    remote_id INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (agent, remote_id)
  ) WITHOUT ROWID;
  CREATE INDEX imported_events_by_event ON imported_events (event_id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
