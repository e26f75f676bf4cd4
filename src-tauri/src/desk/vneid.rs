//! Step 4 of the guide at the desk: the VNeID sign-in, from opening its page (the system
//! browser on a laptop, a window on a kiosk) to the callback that comes back.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use dvclink_cache::AuditOutcome;
use dvclink_core::lang::Localized;
use dvclink_core::port::{IdentityProvider, KeptSignIn};
use dvclink_core::refusal::Refusal;
use dvclink_core::secret::Secret;
use dvclink_core::task::Task;
use dvclink_core::vneid::{self, Callback, LoginEvent, LoginPhase, LoginRefusal, LoginSecrets, VneidLogin};
use rand::RngCore;
use serde::Deserialize;
use tauri::{AppHandle, Runtime};
use ts_rs::TS;
use url::Url;

use super::{Desk, SignedIn};
use crate::config::Mode;
use crate::contract::{self, VneidChanged};
use crate::deep_link::{DeepLink, DeepLinkError};
use crate::error::IpcError;
use crate::offline::owner_key;
use crate::signin::{self, SignInDoor};
use crate::views::{self, NoticeLevel, OpenedIn, SignInPage};

/// How long the code exchange and the portal session may take after VNeID's callback before the
/// progress screen is shown. A screen shown for less than this would only flash by.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_millis(200);

/// `vneid({ input })`: what the UI sends to the VNeID sign-in.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum VneidInput {
    Start {
        task: Task,
    },
    /// Open the sign-in page again (browser or window) for the sign-in that is waiting.
    Reopen,
    Cancel,
}

impl Desk {
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
                let url = match self.idp.authorization_url(&request).await {
                    Ok(url) => url,
                    Err(error) => {
                        // The failure screen says what happened and offers «Thử lại».
                        let _ = visit.login.handle(LoginEvent::PageUnavailable(error));
                        door.close(app);
                        visit.page = None;
                        self.pending.forget();
                        return Ok(views::vneid(&visit.login, None, lang, Utc::now()));
                    }
                };
                let host = signin::host_of(&url);
                let opened_in = match self.config.mode {
                    Mode::Kiosk => OpenedIn::Window,
                    Mode::Laptop => OpenedIn::Browser,
                };
                let mut page = SignInPage { url: url.to_string(), host: host.clone(), opened_in, problem: None };
                if let Err(problem) = self.open_page(app, &door, &url) {
                    page.problem = Some(problem);
                }
                self.pending.save(&secrets, &request.redirect_uri, &task, &page);
                visit.page = Some(page);
                visit.door = Some(door);
                tracing::info!(mode = ?opened_in, "VNeID sign-in started");
            }
            VneidInput::Reopen => {
                let (Some(page), Some(door)) = (visit.page.as_ref(), visit.door.as_ref()) else {
                    return Err(IpcError::refused(&Refusal { step: "idle", event: "reopen" }, lang));
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
                self.pending.forget();
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
            self.pending.forget();
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
                self.notify(app, NoticeLevel::Error, error.text(lang));
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
                contract::emit::<VneidChanged, R>(app, view);
                self.notify(app, NoticeLevel::Error, rejection.text(lang));
                return;
            }
            Err(LoginRefusal::Unexpected(refusal)) => {
                tracing::warn!(%refusal, "a VNeID callback came at the wrong time");
                return;
            }
        };
        self.pending.forget();
        if let Some(door) = visit.door.take() {
            door.close(app);
        }
        // The progress screen shows only when VNeID and the portal are slow to answer: a quick
        // sign-in goes on to the task screen without a screen flashing by on the way.
        let working = views::vneid(&visit.login, visit.page.as_ref(), lang, Utc::now());
        {
            let login = &mut visit.login;
            let mut exchange = std::pin::pin!(async {
                while let Some(next) = effect {
                    let Some(event) = vneid::perform(&self.idp, &self.portal, next).await else { break };
                    effect = login.handle(event).unwrap_or_default();
                }
            });
            if tokio::time::timeout(PROGRESS_AFTER, exchange.as_mut()).await.is_err() {
                contract::emit::<VneidChanged, R>(app, working);
                exchange.await;
            }
        }
        let mut to_keep = None;
        match visit.login.phase() {
            LoginPhase::SignedIn(signed_in) => {
                tracing::info!(legacy_linked = signed_in.account.legacy_linked, "signed in with VNeID");
                self.log.note(AuditOutcome::VneidSignedIn);
                if let (Some(refresh_token), Some(nonce)) = (&signed_in.tokens.refresh_token, nonce) {
                    let owner = owner_key(&signed_in.account, signed_in.session.method);
                    to_keep = Some((KeptSignIn { refresh_token: refresh_token.clone(), nonce }, owner));
                }
                let signed_in = SignedIn {
                    session: signed_in.session.clone(),
                    account: signed_in.account.clone(),
                    tokens: Some(signed_in.tokens.clone()),
                };
                self.finish_sign_in(app, &mut visit, signed_in);
            }
            LoginPhase::Failed { error, .. } => tracing::warn!(code = error.code(), "VNeID sign-in failed"),
            _ => {}
        }
        let view = views::vneid(&visit.login, visit.page.as_ref(), lang, Utc::now());
        contract::emit::<VneidChanged, R>(app, view);
        drop(visit);
        // After the UI has its task screen: the keychain (D-Bus, a daemon perhaps starting)
        // is not in the way of the person.
        if let Some((sign_in, owner)) = to_keep {
            self.keep_sign_in(sign_in, owner).await;
        }
    }

    /// Keeps a laptop's sign-in in the keychain, unless the person signed out meanwhile; in
    /// turn with the other uses of the keychain, so that a sign-out's forgetting is never undone.
    async fn keep_sign_in(&self, sign_in: KeptSignIn, owner: Option<String>) {
        let _in_turn = self.resuming.lock().await;
        if self.visit.lock().await.signed_in.is_none() {
            return;
        }
        let keychain = self.keychain.clone();
        let kept = tauri::async_runtime::spawn_blocking(move || keychain.keep(&sign_in, owner.as_deref())).await;
        if kept.is_err() {
            tracing::warn!("the sign-in could not be kept in the keychain");
        }
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
            Mode::Kiosk => door.open_window(app, url, lang).map_err(|reason| {
                tracing::warn!(%reason, "the sign-in window did not open");
                views::problem("window", IpcError::internal(lang).message)
            }),
        }
    }
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
