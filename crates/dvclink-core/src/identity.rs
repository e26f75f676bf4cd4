//! The later update of the guide: Thông tin cá nhân → Thông tin định danh → "Cập nhật từ CSDL
//! Quốc gia về Dân cư". A user who skipped linking enters the CCCD here; a linked user refreshes
//! their details. The population record is shown with the confirmed fields marked, and nothing
//! changes until the user presses "Cập nhật".

use std::mem;

use serde::Serialize;

use crate::cccd::Cccd;
use crate::cccd_link::{CccdLink, CccdLinkEvent, CccdLinkNext};
use crate::port::{IdentityPreview, Portal, PortalError, PortalSession, PreviewId};
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
    Cccd(CccdLink),
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
    /// The CCCD field, «Cập nhật», and the portal's answer.
    Cccd(CccdLinkEvent),
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
                    (S::Cccd(CccdLink::default()), None)
                }
            }
            (S::Cccd(link), E::Cccd(event)) => match link.step(event, &self.account.profile).map_err(S::Cccd)? {
                CccdLinkNext::Stay(link, cccd) => (S::Cccd(link), cccd.map(|cccd| IdentityEffect::LinkCccd { cccd })),
                CccdLinkNext::Linked(account) => {
                    if let Some(account) = account {
                        self.account = account;
                    }
                    (S::LookingUp, Some(IdentityEffect::LookUp))
                }
            },
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
            (S::Cccd(CccdLink::Entering { .. } | CccdLink::MatchFailed { .. }) | S::Preview { .. }, E::Cancel) => {
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
        IdentityEffect::LinkCccd { cccd } => {
            IdentityEvent::Cccd(CccdLinkEvent::Linked(portal.link_cccd(session, &cccd).await))
        }
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
            IdentityStep::Cccd(link) => link.name(),
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
            IdentityEvent::Cccd(event) => event.name(),
            IdentityEvent::LookedUp(_) => "looked_up",
            IdentityEvent::Confirm => "confirm",
            IdentityEvent::Confirmed(_) => "confirmed",
            IdentityEvent::Cancel => "cancel",
        }
    }
}
