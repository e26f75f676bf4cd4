//! The app's state behind the commands: the two clients, the language, and the current visit
//! (one person's sign-in, linking, identity update and dossiers). Each operation is one step of
//! a domain state machine from `dvclink-core`, run against the real adapters, and returns the
//! view the UI shows next. The flows live in the submodules: `session` (sign-out, end of a
//! kiosk session, a laptop's kept sign-in), `wizard`, `vneid`, `identity` and `dossiers`.

mod card;
mod dossiers;
mod identity;
mod personal;
mod printing;
mod session;
mod vneid;
mod wizard;

use std::path::PathBuf;
use std::sync::Mutex;

use dvclink_core::cccd_link::CccdLinkEvent;
use dvclink_core::identity::IdentityUpdate;
use dvclink_core::lang::Lang;
use dvclink_core::port::{PortalError, PortalSession, VneidTokens};
use dvclink_core::profile::Account;
use dvclink_core::vneid::VneidLogin;
use dvclink_core::wizard::LinkWizard;
use dvclink_portal::{PortalClient, VneidClient};
use serde::Deserialize;
use tauri::{AppHandle, Runtime};
use ts_rs::TS;
use url::Url;

pub use self::card::{
    CardCounter, CardInput, CardProgressView, CardReadersView, CardSlot, CardView, PcscSlot, readers_view,
};
pub use self::identity::IdentityInput;
pub use self::personal::PersonalChange;
pub use self::printing::{Printing, SlipChoice};
pub use self::session::{EndReason, Resumption};
pub use self::vneid::VneidInput;
pub use self::wizard::WizardInput;
use crate::config::{AppConfig, IDLE_WARNING_SECS, Mode};
use crate::contract::{self, AppNotice, SessionChanged};
use crate::error::IpcError;
use crate::keychain::Keychain;
use crate::lock;
use crate::office_log::OfficeLog;
use crate::offline::OfflineCopy;
use crate::pending_login::PendingLoginFile;
use crate::signin::SignInDoor;
use crate::views::{self, AppInfo, Notice, NoticeLevel, SignInPage};

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
    /// The counter's printer, when one is configured.
    pub printing: Option<Printing>,
    /// The counter's card readers and the CSCA certificates the office trusts.
    pub card: CardCounter,
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
    pending: PendingLoginFile,
    /// Notices not yet shown, for a UI that starts after they happened.
    notices: Mutex<Vec<Notice>>,
    /// Opens the system browser; replaced in tests.
    browser: Browser,
    /// Logs once that the UI finished its first screen (it then asks for early notices).
    first_screen: std::sync::Once,
    /// One use of the kept sign-in at a time: its refresh token is good once.
    resuming: tokio::sync::Mutex<()>,
    printing: Option<Printing>,
    card: CardCounter,
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
    /// A laptop that started while VNeID or the portal could not be reached: the official's
    /// saved copy, open until the kept sign-in goes through.
    saved: Option<SavedCopy>,
}

struct SavedCopy {
    account: Account,
    /// When the account was saved, as shown.
    saved_at: String,
}

struct SignedIn {
    session: PortalSession,
    account: Account,
    tokens: Option<VneidTokens>,
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
        let Services { portal, idp, sandbox, offline, log, keychain, printing, card } = services;
        // A kiosk keeps nobody's sign-in.
        let keychain = if config.mode == Mode::Kiosk { Keychain::none() } else { keychain };
        let lang = config.lang;
        let pending = PendingLoginFile::new(pending_file);
        let mut visit = Visit::default();
        if let Some((login, page)) = pending.read() {
            visit.page = Some(page);
            visit.login = VneidLogin::resume(login);
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
            pending,
            notices: Mutex::new(Vec::new()),
            browser,
            first_screen: std::sync::Once::new(),
            resuming: tokio::sync::Mutex::new(()),
            printing,
            card,
        }
    }

    pub fn lang(&self) -> Lang {
        *lock(&self.lang)
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    pub fn app_info(&self) -> AppInfo {
        let kiosk = self.config.mode == Mode::Kiosk;
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            mode: self.config.mode,
            lang: self.lang(),
            sandbox: self.sandbox.is_some(),
            sandbox_sms_url: self.sandbox.as_ref().and_then(|base| base.join("sandbox/sms").ok()).map(String::from),
            portal_host: self.portal_host.clone(),
            vneid_host: self.vneid_host.clone(),
            idle_timeout_secs: if kiosk { self.config.idle_timeout_secs } else { 0 },
            idle_warning_secs: if kiosk { IDLE_WARNING_SECS } else { 0 },
            can_print: self.printing.is_some(),
        }
    }

    pub fn set_language(&self, lang: Lang) -> AppInfo {
        *lock(&self.lang) = lang;
        self.app_info()
    }

    pub async fn session(&self) -> Option<views::SessionView> {
        let visit = self.visit.lock().await;
        let lang = self.lang();
        match (&visit.signed_in, &visit.saved) {
            (Some(signed_in), _) => Some(session_view(signed_in, lang)),
            (None, Some(saved)) => Some(saved_view(saved, lang)),
            (None, None) => None,
        }
    }

    /// Notices that arrived before the UI listened; taken once.
    pub fn take_notices(&self) -> Vec<Notice> {
        // The UI asks for them last when it starts, so this marks its first screen being up;
        // the log line gives the start-up time, and `cargo xtask bench-app` waits for it.
        self.first_screen.call_once(|| {
            tracing::info!(ms = crate::since_start().as_millis() as u64, "the first screen is up");
        });
        std::mem::take(&mut *lock(&self.notices))
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
    pub fn notify<R: Runtime>(&self, app: &AppHandle<R>, level: NoticeLevel, message: String) {
        let notice = Notice { level, message };
        let mut notices = lock(&self.notices);
        if notices.len() >= 10 {
            notices.remove(0);
        }
        notices.push(notice.clone());
        drop(notices);
        contract::emit::<AppNotice, R>(app, notice);
    }

    /// The one way a visit becomes signed in, whichever way the person came (the wizard, a
    /// VNeID callback, a laptop's kept sign-in): their saved dossiers are opened and brought up
    /// to date, and the UI is told.
    fn finish_sign_in<R: Runtime>(&self, app: &AppHandle<R>, visit: &mut Visit, signed_in: SignedIn) {
        let lang = self.lang();
        self.offline.begin(&signed_in.account, signed_in.session.method);
        self.offline.start_sync(app, &self.portal, &signed_in.session, lang);
        let view = session_view(&signed_in, lang);
        visit.signed_in = Some(signed_in);
        visit.saved = None;
        visit.identity = None;
        contract::emit::<SessionChanged, R>(app, Some(view));
    }

    /// Maps a portal failure; an expired session also ends the visit's sign-in.
    fn portal_failure(&self, visit: &mut Visit, error: &PortalError) -> IpcError {
        if *error == PortalError::SessionExpired {
            visit.signed_in = None;
            visit.identity = None;
        }
        IpcError::portal(error, self.lang())
    }
}

/// The CCCD field's events, sent alike to the wizard and to Thông tin định danh.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum CccdInput {
    /// «Cập nhật» with the typed number.
    SubmitCccd { input: String },
    /// Back from a match failure to the field.
    EditCccd,
}

impl CccdInput {
    fn event(self) -> CccdLinkEvent {
        match self {
            CccdInput::SubmitCccd { input } => CccdLinkEvent::Submit { input, today: today() },
            CccdInput::EditCccd => CccdLinkEvent::Edit,
        }
    }
}

fn session_view(signed_in: &SignedIn, lang: Lang) -> views::SessionView {
    views::SessionView {
        method: signed_in.session.method,
        account: views::account(&signed_in.account, lang),
        offline_as_of: None,
    }
}

fn saved_view(saved: &SavedCopy, lang: Lang) -> views::SessionView {
    views::SessionView {
        method: saved.account.signed_in_with,
        account: views::account(&saved.account, lang),
        offline_as_of: Some(saved.saved_at.clone()),
    }
}

/// Today in Vietnam (UTC+7, no daylight saving), for the CCCD birth-year check.
fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::TimeDelta::hours(7)).date_naive()
}
