//! Step 4 of the guide, signing in with VNeID, as a pure state machine. The flow keeps the
//! state, nonce and PKCE verifier it was given (the caller draws them from a real random
//! source), accepts a callback once, refuses any callback it did not ask for, and forgets a
//! pending sign-in after ten minutes. [`perform`] runs an effect against the provider and the
//! portal; [`advance`] chains both.

use std::collections::VecDeque;
use std::mem;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use url::Url;

use crate::lang::{Lang, Localized};
use crate::port::{
    AuthorizationRequest, CodeExchange, IdentityProvider, IdpError, Portal, PortalError, PortalSession, VneidTokens,
};
use crate::profile::{Account, IdentityLevel};
use crate::refusal::Refusal;
use crate::secret::Secret;
use crate::task::Task;

/// How long a started sign-in waits for its callback.
pub const PENDING_LIFETIME: TimeDelta = TimeDelta::minutes(10);

/// How many finished sign-ins are remembered to recognise a replayed callback.
const REMEMBERED: usize = 32;

/// The VNeID sign-in of this app window.
#[derive(Debug, Clone, Default)]
pub struct VneidLogin {
    phase: LoginPhase,
    finished: VecDeque<(String, Ended)>,
}

/// How a sign-in that is no longer pending ended, to name a late callback's problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    Used,
    Expired,
    Cancelled,
}

/// Where the sign-in is.
#[derive(Debug, Clone, Default)]
pub enum LoginPhase {
    #[default]
    Idle,
    /// The provider's page is open; waiting for the callback.
    Waiting(PendingLogin),
    /// Redeeming the authorization code.
    Exchanging {
        task: Task,
    },
    /// Opening the portal session for the verified identity.
    OpeningPortal {
        task: Task,
        tokens: VneidTokens,
    },
    SignedIn(VneidSignedIn),
    Failed {
        task: Task,
        error: LoginError,
    },
}

/// A sign-in that was started and waits for its callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingLogin {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: Secret,
    pub redirect_uri: Url,
    pub task: Task,
    pub started_at: DateTime<Utc>,
}

/// The values that protect one sign-in, drawn by the caller from a real random source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginSecrets {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: Secret,
}

/// A successful sign-in.
#[derive(Debug, Clone)]
pub struct VneidSignedIn {
    pub task: Task,
    pub tokens: VneidTokens,
    pub session: PortalSession,
    pub account: Account,
}

/// The redirect back from the provider, read from the callback URL's query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    pub state: String,
    /// The `iss` parameter, when the provider sends it (RFC 9207).
    pub issuer: Option<String>,
    pub result: CallbackResult,
}

/// What the provider sent back: a code, or an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackResult {
    Code(Secret),
    Error { error: String, description: Option<String> },
}

/// Why a callback URL cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallbackFormatError {
    #[error("the callback has no state")]
    MissingState,
    #[error("the callback has neither a code nor an error")]
    MissingCode,
    #[error("the callback repeats a parameter")]
    Repeated,
}

/// Why a well-formed callback was refused. The pending sign-in, if any, is untouched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallbackRejection {
    #[error("no VNeID sign-in is waiting for a callback")]
    NoPendingSignIn,
    #[error("the callback's state does not match the sign-in that is waiting")]
    StateMismatch,
    #[error("this callback was already used")]
    Replayed,
    #[error("the sign-in this callback belongs to has expired")]
    Expired,
    #[error("the sign-in this callback belongs to was cancelled")]
    Cancelled,
}

/// Why a sign-in ended without success.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LoginError {
    #[error("the user cancelled on the VNeID page")]
    Cancelled,
    #[error("VNeID reported {error}")]
    Provider { error: String },
    #[error("the sign-in waited more than ten minutes")]
    Expired,
    /// VNeID stopped the sign-in for a reason the citizen can act on.
    #[error("VNeID refused the sign-in: {refusal:?}")]
    Refused { refusal: VneidRefusal },
    /// The identity is level 1, and the task needs level 2.
    #[error("the VNeID identity is level 1; the task needs level 2")]
    LevelTooLow,
    #[error(transparent)]
    Idp { error: IdpError },
    #[error(transparent)]
    Portal { error: PortalError },
}

/// Why VNeID stopped a sign-in, read from the callback's `error` code. Real VNeID publishes no
/// codes; these are the ones the stand-in sends (see SECURITY.md), each what people meet at the
/// counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VneidRefusal {
    /// The QR code was refused: «Cho phép đăng nhập trên web» is off in the VNeID app.
    WebSignInNotAllowed,
    /// Locked for a while after too many wrong passwords.
    Locked,
    /// The electronic identity account was never activated.
    NotActivated,
    /// The one-time code went to a phone number the citizen no longer has.
    CodeToOldPhone,
}

impl VneidRefusal {
    /// The callback's `error` code for each refusal.
    pub const CODES: [(&str, VneidRefusal); 4] = [
        ("web_sign_in_not_allowed", VneidRefusal::WebSignInNotAllowed),
        ("account_locked", VneidRefusal::Locked),
        ("account_not_activated", VneidRefusal::NotActivated),
        ("otp_not_received", VneidRefusal::CodeToOldPhone),
    ];

    pub fn from_code(code: &str) -> Option<VneidRefusal> {
        VneidRefusal::CODES.iter().find(|(c, _)| *c == code).map(|(_, refusal)| *refusal)
    }

    /// A short stable name, for the UI and for logs.
    pub fn code(self) -> &'static str {
        VneidRefusal::CODES.iter().find(|(_, r)| *r == self).map_or("refused", |(code, _)| code)
    }
}

/// Something that happened.
#[derive(Debug, Clone)]
pub enum LoginEvent {
    Start {
        task: Task,
        secrets: LoginSecrets,
        redirect_uri: Url,
        now: DateTime<Utc>,
    },
    Callback {
        callback: Callback,
        now: DateTime<Utc>,
    },
    /// Time passes; a pending sign-in older than ten minutes is dropped.
    Tick {
        now: DateTime<Utc>,
    },
    /// The user gave up waiting.
    Cancel,
    /// The sign-in page could not be had: VNeID down, under maintenance, or unusable.
    PageUnavailable(IdpError),
    CodeExchanged(Result<VneidTokens, IdpError>),
    PortalOpened(Result<(PortalSession, Account), PortalError>),
}

/// What the sign-in needs done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginEffect {
    /// Show the provider's sign-in page (browser or sign-in window).
    OpenSignInPage(AuthorizationRequest),
    ExchangeCode(CodeExchange),
    /// Open a portal session for the identity and load its account.
    OpenPortalSession {
        access_token: Secret,
    },
}

/// What went wrong handling an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginRefusal {
    #[error(transparent)]
    Callback(CallbackRejection),
    #[error(transparent)]
    Unexpected(Refusal),
}

impl Callback {
    /// Reads the query of a redirect URL (`?code=…&state=…` or `?error=…&state=…`).
    pub fn from_url(url: &Url) -> Result<Callback, CallbackFormatError> {
        let (mut state, mut code, mut error, mut description, mut issuer) = (None, None, None, None, None);
        for (key, value) in url.query_pairs() {
            let slot = match key.as_ref() {
                "state" => &mut state,
                "iss" => &mut issuer,
                "code" => &mut code,
                "error" => &mut error,
                "error_description" => &mut description,
                _ => continue,
            };
            if slot.replace(value.into_owned()).is_some() {
                return Err(CallbackFormatError::Repeated);
            }
        }
        let state = state.filter(|s| !s.is_empty()).ok_or(CallbackFormatError::MissingState)?;
        let result = match (error, code) {
            (Some(error), _) => CallbackResult::Error { error, description },
            (None, Some(code)) if !code.is_empty() => CallbackResult::Code(Secret::new(code)),
            _ => return Err(CallbackFormatError::MissingCode),
        };
        Ok(Callback { state, issuer, result })
    }
}

impl VneidLogin {
    pub fn new() -> VneidLogin {
        VneidLogin::default()
    }

    /// Takes up a sign-in that was started before the app was closed, so that a callback
    /// arriving at a cold start still finds it. Whether it has expired is checked as usual.
    pub fn resume(pending: PendingLogin) -> VneidLogin {
        VneidLogin { phase: LoginPhase::Waiting(pending), finished: VecDeque::new() }
    }

    pub fn phase(&self) -> &LoginPhase {
        &self.phase
    }

    /// The sign-in waiting for its callback, if any.
    pub fn pending(&self) -> Option<&PendingLogin> {
        match &self.phase {
            LoginPhase::Waiting(pending) => Some(pending),
            _ => None,
        }
    }

    /// The task a started sign-in is heading for.
    pub fn task(&self) -> Option<&Task> {
        match &self.phase {
            LoginPhase::Idle => None,
            LoginPhase::Waiting(pending) => Some(&pending.task),
            LoginPhase::Exchanging { task }
            | LoginPhase::OpeningPortal { task, .. }
            | LoginPhase::Failed { task, .. } => Some(task),
            LoginPhase::SignedIn(signed_in) => Some(&signed_in.task),
        }
    }

    /// Takes one event. On refusal nothing changes.
    pub fn handle(&mut self, event: LoginEvent) -> Result<Option<LoginEffect>, LoginRefusal> {
        let unexpected = Refusal { step: self.phase.name(), event: event.name() };
        let phase = mem::take(&mut self.phase);
        let (phase, result) = self.transition(phase, event);
        self.phase = phase;
        result.map_err(|rejection| match rejection {
            Some(rejection) => LoginRefusal::Callback(rejection),
            None => LoginRefusal::Unexpected(unexpected),
        })
    }

    /// Computes the next phase. An `Err(None)` means the event does not fit the phase.
    #[allow(clippy::type_complexity)]
    fn transition(
        &mut self,
        phase: LoginPhase,
        event: LoginEvent,
    ) -> (LoginPhase, Result<Option<LoginEffect>, Option<CallbackRejection>>) {
        use LoginEvent as E;
        use LoginPhase as P;
        match (phase, event) {
            (P::Idle | P::Waiting(_) | P::Failed { .. }, E::Start { task, secrets, redirect_uri, now }) => {
                let request = AuthorizationRequest {
                    state: secrets.state.clone(),
                    nonce: secrets.nonce.clone(),
                    pkce_verifier: secrets.pkce_verifier.clone(),
                    redirect_uri: redirect_uri.clone(),
                };
                let pending = PendingLogin {
                    state: secrets.state,
                    nonce: secrets.nonce,
                    pkce_verifier: secrets.pkce_verifier,
                    redirect_uri,
                    task,
                    started_at: now,
                };
                (P::Waiting(pending), Ok(Some(LoginEffect::OpenSignInPage(request))))
            }
            (phase, E::Callback { callback, now }) => self.callback(phase, callback, now),
            (P::Waiting(pending), E::Tick { now }) => {
                if now - pending.started_at > PENDING_LIFETIME {
                    self.remember(pending.state, Ended::Expired);
                    (P::Failed { task: pending.task, error: LoginError::Expired }, Ok(None))
                } else {
                    (P::Waiting(pending), Ok(None))
                }
            }
            (phase, E::Tick { .. }) => (phase, Ok(None)),
            (P::Waiting(pending), E::PageUnavailable(error)) => {
                self.remember(pending.state, Ended::Cancelled);
                (P::Failed { task: pending.task, error: LoginError::Idp { error } }, Ok(None))
            }
            (P::Waiting(pending), E::Cancel) => {
                self.remember(pending.state, Ended::Cancelled);
                (P::Failed { task: pending.task, error: LoginError::Cancelled }, Ok(None))
            }
            (P::Exchanging { task }, E::CodeExchanged(Ok(tokens)))
                if task.needs_level_2() && tokens.identity.level == Some(IdentityLevel::Level1) =>
            {
                (P::Failed { task, error: LoginError::LevelTooLow }, Ok(None))
            }
            (P::Exchanging { task }, E::CodeExchanged(Ok(tokens))) => {
                let effect = LoginEffect::OpenPortalSession { access_token: tokens.access_token.clone() };
                (P::OpeningPortal { task, tokens }, Ok(Some(effect)))
            }
            (P::Exchanging { task }, E::CodeExchanged(Err(error))) => {
                (P::Failed { task, error: LoginError::Idp { error } }, Ok(None))
            }
            (P::OpeningPortal { task, tokens }, E::PortalOpened(Ok((session, account)))) => {
                (P::SignedIn(VneidSignedIn { task, tokens, session, account }), Ok(None))
            }
            (P::OpeningPortal { task, .. }, E::PortalOpened(Err(error))) => {
                (P::Failed { task, error: LoginError::Portal { error } }, Ok(None))
            }
            (phase, _) => (phase, Err(None)),
        }
    }

    #[allow(clippy::type_complexity)]
    fn callback(
        &mut self,
        phase: LoginPhase,
        callback: Callback,
        now: DateTime<Utc>,
    ) -> (LoginPhase, Result<Option<LoginEffect>, Option<CallbackRejection>>) {
        if let Some((_, ended)) = self.finished.iter().find(|(state, _)| *state == callback.state) {
            let rejection = match ended {
                Ended::Used => CallbackRejection::Replayed,
                Ended::Expired => CallbackRejection::Expired,
                Ended::Cancelled => CallbackRejection::Cancelled,
            };
            return (phase, Err(Some(rejection)));
        }
        let LoginPhase::Waiting(pending) = phase else {
            return (phase, Err(Some(CallbackRejection::NoPendingSignIn)));
        };
        if callback.state != pending.state {
            return (LoginPhase::Waiting(pending), Err(Some(CallbackRejection::StateMismatch)));
        }
        let task = pending.task;
        if now - pending.started_at > PENDING_LIFETIME {
            self.remember(pending.state, Ended::Expired);
            return (LoginPhase::Failed { task, error: LoginError::Expired }, Ok(None));
        }
        self.remember(pending.state, Ended::Used);
        match callback.result {
            CallbackResult::Error { error, .. } => {
                let error = match (error.as_str(), VneidRefusal::from_code(&error)) {
                    ("access_denied", _) => LoginError::Cancelled,
                    ("temporarily_unavailable", _) => LoginError::Idp { error: IdpError::Maintenance },
                    (_, Some(refusal)) => LoginError::Refused { refusal },
                    _ => LoginError::Provider { error },
                };
                (LoginPhase::Failed { task, error }, Ok(None))
            }
            CallbackResult::Code(code) => {
                let exchange = CodeExchange {
                    code,
                    pkce_verifier: pending.pkce_verifier,
                    nonce: pending.nonce,
                    redirect_uri: pending.redirect_uri,
                    issuer: callback.issuer,
                };
                (LoginPhase::Exchanging { task }, Ok(Some(LoginEffect::ExchangeCode(exchange))))
            }
        }
    }

    fn remember(&mut self, state: String, ended: Ended) {
        if self.finished.len() == REMEMBERED {
            self.finished.pop_front();
        }
        self.finished.push_back((state, ended));
    }
}

/// Runs one effect and returns its answer as the next event. Opening the sign-in page is the
/// caller's business (a browser or a window), so for that effect this returns `None` after
/// computing nothing.
pub async fn perform<I: IdentityProvider, P: Portal>(idp: &I, portal: &P, effect: LoginEffect) -> Option<LoginEvent> {
    match effect {
        LoginEffect::OpenSignInPage(_) => None,
        LoginEffect::ExchangeCode(exchange) => Some(LoginEvent::CodeExchanged(idp.exchange_code(&exchange).await)),
        LoginEffect::OpenPortalSession { access_token } => {
            let opened = match portal.open_vneid_session(&access_token).await {
                Ok(session) => portal.account(&session).await.map(|account| (session, account)),
                Err(error) => Err(error),
            };
            Some(LoginEvent::PortalOpened(opened))
        }
    }
}

/// Takes one event and performs the effects that follow until the sign-in waits for the user or
/// the provider. Returns the sign-in page to show, if the event started one.
pub async fn advance<I: IdentityProvider, P: Portal>(
    login: &mut VneidLogin,
    idp: &I,
    portal: &P,
    event: LoginEvent,
) -> Result<Option<AuthorizationRequest>, LoginRefusal> {
    let mut effect = login.handle(event)?;
    while let Some(next) = effect {
        if let LoginEffect::OpenSignInPage(request) = next {
            return Ok(Some(request));
        }
        let Some(event) = perform(idp, portal, next).await else { break };
        effect = login.handle(event)?;
    }
    Ok(None)
}

impl LoginPhase {
    fn name(&self) -> &'static str {
        match self {
            LoginPhase::Idle => "idle",
            LoginPhase::Waiting(_) => "waiting",
            LoginPhase::Exchanging { .. } => "exchanging",
            LoginPhase::OpeningPortal { .. } => "opening_portal",
            LoginPhase::SignedIn(_) => "signed_in",
            LoginPhase::Failed { .. } => "failed",
        }
    }
}

impl LoginEvent {
    fn name(&self) -> &'static str {
        match self {
            LoginEvent::Start { .. } => "start",
            LoginEvent::Callback { .. } => "callback",
            LoginEvent::Tick { .. } => "tick",
            LoginEvent::Cancel => "cancel",
            LoginEvent::PageUnavailable(_) => "page_unavailable",
            LoginEvent::CodeExchanged(_) => "code_exchanged",
            LoginEvent::PortalOpened(_) => "portal_opened",
        }
    }
}

impl Localized for CallbackRejection {
    fn text(&self, lang: Lang) -> String {
        match self {
            CallbackRejection::NoPendingSignIn => lang.pick(
                "Ứng dụng nhận được kết quả đăng nhập VNeID nhưng không có lượt đăng nhập nào đang chờ, nên đã bỏ qua. Nếu bạn muốn đăng nhập, hãy bấm «Đăng nhập qua VNeID».",
                "The app received a VNeID sign-in result but no sign-in was waiting, so it was ignored. To sign in, press «Sign in with VNeID».",
            ),
            CallbackRejection::StateMismatch => lang.pick(
                "Kết quả đăng nhập VNeID không thuộc lượt đăng nhập đang chờ, nên đã bị từ chối để bảo vệ bạn. Hãy hoàn tất đăng nhập trên trang VNeID vừa mở.",
                "The VNeID sign-in result does not belong to the sign-in that is waiting, so it was refused to protect you. Please finish signing in on the VNeID page that was opened.",
            ),
            CallbackRejection::Replayed => lang.pick(
                "Kết quả đăng nhập VNeID này đã được dùng rồi, nên không dùng lại được.",
                "This VNeID sign-in result was already used and cannot be used again.",
            ),
            CallbackRejection::Expired => lang.pick(
                "Kết quả đăng nhập VNeID đến sau khi lượt đăng nhập đã hết hạn. Hãy bấm «Đăng nhập qua VNeID» lại.",
                "The VNeID sign-in result arrived after the sign-in had expired. Press «Sign in with VNeID» again.",
            ),
            CallbackRejection::Cancelled => lang.pick(
                "Kết quả đăng nhập VNeID thuộc lượt đăng nhập bạn đã hủy, nên đã bị bỏ qua.",
                "The VNeID sign-in result belongs to a sign-in you cancelled, so it was ignored.",
            ),
        }
        .to_owned()
    }
}

impl Localized for LoginError {
    fn text(&self, lang: Lang) -> String {
        match self {
            LoginError::Cancelled => lang
                .pick(
                    "Bạn đã hủy đăng nhập VNeID. Bạn có thể đăng nhập lại bất cứ lúc nào.",
                    "You cancelled the VNeID sign-in. You can sign in again at any time.",
                )
                .to_owned(),
            LoginError::Provider { .. } => lang
                .pick(
                    "VNeID không hoàn tất đăng nhập. Hãy thử lại sau ít phút.",
                    "VNeID did not complete the sign-in. Please try again in a few minutes.",
                )
                .to_owned(),
            LoginError::Expired => lang
                .pick(
                    "Quá 10 phút chưa hoàn tất đăng nhập VNeID nên lượt đăng nhập đã hết hạn. Hãy bấm «Đăng nhập qua VNeID» lại.",
                    "The VNeID sign-in was not finished within 10 minutes and has expired. Press «Sign in with VNeID» again.",
                )
                .to_owned(),
            LoginError::Refused { refusal } => refusal.text(lang),
            LoginError::LevelTooLow => lang
                .pick(
                    "Tài khoản VNeID của bạn đang ở mức độ 1. Việc này cần tài khoản định danh điện tử mức độ 2.",
                    "Your VNeID account is level 1. This task needs a level 2 electronic identity.",
                )
                .to_owned(),
            LoginError::Idp { error } => error.text(lang),
            LoginError::Portal { error } => error.text(lang),
        }
    }
}

impl Localized for VneidRefusal {
    fn text(&self, lang: Lang) -> String {
        match self {
            VneidRefusal::WebSignInNotAllowed => lang.pick(
                "Ứng dụng VNeID trên điện thoại của bạn chưa cho phép đăng nhập trên web, nên mã QR bị từ chối.",
                "The VNeID app on your phone does not allow signing in on the web yet, so the QR code was refused.",
            ),
            VneidRefusal::Locked => lang.pick(
                "Tài khoản VNeID đang tạm khóa vì mật khẩu bị nhập sai nhiều lần.",
                "The VNeID account is locked for a while because the password was entered wrongly too many times.",
            ),
            VneidRefusal::NotActivated => lang.pick(
                "Tài khoản định danh điện tử của bạn chưa được kích hoạt.",
                "Your electronic identity account has not been activated.",
            ),
            VneidRefusal::CodeToOldPhone => lang.pick(
                "Mã xác thực (OTP) được gửi tới số điện thoại đã đăng ký với VNeID, không phải số bạn đang dùng.",
                "The one-time code goes to the phone number registered with VNeID, not the one you use now.",
            ),
        }
        .to_owned()
    }
}

impl CallbackRejection {
    /// A short stable name, for the UI and for logs.
    pub fn code(&self) -> &'static str {
        match self {
            CallbackRejection::NoPendingSignIn => "no_pending_sign_in",
            CallbackRejection::StateMismatch => "state_mismatch",
            CallbackRejection::Replayed => "replayed",
            CallbackRejection::Expired => "expired",
            CallbackRejection::Cancelled => "cancelled",
        }
    }
}

impl LoginError {
    /// A short stable name, for the UI and for logs.
    pub fn code(&self) -> &'static str {
        match self {
            LoginError::Cancelled => "cancelled",
            LoginError::Provider { .. } => "provider",
            LoginError::Expired => "expired",
            LoginError::Refused { refusal } => refusal.code(),
            LoginError::LevelTooLow => "level_too_low",
            LoginError::Idp { error } => error.code(),
            LoginError::Portal { error } => error.code(),
        }
    }
}
