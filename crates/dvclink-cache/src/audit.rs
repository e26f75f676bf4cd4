//! The office's audit log: one row per session at this machine, saying when it started and
//! ended, what happened and how it ended, and nothing about who it was. It lives in the cache
//! file but belongs to no person, so wiping a citizen's rows leaves it, and it is exported as
//! CSV for the office.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use crate::store::{Cache, CacheError, format_time, parse_time};

/// One session's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AuditId(i64);

/// What happened during a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    AlreadyLinked,
    Linked,
    Skipped,
    MatchFailed,
    VneidSignedIn,
    /// «Đọc thẻ»: a chip card read and proven genuine.
    CardGenuine,
    /// «Đọc thẻ»: a chip card read with no CSCA configured to prove it.
    CardUnverified,
    /// «Đọc thẻ»: a chip card refused as forged or from an untrusted issuer.
    CardRefused,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EndedBy {
    /// «Kết thúc phiên».
    Button,
    /// The kiosk's idle time-out.
    Timeout,
    SignOut,
    /// The app stopped during the session and this was found when it started again.
    Restart,
}

/// A session as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub started_at: NaiveDateTime,
    pub ended_at: Option<NaiveDateTime>,
    pub outcomes: Vec<AuditOutcome>,
    pub ended_by: Option<EndedBy>,
}

impl AuditOutcome {
    pub const ALL: [AuditOutcome; 8] = [
        AuditOutcome::AlreadyLinked,
        AuditOutcome::Linked,
        AuditOutcome::Skipped,
        AuditOutcome::MatchFailed,
        AuditOutcome::VneidSignedIn,
        AuditOutcome::CardGenuine,
        AuditOutcome::CardUnverified,
        AuditOutcome::CardRefused,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuditOutcome::AlreadyLinked => "already_linked",
            AuditOutcome::Linked => "linked",
            AuditOutcome::Skipped => "skipped",
            AuditOutcome::MatchFailed => "match_failed",
            AuditOutcome::VneidSignedIn => "vneid_signed_in",
            AuditOutcome::CardGenuine => "card_genuine",
            AuditOutcome::CardUnverified => "card_unverified",
            AuditOutcome::CardRefused => "card_refused",
        }
    }

    fn from_code(code: &str) -> Option<AuditOutcome> {
        AuditOutcome::ALL.into_iter().find(|o| o.code() == code)
    }
}

impl EndedBy {
    pub const ALL: [EndedBy; 4] = [EndedBy::Button, EndedBy::Timeout, EndedBy::SignOut, EndedBy::Restart];

    pub fn code(self) -> &'static str {
        match self {
            EndedBy::Button => "button",
            EndedBy::Timeout => "timeout",
            EndedBy::SignOut => "sign_out",
            EndedBy::Restart => "restart",
        }
    }

    fn from_code(code: &str) -> Option<EndedBy> {
        EndedBy::ALL.into_iter().find(|e| e.code() == code)
    }
}

impl AuditEntry {
    /// Whole seconds from start to end, when it ended.
    pub fn duration_secs(&self) -> Option<i64> {
        self.ended_at.map(|end| (end - self.started_at).num_seconds().max(0))
    }
}

impl Cache {
    /// Opens a session's row.
    pub fn audit_start(&mut self, at: NaiveDateTime) -> Result<AuditId, CacheError> {
        let id = self.conn().query_row(
            "INSERT INTO audit (started_at) VALUES (?1) RETURNING id",
            [format_time(&at)],
            |r| r.get(0),
        )?;
        Ok(AuditId(id))
    }

    /// Adds what happened, unless it is what happened last.
    pub fn audit_note(&mut self, id: AuditId, outcome: AuditOutcome) -> Result<(), CacheError> {
        let outcomes: Option<String> =
            self.conn().query_row("SELECT outcomes FROM audit WHERE id = ?1", [id.0], |r| r.get(0)).optional()?;
        let Some(outcomes) = outcomes else { return Ok(()) };
        if outcomes.rsplit(',').next() == Some(outcome.code()) {
            return Ok(());
        }
        let outcomes =
            if outcomes.is_empty() { outcome.code().to_owned() } else { format!("{outcomes},{}", outcome.code()) };
        self.conn().execute("UPDATE audit SET outcomes = ?2 WHERE id = ?1", params![id.0, outcomes])?;
        Ok(())
    }

    /// Closes a session's row.
    pub fn audit_end(&mut self, id: AuditId, at: NaiveDateTime, by: EndedBy) -> Result<(), CacheError> {
        self.conn().execute(
            "UPDATE audit SET ended_at = ?2, ended_by = ?3 WHERE id = ?1 AND ended_by IS NULL",
            params![id.0, format_time(&at), by.code()],
        )?;
        Ok(())
    }

    /// Marks the sessions the app stopped in as ended by a restart; returns how many.
    pub fn audit_close_unfinished(&mut self) -> Result<usize, CacheError> {
        let closed = self.conn().execute("UPDATE audit SET ended_by = 'restart' WHERE ended_by IS NULL", [])?;
        Ok(closed)
    }

    /// The newest `limit` sessions, newest first, and how many there are in all.
    pub fn audit_entries(&self, limit: u32) -> Result<(Vec<AuditEntry>, u64), CacheError> {
        let total: i64 = self.conn().query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?;
        let mut statement = self
            .conn()
            .prepare("SELECT started_at, ended_at, outcomes, ended_by FROM audit ORDER BY id DESC LIMIT ?1")?;
        let mut rows = statement.query([limit])?;
        let mut entries = Vec::new();
        while let Some(r) = rows.next()? {
            let started_at: String = r.get(0)?;
            let ended_at: Option<String> = r.get(1)?;
            let outcomes: String = r.get(2)?;
            let ended_by: Option<String> = r.get(3)?;
            let bad = |what: &str| CacheError::Corrupt(format!("audit {what}"));
            entries.push(AuditEntry {
                started_at: parse_time(&started_at)?,
                ended_at: ended_at.as_deref().map(parse_time).transpose()?,
                outcomes: outcomes
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(|c| AuditOutcome::from_code(c).ok_or_else(|| bad(c)))
                    .collect::<Result<_, _>>()?,
                ended_by: ended_by.as_deref().map(|c| EndedBy::from_code(c).ok_or_else(|| bad(c))).transpose()?,
            });
        }
        Ok((entries, u64::try_from(total).unwrap_or_default()))
    }
}

/// The log as CSV (RFC 4180, CRLF), one session per line, oldest first, with a header. Every
/// field is a time, a number or a code, so nothing needs quoting.
pub fn audit_csv(entries: &[AuditEntry]) -> String {
    let mut csv = String::from("started_at,ended_at,duration_secs,outcomes,ended_by\r\n");
    for entry in entries.iter().rev() {
        let outcomes: Vec<&str> = entry.outcomes.iter().map(|o| o.code()).collect();
        csv.push_str(&format!(
            "{},{},{},{},{}\r\n",
            format_time(&entry.started_at),
            entry.ended_at.as_ref().map(format_time).unwrap_or_default(),
            entry.duration_secs().map(|s| s.to_string()).unwrap_or_default(),
            outcomes.join(" "),
            entry.ended_by.map(EndedBy::code).unwrap_or_default(),
        ));
    }
    csv
}
