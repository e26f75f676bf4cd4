//! The later update of the guide: Thông tin cá nhân → Thông tin định danh → "Cập nhật từ CSDL
//! Quốc gia về Dân cư". A user who skipped linking enters the CCCD here; a linked user refreshes
//! their details. The population record is shown with the confirmed fields marked, and nothing
//! changes until the user presses "Cập nhật".

use std::mem;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cccd::Cccd;
use crate::cccd_entry::CccdEntry;
use crate::port::{IdentityPreview, LinkError, MatchFailure, Portal, PortalError, PortalSession, PreviewId};
use crate::profile::Account;
use crate::refusal::{Refusal, settle};

/// The identity screen of a signed-in user.
#[derive(Debug, Clone)]
pub struct IdentityUpdate {
    account: Account,
    step: IdentityStep,
}

/// What the identity screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum IdentityStep {
    /// The current details, with "Cập nhật từ CSDL Quốc gia về Dân cư". `notice` tells the
    /// outcome of the last attempt.
    Viewing {
        notice: Option<IdentityNotice>,
    },
    /// The account has no CCCD number: enter it first.
    EnterCccd {
        entry: CccdEntry,
        error: Option<PortalError>,
    },
    Linking {
        entry: CccdEntry,
    },
    MatchFailed {
        entry: CccdEntry,
        failure: MatchFailure,
    },
    LookingUp,
    /// The population record, confirmed fields marked; "Cập nhật" keeps it.
    Preview {
        preview: IdentityPreview,
        error: Option<PortalError>,
    },
    Confirming {
        preview: IdentityPreview,
    },
}

/// What happened the last time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IdentityNotice {
    Updated,
    Failed { error: PortalError },
}

/// Something that happened.
#[derive(Debug, Clone)]
pub enum IdentityEvent {
    /// "Cập nhật từ CSDL Quốc gia về Dân cư".
    Begin,
    SubmitCccd {
        input: String,
        today: NaiveDate,
    },
    Linked(Result<Account, LinkError>),
    EditCccd,
    LookedUp(Result<IdentityPreview, PortalError>),
    /// "Cập nhật" on the preview.
    Confirm,
    Confirmed(Result<Account, PortalError>),
    Cancel,
}

/// A call to make to the portal with the signed-in session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityEffect {
    LinkCccd { cccd: Cccd },
    LookUp,
    Confirm { preview: PreviewId },
}

impl IdentityUpdate {
    pub fn new(account: Account) -> IdentityUpdate {
        IdentityUpdate { account, step: IdentityStep::Viewing { notice: None } }
    }

    pub fn account(&self) -> &Account {
        &self.account
    }

    pub fn step(&self) -> &IdentityStep {
        &self.step
    }

    /// Takes one event. On refusal nothing changes.
    pub fn handle(&mut self, event: IdentityEvent) -> Result<Option<IdentityEffect>, Refusal> {
        let refusal = Refusal { step: self.step.name(), event: event.name() };
        let step = mem::replace(&mut self.step, IdentityStep::LookingUp);
        let outcome = self.transition(step, event);
        settle(&mut self.step, outcome, refusal)
    }

    /// The refused step travels back whole, so it is as large as any step.
    #[allow(clippy::result_large_err)]
    fn transition(
        &mut self,
        step: IdentityStep,
        event: IdentityEvent,
    ) -> Result<(IdentityStep, Option<IdentityEffect>), IdentityStep> {
        use IdentityEvent as E;
        use IdentityStep as S;
        let next = match (step, event) {
            (S::Viewing { .. }, E::Begin) => {
                if self.account.has_cccd() {
                    (S::LookingUp, Some(IdentityEffect::LookUp))
                } else {
                    (S::EnterCccd { entry: CccdEntry::default(), error: None }, None)
                }
            }
            (S::EnterCccd { mut entry, .. } | S::MatchFailed { mut entry, .. }, E::SubmitCccd { input, today }) => {
                match entry.submit(input, today, &self.account.profile) {
                    Some(cccd) => (S::Linking { entry }, Some(IdentityEffect::LinkCccd { cccd })),
                    None => (S::EnterCccd { entry, error: None }, None),
                }
            }
            (S::Linking { .. }, E::Linked(Ok(account))) => {
                self.account = account;
                (S::LookingUp, Some(IdentityEffect::LookUp))
            }
            (S::Linking { .. }, E::Linked(Err(LinkError::AlreadyHasCccd))) => {
                (S::LookingUp, Some(IdentityEffect::LookUp))
            }
            (S::Linking { entry }, E::Linked(Err(LinkError::Match { failure }))) => {
                (S::MatchFailed { entry, failure }, None)
            }
            (S::Linking { entry }, E::Linked(Err(LinkError::Portal { error }))) => {
                (S::EnterCccd { entry, error: Some(error) }, None)
            }
            (S::MatchFailed { entry, .. }, E::EditCccd) => (S::EnterCccd { entry, error: None }, None),
            (S::LookingUp, E::LookedUp(Ok(preview))) => (S::Preview { preview, error: None }, None),
            (S::LookingUp, E::LookedUp(Err(error))) => {
                (S::Viewing { notice: Some(IdentityNotice::Failed { error }) }, None)
            }
            (S::Preview { preview, .. }, E::Confirm) => {
                let effect = IdentityEffect::Confirm { preview: preview.id.clone() };
                (S::Confirming { preview }, Some(effect))
            }
            (S::Confirming { .. }, E::Confirmed(Ok(account))) => {
                self.account = account;
                (S::Viewing { notice: Some(IdentityNotice::Updated) }, None)
            }
            (S::Confirming { preview }, E::Confirmed(Err(error))) => (S::Preview { preview, error: Some(error) }, None),
            (S::EnterCccd { .. } | S::MatchFailed { .. } | S::Preview { .. }, E::Cancel) => {
                (S::Viewing { notice: None }, None)
            }
            (step, _) => return Err(step),
        };
        Ok(next)
    }
}

/// Runs one effect with the signed-in session and returns the answer as the next event.
pub async fn perform<P: Portal>(portal: &P, session: &PortalSession, effect: IdentityEffect) -> IdentityEvent {
    match effect {
        IdentityEffect::LinkCccd { cccd } => IdentityEvent::Linked(portal.link_cccd(session, &cccd).await),
        IdentityEffect::LookUp => IdentityEvent::LookedUp(portal.lookup_identity(session).await),
        IdentityEffect::Confirm { preview } => {
            IdentityEvent::Confirmed(portal.confirm_identity(session, &preview).await)
        }
    }
}

/// Takes one event and performs effects until the screen waits for the user again.
pub async fn advance<P: Portal>(
    update: &mut IdentityUpdate,
    portal: &P,
    session: &PortalSession,
    event: IdentityEvent,
) -> Result<(), Refusal> {
    let mut effect = update.handle(event)?;
    while let Some(next) = effect {
        let event = perform(portal, session, next).await;
        effect = update.handle(event)?;
    }
    Ok(())
}

impl IdentityStep {
    fn name(&self) -> &'static str {
        match self {
            IdentityStep::Viewing { .. } => "viewing",
            IdentityStep::EnterCccd { .. } => "enter_cccd",
            IdentityStep::Linking { .. } => "linking",
            IdentityStep::MatchFailed { .. } => "match_failed",
            IdentityStep::LookingUp => "looking_up",
            IdentityStep::Preview { .. } => "preview",
            IdentityStep::Confirming { .. } => "confirming",
        }
    }
}

impl IdentityEvent {
    fn name(&self) -> &'static str {
        match self {
            IdentityEvent::Begin => "begin",
            IdentityEvent::SubmitCccd { .. } => "submit_cccd",
            IdentityEvent::Linked(_) => "linked",
            IdentityEvent::EditCccd => "edit_cccd",
            IdentityEvent::LookedUp(_) => "looked_up",
            IdentityEvent::Confirm => "confirm",
            IdentityEvent::Confirmed(_) => "confirmed",
            IdentityEvent::Cancel => "cancel",
        }
    }
}
