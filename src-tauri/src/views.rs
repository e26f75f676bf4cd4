//! What the UI is sent: the domain's states turned into the shapes the UI renders, with every
//! message in the user's language and every date formatted for display. `contract` renders
//! these types as TypeScript for the UI.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use dvclink_cache::{AuditOutcome, DossierListing, EndedBy};
use dvclink_core::cccd_entry::CccdEntry;
use dvclink_core::cccd_link::CccdLink;
use dvclink_core::dossier::{Document, Dossier, DossierStatus};
use dvclink_core::identity::{IdentityNotice, IdentityStep, IdentityUpdate};
use dvclink_core::lang::{Lang, Localized};
use dvclink_core::next_step::NextStep;
use dvclink_core::port::{MatchFailure, MatchField, OtpChallenge, PortalError};
use dvclink_core::profile::{Account, AccountKind, Profile, ProfileField, Sex, SignInMethod};
use dvclink_core::task::Task;
use dvclink_core::vneid::{LoginPhase, PENDING_LIFETIME, VneidLogin};
use dvclink_core::wizard::{LinkOutcome, LinkWizard, SignInProblem, WizardStep};
use serde::Serialize;
use ts_rs::TS;

use crate::config::Mode;

/// A problem to show on a screen, next to the field or form it concerns. `code` names it for
/// the UI (an error code of the domain), `message` says it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    pub code: String,
    pub message: String,
}

/// `app_info()` and `set_language({ lang })`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub mode: Mode,
    pub lang: Lang,
    /// True when no real portal is configured: show the permanent «Môi trường thử nghiệm» banner.
    pub sandbox: bool,
    /// With the sandbox: where its text messages (one-time codes) can be read; shown in the banner.
    pub sandbox_sms_url: Option<String>,
    /// Host (and port) of the portal and of VNeID, shown so users can spot a fake page.
    pub portal_host: String,
    pub vneid_host: String,
    /// Kiosk mode: seconds without any touch, click or key before the session ends by itself
    /// (`end_session({ reason: "timeout" })`), and how many seconds before that the warning with
    /// its countdown and «Tiếp tục» appears (at least 20, WCAG 2.2.1). Laptop mode: both 0.
    pub idle_timeout_secs: u32,
    pub idle_warning_secs: u32,
    /// A printer is configured (`printer`): «In hướng dẫn» and «In kết quả» are shown. Without
    /// one they are absent.
    pub can_print: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum WizardView {
    Credentials {
        task: Task,
        username: String,
        problem: Option<Problem>,
    },
    Code {
        task: Task,
        /// Where the code was texted, most digits hidden: "091****678".
        masked_phone: String,
        /// Seconds until «Gửi lại mã» may be pressed (0: now).
        resend_in_secs: i64,
        /// Seconds until the code expires.
        expires_in_secs: i64,
        problem: Option<Problem>,
    },
    AccountUnavailable {
        task: Task,
        problem: Problem,
    },
    EnterCccd {
        task: Task,
        /// The account holder's name, to greet them.
        account_name: String,
        entry: CccdEntryView,
        /// Why the last «Cập nhật» did not reach the portal (network, maintenance).
        problem: Option<Problem>,
    },
    MatchFailed {
        task: Task,
        account_name: String,
        entry: CccdEntryView,
        failure: MatchFailureView,
    },
    Done {
        task: Task,
        outcome: LinkOutcome,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
/// The CCCD field: what was typed (kept through every failure), its problem, its warnings.
pub struct CccdEntryView {
    pub input: String,
    pub problem: Option<Problem>,
    /// Warnings (an unknown province code): shown; pressing «Cập nhật» again goes ahead.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
/// How the population database refused the number, and what to do next (`message`).
pub struct MatchFailureView {
    pub kind: MatchFailureKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchFailureKind {
    UnknownNumber,
    MismatchFullName,
    MismatchBirthDate,
    MismatchSex,
    Taken,
}

/// Where the VNeID sign-in page was opened: the system browser (laptop) or a window (kiosk).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenedIn {
    Browser,
    Window,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum VneidView {
    Idle,
    Waiting {
        task: Task,
        opened_in: OpenedIn,
        /// The host of the sign-in page, to show: «Trang đăng nhập thuộc: …».
        host: String,
        /// The full sign-in address, for users whose browser did not open.
        url: String,
        /// Seconds left before this sign-in expires (ten minutes from the start).
        expires_in_secs: i64,
        /// A callback that was refused, or the browser failing to open; the sign-in still waits.
        problem: Option<Problem>,
    },
    Working {
        task: Task,
    },
    SignedIn {
        task: Task,
        legacy_linked: bool,
    },
    Failed {
        task: Task,
        problem: Problem,
        /// What to do next, for the failures a citizen can act on; printed by «In hướng dẫn».
        next_step: Option<NextStep>,
    },
}

/// `session()`, and the payload of `session://changed`; null when nobody is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SessionView {
    pub method: SignInMethod,
    pub account: AccountView,
    /// Null when signed in. Otherwise a laptop started while VNeID or the portal could not be
    /// reached, and this is the official's saved copy as of this time ("dd/mm/yyyy hh:mm"):
    /// search, filters and saved details work; what needs the portal says it waits for the
    /// network. The session becomes live by itself (`session://changed`) when the network
    /// returns, and a sync runs.
    pub offline_as_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccountView {
    /// The old portal user name; null for an identity that only exists through VNeID.
    pub username: Option<String>,
    pub kind: AccountKind,
    pub kind_label: String,
    pub full_name: String,
    pub has_cccd: bool,
    /// «Định danh mức độ 2», or null.
    pub identity_level: Option<String>,
    pub signed_in_with: SignInMethod,
    /// After a VNeID sign-in: whether the old account is linked, so its dossiers show.
    pub legacy_linked: bool,
    /// Thông tin định danh, in display order.
    pub fields: Vec<FieldView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldView {
    pub key: FieldKey,
    pub label: String,
    /// Already formatted for display (dates as dd/mm/yyyy); null when empty.
    pub value: Option<String>,
    /// Confirmed by the population database: shown with a green mark.
    pub verified: bool,
}

/// The fields of Thông tin cá nhân, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldKey {
    FullName,
    Cccd,
    BirthDate,
    Sex,
    Ethnicity,
    Nationality,
    HomeTown,
    PermanentAddress,
    CurrentAddress,
    Cmnd,
    Phone,
    Email,
    TaxCode,
    SocialInsuranceNo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum IdentityView {
    Viewing {
        account: AccountView,
        notice: Option<NoticeView>,
        /// Null when the account was just read from the portal. Otherwise the portal could not
        /// be reached and this is the saved copy, as of this time ("dd/mm/yyyy hh:mm"): say so,
        /// and offer «Thử lại» (`identity({ input: { event: "open" } })`).
        offline_as_of: Option<String>,
    },
    EnterCccd {
        account: AccountView,
        entry: CccdEntryView,
        problem: Option<Problem>,
    },
    MatchFailed {
        account: AccountView,
        entry: CccdEntryView,
        failure: MatchFailureView,
    },
    Preview {
        account: AccountView,
        fields: Vec<FieldView>,
        problem: Option<Problem>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoticeView {
    pub kind: IdentityNoticeKind,
    pub message: String,
}

/// How the last «Cập nhật từ CSDL Quốc gia về Dân cư» went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdentityNoticeKind {
    Updated,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusView {
    /// TrangThaiHoSo, 1 to 10.
    pub code: u8,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DossierSummary {
    pub code: String,
    pub procedure_name: String,
    pub agency: String,
    pub status: StatusView,
    pub channel: String,
    /// Display strings, dd/mm/yyyy hh:mm, or null.
    pub received_at: Option<String>,
    pub due_at: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
/// `dossiers({ query })`: one page of Hồ sơ đã nộp, read from the local cache (so it answers
/// offline and as the user types). Never rejects because of the network: how fresh the cache is
/// comes in `sync`.
pub struct DossierListView {
    /// The page asked for.
    pub items: Vec<DossierSummary>,
    pub offset: usize,
    /// How many dossiers match the query.
    pub total: usize,
    /// How many dossiers the cache holds for this person, whatever the query.
    pub cached: usize,
    /// All ten statuses in code order, with labels in the current language, for the filter.
    pub statuses: Vec<StatusView>,
    pub sync: SyncView,
}

/// How the cache stands against the portal. `sync({ action })` and the `sync://progress` event
/// carry it too. A sync starts by itself after every sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SyncView {
    pub state: SyncState,
    /// Changes received in the current (or last) run.
    pub done: u64,
    /// Changes the portal has for the current run, when it says.
    pub total: Option<u64>,
    /// When the last complete sync finished, "dd/mm/yyyy hh:mm" (Vietnam time), or null.
    pub last_synced_at: Option<String>,
    /// The last attempt could not reach the portal (no network, portal down).
    pub offline: bool,
    pub problem: Option<Problem>,
}

/// Where a sync stands.
/// - `never`: nothing has been fetched yet for this person.
/// - `running`: pages are arriving; `done` of `total` (null: not known yet). Offer «Dừng».
/// - `done`: the cache holds what the portal had at `last_synced_at`. Offer «Cập nhật».
/// - `cancelled`: stopped by the user; what arrived is kept and a new start goes on from there.
/// - `failed`: stopped by `problem`; what arrived is kept. With `offline`, say that the saved
///   copy as of `last_synced_at` is shown, and offer «Thử lại».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    #[default]
    Never,
    Running,
    Done,
    Cancelled,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DossierDetailView {
    #[serde(flatten)]
    pub base: DossierSummary,
    pub procedure_code: String,
    pub field_code: Option<String>,
    pub receipt_no: Option<String>,
    pub owner: String,
    #[serde(rename = "summary")]
    pub summary_text: String,
    pub returned_at: Option<String>,
    pub fees: Vec<FeeView>,
    pub attachments: Vec<DocumentView>,
    pub results: Vec<DocumentView>,
    /// Oldest first.
    pub steps: Vec<StepView>,
    /// Null when read from the portal just now; otherwise the dossier comes from the cache and
    /// this is when the cache was last brought up to date ("dd/mm/yyyy hh:mm"), or "" if never.
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FeeView {
    pub name: String,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentView {
    pub name: String,
    pub file_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StepView {
    pub at: String,
    pub handler: String,
    pub department: String,
    pub content: String,
}

/// `audit_open({ pin })`: every session at this machine, newest first, with no personal data.
/// `configured` false: no officer PIN is set, so the log cannot be opened here. A wrong PIN
/// rejects with `invalid_input`, its message saying how many tries are left or how long the
/// screen is locked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditView {
    pub configured: bool,
    /// At most the newest 500.
    pub entries: Vec<AuditEntryView>,
    /// Sessions in the whole log.
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditEntryView {
    /// "dd/mm/yyyy hh:mm:ss".
    pub started_at: String,
    /// Null when the app stopped during the session (see `ended_by`).
    pub ended_at: Option<String>,
    pub duration_secs: Option<i64>,
    /// What happened, in order.
    pub outcomes: Vec<Labelled<AuditOutcome>>,
    pub ended_by: Option<Labelled<EndedBy>>,
}

/// A code the UI may branch on, with its label in the current language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Labelled<C> {
    pub code: C,
    pub label: String,
}

/// `audit_export`: where the CSV went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditExport {
    pub path: String,
    pub rows: u64,
}

/// `app://notice`: something the user should know that came from outside a command (a bad deep
/// link, a refused callback) or from the app itself (a damaged cache file started afresh).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Notice {
    pub level: NoticeLevel,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoticeLevel {
    Info,
    Error,
}

/// Where the current VNeID sign-in page is, as the waiting screen tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInPage {
    pub url: String,
    pub host: String,
    pub opened_in: OpenedIn,
    pub problem: Option<Problem>,
}

pub fn problem(code: &str, message: String) -> Problem {
    Problem { code: code.to_owned(), message }
}

pub fn wizard(wizard: &LinkWizard, lang: Lang, now: DateTime<Utc>) -> WizardView {
    let task = wizard.task().clone();
    let account_name = wizard.account().map(|a| a.profile.full_name.clone()).unwrap_or_default();
    let shown = |p: &SignInProblem| problem(p.code(), p.text(lang));
    let code = |challenge: &OtpChallenge, problem: Option<Problem>| WizardView::Code {
        task: task.clone(),
        masked_phone: challenge.masked_phone.clone(),
        resend_in_secs: (challenge.resend_at - now).num_seconds().max(0),
        expires_in_secs: (challenge.expires_at - now).num_seconds().max(0),
        problem,
    };
    match wizard.step() {
        WizardStep::Credentials { username, problem: p } => {
            WizardView::Credentials { task, username: username.clone(), problem: p.as_ref().map(shown) }
        }
        WizardStep::CheckingPassword { username } => {
            WizardView::Credentials { task, username: username.clone(), problem: None }
        }
        WizardStep::Code { challenge, problem: p } => code(challenge, p.as_ref().map(shown)),
        WizardStep::CheckingCode { challenge } | WizardStep::ResendingCode { challenge } => code(challenge, None),
        WizardStep::LoadingAccount => {
            WizardView::AccountUnavailable { task, problem: portal_problem(&PortalError::Unreachable, lang) }
        }
        WizardStep::AccountUnavailable { error } => {
            WizardView::AccountUnavailable { task, problem: portal_problem(error, lang) }
        }
        WizardStep::Cccd(link) => match cccd_link(link, lang) {
            CccdLinkView::Entering { entry, problem } => WizardView::EnterCccd { task, account_name, entry, problem },
            CccdLinkView::MatchFailed { entry, failure } => {
                WizardView::MatchFailed { task, account_name, entry, failure }
            }
        },
        WizardStep::Done { outcome } => WizardView::Done { task, outcome: *outcome },
    }
}

pub fn portal_problem(error: &PortalError, lang: Lang) -> Problem {
    problem(error.code(), error.text(lang))
}

/// The CCCD link as both the wizard and Thông tin định danh show it: the field (while the
/// portal is asked too), or the population database's refusal.
enum CccdLinkView {
    Entering { entry: CccdEntryView, problem: Option<Problem> },
    MatchFailed { entry: CccdEntryView, failure: MatchFailureView },
}

fn cccd_link(link: &CccdLink, lang: Lang) -> CccdLinkView {
    let entry = cccd_entry(link.entry(), lang);
    match link {
        CccdLink::Entering { error, .. } => {
            CccdLinkView::Entering { entry, problem: error.as_ref().map(|e| portal_problem(e, lang)) }
        }
        CccdLink::Linking { .. } => CccdLinkView::Entering { entry, problem: None },
        CccdLink::MatchFailed { failure, .. } => {
            CccdLinkView::MatchFailed { entry, failure: match_failure(*failure, lang) }
        }
    }
}

fn cccd_entry(entry: &CccdEntry, lang: Lang) -> CccdEntryView {
    CccdEntryView {
        input: entry.input.clone(),
        problem: entry.problem.as_ref().map(|p| problem(p.code(), p.text(lang))),
        warnings: entry.warnings.iter().map(|w| w.text(lang)).collect(),
    }
}

fn match_failure(failure: MatchFailure, lang: Lang) -> MatchFailureView {
    let kind = match failure {
        MatchFailure::UnknownNumber => MatchFailureKind::UnknownNumber,
        MatchFailure::Mismatch(MatchField::FullName) => MatchFailureKind::MismatchFullName,
        MatchFailure::Mismatch(MatchField::BirthDate) => MatchFailureKind::MismatchBirthDate,
        MatchFailure::Mismatch(MatchField::Sex) => MatchFailureKind::MismatchSex,
        MatchFailure::Taken => MatchFailureKind::Taken,
    };
    MatchFailureView { kind, message: failure.text(lang) }
}

/// The VNeID sign-in as the waiting screen shows it.
pub fn vneid(login: &VneidLogin, page: Option<&SignInPage>, lang: Lang, now: DateTime<Utc>) -> VneidView {
    match login.phase() {
        LoginPhase::Idle => VneidView::Idle,
        LoginPhase::Waiting(pending) => VneidView::Waiting {
            task: pending.task.clone(),
            opened_in: page.map_or(OpenedIn::Browser, |p| p.opened_in),
            host: page.map(|p| p.host.clone()).unwrap_or_default(),
            url: page.map(|p| p.url.clone()).unwrap_or_default(),
            expires_in_secs: (pending.started_at + PENDING_LIFETIME - now).num_seconds().max(0),
            problem: page.and_then(|p| p.problem.clone()),
        },
        LoginPhase::Exchanging { task } | LoginPhase::OpeningPortal { task, .. } => {
            VneidView::Working { task: task.clone() }
        }
        LoginPhase::SignedIn(signed_in) => {
            VneidView::SignedIn { task: signed_in.task.clone(), legacy_linked: signed_in.account.legacy_linked }
        }
        LoginPhase::Failed { task, error } => VneidView::Failed {
            task: task.clone(),
            problem: problem(error.code(), error.text(lang)),
            next_step: error.next_step(lang),
        },
    }
}

pub fn account(account: &Account, lang: Lang) -> AccountView {
    AccountView {
        username: account.username.clone(),
        kind: account.kind,
        kind_label: kind_label(account.kind, lang),
        full_name: account.profile.full_name.clone(),
        has_cccd: account.has_cccd(),
        identity_level: account.identity_level.map(|l| l.text(lang)),
        signed_in_with: account.signed_in_with,
        legacy_linked: account.legacy_linked,
        fields: fields(&account.profile, &account.verified, lang),
    }
}

/// Whose account it is, in words.
pub fn kind_label(kind: AccountKind, lang: Lang) -> String {
    match kind {
        AccountKind::Citizen => lang.pick("Công dân", "Citizen"),
        AccountKind::Official => lang.pick("Cán bộ, công chức", "Official"),
    }
    .to_owned()
}

/// The profile's fields in display order, with their verified marks.
pub fn fields(profile: &Profile, verified: &BTreeSet<ProfileField>, lang: Lang) -> Vec<FieldView> {
    let field = |key: ProfileField, value: Option<String>| FieldView {
        key: field_key(key),
        label: key.text(lang),
        value,
        verified: verified.contains(&key),
    };
    let extra = |key: FieldKey, vi: &str, en: &str, value: &Option<String>| FieldView {
        key,
        label: lang.pick(vi, en).to_owned(),
        value: value.clone(),
        verified: false,
    };
    vec![
        field(ProfileField::FullName, Some(profile.full_name.clone()).filter(|n| !n.is_empty())),
        field(ProfileField::Cccd, profile.cccd.as_ref().map(|c| c.as_str().to_owned())),
        field(ProfileField::BirthDate, profile.birth_date.as_ref().map(date)),
        field(ProfileField::Sex, profile.sex.map(|s: Sex| s.text(lang))),
        field(ProfileField::Ethnicity, profile.ethnicity.clone()),
        field(ProfileField::Nationality, profile.nationality.clone()),
        field(ProfileField::HomeTown, profile.home_town.clone()),
        field(ProfileField::PermanentAddress, profile.permanent_address.clone()),
        field(ProfileField::CurrentAddress, profile.current_address.clone()),
        extra(FieldKey::Cmnd, "Số CMND", "Old ID card (CMND)", &profile.cmnd),
        extra(FieldKey::Phone, "Số điện thoại", "Phone", &profile.phone),
        extra(FieldKey::Email, "Thư điện tử", "Email", &profile.email),
        extra(FieldKey::TaxCode, "Mã số thuế", "Tax code", &profile.tax_code),
        extra(FieldKey::SocialInsuranceNo, "Mã số BHXH", "Social insurance number", &profile.social_insurance_no),
    ]
}

fn field_key(field: ProfileField) -> FieldKey {
    match field {
        ProfileField::FullName => FieldKey::FullName,
        ProfileField::Cccd => FieldKey::Cccd,
        ProfileField::BirthDate => FieldKey::BirthDate,
        ProfileField::Sex => FieldKey::Sex,
        ProfileField::Ethnicity => FieldKey::Ethnicity,
        ProfileField::Nationality => FieldKey::Nationality,
        ProfileField::HomeTown => FieldKey::HomeTown,
        ProfileField::PermanentAddress => FieldKey::PermanentAddress,
        ProfileField::CurrentAddress => FieldKey::CurrentAddress,
    }
}

pub fn identity(update: &IdentityUpdate, lang: Lang) -> IdentityView {
    let account_view = account(update.account(), lang);
    match update.step() {
        IdentityStep::Viewing { notice } => IdentityView::Viewing {
            account: account_view,
            offline_as_of: None,
            notice: notice.as_ref().map(|n| match n {
                IdentityNotice::Updated => {
                    NoticeView { kind: IdentityNoticeKind::Updated, message: identity_updated(lang) }
                }
                IdentityNotice::Failed { error } => {
                    NoticeView { kind: IdentityNoticeKind::Failed, message: error.text(lang) }
                }
            }),
        },
        IdentityStep::Cccd(link) => match cccd_link(link, lang) {
            CccdLinkView::Entering { entry, problem } => {
                IdentityView::EnterCccd { account: account_view, entry, problem }
            }
            CccdLinkView::MatchFailed { entry, failure } => {
                IdentityView::MatchFailed { account: account_view, entry, failure }
            }
        },
        IdentityStep::LookingUp => IdentityView::Viewing { account: account_view, notice: None, offline_as_of: None },
        IdentityStep::Preview { preview, error } => IdentityView::Preview {
            account: account_view,
            fields: fields(&preview.profile, &preview.verified, lang),
            problem: error.as_ref().map(|e| portal_problem(e, lang)),
        },
        IdentityStep::Confirming { preview } => IdentityView::Preview {
            account: account_view,
            fields: fields(&preview.profile, &preview.verified, lang),
            problem: None,
        },
    }
}

/// The notice after «Cập nhật» on the population record.
pub fn identity_updated(lang: Lang) -> String {
    lang.pick(
        "Đã cập nhật thông tin định danh từ CSDL Quốc gia về Dân cư.",
        "Your identity details were updated from the national population database.",
    )
    .to_owned()
}

pub fn dossier_detail(dossier: &Dossier, lang: Lang) -> DossierDetailView {
    DossierDetailView {
        base: dossier_listing(&DossierListing::of(dossier), lang),
        procedure_code: dossier.procedure_code.clone(),
        field_code: dossier.field_code.clone(),
        receipt_no: dossier.receipt_no.clone(),
        owner: dossier.owner.clone(),
        summary_text: dossier.summary.clone(),
        returned_at: dossier.returned_at.as_ref().map(time),
        fees: dossier.fees.iter().map(|f| FeeView { name: f.name.clone(), amount: money(f.amount_vnd) }).collect(),
        attachments: dossier.attachments.iter().map(document).collect(),
        results: dossier.results.iter().map(document).collect(),
        steps: dossier
            .steps
            .iter()
            .map(|s| StepView {
                at: time(&s.at),
                handler: s.handler.clone(),
                department: s.department.clone(),
                content: s.content.clone(),
            })
            .collect(),
        as_of: None,
    }
}

/// A row of the list as the cache gives it.
pub fn dossier_listing(dossier: &DossierListing, lang: Lang) -> DossierSummary {
    DossierSummary {
        code: dossier.code.as_str().to_owned(),
        procedure_name: dossier.procedure_name.clone(),
        agency: dossier.agency.clone(),
        status: status(dossier.status, lang),
        channel: dossier.channel.text(lang),
        received_at: dossier.received_at.as_ref().map(time),
        due_at: dossier.due_at.as_ref().map(time),
        updated_at: time(&dossier.updated_at),
    }
}

pub fn status(status: DossierStatus, lang: Lang) -> StatusView {
    StatusView { code: status.code(), label: status.text(lang) }
}

fn document(document: &Document) -> DocumentView {
    DocumentView { name: document.name.clone(), file_name: document.file_name.clone() }
}

pub fn audit_outcome(outcome: AuditOutcome, lang: Lang) -> &'static str {
    match outcome {
        AuditOutcome::AlreadyLinked => lang.pick("Đã liên kết từ trước", "Already linked"),
        AuditOutcome::Linked => lang.pick("Liên kết CCCD thành công", "CCCD linked"),
        AuditOutcome::Skipped => lang.pick("Bỏ qua liên kết", "Linking skipped"),
        AuditOutcome::MatchFailed => lang.pick("Không khớp CSDL dân cư", "No match in the population database"),
        AuditOutcome::VneidSignedIn => lang.pick("Đăng nhập VNeID", "Signed in with VNeID"),
        AuditOutcome::CardGenuine => lang.pick("Đọc thẻ: thẻ thật", "Card read: genuine"),
        AuditOutcome::CardUnverified => lang.pick("Đọc thẻ: chưa xác minh được", "Card read: unverified"),
        AuditOutcome::CardRefused => lang.pick("Đọc thẻ: thẻ bị từ chối", "Card read: refused"),
    }
}

pub fn ended_by(by: EndedBy, lang: Lang) -> &'static str {
    match by {
        EndedBy::Button => lang.pick("Bấm «Kết thúc phiên»", "«End session» pressed"),
        EndedBy::Timeout => lang.pick("Hết thời gian chờ", "Idle time-out"),
        EndedBy::SignOut => lang.pick("Đăng xuất", "Signed out"),
        EndedBy::Restart => lang.pick("Ứng dụng khởi động lại", "The app restarted"),
    }
}

/// `dd/mm/yyyy`, as Vietnamese forms write dates.
pub fn date(date: &NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// `dd/mm/yyyy hh:mm`, Vietnam time.
pub fn time(time: &NaiveDateTime) -> String {
    time.format("%d/%m/%Y %H:%M").to_string()
}

/// `1.250.000 đ`: dots between thousands, as in Vietnam.
pub fn money(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{out} đ")
}
