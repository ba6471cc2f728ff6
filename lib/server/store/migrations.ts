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
  -- Alerts (lib/server/alerts): channels and rules as JSON documents (their shape is the API's, checked
  -- by its schemas); a channel's write-only fields live apart in \`secrets\`, which no route reads.
  -- \`source\` 'file' rows mirror ALERTS_FILE at each start. At most one open incident per rule, agent
  -- and subject (a run, or the agent itself). The outbox holds what is still to be delivered; a row
  -- leaves when delivered or given up, and the delivery log keeps every attempt.
  CREATE TABLE alert_channels (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, settings TEXT NOT NULL, secrets TEXT NOT NULL,
    source TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
  );
  CREATE TABLE alert_rules (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, spec TEXT NOT NULL, enabled INTEGER NOT NULL,
    source TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
  );
  CREATE TABLE alert_incidents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id TEXT NOT NULL, agent TEXT NOT NULL, subject TEXT NOT NULL, trigger TEXT NOT NULL,
    state TEXT NOT NULL, opened_at INTEGER NOT NULL, resolved_at INTEGER, last_notified_at INTEGER,
    open_sent INTEGER NOT NULL DEFAULT 0, flaps INTEGER NOT NULL DEFAULT 0, title TEXT NOT NULL
  );
  CREATE UNIQUE INDEX alert_incidents_open ON alert_incidents (rule_id, agent, subject) WHERE state = 'open';
  CREATE INDEX alert_incidents_by_time ON alert_incidents (opened_at);
  CREATE TABLE alert_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT, channel_id TEXT NOT NULL, incident_id INTEGER,
    trigger TEXT NOT NULL, state TEXT NOT NULL, payload TEXT NOT NULL,
    seen_at INTEGER NOT NULL, created_at INTEGER NOT NULL, next_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX alert_outbox_due ON alert_outbox (next_at);
  CREATE TABLE alert_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT, t INTEGER NOT NULL, outbox_id INTEGER, channel_id TEXT NOT NULL,
    channel_name TEXT NOT NULL, incident_id INTEGER, trigger TEXT NOT NULL, state TEXT NOT NULL,
    attempt INTEGER NOT NULL, outcome TEXT NOT NULL, status INTEGER, error TEXT, duration_ms INTEGER NOT NULL,
    latency_ms INTEGER, next_at INTEGER
  );
  CREATE INDEX alert_deliveries_by_time ON alert_deliveries (t);
  CREATE TABLE alert_snooze (
    id INTEGER PRIMARY KEY CHECK (id = 1), until INTEGER NOT NULL, actor TEXT NOT NULL, set_at INTEGER NOT NULL
  );
  `,
  `
  -- Schedules (lib/server/store/schedules.ts): each schedule's own fields as JSON in spec (they
  -- differ by kind and are checked by the contract on the way in); fired_at is when a tag
  -- schedule last set its tag. schedule_agents keeps, per agent, the pause the scheduler applied
  -- and a person's override of it (both JSON), so a restart of the dashboard knows them.
  CREATE TABLE schedules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agent TEXT NOT NULL,
    kind TEXT NOT NULL,
    spec TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    fired_at INTEGER
  );
  CREATE INDEX schedules_by_agent ON schedules (agent, id);
  CREATE TABLE schedule_agents (
    agent TEXT PRIMARY KEY,
    applied TEXT,
    override TEXT
  ) WITHOUT ROWID;
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
