//! What the UI is sent: the domain's states turned into the shapes of `ui/src/types.ts`, with
//! every message in the user's language and every date formatted for display.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use dvclink_cache::{AuditOutcome, DossierListing, EndedBy};
use dvclink_core::cccd_entry::CccdEntry;
use dvclink_core::dossier::{Document, Dossier, DossierStatus};
use dvclink_core::identity::{IdentityNotice, IdentityStep, IdentityUpdate};
use dvclink_core::lang::{Lang, Localized};
use dvclink_core::port::{MatchFailure, OtpChallenge, PortalError};
use dvclink_core::profile::{Account, AccountKind, Profile, ProfileField, Sex, SignInMethod};
use dvclink_core::task::Task;
use dvclink_core::vneid::{LoginPhase, PENDING_LIFETIME, VneidLogin};
use dvclink_core::wizard::{LinkOutcome, LinkWizard, SignInProblem, WizardStep};
use serde::Serialize;

/// A problem shown on a screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppInfo {
    pub version: String,
    pub mode: &'static str,
    pub lang: Lang,
    pub sandbox: bool,
    /// Where the sandbox's text messages (one-time codes) can be read.
    pub sandbox_sms_url: Option<String>,
    pub portal_host: String,
    pub vneid_host: String,
    /// Kiosk mode: the idle time-out and its warning, in seconds; 0 on a laptop.
    pub idle_timeout_secs: u32,
    pub idle_warning_secs: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum WizardView {
    Credentials { task: Task, username: String, problem: Option<Problem> },
    Code { task: Task, masked_phone: String, resend_in_secs: i64, expires_in_secs: i64, problem: Option<Problem> },
    AccountUnavailable { task: Task, problem: Problem },
    EnterCccd { task: Task, account_name: String, entry: CccdEntryView, problem: Option<Problem> },
    MatchFailed { task: Task, account_name: String, entry: CccdEntryView, failure: MatchFailureView },
    Done { task: Task, outcome: LinkOutcome },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CccdEntryView {
    pub input: String,
    pub problem: Option<Problem>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchFailureView {
    pub kind: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum VneidView {
    Idle,
    Waiting {
        task: Task,
        opened_in: &'static str,
        host: String,
        url: String,
        expires_in_secs: i64,
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
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionView {
    pub method: SignInMethod,
    pub account: AccountView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountView {
    pub username: Option<String>,
    pub kind: AccountKind,
    pub kind_label: String,
    pub full_name: String,
    pub has_cccd: bool,
    pub identity_level: Option<String>,
    pub signed_in_with: SignInMethod,
    pub legacy_linked: bool,
    pub fields: Vec<FieldView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldView {
    pub key: &'static str,
    pub label: String,
    pub value: Option<String>,
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum IdentityView {
    Viewing { account: AccountView, notice: Option<NoticeView>, offline_as_of: Option<String> },
    EnterCccd { account: AccountView, entry: CccdEntryView, problem: Option<Problem> },
    MatchFailed { account: AccountView, entry: CccdEntryView, failure: MatchFailureView },
    Preview { account: AccountView, fields: Vec<FieldView>, problem: Option<Problem> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticeView {
    pub kind: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusView {
    pub code: u8,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DossierSummary {
    pub code: String,
    pub procedure_name: String,
    pub agency: String,
    pub status: StatusView,
    pub channel: String,
    pub received_at: Option<String>,
    pub due_at: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DossierListView {
    pub items: Vec<DossierSummary>,
    pub offset: usize,
    /// Matches of the query.
    pub total: usize,
    /// Everything the cache holds for the person.
    pub cached: usize,
    pub statuses: Vec<StatusView>,
    pub sync: SyncView,
}

/// How the cache stands against the portal (see `SyncView` in `ui/src/types.ts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncView {
    pub state: &'static str,
    pub done: u64,
    pub total: Option<u64>,
    pub last_synced_at: Option<String>,
    pub offline: bool,
    pub problem: Option<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    pub steps: Vec<StepView>,
    /// Null when just read from the portal; else when the cache was last complete.
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeView {
    pub name: String,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentView {
    pub name: String,
    pub file_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepView {
    pub at: String,
    pub handler: String,
    pub department: String,
    pub content: String,
}

/// `audit_open`: the office's audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditView {
    pub configured: bool,
    pub entries: Vec<AuditEntryView>,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntryView {
    pub started_at: String,
    pub ended_at: Option<String>,
    pub duration_secs: Option<i64>,
    pub outcomes: Vec<Labelled>,
    pub ended_by: Option<Labelled>,
}

/// A code the UI may branch on, with its label in the current language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labelled {
    pub code: &'static str,
    pub label: String,
}

/// `audit_export`: where the CSV went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditExport {
    pub path: String,
    pub rows: u64,
}

/// An event for the UI from outside a command: a bad deep link, a refused callback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub level: &'static str,
    pub message: String,
}

/// Where the current VNeID sign-in page is, as the waiting screen tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInPage {
    pub url: String,
    pub host: String,
    pub opened_in: &'static str,
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
        WizardStep::EnterCccd { entry, error } => WizardView::EnterCccd {
            task,
            account_name,
            entry: cccd_entry(entry, lang),
            problem: error.as_ref().map(|e| portal_problem(e, lang)),
        },
        WizardStep::Linking { entry } => {
            WizardView::EnterCccd { task, account_name, entry: cccd_entry(entry, lang), problem: None }
        }
        WizardStep::MatchFailed { entry, failure } => WizardView::MatchFailed {
            task,
            account_name,
            entry: cccd_entry(entry, lang),
            failure: match_failure(*failure, lang),
        },
        WizardStep::Done { outcome } => WizardView::Done { task, outcome: *outcome },
    }
}

pub fn portal_problem(error: &PortalError, lang: Lang) -> Problem {
    problem(error.code(), error.text(lang))
}

fn cccd_entry(entry: &CccdEntry, lang: Lang) -> CccdEntryView {
    CccdEntryView {
        input: entry.input.clone(),
        problem: entry.problem.as_ref().map(|p| problem(p.code(), p.text(lang))),
        warnings: entry.warnings.iter().map(|w| w.text(lang)).collect(),
    }
}

fn match_failure(failure: MatchFailure, lang: Lang) -> MatchFailureView {
    MatchFailureView { kind: failure.code(), message: failure.text(lang) }
}

/// The VNeID sign-in as the waiting screen shows it.
pub fn vneid(login: &VneidLogin, page: Option<&SignInPage>, lang: Lang, now: DateTime<Utc>) -> VneidView {
    match login.phase() {
        LoginPhase::Idle => VneidView::Idle,
        LoginPhase::Waiting(pending) => VneidView::Waiting {
            task: pending.task.clone(),
            opened_in: page.map_or("browser", |p| p.opened_in),
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
        LoginPhase::Failed { task, error } => {
            VneidView::Failed { task: task.clone(), problem: problem(error.code(), error.text(lang)) }
        }
    }
}

pub fn account(account: &Account, lang: Lang) -> AccountView {
    AccountView {
        username: account.username.clone(),
        kind: account.kind,
        kind_label: match account.kind {
            AccountKind::Citizen => lang.pick("Công dân", "Citizen"),
            AccountKind::Official => lang.pick("Cán bộ, công chức", "Official"),
        }
        .to_owned(),
        full_name: account.profile.full_name.clone(),
        has_cccd: account.has_cccd(),
        identity_level: account.identity_level.map(|l| l.text(lang)),
        signed_in_with: account.signed_in_with,
        legacy_linked: account.legacy_linked,
        fields: fields(&account.profile, &account.verified, lang),
    }
}

/// The profile's fields in display order, with their verified marks.
pub fn fields(profile: &Profile, verified: &BTreeSet<ProfileField>, lang: Lang) -> Vec<FieldView> {
    let field = |key: ProfileField, value: Option<String>| FieldView {
        key: field_key(key),
        label: key.text(lang),
        value,
        verified: verified.contains(&key),
    };
    let extra = |key: &'static str, vi: &str, en: &str, value: &Option<String>| FieldView {
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
        extra("cmnd", "Số CMND", "Old ID card (CMND)", &profile.cmnd),
        extra("phone", "Số điện thoại", "Phone", &profile.phone),
        extra("email", "Thư điện tử", "Email", &profile.email),
        extra("tax_code", "Mã số thuế", "Tax code", &profile.tax_code),
        extra("social_insurance_no", "Mã số BHXH", "Social insurance number", &profile.social_insurance_no),
    ]
}

fn field_key(field: ProfileField) -> &'static str {
    match field {
        ProfileField::FullName => "full_name",
        ProfileField::Cccd => "cccd",
        ProfileField::BirthDate => "birth_date",
        ProfileField::Sex => "sex",
        ProfileField::Ethnicity => "ethnicity",
        ProfileField::Nationality => "nationality",
        ProfileField::HomeTown => "home_town",
        ProfileField::PermanentAddress => "permanent_address",
        ProfileField::CurrentAddress => "current_address",
    }
}

pub fn identity(update: &IdentityUpdate, lang: Lang) -> IdentityView {
    let account_view = account(update.account(), lang);
    match update.step() {
        IdentityStep::Viewing { notice } => IdentityView::Viewing {
            account: account_view,
            offline_as_of: None,
            notice: notice.as_ref().map(|n| match n {
                IdentityNotice::Updated => NoticeView {
                    kind: "updated",
                    message: lang
                        .pick(
                            "Đã cập nhật thông tin định danh từ CSDL Quốc gia về Dân cư.",
                            "Your identity details were updated from the national population database.",
                        )
                        .to_owned(),
                },
                IdentityNotice::Failed { error } => NoticeView { kind: "failed", message: error.text(lang) },
            }),
        },
        IdentityStep::EnterCccd { entry, error } => IdentityView::EnterCccd {
            account: account_view,
            entry: cccd_entry(entry, lang),
            problem: error.as_ref().map(|e| portal_problem(e, lang)),
        },
        IdentityStep::Linking { entry } => {
            IdentityView::EnterCccd { account: account_view, entry: cccd_entry(entry, lang), problem: None }
        }
        IdentityStep::MatchFailed { entry, failure } => IdentityView::MatchFailed {
            account: account_view,
            entry: cccd_entry(entry, lang),
            failure: match_failure(*failure, lang),
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
