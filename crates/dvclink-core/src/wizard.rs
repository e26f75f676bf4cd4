//! The linking wizard of the guide, steps 1 to 3, as a pure state machine: sign in with the
//! portal's own account (password, then a one-time code), then, if the account has no CCCD
//! number, enter it and press "Cập nhật" or "Bỏ qua". Events go in; the new step and at most one
//! effect come out. [`perform`] runs an effect against a [`Portal`]; [`advance`] chains both.
//!
//! The task the user set out for is fixed when the wizard starts and is where every path ends.

use std::mem;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::cccd::Cccd;
use crate::cccd_link::{CccdLink, CccdLinkEvent, CccdLinkNext};
use crate::lang::{Lang, Localized};
use crate::port::{ChallengeId, LinkError, OtpChallenge, Portal, PortalError, PortalSession};
use crate::profile::Account;
use crate::refusal::{Refusal, settle};
use crate::secret::Secret;
use crate::task::Task;

/// The wizard: where the user is heading, and how far they got.
#[derive(Debug, Clone)]
pub struct LinkWizard {
    task: Task,
    step: WizardStep,
    session: Option<PortalSession>,
    account: Option<Account>,
}

/// The screen the wizard is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum WizardStep {
    /// Bước 1: user name and password.
    Credentials {
        username: String,
        problem: Option<SignInProblem>,
    },
    CheckingPassword {
        username: String,
    },
    /// The one-time code sent by text message.
    Code {
        challenge: OtpChallenge,
        problem: Option<SignInProblem>,
    },
    CheckingCode {
        challenge: OtpChallenge,
    },
    ResendingCode {
        challenge: OtpChallenge,
    },
    /// Bước 2: the portal checks whether the account carries a CCCD number.
    LoadingAccount,
    AccountUnavailable {
        error: PortalError,
    },
    /// Bước 3: no CCCD yet; enter it and press «Cập nhật», or «Bỏ qua».
    Cccd(CccdLink),
    /// Signed in; land on the task.
    Done {
        outcome: LinkOutcome,
    },
}

/// How the wizard ended.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkOutcome {
    /// The account already carried a CCCD number.
    AlreadyLinked,
    /// The user entered a CCCD number and the population database matched it.
    Linked,
    /// The user pressed "Bỏ qua"; they can link later from Thông tin định danh.
    Skipped,
}

/// What went wrong on a sign-in screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SignInProblem {
    MissingUsername,
    MissingPassword,
    /// A one-time code is six digits.
    CodeFormat,
    Portal {
        error: PortalError,
    },
}

/// Something that happened: the user acted, or the portal answered.
#[derive(Debug, Clone)]
pub enum WizardEvent {
    SubmitPassword {
        username: String,
        password: Secret,
    },
    PasswordChecked(Result<OtpChallenge, PortalError>),
    ResendCode {
        now: DateTime<Utc>,
    },
    CodeResent(Result<OtpChallenge, PortalError>),
    SubmitCode {
        code: String,
    },
    CodeChecked(Result<PortalSession, PortalError>),
    /// Back from the code screen to user name and password.
    ChangeAccount,
    AccountLoaded(Result<Account, PortalError>),
    /// Try loading the account again after a failure.
    Retry,
    /// The CCCD field, «Cập nhật», and the portal's answer.
    Cccd(CccdLinkEvent),
    /// "Bỏ qua".
    Skip,
}

/// A call the wizard needs made to the portal; its answer comes back as an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WizardEffect {
    CheckPassword { username: String, password: Secret },
    ResendCode { challenge: ChallengeId },
    CheckCode { challenge: ChallengeId, code: Secret },
    LoadAccount { session: PortalSession },
    LinkCccd { session: PortalSession, cccd: Cccd },
}

/// The end of a successful wizard: a session, its account, and where to land.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session: PortalSession,
    pub account: Account,
    pub task: Task,
    pub outcome: LinkOutcome,
}

impl LinkWizard {
    /// Starts at the sign-in screen, heading for `task`.
    pub fn new(task: Task) -> LinkWizard {
        LinkWizard {
            task,
            step: WizardStep::Credentials { username: String::new(), problem: None },
            session: None,
            account: None,
        }
    }

    pub fn task(&self) -> &Task {
        &self.task
    }

    pub fn step(&self) -> &WizardStep {
        &self.step
    }

    /// The account once loaded.
    pub fn account(&self) -> Option<&Account> {
        self.account.as_ref()
    }

    /// The session, account and task once the wizard is done.
    pub fn signed_in(&self) -> Option<SignedIn> {
        let WizardStep::Done { outcome } = self.step else { return None };
        Some(SignedIn {
            session: self.session.clone()?,
            account: self.account.clone()?,
            task: self.task.clone(),
            outcome,
        })
    }

    /// Takes one event. On refusal nothing changes.
    pub fn handle(&mut self, event: WizardEvent) -> Result<Option<WizardEffect>, Refusal> {
        let refusal = Refusal { step: self.step.name(), event: event.name() };
        let step = mem::replace(&mut self.step, WizardStep::LoadingAccount);
        let outcome = self.transition(step, event);
        settle(&mut self.step, outcome, refusal)
    }

    /// Computes the next step; gives the old one back when the event does not fit.
    /// The refused step travels back whole, so it is as large as any step.
    #[allow(clippy::result_large_err)]
    fn transition(
        &mut self,
        step: WizardStep,
        event: WizardEvent,
    ) -> Result<(WizardStep, Option<WizardEffect>), WizardStep> {
        use WizardEvent as E;
        use WizardStep as S;
        let next = match (step, event) {
            (S::Credentials { .. }, E::SubmitPassword { username, password }) => {
                let username = username.trim().to_owned();
                let problem = if username.is_empty() {
                    Some(SignInProblem::MissingUsername)
                } else if password.is_empty() {
                    Some(SignInProblem::MissingPassword)
                } else {
                    None
                };
                if problem.is_some() {
                    (S::Credentials { username, problem }, None)
                } else {
                    let effect = WizardEffect::CheckPassword { username: username.clone(), password };
                    (S::CheckingPassword { username }, Some(effect))
                }
            }
            (S::CheckingPassword { .. }, E::PasswordChecked(Ok(challenge))) => {
                (S::Code { challenge, problem: None }, None)
            }
            (S::CheckingPassword { username }, E::PasswordChecked(Err(error))) => {
                (S::Credentials { username, problem: Some(SignInProblem::Portal { error }) }, None)
            }
            (S::Code { challenge, problem }, E::ResendCode { now }) => {
                if now < challenge.resend_at {
                    let wait = (challenge.resend_at - now).num_seconds().max(1).unsigned_abs();
                    let problem =
                        Some(SignInProblem::Portal { error: PortalError::ResendTooEarly { retry_after_secs: wait } });
                    (S::Code { challenge, problem }, None)
                } else {
                    let _ = problem;
                    let effect = WizardEffect::ResendCode { challenge: challenge.id.clone() };
                    (S::ResendingCode { challenge }, Some(effect))
                }
            }
            (S::ResendingCode { .. }, E::CodeResent(Ok(challenge))) => (S::Code { challenge, problem: None }, None),
            (S::ResendingCode { challenge }, E::CodeResent(Err(error))) => {
                (S::Code { challenge, problem: Some(SignInProblem::Portal { error }) }, None)
            }
            (S::Code { challenge, .. }, E::SubmitCode { code }) => {
                let code: String = crate::text::typed_number(&code).chars().filter(|c| !c.is_whitespace()).collect();
                if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
                    let effect = WizardEffect::CheckCode { challenge: challenge.id.clone(), code: Secret::new(code) };
                    (S::CheckingCode { challenge }, Some(effect))
                } else {
                    (S::Code { challenge, problem: Some(SignInProblem::CodeFormat) }, None)
                }
            }
            (S::Code { .. }, E::ChangeAccount) => (S::Credentials { username: String::new(), problem: None }, None),
            (S::CheckingCode { .. }, E::CodeChecked(Ok(session))) => {
                self.session = Some(session.clone());
                (S::LoadingAccount, Some(WizardEffect::LoadAccount { session }))
            }
            (S::CheckingCode { challenge }, E::CodeChecked(Err(error))) => match error {
                // A locked account cannot go on with this code; start again from the password.
                PortalError::Locked { .. } => {
                    (S::Credentials { username: String::new(), problem: Some(SignInProblem::Portal { error }) }, None)
                }
                _ => (S::Code { challenge, problem: Some(SignInProblem::Portal { error }) }, None),
            },
            (S::LoadingAccount, E::AccountLoaded(Ok(account))) => {
                let has_cccd = account.has_cccd();
                self.account = Some(account);
                if has_cccd {
                    (S::Done { outcome: LinkOutcome::AlreadyLinked }, None)
                } else {
                    (S::Cccd(CccdLink::default()), None)
                }
            }
            (S::LoadingAccount, E::AccountLoaded(Err(error))) => (S::AccountUnavailable { error }, None),
            (S::AccountUnavailable { error }, E::Retry) => match self.session.clone() {
                Some(session) => (S::LoadingAccount, Some(WizardEffect::LoadAccount { session })),
                None => return Err(S::AccountUnavailable { error }),
            },
            (
                S::Cccd(CccdLink::Linking { .. }),
                E::Cccd(CccdLinkEvent::Linked(Err(LinkError::Portal { error: PortalError::SessionExpired }))),
            ) => {
                self.session = None;
                let problem = Some(SignInProblem::Portal { error: PortalError::SessionExpired });
                (S::Credentials { username: String::new(), problem }, None)
            }
            (S::Cccd(link), E::Cccd(event)) => {
                let (Some(account), Some(session)) = (&self.account, &self.session) else { return Err(S::Cccd(link)) };
                match link.step(event, &account.profile).map_err(S::Cccd)? {
                    CccdLinkNext::Stay(link, cccd) => {
                        let effect = cccd.map(|cccd| WizardEffect::LinkCccd { session: session.clone(), cccd });
                        (S::Cccd(link), effect)
                    }
                    CccdLinkNext::Linked(Some(account)) => {
                        self.account = Some(account);
                        (S::Done { outcome: LinkOutcome::Linked }, None)
                    }
                    // Linked meanwhile, from elsewhere: the goal is reached. The account is
                    // reloaded by whoever shows it next.
                    CccdLinkNext::Linked(None) => (S::Done { outcome: LinkOutcome::AlreadyLinked }, None),
                }
            }
            (S::Cccd(CccdLink::Entering { .. } | CccdLink::MatchFailed { .. }), E::Skip) => {
                (S::Done { outcome: LinkOutcome::Skipped }, None)
            }
            (step, _) => return Err(step),
        };
        Ok(next)
    }
}

/// Runs one effect against the portal and returns its answer as the next event.
pub async fn perform<P: Portal>(portal: &P, effect: WizardEffect) -> WizardEvent {
    match effect {
        WizardEffect::CheckPassword { username, password } => {
            WizardEvent::PasswordChecked(portal.start_sign_in(&username, &password).await)
        }
        WizardEffect::ResendCode { challenge } => WizardEvent::CodeResent(portal.resend_code(&challenge).await),
        WizardEffect::CheckCode { challenge, code } => {
            WizardEvent::CodeChecked(portal.finish_sign_in(&challenge, &code).await)
        }
        WizardEffect::LoadAccount { session } => WizardEvent::AccountLoaded(portal.account(&session).await),
        WizardEffect::LinkCccd { session, cccd } => {
            WizardEvent::Cccd(CccdLinkEvent::Linked(portal.link_cccd(&session, &cccd).await))
        }
    }
}

/// Takes one event and performs effects until the wizard waits for the user again.
pub async fn advance<P: Portal>(wizard: &mut LinkWizard, portal: &P, event: WizardEvent) -> Result<(), Refusal> {
    let mut effect = wizard.handle(event)?;
    while let Some(next) = effect {
        let event = perform(portal, next).await;
        effect = wizard.handle(event)?;
    }
    Ok(())
}

impl WizardStep {
    fn name(&self) -> &'static str {
        match self {
            WizardStep::Credentials { .. } => "credentials",
            WizardStep::CheckingPassword { .. } => "checking_password",
            WizardStep::Code { .. } => "code",
            WizardStep::CheckingCode { .. } => "checking_code",
            WizardStep::ResendingCode { .. } => "resending_code",
            WizardStep::LoadingAccount => "loading_account",
            WizardStep::AccountUnavailable { .. } => "account_unavailable",
            WizardStep::Cccd(link) => link.name(),
            WizardStep::Done { .. } => "done",
        }
    }
}

impl WizardEvent {
    fn name(&self) -> &'static str {
        match self {
            WizardEvent::SubmitPassword { .. } => "submit_password",
            WizardEvent::PasswordChecked(_) => "password_checked",
            WizardEvent::ResendCode { .. } => "resend_code",
            WizardEvent::CodeResent(_) => "code_resent",
            WizardEvent::SubmitCode { .. } => "submit_code",
            WizardEvent::CodeChecked(_) => "code_checked",
            WizardEvent::ChangeAccount => "change_account",
            WizardEvent::AccountLoaded(_) => "account_loaded",
            WizardEvent::Retry => "retry",
            WizardEvent::Cccd(event) => event.name(),
            WizardEvent::Skip => "skip",
        }
    }
}

impl Localized for SignInProblem {
    fn text(&self, lang: Lang) -> String {
        match self {
            SignInProblem::MissingUsername => {
                lang.pick("Vui lòng nhập tên đăng nhập.", "Please enter your user name.").to_owned()
            }
            SignInProblem::MissingPassword => {
                lang.pick("Vui lòng nhập mật khẩu.", "Please enter your password.").to_owned()
            }
            SignInProblem::CodeFormat => lang
                .pick(
                    "Mã xác thực gồm 6 chữ số trong tin nhắn gửi tới điện thoại của bạn.",
                    "The verification code is the 6 digits in the text message sent to your phone.",
                )
                .to_owned(),
            SignInProblem::Portal { error } => error.text(lang),
        }
    }
}

impl SignInProblem {
    /// A short stable name, for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            SignInProblem::MissingUsername => "missing_username",
            SignInProblem::MissingPassword => "missing_password",
            SignInProblem::CodeFormat => "code_format",
            SignInProblem::Portal { error } => error.code(),
        }
    }
}
