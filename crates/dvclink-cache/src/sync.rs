//! Incremental sync of Hồ sơ đã nộp: the portal's change feed, page by page from where the last
//! finished sync left off, each page written in one transaction with the position reached, so a
//! sync that is cancelled, loses the network or is killed goes on later with no duplicate and no
//! gap.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;
use dvclink_core::dossier::{DossierChange, DossierPage, DossierQuery, PageCursor};
use dvclink_core::port::{Portal, PortalError, PortalSession};

use crate::store::{Cache, CacheError, SyncState, UserId};

/// Dossiers asked for per page.
pub const PAGE_SIZE: u32 = 200;

/// How far a sync has come, for the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncProgress {
    /// Changes written so far in this run, before an interruption too.
    pub done: u64,
    /// Changes the portal has for this run, when it says.
    pub total: Option<u64>,
}

/// How a sync ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncOutcome {
    /// The cache holds everything the portal had; `changes` were applied.
    Finished { changes: u64 },
    /// Stopped on request after a whole page; the next sync goes on from there.
    Cancelled { changes: u64 },
}

/// Why a sync stopped early. What was written stays and the next sync goes on from there.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Portal(#[from] PortalError),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

/// What a sync needs from its caller besides the portal and the cache.
#[derive(Debug)]
pub struct SyncRequest<'a> {
    pub session: &'a PortalSession,
    pub user: UserId,
    /// The time in Vietnam, recorded as the moment of the last sync.
    pub now: NaiveDateTime,
    /// Set from elsewhere to stop after the current page.
    pub cancel: &'a AtomicBool,
    pub page_size: u32,
}

/// Brings the person's dossiers up to date with the portal. `progress` is called after each page.
///
/// Pages are written on a blocking thread while the next one is already on its way, so a sync
/// takes little longer than the download alone. Needs a Tokio runtime.
pub async fn sync<P: Portal>(
    portal: &P,
    cache: &Arc<Mutex<Cache>>,
    request: SyncRequest<'_>,
    mut progress: impl FnMut(SyncProgress),
) -> Result<SyncOutcome, SyncError> {
    let user = request.user;
    let mut state = lock(cache).sync_state(user)?;
    if state.cursor.is_none() {
        // A new run, from the newest change the last finished run saw.
        state.since = state.high_water;
        state.run_high_water = state.high_water;
        state.run_done = 0;
    }
    let mut done = state.run_done;
    let mut restarted = false;
    let mut page = fetch(portal, &request, state.since, state.cursor.clone().map(PageCursor), &mut restarted).await?;
    loop {
        let newest = page.changes.iter().map(change_time).max();
        state.run_high_water = state.run_high_water.max(newest);
        state.cursor = page.next_cursor.clone().map(|c| c.0);
        let finished = state.cursor.is_none();
        if finished {
            state.high_water = state.run_high_water;
            state.last_synced_at = Some(request.now);
            state.since = None;
        }
        done += page.changes.len() as u64;
        state.run_done = if finished { 0 } else { done };
        let write = {
            let (cache, changes, state) = (Arc::clone(cache), page.changes, state.clone());
            tokio::task::spawn_blocking(move || lock(&cache).apply_page(user, &changes, &state))
        };
        if finished {
            write.await.map_err(gone)??;
            progress(SyncProgress { done, total: page.total });
            return Ok(SyncOutcome::Finished { changes: done });
        }
        // The portal answers the next page while this one is written.
        let next = fetch(portal, &request, state.since, page.next_cursor.clone(), &mut restarted).await;
        write.await.map_err(gone)??;
        progress(SyncProgress { done, total: page.total });
        if request.cancel.load(Ordering::SeqCst) {
            return Ok(SyncOutcome::Cancelled { changes: done });
        }
        page = next?;
    }
}

/// The page at `cursor` (the first of the run without one). When the portal no longer knows
/// the position, the run starts again from its first page, once: what was written stays, and
/// pages seen twice are written twice, which changes nothing.
async fn fetch<P: Portal>(
    portal: &P,
    request: &SyncRequest<'_>,
    since: Option<NaiveDateTime>,
    mut cursor: Option<PageCursor>,
    restarted: &mut bool,
) -> Result<DossierPage, SyncError> {
    loop {
        let query = DossierQuery { cursor: cursor.clone(), updated_since: since, limit: Some(request.page_size) };
        match portal.dossier_page(request.session, &query).await {
            Ok(page) => return Ok(page),
            Err(PortalError::Refused { code }) if code == "invalid_cursor" && cursor.is_some() && !*restarted => {
                *restarted = true;
                cursor = None;
            }
            Err(error) => return Err(error.into()),
        }
    }
}

/// A write that panicked: the cache is as the last whole page left it.
fn gone(error: tokio::task::JoinError) -> SyncError {
    SyncError::Cache(CacheError::Corrupt(format!("the write stopped: {error}")))
}

fn change_time(change: &DossierChange) -> NaiveDateTime {
    match change {
        DossierChange::Upsert(dossier) => dossier.updated_at,
        DossierChange::Removed { at, .. } => *at,
    }
}

fn lock(cache: &Mutex<Cache>) -> std::sync::MutexGuard<'_, Cache> {
    cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl SyncState {
    /// Whether a sync was interrupted and will go on from a saved position.
    pub fn interrupted(&self) -> bool {
        self.cursor.is_some()
    }
}
