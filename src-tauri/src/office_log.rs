//! The office's audit log as the desk keeps it: a session opens with the first step anyone
//! takes, notes what happened (linked, skipped, match failed, signed in with VNeID), and closes
//! when it ends, with no personal data at all. Officers read it and export it as CSV with their
//! PIN; five wrong PINs lock the screen for five minutes.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use dvclink_cache::{AuditEntry, AuditId, AuditOutcome, Cache, EndedBy, audit_csv};
use dvclink_core::lang::Lang;
use dvclink_core::secret::Secret;

use crate::error::IpcError;
use crate::lock;
use crate::offline::vietnam_now;
use crate::views::{self, AuditEntryView, AuditExport, AuditView, Labelled};

/// How many sessions the screen shows.
const SHOWN: u32 = 500;

/// Wrong PINs in a row before the screen locks, and for how long.
const TRIES: u32 = 5;
const LOCKED_FOR: TimeDelta = TimeDelta::minutes(5);

/// The log and the session being logged.
pub struct OfficeLog {
    cache: Arc<Mutex<Cache>>,
    current: Mutex<Option<AuditId>>,
    pin: Option<Secret>,
    guard: Mutex<PinGuard>,
    /// Where exports are written.
    export_dir: PathBuf,
}

#[derive(Debug, Default)]
struct PinGuard {
    wrong: u32,
    locked_until: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for OfficeLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OfficeLog").field("export_dir", &self.export_dir).finish_non_exhaustive()
    }
}

impl OfficeLog {
    /// The log in `cache`. Sessions the app stopped in are closed as ended by a restart.
    pub fn new(cache: Arc<Mutex<Cache>>, pin: Option<Secret>, export_dir: PathBuf) -> OfficeLog {
        if let Err(error) = lock(&cache).audit_close_unfinished() {
            tracing::warn!(%error, "the audit log could not close the sessions of the last run");
        }
        OfficeLog { cache, current: Mutex::new(None), pin, guard: Mutex::new(PinGuard::default()), export_dir }
    }

    /// Opens a session's row unless one is open.
    pub fn begin(&self) {
        self.current_or_new();
    }

    /// Notes what happened in the session (opening one if needed).
    pub fn note(&self, outcome: AuditOutcome) {
        let Some(id) = self.current_or_new() else { return };
        if let Err(error) = lock(&self.cache).audit_note(id, outcome) {
            tracing::warn!(%error, "the audit log could not note an outcome");
        }
    }

    /// Closes the open session, if any.
    pub fn end(&self, by: EndedBy) {
        let Some(id) = lock(&self.current).take() else { return };
        if let Err(error) = lock(&self.cache).audit_end(id, vietnam_now(), by) {
            tracing::warn!(%error, "the audit log could not close a session");
        }
        tracing::info!(ended_by = by.code(), "a session ended");
    }

    /// The log for the screen, if `pin` is the officer's.
    pub fn open(&self, pin: &str, lang: Lang) -> Result<AuditView, IpcError> {
        if self.pin.is_none() {
            return Ok(AuditView { configured: false, entries: Vec::new(), total: 0 });
        }
        self.check(pin, lang)?;
        let (entries, total) = lock(&self.cache).audit_entries(SHOWN).map_err(|error| {
            tracing::error!(%error, "the audit log cannot be read");
            IpcError::internal(lang)
        })?;
        Ok(AuditView { configured: true, entries: entries.iter().map(|e| entry_view(e, lang)).collect(), total })
    }

    /// Writes the whole log as CSV next to the officer's downloads, if `pin` is theirs.
    pub fn export(&self, pin: &str, lang: Lang) -> Result<AuditExport, IpcError> {
        if self.pin.is_none() {
            return Err(IpcError::invalid_input(not_configured(lang)));
        }
        self.check(pin, lang)?;
        let failed = |error: &dyn std::fmt::Display| {
            tracing::error!(%error, "the audit log could not be exported");
            IpcError::internal(lang)
        };
        let (entries, rows) = lock(&self.cache).audit_entries(u32::MAX).map_err(|e| failed(&e))?;
        let name = format!("dvclink-nhat-ky-{}.csv", vietnam_now().format("%Y%m%d-%H%M%S"));
        let path = self.export_dir.join(name);
        std::fs::create_dir_all(&self.export_dir).map_err(|e| failed(&e))?;
        std::fs::write(&path, audit_csv(&entries)).map_err(|e| failed(&e))?;
        Ok(AuditExport { path: path.display().to_string(), rows })
    }

    fn check(&self, pin: &str, lang: Lang) -> Result<(), IpcError> {
        let now = Utc::now();
        let mut guard = lock(&self.guard);
        if let Some(until) = guard.locked_until.filter(|until| *until > now) {
            let minutes = (until - now).num_minutes() + 1;
            return Err(IpcError::invalid_input(match lang {
                Lang::Vi => format!("Đã nhập sai mã PIN {TRIES} lần. Hãy thử lại sau {minutes} phút."),
                Lang::En => format!("The PIN was wrong {TRIES} times. Try again in {minutes} minutes."),
            }));
        }
        let expected = self.pin.as_ref().map(Secret::expose).unwrap_or_default();
        let pin = dvclink_core::text::typed_number(pin);
        if same(pin.trim().as_bytes(), expected.as_bytes()) {
            *guard = PinGuard::default();
            return Ok(());
        }
        guard.wrong += 1;
        tracing::warn!(wrong = guard.wrong, "a wrong officer PIN");
        if guard.wrong >= TRIES {
            guard.wrong = 0;
            guard.locked_until = Some(now + LOCKED_FOR);
            return Err(IpcError::invalid_input(match lang {
                Lang::Vi => format!("Mã PIN không đúng. Màn hình bị khoá {} phút.", LOCKED_FOR.num_minutes()),
                Lang::En => format!("Wrong PIN. The screen is locked for {} minutes.", LOCKED_FOR.num_minutes()),
            }));
        }
        let left = TRIES - guard.wrong;
        Err(IpcError::invalid_input(match lang {
            Lang::Vi => format!("Mã PIN không đúng. Còn {left} lần thử."),
            Lang::En if left == 1 => "Wrong PIN. 1 try left.".to_owned(),
            Lang::En => format!("Wrong PIN. {left} tries left."),
        }))
    }

    fn current_or_new(&self) -> Option<AuditId> {
        let mut current = lock(&self.current);
        if current.is_none() {
            match lock(&self.cache).audit_start(vietnam_now()) {
                Ok(id) => *current = Some(id),
                Err(error) => tracing::warn!(%error, "the audit log could not open a session"),
            }
        }
        *current
    }
}

fn entry_view(entry: &AuditEntry, lang: Lang) -> AuditEntryView {
    AuditEntryView {
        started_at: seconds(&entry.started_at),
        ended_at: entry.ended_at.as_ref().map(seconds),
        duration_secs: entry.duration_secs(),
        outcomes: entry
            .outcomes
            .iter()
            .map(|o| Labelled { code: *o, label: views::audit_outcome(*o, lang).to_owned() })
            .collect(),
        ended_by: entry.ended_by.map(|by| Labelled { code: by, label: views::ended_by(by, lang).to_owned() }),
    }
}

fn not_configured(lang: Lang) -> String {
    match lang {
        Lang::Vi => "Máy này chưa đặt mã PIN của cán bộ (officer_pin trong tệp cấu hình).".to_owned(),
        Lang::En => "No officer PIN is set on this machine (officer_pin in the configuration file).".to_owned(),
    }
}

/// Compares without stopping at the first difference, so the time taken says nothing.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// `dd/mm/yyyy hh:mm:ss`.
fn seconds(time: &NaiveDateTime) -> String {
    time.format("%d/%m/%Y %H:%M:%S").to_string()
}
