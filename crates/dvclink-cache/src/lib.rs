//! The local cache of dvclink: the signed-in person's account and past dossiers in SQLite, kept
//! up to date by an incremental, resumable sync, searchable without diacritics as the user types
//! (an in-memory word index over a stored, folded column), and wiped without a trace when a
//! kiosk session ends.

mod schema;
mod search;
mod store;
mod sync;
mod words;

pub use crate::schema::migrations;
pub use crate::search::{DossierFilter, Order};
pub use crate::store::{Cache, CacheError, DossierListing, Opened, SearchPage, SyncState, UserId};
pub use crate::sync::{PAGE_SIZE, SyncError, SyncOutcome, SyncProgress, SyncRequest, sync};
pub use crate::words::{query_words, searchable_words};
