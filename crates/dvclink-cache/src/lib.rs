//! The local cache of dvclink: the signed-in person's account and past dossiers in SQLite, kept
//! up to date by an incremental, resumable sync, searchable without diacritics as the user types
//! (an in-memory index of folded words built from the file), and wiped without a trace when a
//! kiosk session ends. It also holds the office's audit log, which names nobody.

mod audit;
mod schema;
mod search;
mod store;
mod sync;
mod words;

pub use crate::audit::{AuditEntry, AuditId, AuditOutcome, EndedBy, audit_csv};
pub use crate::schema::migrations;
pub use crate::search::{DossierFilter, Order};
pub use crate::store::{Cache, CacheError, DossierListing, Opened, SearchPage, SyncState, UserId};
pub use crate::sync::{PAGE_SIZE, SyncError, SyncOutcome, SyncProgress, SyncRequest, sync};
pub use crate::words::{query_words, searchable_words};
