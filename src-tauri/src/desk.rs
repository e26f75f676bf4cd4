//! The app's state behind the commands: the two clients, the language, and the current visit
//! (one person's sign-in, linking, identity update and dossiers). Each operation here is one
//! step of a domain state machine from `dvclink-core`, run against the real adapters, and
//! returns the view the UI shows next.

use std::path::PathBuf;
use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use dvclink_cache::{AuditOutcome, EndedBy};
use dvclink_core::dossier::DossierCode;
use dvclink_core::identity::{self, IdentityEvent, IdentityStep, IdentityUpdate};
use dvclink_core::lang::{Lang, Localized};
use dvclink_core::port::{IdentityProvider, IdpError, KeptSignIn, Portal, PortalError, PortalSession, VneidTokens};
use dvclink_core::profile::Account;
use dvclink_core::secret::Secret;
use dvclink_core::task::Task;
use dvclink_core::vneid::{
    self, Callback, LoginEvent, LoginPhase, LoginRefusal, LoginSecrets, PendingLogin, VneidLogin,
};
use dvclink_core::wizard::{self, LinkOutcome, LinkWizard, WizardEvent};
use dvclink_portal::{PortalClient, VneidClient};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use url::Url;

use crate::config::{AppConfig, IDLE_WARNING_SECS, Mode};
use crate::deep_link::{DeepLink, DeepLinkError};
use crate::error::IpcError;
use crate::keychain::Keychain;
use crate::office_log::OfficeLog;
use crate::offline::{DossierQuery, OfflineCopy, SyncAction};
use crate::signin::{self, SignInDoor};
use crate::views::{self, AppInfo, Notice, SignInPage};

/// Opens a URL in the system browser; tests replace it with a recorder.
pub type Browser = Box<dyn Fn(&Url) -> Result<(), String> + Send + Sync>;

/// The systems the app talks to.
#[derive(Debug)]
pub struct Services {
    pub portal: PortalClient,
    pub idp: VneidClient,
    /// The embedded sandbox's address, when the app runs against it.
    pub sandbox: Option<Url>,
    /// The cache of the signed-in person's account and dossiers.
    pub offline: OfflineCopy,
    /// The office's audit log.
    pub log: OfficeLog,
    /// Where a laptop keeps the VNeID sign-in between runs.
    pub keychain: Keychain,
}

/// The app's state.
pub struct Desk {
    config: AppConfig,
    portal: PortalClient,
    idp: VneidClient,
    sandbox: Option<Url>,
    offline: OfflineCopy,
    log: OfficeLog,
    keychain: Keychain,
    portal_host: String,
    vneid_host: String,
    lang: Mutex<Lang>,
    visit: tokio::sync::Mutex<Visit>,
    /// Where a started VNeID sign-in is kept, so that a callback at a cold start finds it.
    pending_file: Option<PathBuf>,
    /// Notices not yet shown, for a UI that starts after they happened.
    notices: Mutex<Vec<Notice>>,
    /// Opens the system browser; replaced in tests.
    browser: Browser,
    /// Logs once that the UI finished its first screen (it then asks for early notices).
    first_screen: std::sync::Once,
}

/// One person's time at the app.
#[derive(Default)]
struct Visit {
    wizard: Option<LinkWizard>,
    login: VneidLogin,
    page: Option<SignInPage>,
    door: Option<SignInDoor>,
    identity: Option<IdentityUpdate>,
    /// When Thông tin định danh shows the saved account because the portal could not be
    /// reached: when it was saved, as shown.
    identity_saved_at: Option<String>,
    signed_in: Option<SignedIn>,
}

struct SignedIn {
    session: PortalSession,
    account: Account,
    tokens: Option<VneidTokens>,
}

/// Why a kiosk session ends (see `EndReason` in `ui/src/types.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// «Kết thúc phiên».
    Button,
    /// Nobody touched the kiosk for the idle time-out.
    Timeout,
}

/// What the UI sends to the wizard.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum WizardInput {
    Start { task: Task },
    SubmitPassword { username: String, password: String },
    SubmitCode { code: String },
    ResendCode,
    ChangeAccount,
    Retry,
    SubmitCccd { input: String },
    EditCccd,
    Skip,
}

/// What the UI sends to the VNeID sign-in.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum VneidInput {
    Start { task: Task },
    Reopen,
    Cancel,
}

/// What the UI sends to Thông tin định danh.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum IdentityInput {
    Open,
    Begin,
    SubmitCccd { input: String },
    EditCccd,
    Confirm,
    Cancel,
}

/// A started sign-in as kept on disk for a cold start.
#[derive(Debug, Serialize, Deserialize)]
struct SavedLogin {
    state: String,
    nonce: String,
    verifier: String,
    redirect_uri: Url,
    task: Task,
    started_at: DateTime<Utc>,
    url: String,
    host: String,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Desk {
    pub fn new(
        config: AppConfig,
        services: Services,
        hosts: (String, String),
        pending_file: Option<PathBuf>,
        browser: Browser,
    ) -> Desk {
        let Services { portal, idp, sandbox, offline, log, keychain } = services;
        // A kiosk keeps nobody's sign-in.
        let keychain = if config.mode == Mode::Kiosk { Keychain::none() } else { keychain };
        let lang = config.lang;
        let mut visit = Visit::default();
        if let Some(saved) = pending_file.as_deref().and_then(read_saved) {
            visit.page = Some(SignInPage {
                url: saved.url.clone(),
                host: saved.host.clone(),
                opened_in: "browser",
                problem: None,
            });
            visit.login = VneidLogin::resume(PendingLogin {
                state: saved.state,
                nonce: saved.nonce,
                pkce_verifier: Secret::new(saved.verifier),
                redirect_uri: saved.redirect_uri,
                task: saved.task,
                started_at: saved.started_at,
            });
        }
        Desk {
            config,
            portal,
            idp,
            sandbox,
            offline,
            log,
            keychain,
            portal_host: hosts.0,
            vneid_host: hosts.1,
            lang: Mutex::new(lang),
            visit: tokio::sync::Mutex::new(visit),
            pending_file,
            notices: Mutex::new(Vec::new()),
            browser,
            first_screen: std::sync::Once::new(),
        }
    }

    pub fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            mode: match self.config.mode {
                Mode::Kiosk => "kiosk",
                Mode::Laptop => "laptop",
            },
            lang: self.lang(),
            sandbox: self.sandbox.is_some(),
            sandbox_sms_url: self.sandbox.as_ref().and_then(|base| base.join("sandbox/sms").ok()).map(String::from),
            portal_host: self.portal_host.clone(),
            vneid_host: self.vneid_host.clone(),
            idle_timeout_secs: match self.config.mode {
                Mode::Kiosk => self.config.idle_timeout_secs,
                Mode::Laptop => 0,
            },
            idle_warning_secs: match self.config.mode {
                Mode::Kiosk => IDLE_WARNING_SECS,
                Mode::Laptop => 0,
            },
        }
    }

    pub fn set_language(&self, lang: Lang) -> AppInfo {
        *self.lang.lock().unwrap_or_else(|e| e.into_inner()) = lang;
        self.app_info()
    }

    pub async fn session(&self) -> Option<views::SessionView> {
        let visit = self.visit.lock().await;
        let lang = self.lang();
        visit
            .signed_in
            .as_ref()
            .map(|s| views::SessionView { method: s.session.method, account: views::account(&s.account, lang) })
    }

    /// Signs out everywhere and forgets the visit.
    pub async fn sign_out<R: Runtime>(&self, app: &AppHandle<R>) {
        self.log.end(EndedBy::SignOut);
        self.keychain.forget();
        let mut visit = self.visit.lock().await;
        if let Some(signed_in) = visit.signed_in.take() {
            if let Err(error) = self.portal.sign_out(&signed_in.session).await {
                tracing::warn!(code = error.code(), "portal sign-out failed");
            }
            if let Some(tokens) = &signed_in.tokens
                && let Err(error) = self.idp.end_session(tokens).await
            {
                tracing::warn!(code = error.code(), "VNeID end-session failed");
            }
        }
        if let Some(door) = visit.door.take() {
            door.close(app);
        }
        self.offline.forget_owner();
        *visit = Visit::default();
        self.forget_saved_login();
        drop(visit);
        let _ = app.emit_to("main", "session://changed", Option::<views::SessionView>::None);
    }

    /// Ends a citizen's session: signed out everywhere, and nothing of theirs left on this
    /// machine (on a kiosk, nobody's rows at all), the language back to the app's own, the main
    /// window's browsing data cleared. The sign-in window is incognito and closed by then.
    pub async fn end_session<R: Runtime>(&self, app: &AppHandle<R>, reason: EndReason) {
        self.log.end(match reason {
            EndReason::Button => EndedBy::Button,
            EndReason::Timeout => EndedBy::Timeout,
        });
        self.sign_out(app).await;
        if self.config.mode == Mode::Kiosk {
            self.offline.forget_everyone();
        }
        *self.lang.lock().unwrap_or_else(|e| e.into_inner()) = self.config.lang;
        self.notices.lock().unwrap_or_else(|e| e.into_inner()).clear();
        if let Some(main) = app.get_webview_window(crate::MAIN_WINDOW)
            && let Err(error) = main.clear_all_browsing_data()
        {
            tracing::warn!(%error, "the main window's browsing data could not be cleared");
        }
        tracing::info!(?reason, "the session ended");
    }

    /// On a laptop, signs the official in again with the sign-in kept in the keychain, if any:
    /// a fresh token from VNeID, a portal session, then their saved dossiers and a sync. When
    /// VNeID or the portal cannot be reached the kept sign-in stays for the next start; when
    /// VNeID refuses it, it is forgotten.
    pub async fn resume<R: Runtime>(&self, app: &AppHandle<R>) {
        let Some(kept) = self.keychain.kept() else { return };
        let tokens = match self.idp.refresh(&kept).await {
            Ok(tokens) => tokens,
            Err(error @ (IdpError::Unreachable | IdpError::Maintenance)) => {
                return tracing::info!(code = error.code(), "the kept sign-in waits for VNeID");
            }
            Err(error) => {
                tracing::warn!(code = error.code(), "VNeID refused the kept sign-in; it is forgotten");
                return self.keychain.forget();
            }
        };
        if let Some(refresh_token) = &tokens.refresh_token {
            self.keychain.keep(&KeptSignIn { refresh_token: refresh_token.clone(), nonce: kept.nonce });
        }
        let opened = match self.portal.open_vneid_session(&tokens.access_token).await {
            Ok(session) => self.portal.account(&session).await.map(|account| (session, account)),
            Err(error) => Err(error),
        };
        let (session, account) = match opened {
            Ok(opened) => opened,
            Err(error) => return tracing::warn!(code = error.code(), "the portal did not open the kept sign-in"),
        };
        let mut visit = self.visit.lock().await;
        if visit.signed_in.is_some() {
            return;
        }
        tracing::info!("signed in again with the kept VNeID sign-in");
        self.offline.begin(&account, session.method);
        self.offline.start_sync(app, &self.portal, &session, self.lang());
        let view = views::SessionView { method: session.method, account: views::account(&account, self.lang()) };
        visit.signed_in = Some(SignedIn { session, account, tokens: Some(tokens) });
        drop(visit);
        let _ = app.emit_to("main", "session://changed", Some(view));
    }

    pub async fn wizard<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        input: WizardInput,
    ) -> Result<views::WizardView, IpcError> {
        let lang = self.lang();
        let mut visit = self.visit.lock().await;
        let now = Utc::now();
        let event = match input {
            WizardInput::Start { task } => {
                self.log.begin();
                visit.wizard = Some(LinkWizard::new(task));
                None
            }
            WizardInput::SubmitPassword { username, password } => {
                Some(WizardEvent::SubmitPassword { username, password: Secret::new(password) })
            }
            WizardInput::SubmitCode { code } => Some(WizardEvent::SubmitCode { code }),
            WizardInput::ResendCode => Some(WizardEvent::ResendCode { now }),
            WizardInput::ChangeAccount => Some(WizardEvent::ChangeAccount),
            WizardInput::Retry => Some(WizardEvent::Retry),
            WizardInput::SubmitCccd { input } => Some(WizardEvent::SubmitCccd { input, today: today() }),
            WizardInput::EditCccd => Some(WizardEvent::EditCccd),
            WizardInput::Skip => Some(WizardEvent::Skip),
        };
        let Some(wizard) = visit.wizard.as_mut() else { return Err(IpcError::not_signed_in(lang)) };
        if let Some(event) = event {
            wizard::advance(wizard, &self.portal, event).await.map_err(|r| IpcError::refused(&r, lang))?;
        }
        let view = views::wizard(wizard, lang, Utc::now());
        if matches!(view, views::WizardView::MatchFailed { .. }) {
            self.log.note(AuditOutcome::MatchFailed);
        }
        if let Some(done) = wizard.signed_in() {
            tracing::info!(outcome = ?done.outcome, "signed in with the portal account");
            self.log.note(match done.outcome {
                LinkOutcome::AlreadyLinked => AuditOutcome::AlreadyLinked,
                LinkOutcome::Linked => AuditOutcome::Linked,
                LinkOutcome::Skipped => AuditOutcome::Skipped,
            });
            self.offline.begin(&done.account, done.session.method);
            self.offline.start_sync(app, &self.portal, &done.session, lang);
            visit.signed_in = Some(SignedIn { session: done.session, account: done.account, tokens: None });
            visit.identity = None;
            visit.wizard = None;
            let session = visit
                .signed_in
                .as_ref()
                .map(|s| views::SessionView { method: s.session.method, account: views::account(&s.account, lang) });
            let _ = app.emit_to("main", "session://changed", session);
        }
        Ok(view)
    }

    pub async fn wizard_view(&self) -> Option<views::WizardView> {
        let visit = self.visit.lock().await;
        visit.wizard.as_ref().map(|w| views::wizard(w, self.lang(), Utc::now()))
    }

    pub async fn vneid<R: Runtime>(&self, app: &AppHandle<R>, input: VneidInput) -> Result<views::VneidView, IpcError> {
        let lang = self.lang();
        let mut visit = self.visit.lock().await;
        match input {
            VneidInput::Start { task } => {
                self.log.begin();
                if matches!(visit.login.phase(), LoginPhase::SignedIn(_)) {
                    visit.login = VneidLogin::new();
                }
                if let Some(door) = visit.door.take() {
                    door.close(app);
                }
                let door = SignInDoor::prepare(app, &self.config).await.map_err(|_| IpcError::internal(lang))?;
                let redirect_uri = door.redirect_uri().clone();
                let secrets = draw_secrets();
                let event =
                    LoginEvent::Start { task: task.clone(), secrets: secrets.clone(), redirect_uri, now: Utc::now() };
                let request = visit.login.handle(event).map_err(|_| IpcError::internal(lang))?;
                let Some(vneid::LoginEffect::OpenSignInPage(request)) = request else {
                    return Err(IpcError::internal(lang));
                };
                let url = self.idp.authorization_url(&request).await.map_err(|e| IpcError::idp(&e, lang))?;
                let host = signin::host_of(&url);
                let opened_in = match self.config.mode {
                    Mode::Kiosk => "window",
                    Mode::Laptop => "browser",
                };
                let mut page = SignInPage { url: url.to_string(), host: host.clone(), opened_in, problem: None };
                if let Err(problem) = self.open_page(app, &door, &url) {
                    page.problem = Some(problem);
                }
                self.save_login(&secrets, &request.redirect_uri, &task, &page);
                visit.page = Some(page);
                visit.door = Some(door);
                tracing::info!(mode = opened_in, "VNeID sign-in started");
            }
            VneidInput::Reopen => {
                let (Some(page), Some(door)) = (visit.page.as_ref(), visit.door.as_ref()) else {
                    return Err(IpcError::refused(
                        &dvclink_core::refusal::Refusal { step: "idle", event: "reopen" },
                        lang,
                    ));
                };
                let url = Url::parse(&page.url).map_err(|_| IpcError::internal(lang))?;
                let problem = self.open_page(app, door, &url).err();
                if let Some(page) = visit.page.as_mut() {
                    page.problem = problem;
                }
            }
            VneidInput::Cancel => {
                let _ = visit.login.handle(LoginEvent::Cancel);
                if let Some(door) = visit.door.take() {
                    door.close(app);
                }
                self.forget_saved_login();
            }
        }
        Ok(views::vneid(&visit.login, visit.page.as_ref(), lang, Utc::now()))
    }

    /// The sign-in as it stands; a pending one older than ten minutes expires here.
    pub async fn vneid_view<R: Runtime>(&self, app: &AppHandle<R>) -> views::VneidView {
        let mut visit = self.visit.lock().await;
        let _ = visit.login.handle(LoginEvent::Tick { now: Utc::now() });
        if matches!(visit.login.phase(), LoginPhase::Failed { .. })
            && let Some(door) = visit.door.take()
        {
            door.close(app);
            self.forget_saved_login();
        }
        views::vneid(&visit.login, visit.page.as_ref(), self.lang(), Utc::now())
    }

    /// Takes a URL that came back from outside: a deep link, the loopback listener, or a
    /// navigation caught in the sign-in window. Anything that is not a callback for the
    /// waiting sign-in is refused with a notice, and nothing changes.
    pub async fn take_link<R: Runtime>(&self, app: &AppHandle<R>, url: &Url) {
        let lang = self.lang();
        let mut visit = self.visit.lock().await;
        let expected = visit.door.as_ref().map(|d| d.redirect_uri().clone());
        let callback = match callback_of(url, expected.as_ref()) {
            Ok(callback) => callback,
            Err(error) => {
                tracing::warn!(%error, "ignored a link");
                drop(visit);
                self.notify(app, "error", error.text(lang));
                return;
            }
        };
        let nonce = match visit.login.phase() {
            LoginPhase::Waiting(pending) => Some(pending.nonce.clone()),
            _ => None,
        };
        let event = LoginEvent::Callback { callback, now: Utc::now() };
        let mut effect = match visit.login.handle(event) {
            Ok(effect) => effect,
            Err(LoginRefusal::Callback(rejection)) => {
                tracing::warn!(code = rejection.code(), "refused a VNeID callback");
                if let Some(page) = visit.page.as_mut() {
                    page.problem = Some(views::problem(rejection.code(), rejection.text(lang)));
                }
                let view = views::vneid(&visit.login, visit.page.as_ref(), lang, Utc::now());
                drop(visit);
                let _ = app.emit_to("main", "vneid://changed", view);
                self.notify(app, "error", rejection.text(lang));
                return;
            }
            Err(LoginRefusal::Unexpected(refusal)) => {
                tracing::warn!(%refusal, "a VNeID callback came at the wrong time");
                return;
            }
        };
        self.forget_saved_login();
        if let Some(door) = visit.door.take() {
            door.close(app);
        }
        let _ =
            app.emit_to("main", "vneid://changed", views::vneid(&visit.login, visit.page.as_ref(), lang, Utc::now()));
        while let Some(next) = effect {
            let Some(event) = vneid::perform(&self.idp, &self.portal, next).await else { break };
            effect = visit.login.handle(event).unwrap_or_default();
        }
        match visit.login.phase() {
            LoginPhase::SignedIn(signed_in) => {
                tracing::info!(legacy_linked = signed_in.account.legacy_linked, "signed in with VNeID");
                self.log.note(AuditOutcome::VneidSignedIn);
                if let (Some(refresh_token), Some(nonce)) = (&signed_in.tokens.refresh_token, nonce) {
                    self.keychain.keep(&KeptSignIn { refresh_token: refresh_token.clone(), nonce });
                }
                let signed_in = SignedIn {
                    session: signed_in.session.clone(),
                    account: signed_in.account.clone(),
                    tokens: Some(signed_in.tokens.clone()),
                };
                let session = views::SessionView {
                    method: signed_in.session.method,
                    account: views::account(&signed_in.account, lang),
                };
                self.offline.begin(&signed_in.account, signed_in.session.method);
                self.offline.start_sync(app, &self.portal, &signed_in.session, lang);
                visit.signed_in = Some(signed_in);
                visit.identity = None;
                let _ = app.emit_to("main", "session://changed", Some(session));
            }
            LoginPhase::Failed { error, .. } => tracing::warn!(code = error.code(), "VNeID sign-in failed"),
            _ => {}
        }
        let view = views::vneid(&visit.login, visit.page.as_ref(), lang, Utc::now());
        let _ = app.emit_to("main", "vneid://changed", view);
    }

    pub async fn identity(&self, input: IdentityInput) -> Result<views::IdentityView, IpcError> {
        let lang = self.lang();
        let mut visit = self.visit.lock().await;
        let Some(signed_in) = visit.signed_in.as_ref() else { return Err(IpcError::not_signed_in(lang)) };
        let session = signed_in.session.clone();
        let event = match input {
            IdentityInput::Open => {
                let account = match self.portal.account(&session).await {
                    Ok(account) => account,
                    Err(error @ (PortalError::Unreachable | PortalError::Maintenance)) => {
                        // Offline: the saved copy, marked as one, or the failure without one.
                        let Some((saved, at)) = self.offline.account() else {
                            return Err(self.portal_failure(&mut visit, &error));
                        };
                        let update = IdentityUpdate::new(saved);
                        let saved_at = views::time(&at);
                        let view = identity_view(&update, Some(&saved_at), lang);
                        visit.identity = Some(update);
                        visit.identity_saved_at = Some(saved_at);
                        return Ok(view);
                    }
                    Err(error) => return Err(self.portal_failure(&mut visit, &error)),
                };
                visit.identity_saved_at = None;
                self.offline.save_account(&account);
                if let Some(signed_in) = visit.signed_in.as_mut() {
                    signed_in.account = account.clone();
                }
                visit.identity = Some(IdentityUpdate::new(account));
                None
            }
            IdentityInput::Begin => Some(IdentityEvent::Begin),
            IdentityInput::SubmitCccd { input } => Some(IdentityEvent::SubmitCccd { input, today: today() }),
            IdentityInput::EditCccd => Some(IdentityEvent::EditCccd),
            IdentityInput::Confirm => Some(IdentityEvent::Confirm),
            IdentityInput::Cancel => Some(IdentityEvent::Cancel),
        };
        let visit = &mut *visit;
        let Some(update) = visit.identity.as_mut() else { return Err(IpcError::not_signed_in(lang)) };
        if let Some(event) = event {
            identity::advance(update, &self.portal, &session, event).await.map_err(|r| IpcError::refused(&r, lang))?;
        }
        if let Some(signed_in) = visit.signed_in.as_mut()
            && signed_in.account != *update.account()
        {
            if !signed_in.account.has_cccd() && update.account().has_cccd() {
                self.log.note(AuditOutcome::Linked);
            }
            signed_in.account = update.account().clone();
            self.offline.save_account(&signed_in.account);
        }
        if matches!(update.step(), IdentityStep::MatchFailed { .. }) {
            self.log.note(AuditOutcome::MatchFailed);
        }
        Ok(identity_view(update, visit.identity_saved_at.as_ref(), lang))
    }

    pub async fn identity_view(&self) -> Result<views::IdentityView, IpcError> {
        let visit = self.visit.lock().await;
        match &visit.identity {
            Some(update) => Ok(identity_view(update, visit.identity_saved_at.as_ref(), self.lang())),
            None => {
                drop(visit);
                self.identity(IdentityInput::Open).await
            }
        }
    }

    /// A page of Hồ sơ đã nộp from the cache: it answers offline and as the user types.
    pub async fn dossiers(&self, query: DossierQuery) -> Result<views::DossierListView, IpcError> {
        let lang = self.lang();
        if self.visit.lock().await.signed_in.is_none() {
            return Err(IpcError::not_signed_in(lang));
        }
        self.offline.list(query, lang).await
    }

    /// One dossier: the cached copy when there is one (the sync keeps it current), else the
    /// portal's.
    pub async fn dossier(&self, code: &str) -> Result<views::DossierDetailView, IpcError> {
        let lang = self.lang();
        let code = DossierCode::new(code).map_err(|e| IpcError::invalid_input(e.to_string()))?;
        let mut visit = self.visit.lock().await;
        let Some(signed_in) = visit.signed_in.as_ref() else { return Err(IpcError::not_signed_in(lang)) };
        if let Some((dossier, as_of)) = self.offline.dossier(&code) {
            let mut view = views::dossier_detail(&dossier, lang);
            view.as_of = Some(as_of);
            return Ok(view);
        }
        let session = signed_in.session.clone();
        match self.portal.dossier(&session, &code).await {
            Ok(dossier) => Ok(views::dossier_detail(&dossier, lang)),
            Err(error) => Err(self.portal_failure(&mut visit, &error)),
        }
    }

    /// Starts (or goes on with) the sync of the person's dossiers, or stops it.
    pub async fn sync<R: Runtime>(&self, app: &AppHandle<R>, action: SyncAction) -> Result<views::SyncView, IpcError> {
        let lang = self.lang();
        let visit = self.visit.lock().await;
        let Some(signed_in) = visit.signed_in.as_ref() else { return Err(IpcError::not_signed_in(lang)) };
        match action {
            SyncAction::Start => self.offline.start_sync(app, &self.portal, &signed_in.session, lang),
            SyncAction::Cancel => self.offline.cancel_sync(),
        }
        Ok(self.offline.view(lang))
    }

    pub async fn sync_view(&self) -> Result<views::SyncView, IpcError> {
        let lang = self.lang();
        if self.visit.lock().await.signed_in.is_none() {
            return Err(IpcError::not_signed_in(lang));
        }
        Ok(self.offline.view(lang))
    }

    /// Notices that arrived before the UI listened; taken once.
    pub fn take_notices(&self) -> Vec<Notice> {
        // The UI asks for them last when it starts, so this marks its first screen being up;
        // the log line gives the start-up time, and `cargo xtask bench-app` waits for it.
        self.first_screen.call_once(|| {
            tracing::info!(ms = crate::since_start().as_millis() as u64, "the first screen is up");
        });
        std::mem::take(&mut *self.notices.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The office's audit log, for an officer with the PIN.
    pub fn audit_open(&self, pin: &str) -> Result<views::AuditView, IpcError> {
        self.log.open(pin, self.lang())
    }

    /// Writes the audit log as CSV, for an officer with the PIN.
    pub fn audit_export(&self, pin: &str) -> Result<views::AuditExport, IpcError> {
        self.log.export(pin, self.lang())
    }

    /// Tells the user something that did not come from a command.
    pub fn notify<R: Runtime>(&self, app: &AppHandle<R>, level: &'static str, message: String) {
        let notice = Notice { level, message };
        let mut notices = self.notices.lock().unwrap_or_else(|e| e.into_inner());
        if notices.len() >= 10 {
            notices.remove(0);
        }
        notices.push(notice.clone());
        drop(notices);
        let _ = app.emit_to("main", "app://notice", notice);
    }

    /// Maps a portal failure; an expired session also ends the visit's sign-in.
    fn portal_failure(&self, visit: &mut Visit, error: &PortalError) -> IpcError {
        if *error == PortalError::SessionExpired {
            visit.signed_in = None;
            visit.identity = None;
        }
        IpcError::portal(error, self.lang())
    }

    fn open_page<R: Runtime>(&self, app: &AppHandle<R>, door: &SignInDoor, url: &Url) -> Result<(), views::Problem> {
        let lang = self.lang();
        match self.config.mode {
            Mode::Laptop => (self.browser)(url).map_err(|reason| {
                tracing::warn!(%reason, "the system browser did not open");
                views::problem(
                    "browser",
                    lang.pick(
                        "Không mở được trình duyệt. Hãy tự mở trình duyệt và dán địa chỉ bên dưới.",
                        "The browser did not open. Open a browser yourself and paste the address below.",
                    )
                    .to_owned(),
                )
            }),
            Mode::Kiosk => door.open_window(app, url, self.lang()).map_err(|reason| {
                tracing::warn!(%reason, "the sign-in window did not open");
                views::problem("window", IpcError::internal(lang).message)
            }),
        }
    }

    fn save_login(&self, secrets: &LoginSecrets, redirect_uri: &Url, task: &Task, page: &SignInPage) {
        let Some(path) = &self.pending_file else { return };
        let saved = SavedLogin {
            state: secrets.state.clone(),
            nonce: secrets.nonce.clone(),
            verifier: secrets.pkce_verifier.expose().to_owned(),
            redirect_uri: redirect_uri.clone(),
            task: task.clone(),
            started_at: Utc::now(),
            url: page.url.clone(),
            host: page.host.clone(),
        };
        if let Err(error) = write_private(path, &saved) {
            tracing::warn!(%error, "could not keep the VNeID sign-in for a cold start");
        }
    }

    fn forget_saved_login(&self) {
        if let Some(path) = &self.pending_file {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Thông tin định danh as it stands, marked as the saved copy when the portal was out of reach.
fn identity_view(update: &IdentityUpdate, saved_at: Option<&String>, lang: Lang) -> views::IdentityView {
    let mut view = views::identity(update, lang);
    if let views::IdentityView::Viewing { offline_as_of, .. } = &mut view {
        *offline_as_of = saved_at.cloned();
    }
    view
}

/// The callback in a URL: a deep link in the app's scheme, or the loopback redirect in use.
fn callback_of(url: &Url, loopback: Option<&Url>) -> Result<Callback, DeepLinkError> {
    if let Some(expected) = loopback.filter(|e| e.scheme() == "http")
        && url.scheme() == "http"
        && url.host_str() == expected.host_str()
        && url.port() == expected.port()
        && url.path() == expected.path()
    {
        return Callback::from_url(url).map_err(DeepLinkError::Malformed);
    }
    match DeepLink::try_from(url)? {
        DeepLink::VneidCallback(callback) => Ok(callback),
    }
}

/// State, nonce and PKCE verifier from the operating system's random source: 32 bytes each,
/// base64url, so the verifier is 43 characters as RFC 7636 asks.
fn draw_secrets() -> LoginSecrets {
    let draw = || {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        URL_SAFE_NO_PAD.encode(bytes)
    };
    LoginSecrets { state: draw(), nonce: draw(), pkce_verifier: Secret::new(draw()) }
}

/// Today in Vietnam (UTC+7, no daylight saving), for the CCCD birth-year check.
fn today() -> chrono::NaiveDate {
    (Utc::now() + chrono::TimeDelta::hours(7)).date_naive()
}

fn read_saved(path: &std::path::Path) -> Option<SavedLogin> {
    let bytes = std::fs::read(path).ok()?;
    match serde_json::from_slice(&bytes) {
        Ok(saved) => Some(saved),
        Err(_) => {
            let _ = std::fs::remove_file(path);
            None
        }
    }
}

/// Writes a file only its owner can read, through a temporary file and a rename.
fn write_private(path: &std::path::Path, value: &impl Serialize) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    let bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    options.open(&tmp)?.write_all(&bytes)?;
    std::fs::rename(&tmp, path)
}
