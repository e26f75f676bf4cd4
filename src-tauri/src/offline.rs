//! The signed-in person's copy of their account and Hồ sơ đã nộp on this machine, so the app
//! keeps working on a train: the cache file, the background sync that fills it (with progress
//! events and cancel), the list and search the UI reads from it, and the wipe at sign-out.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, NaiveDateTime, Utc};
use dvclink_cache::{Cache, CacheError, DossierFilter, Opened, Order, SyncError, SyncOutcome, SyncRequest, UserId};
use dvclink_core::dossier::{Dossier, DossierCode, DossierStatus};
use dvclink_core::lang::Lang;
use dvclink_core::port::{PortalError, PortalSession};
use dvclink_core::profile::{Account, SignInMethod};
use dvclink_portal::PortalClient;
use serde::Deserialize;
use tauri::{AppHandle, Manager, Runtime};
use ts_rs::TS;

use crate::contract::{self, SyncProgress};
use crate::error::IpcError;
use crate::lock;
use crate::views::{self, DossierListView, Problem, SyncState, SyncView};

/// `dossiers({ query })`: what the UI asks of Hồ sơ đã nộp.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct DossierQuery {
    /// Free text over dossier code, procedure name, agency and summary; any case, with or
    /// without Vietnamese marks ("dang ky ket hon" finds "Đăng ký kết hôn"); every typed word
    /// matches the start of a word, so results follow typing. Empty: everything. Any text is safe.
    #[serde(default)]
    pub text: String,
    /// TrangThaiHoSo codes (1 to 10) to keep; empty for every status.
    #[serde(default)]
    pub statuses: Vec<u8>,
    /// Received on or after this day, "yyyy-mm-dd", or null.
    pub from: Option<String>,
    /// Received on or before this day, "yyyy-mm-dd", or null.
    pub to: Option<String>,
    /// By the day the dossier was received.
    #[serde(default)]
    pub order: QueryOrder,
    #[serde(default)]
    pub offset: u32,
    /// 1 to 200.
    pub limit: u32,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QueryOrder {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// `sync({ action })`.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncAction {
    Start,
    Cancel,
}

/// What went wrong with the cache file, for a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheTrouble {
    /// The file was damaged; it was set aside and a fresh one started.
    Replaced,
    /// No file could be opened; this run keeps its data in memory.
    Unwritable,
}

/// The cache and the one sync that may run on it.
#[derive(Clone)]
pub struct OfflineCopy {
    cache: Arc<Mutex<Cache>>,
    run: Arc<Mutex<Run>>,
    cancel: Arc<AtomicBool>,
}

/// Whose rows are in use and how their sync stands.
#[derive(Default)]
struct Run {
    owner: Option<Owner>,
    phase: SyncState,
    done: u64,
    total: Option<u64>,
    failure: Option<Failure>,
    task: Option<tauri::async_runtime::JoinHandle<()>>,
}

#[derive(Clone)]
struct Owner {
    key: String,
    user: UserId,
}

/// Why the last sync stopped early.
#[derive(Debug, Clone)]
enum Failure {
    Portal(PortalError),
    /// Writing to the file failed (disk full, file damaged).
    Cache,
}

impl std::fmt::Debug for OfflineCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OfflineCopy").finish_non_exhaustive()
    }
}

impl OfflineCopy {
    /// Opens the cache at `path` (in memory without one). A file that cannot be used is set
    /// aside and a fresh one started; the returned text says so, for a notice.
    pub fn open(path: Option<&Path>) -> (OfflineCopy, Option<CacheTrouble>) {
        let (cache, notice) = match path.map(Cache::open) {
            None => (Cache::open_in_memory(), None),
            Some(Ok((cache, Opened::Replaced { .. }))) => (Ok(cache), Some(CacheTrouble::Replaced)),
            Some(Ok((cache, _))) => (Ok(cache), None),
            Some(Err(error)) => {
                tracing::error!(%error, "the cache file cannot be opened; this run keeps its data in memory");
                (Cache::open_in_memory(), Some(CacheTrouble::Unwritable))
            }
        };
        let cache = match cache {
            Ok(cache) => cache,
            Err(error) => panic!("an in-memory SQLite database always opens: {error}"),
        };
        let copy = OfflineCopy {
            cache: Arc::new(Mutex::new(cache)),
            run: Arc::new(Mutex::new(Run::default())),
            cancel: Arc::new(AtomicBool::new(false)),
        };
        (copy, notice)
    }

    /// Reads the whole file in the background; a damaged one is set aside and replaced, and
    /// `damaged` is called so the user hears of it.
    pub fn verify_in_background(&self, damaged: impl FnOnce() + Send + 'static) {
        let copy = self.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut cache = lock(&copy.cache);
            let Err(error) = cache.verify() else { return };
            let fresh = match Cache::open_in_memory() {
                Ok(fresh) => fresh,
                Err(_) => return,
            };
            let old = std::mem::replace(&mut *cache, fresh);
            match old.replace(error.to_string()) {
                Ok((replacement, _)) => *cache = replacement,
                Err(error) => tracing::error!(%error, "the damaged cache could not be replaced; using memory"),
            }
            let mut run = lock(&copy.run);
            if let Some(owner) = run.owner.as_mut()
                && let Ok(user) = cache.user(&owner.key)
            {
                owner.user = user;
            }
            run.phase = SyncState::Never;
            drop(run);
            drop(cache);
            damaged();
        });
    }

    /// Makes `account` the owner of the rows in use and saves it.
    pub fn begin(&self, account: &Account, method: SignInMethod) {
        let Some(key) = owner_key(account, method) else { return };
        let mut cache = lock(&self.cache);
        let user = match cache.user(&key) {
            Ok(user) => user,
            Err(error) => return tracing::warn!(%error, "the cache cannot take this person's rows"),
        };
        let state = cache.sync_state(user).unwrap_or_default();
        if let Err(error) = cache.save_account(user, account, vietnam_now()) {
            tracing::warn!(%error, "the account was not saved for offline use");
        }
        drop(cache);
        let mut run = lock(&self.run);
        if let Some(task) = run.task.take() {
            // A sync for whoever was signed in before stops; this person's starts afresh.
            task.abort();
        }
        run.owner = Some(Owner { key, user });
        run.phase = if state.interrupted() {
            SyncState::Cancelled
        } else if state.last_synced_at.is_some() {
            SyncState::Done
        } else {
            SyncState::Never
        };
        run.done = 0;
        run.total = None;
        run.failure = None;
    }

    /// Keeps a fresher copy of the owner's account.
    pub fn save_account(&self, account: &Account) {
        let Some(owner) = self.owner() else { return };
        if let Err(error) = lock(&self.cache).save_account(owner.user, account, vietnam_now()) {
            tracing::warn!(%error, "the account was not saved for offline use");
        }
    }

    /// The owner's account as last saved, with when.
    pub fn account(&self) -> Option<(Account, NaiveDateTime)> {
        let owner = self.owner()?;
        lock(&self.cache).account(owner.user).ok().flatten()
    }

    /// Starts a sync of the owner's dossiers unless one is running. Progress goes to the main
    /// window as [`SyncProgress`].
    pub fn start_sync<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        portal: &PortalClient,
        session: &PortalSession,
        lang: Lang,
    ) {
        let mut run = lock(&self.run);
        let Some(owner) = run.owner.clone() else { return };
        if run.phase == SyncState::Running {
            return;
        }
        run.phase = SyncState::Running;
        run.done = 0;
        run.total = None;
        run.failure = None;
        self.cancel.store(false, Ordering::SeqCst);
        let copy = self.clone();
        let (app, portal, session) = (app.clone(), portal.clone(), session.clone());
        run.task = Some(tauri::async_runtime::spawn(async move {
            let request = SyncRequest {
                session: &session,
                user: owner.user,
                now: vietnam_now(),
                cancel: &copy.cancel,
                page_size: dvclink_cache::PAGE_SIZE,
            };
            // The language now, should the user switch it while the sync runs.
            let lang = || app.try_state::<crate::desk::Desk>().map_or(lang, |desk| desk.lang());
            let progress = |step: dvclink_cache::SyncProgress| {
                let mut run = lock(&copy.run);
                run.done = step.done;
                run.total = step.total;
                drop(run);
                contract::emit::<SyncProgress, R>(&app, copy.view(lang()));
            };
            let outcome = dvclink_cache::sync(&portal, &copy.cache, request, progress).await;
            let mut run = lock(&copy.run);
            match outcome {
                Ok(SyncOutcome::Finished { changes }) => {
                    tracing::info!(changes, "the dossiers are up to date");
                    run.phase = SyncState::Done;
                }
                Ok(SyncOutcome::Cancelled { changes }) => {
                    tracing::info!(changes, "the sync was stopped");
                    run.phase = SyncState::Cancelled;
                }
                Err(SyncError::Portal(error)) => {
                    tracing::warn!(code = error.code(), "the sync stopped: the portal failed");
                    run.phase = SyncState::Failed;
                    run.failure = Some(Failure::Portal(error));
                }
                Err(SyncError::Cache(error)) => {
                    tracing::error!(%error, "the sync stopped: the cache failed");
                    run.phase = SyncState::Failed;
                    run.failure = Some(Failure::Cache);
                }
            }
            run.task = None;
            drop(run);
            contract::emit::<SyncProgress, R>(&app, copy.view(lang()));
        }));
    }

    /// Asks the running sync to stop after its current page.
    pub fn cancel_sync(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// Opens the saved copy of the person whose rows are kept under `key`, without the portal:
    /// a laptop that starts with no network. Their account as last saved and when; none when
    /// this machine holds no account of theirs. The sync stands as failed for want of a network,
    /// so the list says the copy is as of its last sync.
    pub fn open_saved(&self, key: &str) -> Option<(Account, NaiveDateTime)> {
        let mut cache = lock(&self.cache);
        let user = cache.user(key).ok()?;
        let saved = cache.account(user).ok().flatten()?;
        let state = cache.sync_state(user).unwrap_or_default();
        drop(cache);
        let mut run = lock(&self.run);
        if let Some(task) = run.task.take() {
            task.abort();
        }
        *run = Run::default();
        run.owner = Some(Owner { key: key.to_owned(), user });
        run.phase =
            if state.last_synced_at.is_some() || state.interrupted() { SyncState::Failed } else { SyncState::Never };
        run.failure = Some(Failure::Portal(PortalError::Unreachable));
        Some(saved)
    }

    /// Closes the owner's copy and keeps their rows, for when they must sign in again first.
    pub fn close(&self) {
        let mut run = lock(&self.run);
        if let Some(task) = run.task.take() {
            task.abort();
        }
        *run = Run::default();
    }

    /// Stops any sync at once and deletes the owner's rows so nothing of them can be read
    /// back from the file. Stopping between two awaits never splits a page's transaction.
    pub fn forget_owner(&self) {
        let mut run = lock(&self.run);
        if let Some(task) = run.task.take() {
            task.abort();
        }
        let owner = run.owner.take();
        *run = Run::default();
        drop(run);
        if let Some(owner) = owner
            && let Err(error) = lock(&self.cache).wipe(&owner.key)
        {
            tracing::error!(%error, "the person's cached rows could not be wiped");
        }
    }

    /// Stops any sync and deletes every person's rows, as a kiosk does between citizens.
    pub fn forget_everyone(&self) {
        self.forget_owner();
        if let Err(error) = lock(&self.cache).wipe_all() {
            tracing::error!(%error, "the cache could not be wiped");
        }
    }

    /// How the sync stands, for the UI.
    pub fn view(&self, lang: Lang) -> SyncView {
        let run = lock(&self.run);
        let user = run.owner.as_ref().map(|o| o.user);
        let phase = run.phase;
        let (done, total) = (run.done, run.total);
        let failure = run.failure.clone();
        drop(run);
        let last_synced_at = user
            .and_then(|user| lock(&self.cache).sync_state(user).ok())
            .and_then(|state| state.last_synced_at)
            .map(|at| views::time(&at));
        let offline = matches!(failure, Some(Failure::Portal(PortalError::Unreachable | PortalError::Maintenance)));
        SyncView {
            state: phase,
            done,
            total,
            last_synced_at,
            offline,
            problem: failure.as_ref().map(|error| sync_problem(error, lang)),
        }
    }

    /// One page of Hồ sơ đã nộp from the cache.
    pub async fn list(&self, query: DossierQuery, lang: Lang) -> Result<DossierListView, IpcError> {
        let filter = filter(&query, lang)?;
        let Some(owner) = self.owner() else { return Err(IpcError::not_signed_in(lang)) };
        let copy = self.clone();
        let found = tauri::async_runtime::spawn_blocking(move || {
            let mut cache = lock(&copy.cache);
            let page = cache.search(owner.user, &filter)?;
            let cached = cache.count(owner.user)?;
            Ok::<_, CacheError>((page, cached))
        })
        .await
        .map_err(|_| IpcError::internal(lang))?;
        let (page, cached) = found.map_err(|error| cache_failure(&error, lang))?;
        Ok(DossierListView {
            items: page.items.iter().map(|d| views::dossier_listing(d, lang)).collect(),
            offset: query.offset as usize,
            total: page.total as usize,
            cached: cached as usize,
            statuses: DossierStatus::ALL.iter().map(|s| views::status(*s, lang)).collect(),
            sync: self.view(lang),
        })
    }

    /// The cached copy of one dossier, with when the cache was last complete ("" if never).
    pub fn dossier(&self, code: &DossierCode) -> Option<(Dossier, String)> {
        let owner = self.owner()?;
        let cache = lock(&self.cache);
        let dossier = cache.dossier(owner.user, code).ok().flatten()?;
        let as_of = cache.sync_state(owner.user).ok().and_then(|s| s.last_synced_at);
        Some((dossier, as_of.map(|at| views::time(&at)).unwrap_or_default()))
    }

    /// The cache itself, shared with the office's audit log, which lives in the same file.
    pub fn shared_cache(&self) -> Arc<Mutex<Cache>> {
        Arc::clone(&self.cache)
    }

    fn owner(&self) -> Option<Owner> {
        lock(&self.run).owner.clone()
    }
}

/// The rows of one person are told apart by how they signed in: the dossiers an old account
/// shows differ from those of the VNeID identity when the two are not linked.
pub(crate) fn owner_key(account: &Account, method: SignInMethod) -> Option<String> {
    match method {
        SignInMethod::PortalAccount => account.username.as_ref().map(|name| format!("account:{name}")),
        SignInMethod::Vneid => account.profile.cccd.as_ref().map(|cccd| format!("vneid:{}", cccd.as_str())),
    }
}

fn filter(query: &DossierQuery, lang: Lang) -> Result<DossierFilter, IpcError> {
    let day = |text: &Option<String>| -> Result<Option<NaiveDate>, IpcError> {
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map(Some).map_err(|_| {
                IpcError::invalid_input(
                    lang.pick("Ngày không hợp lệ; hãy chọn lại ngày.", "That date is not valid; please pick it again.")
                        .to_owned(),
                )
            }),
        }
    };
    let statuses = query
        .statuses
        .iter()
        .map(|code| {
            DossierStatus::from_code(*code).ok_or_else(|| {
                IpcError::invalid_input(lang.pick("Trạng thái không hợp lệ.", "Unknown status.").to_owned())
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(DossierFilter {
        text: dvclink_core::text::nfc(&query.text).chars().take(200).collect(),
        statuses,
        from: day(&query.from)?,
        to: day(&query.to)?,
        order: match query.order {
            QueryOrder::NewestFirst => Order::NewestFirst,
            QueryOrder::OldestFirst => Order::OldestFirst,
        },
        offset: query.offset,
        limit: query.limit.clamp(1, 200),
    })
}

fn sync_problem(failure: &Failure, lang: Lang) -> Problem {
    match failure {
        Failure::Cache => views::problem(
            "cache",
            lang.pick(
                "Không lưu được hồ sơ vào máy. Hãy thử lại; nếu vẫn lỗi, hãy báo cán bộ hỗ trợ.",
                "The dossiers could not be saved on this computer. Try again; if it persists, tell the support staff.",
            )
            .to_owned(),
        ),
        Failure::Portal(error) => views::portal_problem(error, lang),
    }
}

fn cache_failure(error: &CacheError, lang: Lang) -> IpcError {
    tracing::error!(%error, "reading the cache failed");
    IpcError::internal(lang)
}

/// Now in Vietnam (UTC+7, no daylight saving), as the portal writes times.
pub(crate) fn vietnam_now() -> NaiveDateTime {
    (Utc::now() + chrono::TimeDelta::hours(7)).naive_utc()
}
