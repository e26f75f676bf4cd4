//! Linking an account to its CCCD number, as both the linking wizard (Bước 3) and Thông tin
//! định danh run it: type the number, press «Cập nhật», and take the population database's
//! answer. One sub-machine, so that both screens behave alike; each decides where a link leads.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cccd::Cccd;
use crate::cccd_entry::CccdEntry;
use crate::port::{LinkError, MatchFailure, PortalError};
use crate::profile::{Account, Profile};

/// Where the CCCD link stands. The typed text is kept through every step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "link", rename_all = "snake_case")]
pub enum CccdLink {
    /// The CCCD field. `error` says why the last «Cập nhật» did not reach the portal.
    Entering { entry: CccdEntry, error: Option<PortalError> },
    /// «Cập nhật» was pressed; the portal asks the population database.
    Linking { entry: CccdEntry },
    /// The population database refused the number.
    MatchFailed { entry: CccdEntry, failure: MatchFailure },
}

/// What the user or the portal did.
#[derive(Debug, Clone)]
pub enum CccdLinkEvent {
    /// «Cập nhật» with the typed number.
    Submit { input: String, today: NaiveDate },
    /// The portal's answer to the link.
    Linked(Result<Account, LinkError>),
    /// Back from a match failure to the field.
    Edit,
}

/// Where one event leads.
#[derive(Debug, Clone)]
pub enum CccdLinkNext {
    /// Still linking; with a number, the portal is to be asked to link it.
    Stay(CccdLink, Option<Cccd>),
    /// The account carries a CCCD number now: the account as the portal answered, or none
    /// when it had been linked meanwhile from elsewhere.
    Linked(Option<Account>),
}

impl Default for CccdLink {
    fn default() -> CccdLink {
        CccdLink::Entering { entry: CccdEntry::default(), error: None }
    }
}

impl CccdLink {
    /// The field as typed.
    pub fn entry(&self) -> &CccdEntry {
        match self {
            CccdLink::Entering { entry, .. } | CccdLink::Linking { entry } | CccdLink::MatchFailed { entry, .. } => {
                entry
            }
        }
    }

    /// Takes one event, checking a typed number against the account's `profile`. Gives the
    /// link back unchanged when the event does not fit.
    #[allow(clippy::result_large_err, reason = "the refused step travels back whole")]
    pub fn step(self, event: CccdLinkEvent, profile: &Profile) -> Result<CccdLinkNext, CccdLink> {
        use CccdLink as S;
        use CccdLinkEvent as E;
        let next = match (self, event) {
            (S::Entering { mut entry, .. } | S::MatchFailed { mut entry, .. }, E::Submit { input, today }) => {
                match entry.submit(input, today, profile) {
                    Some(cccd) => CccdLinkNext::Stay(S::Linking { entry }, Some(cccd)),
                    None => CccdLinkNext::Stay(S::Entering { entry, error: None }, None),
                }
            }
            (S::Linking { .. }, E::Linked(Ok(account))) => CccdLinkNext::Linked(Some(account)),
            (S::Linking { .. }, E::Linked(Err(LinkError::AlreadyHasCccd))) => CccdLinkNext::Linked(None),
            (S::Linking { entry }, E::Linked(Err(LinkError::Match { failure }))) => {
                CccdLinkNext::Stay(S::MatchFailed { entry, failure }, None)
            }
            (S::Linking { entry }, E::Linked(Err(LinkError::Portal { error }))) => {
                CccdLinkNext::Stay(S::Entering { entry, error: Some(error) }, None)
            }
            (S::MatchFailed { entry, .. }, E::Edit) => CccdLinkNext::Stay(S::Entering { entry, error: None }, None),
            (link, _) => return Err(link),
        };
        Ok(next)
    }

    /// A short stable name of the step, for refusals.
    pub fn name(&self) -> &'static str {
        match self {
            CccdLink::Entering { .. } => "enter_cccd",
            CccdLink::Linking { .. } => "linking",
            CccdLink::MatchFailed { .. } => "match_failed",
        }
    }
}

impl CccdLinkEvent {
    pub fn name(&self) -> &'static str {
        match self {
            CccdLinkEvent::Submit { .. } => "submit_cccd",
            CccdLinkEvent::Linked(_) => "linked",
            CccdLinkEvent::Edit => "edit_cccd",
        }
    }
}
