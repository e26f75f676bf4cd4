//! The cache file: opening it (migrating an older one, setting aside a damaged one), and every
//! read and write the app makes: the signed-in account, dossiers with their processing steps,
//! the sync position, search, and wiping one person's rows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use dvclink_core::dossier::{Channel, Dossier, DossierChange, DossierCode, DossierStatus, ProcessingStep};
use dvclink_core::profile::Account;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::schema::migrations;
use crate::search::{DossierFilter, Order};
use crate::words::{IndexRow, Query, WordIndex, query_words, searchable_words};

/// The cache: one SQLite file in WAL mode with foreign keys on, and the search index of each
/// person, built from it on first use and kept in step with every write.
#[derive(Debug)]
pub struct Cache {
    conn: Connection,
    path: Option<PathBuf>,
    indexes: HashMap<UserId, WordIndex>,
}

/// Whose rows: one row of `users`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserId(i64);

/// How opening went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// No file was there; a new one was made.
    Created,
    /// The file was there and is now at the current version.
    Existing,
    /// The file could not be used; it was moved aside and a new one was made.
    Replaced { moved_to: PathBuf, reason: String },
}

/// Why the cache failed.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error("cannot set the damaged cache aside: {0}")]
    Io(#[from] std::io::Error),
}

/// Where an interrupted sync stands, and up to when the cache is complete.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncState {
    /// The next page to fetch of a sync that has not finished.
    pub cursor: Option<String>,
    /// The `updated_since` of that sync.
    pub since: Option<NaiveDateTime>,
    /// The newest change seen by that sync so far.
    pub run_high_water: Option<NaiveDateTime>,
    /// The newest change of the last finished sync: the next one asks from here.
    pub high_water: Option<NaiveDateTime>,
    /// When the last sync finished.
    pub last_synced_at: Option<NaiveDateTime>,
    /// Changes written so far by the sync that has not finished.
    pub run_done: u64,
}

/// A dossier as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierListing {
    pub code: DossierCode,
    pub procedure_name: String,
    pub agency: String,
    pub status: DossierStatus,
    pub channel: Channel,
    pub received_at: Option<NaiveDateTime>,
    pub due_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

impl DossierListing {
    /// The list's view of a whole dossier.
    pub fn of(dossier: &Dossier) -> DossierListing {
        DossierListing {
            code: dossier.code.clone(),
            procedure_name: dossier.procedure_name.clone(),
            agency: dossier.agency.clone(),
            status: dossier.status,
            channel: dossier.channel,
            received_at: dossier.received_at,
            due_at: dossier.due_at,
            updated_at: dossier.updated_at,
        }
    }
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub items: Vec<DossierListing>,
    /// How many dossiers match in all.
    pub total: u64,
}

impl Cache {
    /// Opens (or creates) the cache at `path`. A file that is not a usable cache is moved aside
    /// next to it and a fresh cache is started; this never fails because of what the file holds.
    pub fn open(path: &Path) -> Result<(Cache, Opened), CacheError> {
        let existed = path.exists();
        match Cache::open_checked(path) {
            Ok(cache) => Ok((cache, if existed { Opened::Existing } else { Opened::Created })),
            Err(error) if existed => {
                let reason = error.to_string();
                tracing::warn!(%reason, "the cache file is unusable; starting a fresh one");
                let moved_to = set_aside(path)?;
                let cache = Cache::open_checked(path)?;
                Ok((cache, Opened::Replaced { moved_to, reason }))
            }
            Err(error) => Err(error),
        }
    }

    /// A cache that lives in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Cache, CacheError> {
        let conn = Connection::open_in_memory()?;
        Cache::prepare(conn, None)
    }

    /// Opens and migrates; reading the schema and migrating finds a file that is not a
    /// database or not ours. Damage deeper in the file is found by [`Cache::verify`].
    fn open_checked(path: &Path) -> Result<Cache, CacheError> {
        let conn = Connection::open(path)?;
        Cache::prepare(conn, Some(path.to_owned()))
    }

    /// Reads the whole file (`PRAGMA quick_check`). Slow on a large cache, so the app runs it
    /// in the background after start; on damage it calls [`Cache::replace`].
    pub fn verify(&self) -> Result<(), CacheError> {
        let check: String = self.conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
        if check == "ok" { Ok(()) } else { Err(CacheError::Corrupt(check)) }
    }

    /// Sets this cache's file aside and starts a fresh one in its place.
    pub fn replace(self, reason: String) -> Result<(Cache, Opened), CacheError> {
        let Some(path) = self.path.clone() else { return Ok((Cache::open_in_memory()?, Opened::Created)) };
        drop(self);
        tracing::warn!(%reason, "the cache file is damaged; starting a fresh one");
        let moved_to = set_aside(&path)?;
        let cache = Cache::open_checked(&path)?;
        Ok((cache, Opened::Replaced { moved_to, reason }))
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Cache, CacheError> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Freed space is overwritten from the first write on, so that no copy of a person's
        // rows lingers in free space after they are updated or deleted.
        conn.pragma_update(None, "secure_delete", "ON")?;
        // Enough pages in memory that index updates during a large sync stay off the disk.
        conn.pragma_update(None, "cache_size", -65_536)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        migrations().to_latest(&mut conn)?;
        Ok(Cache { conn, path, indexes: HashMap::new() })
    }

    /// The connection, for the other modules of this crate.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The rows of the person with `key`, made on first use.
    pub fn user(&mut self, key: &str) -> Result<UserId, CacheError> {
        self.conn.execute("INSERT INTO users (key) VALUES (?1) ON CONFLICT (key) DO NOTHING", [key])?;
        let id = self.conn.query_row("SELECT id FROM users WHERE key = ?1", [key], |row| row.get(0))?;
        Ok(UserId(id))
    }

    pub fn save_account(&mut self, user: UserId, account: &Account, at: NaiveDateTime) -> Result<(), CacheError> {
        let json = serde_json::to_string(account).map_err(|e| CacheError::Corrupt(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO profiles (user_id, account, saved_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (user_id) DO UPDATE SET account = excluded.account, saved_at = excluded.saved_at",
            params![user.0, json, format_time(&at)],
        )?;
        Ok(())
    }

    /// The account as last saved, with when.
    pub fn account(&self, user: UserId) -> Result<Option<(Account, NaiveDateTime)>, CacheError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row("SELECT account, saved_at FROM profiles WHERE user_id = ?1", [user.0], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        row.map(|(json, at)| {
            let account = serde_json::from_str(&json).map_err(|e| CacheError::Corrupt(e.to_string()))?;
            Ok((account, parse_time(&at)?))
        })
        .transpose()
    }

    /// Applies one page of the change feed and records where the sync stands, in one
    /// transaction: after a crash the cache holds whole pages and knows which.
    pub fn apply_page(&mut self, user: UserId, changes: &[DossierChange], state: &SyncState) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        let mut written = Vec::with_capacity(changes.len());
        {
            let mut writer = Writer::new(&tx)?;
            for change in changes {
                match change {
                    DossierChange::Upsert(dossier) => written.push(Ok((writer.upsert(user, dossier)?, dossier))),
                    DossierChange::Removed { code, .. } => written.extend(writer.remove(user, code)?.map(Err)),
                }
            }
        }
        write_state(&tx, user, state)?;
        tx.commit()?;
        // The index is kept in step only once it exists; until then nothing is folded.
        if let Some(index) = self.indexes.get_mut(&user) {
            for row in written {
                match row {
                    Ok((id, dossier)) => index.insert(index_row(id, dossier)),
                    Err(id) => index.remove(id),
                }
            }
            if index.worn() {
                self.indexes.remove(&user);
            }
        }
        Ok(())
    }

    /// Records where the sync stands without changing any dossier.
    pub fn save_sync_state(&mut self, user: UserId, state: &SyncState) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        write_state(&tx, user, state)?;
        tx.commit()?;
        Ok(())
    }

    pub fn sync_state(&self, user: UserId) -> Result<SyncState, CacheError> {
        let row: Option<([Option<String>; 5], i64)> = self
            .conn
            .query_row(
                "SELECT cursor, since, run_high_water, high_water, last_synced_at, run_done FROM sync_state WHERE user_id = ?1",
                [user.0],
                |r| Ok(([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?], r.get(5)?)),
            )
            .optional()?;
        let Some(([cursor, since, run_high_water, high_water, last_synced_at], run_done)) = row else {
            return Ok(SyncState::default());
        };
        Ok(SyncState {
            cursor,
            since: opt_time(since)?,
            run_high_water: opt_time(run_high_water)?,
            high_water: opt_time(high_water)?,
            last_synced_at: opt_time(last_synced_at)?,
            run_done: u64::try_from(run_done).unwrap_or_default(),
        })
    }

    /// One page of Hồ sơ đã nộp for `filter`, with the number of matches.
    pub fn search(&mut self, user: UserId, filter: &DossierFilter) -> Result<SearchPage, CacheError> {
        let words = query_words(&filter.text);
        let statuses: Vec<u8> = filter.statuses.iter().map(|s| s.code()).collect();
        let query = Query {
            words: &words,
            statuses: &statuses,
            from: filter.from.map(|d| d.and_time(chrono::NaiveTime::MIN)),
            until: filter.to.and_then(|d| d.succ_opt()).map(|d| d.and_time(chrono::NaiveTime::MIN)),
            oldest_first: filter.order == Order::OldestFirst,
            offset: filter.offset as usize,
            limit: filter.limit.clamp(1, 500) as usize,
        };
        let hits = self.index(user)?.search(&query);
        let mut statement = self.conn.prepare_cached(
            "SELECT code, procedure_name, agency, status, channel, received_at, due_at, updated_at FROM dossiers WHERE id = ?1",
        )?;
        let mut items = Vec::with_capacity(hits.ids.len());
        for id in hits.ids {
            let row = statement.query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })?;
            let (code, procedure_name, agency, status, channel, received_at, due_at, updated_at) = row;
            items.push(DossierListing {
                code: DossierCode::new(code).map_err(|e| CacheError::Corrupt(e.to_string()))?,
                procedure_name,
                agency,
                status: u8::try_from(status)
                    .ok()
                    .and_then(DossierStatus::from_code)
                    .ok_or_else(|| CacheError::Corrupt(format!("status {status}")))?,
                channel: u8::try_from(channel)
                    .ok()
                    .and_then(Channel::from_code)
                    .ok_or_else(|| CacheError::Corrupt(format!("channel {channel}")))?,
                received_at: opt_time(received_at)?,
                due_at: opt_time(due_at)?,
                updated_at: parse_time(&updated_at)?,
            });
        }
        Ok(SearchPage { items, total: hits.total })
    }

    /// The person's search index, built from the file on first use.
    fn index(&mut self, user: UserId) -> Result<&mut WordIndex, CacheError> {
        if !self.indexes.contains_key(&user) {
            let mut statement = self.conn.prepare(
                "SELECT id, received_at, status, code, procedure_name, agency, summary FROM dossiers WHERE user_id = ?1",
            )?;
            let mut rows = statement.query([user.0])?;
            let mut index_rows = Vec::new();
            while let Some(r) = rows.next()? {
                let status: i64 = r.get(2)?;
                let status = u8::try_from(status).map_err(|_| CacheError::Corrupt(format!("status {status}")))?;
                let text = |i: usize| -> Result<&str, CacheError> {
                    r.get_ref(i)?.as_str().map_err(|e| CacheError::Corrupt(e.to_string()))
                };
                let words = searchable_words(text(3)?, text(4)?, text(5)?, text(6)?);
                index_rows.push(IndexRow { id: r.get(0)?, received_at: opt_time(r.get(1)?)?, status, words });
            }
            drop(rows);
            drop(statement);
            self.indexes.insert(user, WordIndex::build(index_rows));
        }
        Ok(self.indexes.entry(user).or_default())
    }

    /// One dossier with its processing steps.
    pub fn dossier(&self, user: UserId, code: &DossierCode) -> Result<Option<Dossier>, CacheError> {
        let row: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT id, body FROM dossiers WHERE user_id = ?1 AND code = ?2")?
            .query_row(params![user.0, code.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((id, body)) = row else { return Ok(None) };
        let mut dossier: Dossier = serde_json::from_str(&body).map_err(|e| CacheError::Corrupt(e.to_string()))?;
        let mut statement = self
            .conn
            .prepare_cached("SELECT at, handler, department, content FROM steps WHERE dossier_id = ?1 ORDER BY seq")?;
        let steps = statement.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        for step in steps {
            let (at, handler, department, content) = step?;
            dossier.steps.push(ProcessingStep { at: parse_time(&at)?, handler, department, content });
        }
        Ok(Some(dossier))
    }

    /// Every dossier of the person, with steps, by code: for comparing with the portal.
    pub fn all_dossiers(&self, user: UserId) -> Result<Vec<Dossier>, CacheError> {
        let codes: Vec<String> = self
            .conn
            .prepare("SELECT code FROM dossiers WHERE user_id = ?1 ORDER BY code")?
            .query_map([user.0], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut all = Vec::with_capacity(codes.len());
        for code in codes {
            let code = DossierCode::new(code).map_err(|e| CacheError::Corrupt(e.to_string()))?;
            all.extend(self.dossier(user, &code)?);
        }
        Ok(all)
    }

    pub fn count(&self, user: UserId) -> Result<u64, CacheError> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM dossiers WHERE user_id = ?1", [user.0], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or_default())
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String, CacheError> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// Deletes everything of the person with `key` so that nothing can be read back from the
    /// file: `secure_delete` overwrites the freed pages, and the write-ahead log is checkpointed
    /// into the file and truncated.
    pub fn wipe(&mut self, key: &str) -> Result<(), CacheError> {
        let tx = self.conn.transaction()?;
        let id: Option<i64> =
            tx.query_row("DELETE FROM users WHERE key = ?1 RETURNING id", [key], |r| r.get(0)).optional()?;
        tx.commit()?;
        if let Some(id) = id {
            self.indexes.remove(&UserId(id));
        }
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Deletes everyone's rows, as [`Cache::wipe`] does for one person: what a kiosk does
    /// between citizens and when it starts.
    pub fn wipe_all(&mut self) -> Result<(), CacheError> {
        self.conn.execute("DELETE FROM users", [])?;
        self.indexes.clear();
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// The statements that write dossiers, prepared once per transaction.
struct Writer<'t> {
    insert: rusqlite::CachedStatement<'t>,
    update: rusqlite::CachedStatement<'t>,
    clear_steps: rusqlite::CachedStatement<'t>,
    add_step: rusqlite::CachedStatement<'t>,
    remove: rusqlite::CachedStatement<'t>,
}

impl<'t> Writer<'t> {
    fn new(tx: &'t Transaction<'_>) -> Result<Writer<'t>, CacheError> {
        Ok(Writer {
            insert: tx.prepare_cached(
                "INSERT INTO dossiers (user_id, code, procedure_name, agency, summary, status, channel, received_at, due_at, updated_at, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (user_id, code) DO NOTHING
                 RETURNING id",
            )?,
            update: tx.prepare_cached(
                "UPDATE dossiers SET procedure_name = ?3, agency = ?4, summary = ?5, status = ?6, channel = ?7,
                    received_at = ?8, due_at = ?9, updated_at = ?10, body = ?11
                 WHERE user_id = ?1 AND code = ?2
                 RETURNING id",
            )?,
            clear_steps: tx.prepare_cached("DELETE FROM steps WHERE dossier_id = ?1")?,
            add_step: tx.prepare_cached(
                "INSERT INTO steps (dossier_id, seq, at, handler, department, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            remove: tx.prepare_cached("DELETE FROM dossiers WHERE user_id = ?1 AND code = ?2 RETURNING id")?,
        })
    }

    fn upsert(&mut self, user: UserId, dossier: &Dossier) -> Result<i64, CacheError> {
        let body = serde_json::to_string(&Body(dossier)).map_err(|e| CacheError::Corrupt(e.to_string()))?;
        let values = params![
            user.0,
            dossier.code.as_str(),
            dossier.procedure_name,
            dossier.agency,
            dossier.summary,
            dossier.status.code(),
            dossier.channel.code(),
            dossier.received_at.as_ref().map(format_time),
            dossier.due_at.as_ref().map(format_time),
            format_time(&dossier.updated_at),
            body,
        ];
        // A new dossier is one insert; a known one is updated and its steps written afresh.
        let id = match self.insert.query_row(values, |r| r.get(0)).optional()? {
            Some(id) => id,
            None => {
                let id = self.update.query_row(values, |r| r.get(0))?;
                self.clear_steps.execute([id])?;
                id
            }
        };
        for (seq, step) in dossier.steps.iter().enumerate() {
            self.add_step.execute(params![
                id,
                seq as i64,
                format_time(&step.at),
                step.handler,
                step.department,
                step.content
            ])?;
        }
        Ok(id)
    }

    fn remove(&mut self, user: UserId, code: &DossierCode) -> Result<Option<i64>, CacheError> {
        Ok(self.remove.query_row(params![user.0, code.as_str()], |r| r.get(0)).optional()?)
    }
}

/// What the search index keeps of a dossier written with `id`.
fn index_row(id: i64, dossier: &Dossier) -> IndexRow {
    let words = searchable_words(dossier.code.as_str(), &dossier.procedure_name, &dossier.agency, &dossier.summary);
    IndexRow { id, received_at: dossier.received_at, status: dossier.status.code(), words }
}

/// A dossier as stored in `body`: every field but the steps, which have their own table.
struct Body<'a>(&'a Dossier);

impl serde::Serialize for Body<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let d = self.0;
        let mut s = serializer.serialize_struct("Dossier", 18)?;
        s.serialize_field("code", &d.code)?;
        s.serialize_field("procedure_code", &d.procedure_code)?;
        s.serialize_field("procedure_name", &d.procedure_name)?;
        s.serialize_field("field_code", &d.field_code)?;
        s.serialize_field("receipt_no", &d.receipt_no)?;
        s.serialize_field("owner", &d.owner)?;
        s.serialize_field("summary", &d.summary)?;
        s.serialize_field("received_at", &d.received_at)?;
        s.serialize_field("due_at", &d.due_at)?;
        s.serialize_field("returned_at", &d.returned_at)?;
        s.serialize_field("status", &d.status)?;
        s.serialize_field("agency", &d.agency)?;
        s.serialize_field("channel", &d.channel)?;
        s.serialize_field("fees", &d.fees)?;
        s.serialize_field("attachments", &d.attachments)?;
        s.serialize_field("results", &d.results)?;
        s.serialize_field("updated_at", &d.updated_at)?;
        s.end()
    }
}

fn write_state(tx: &Transaction<'_>, user: UserId, state: &SyncState) -> Result<(), CacheError> {
    tx.prepare_cached(
        "INSERT INTO sync_state (user_id, cursor, since, run_high_water, high_water, last_synced_at, run_done)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (user_id) DO UPDATE SET cursor = excluded.cursor, since = excluded.since,
            run_high_water = excluded.run_high_water, high_water = excluded.high_water,
            last_synced_at = excluded.last_synced_at, run_done = excluded.run_done",
    )?
    .execute(params![
        user.0,
        state.cursor,
        state.since.as_ref().map(format_time),
        state.run_high_water.as_ref().map(format_time),
        state.high_water.as_ref().map(format_time),
        state.last_synced_at.as_ref().map(format_time),
        i64::try_from(state.run_done).unwrap_or(i64::MAX),
    ])?;
    Ok(())
}

/// Renames the file and its WAL and shared-memory files to `<name>.unusable-<n>`.
fn set_aside(path: &Path) -> Result<PathBuf, CacheError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut n = 1;
    let target = loop {
        let candidate = path.with_file_name(format!("{name}.unusable-{n}"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    std::fs::rename(path, &target)?;
    for suffix in ["-wal", "-shm"] {
        let side = path.with_file_name(format!("{name}{suffix}"));
        if side.exists() {
            std::fs::rename(
                &side,
                target.with_file_name(format!(
                    "{}{suffix}",
                    target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
                )),
            )?;
        }
    }
    Ok(target)
}

/// Writes `YYYY-MM-DD HH:MM:SS` digit by digit: a large sync writes several per dossier.
pub(crate) fn format_time(time: &NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let mut out = [0u8; 19];
    let mut put = |at: usize, width: usize, mut value: u32| {
        for i in (at..at + width).rev() {
            out[i] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    put(0, 4, time.year().clamp(0, 9999) as u32);
    put(5, 2, time.month());
    put(8, 2, time.day());
    put(11, 2, time.hour());
    put(14, 2, time.minute());
    put(17, 2, time.second());
    for (at, separator) in [(4, b'-'), (7, b'-'), (10, b' '), (13, b':'), (16, b':')] {
        out[at] = separator;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// Reads `YYYY-MM-DD HH:MM:SS` by position: the cache wrote it, and index builds read 100,000.
pub(crate) fn parse_time(text: &str) -> Result<NaiveDateTime, CacheError> {
    let bad = || CacheError::Corrupt(format!("time {text:?}"));
    let b = text.as_bytes();
    if b.len() != 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| -> Result<u32, CacheError> {
        b[range]
            .iter()
            .try_fold(0u32, |n, &c| if c.is_ascii_digit() { Ok(n * 10 + u32::from(c - b'0')) } else { Err(bad()) })
    };
    let date = chrono::NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?).ok_or_else(bad)?;
    date.and_hms_opt(number(11..13)?, number(14..16)?, number(17..19)?).ok_or_else(bad)
}

fn opt_time(text: Option<String>) -> Result<Option<NaiveDateTime>, CacheError> {
    text.map(|t| parse_time(&t)).transpose()
}
