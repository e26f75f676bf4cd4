//! The cache's tables and how each version of the app's file becomes the next. Version 1 holds
//! the data; version 2 remembers how far an interrupted sync had come, so that its progress bar
//! goes on from there instead of from zero; version 3 adds the office's audit log, which has
//! no link to any person's rows.
//!
//! A dossier's processing steps have their own table; the rest of the dossier is kept whole as
//! JSON in `body`, with the columns the list shows beside it. The search index is not stored: it
//! is built in memory from these columns on first use.

use rusqlite_migration::{M, Migrations};

/// Every migration, oldest first. Never edit one that has shipped; add the next.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2), M::up(V3)])
}

const V1: &str = "
-- Never reusing an id keeps a write that was already under way when a person's rows were wiped
-- from landing in the rows of whoever comes next.
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE
);

CREATE TABLE profiles (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    account TEXT NOT NULL,
    saved_at TEXT NOT NULL
);

CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    procedure_name TEXT NOT NULL,
    agency TEXT NOT NULL,
    summary TEXT NOT NULL,
    status INTEGER NOT NULL,
    channel INTEGER NOT NULL,
    received_at TEXT,
    due_at TEXT,
    updated_at TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (user_id, code)
);

CREATE TABLE steps (
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    handler TEXT NOT NULL,
    department TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (dossier_id, seq)
) WITHOUT ROWID;

CREATE TABLE sync_state (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    cursor TEXT,
    since TEXT,
    run_high_water TEXT,
    high_water TEXT,
    last_synced_at TEXT
);
";

const V2: &str = "ALTER TABLE sync_state ADD COLUMN run_done INTEGER NOT NULL DEFAULT 0;";

const V3: &str = "
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    outcomes TEXT NOT NULL DEFAULT '',
    ended_by TEXT
);
";
