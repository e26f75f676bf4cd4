//! Thông tin định danh at the desk: the later CCCD link and the update from the population
//! database, with the saved account shown when the portal cannot be reached.

use dvclink_cache::AuditOutcome;
use dvclink_core::cccd_link::CccdLink;
use dvclink_core::identity::{self, IdentityEvent, IdentityStep, IdentityUpdate};
use dvclink_core::lang::Lang;
use dvclink_core::port::{Portal, PortalError};
use serde::Deserialize;
use ts_rs::TS;

use super::{CccdInput, Desk};
use crate::error::IpcError;
use crate::views;

/// `identity({ input })`: what the UI sends to Thông tin định danh.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum IdentityInput {
    /// Show the screen for the signed-in account (reloads the account).
    Open,
    /// «Cập nhật từ CSDL Quốc gia về Dân cư».
    Begin,
    /// «Cập nhật» on the preview.
    Confirm,
    Cancel,
    #[serde(untagged)]
    Cccd(CccdInput),
}

impl Desk {
    pub async fn identity(&self, input: IdentityInput) -> Result<views::IdentityView, IpcError> {
        let lang = self.lang();
        let mut visit = self.visit.lock().await;
        let Some(signed_in) = visit.signed_in.as_ref() else {
            // A laptop without a network shows the saved account; changing it waits.
            let Some(saved) = &visit.saved else { return Err(IpcError::not_signed_in(lang)) };
            return match input {
                IdentityInput::Open => {
                    Ok(identity_view(&IdentityUpdate::new(saved.account.clone()), Some(&saved.saved_at), lang))
                }
                _ => Err(IpcError::portal(&PortalError::Unreachable, lang)),
            };
        };
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
            IdentityInput::Confirm => Some(IdentityEvent::Confirm),
            IdentityInput::Cancel => Some(IdentityEvent::Cancel),
            IdentityInput::Cccd(input) => Some(IdentityEvent::Cccd(input.event())),
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
        if matches!(update.step(), IdentityStep::Cccd(CccdLink::MatchFailed { .. })) {
            self.log.note(AuditOutcome::MatchFailed);
        }
        Ok(identity_view(update, visit.identity_saved_at.as_ref(), lang))
    }

    pub async fn identity_view(&self) -> Result<views::IdentityView, IpcError> {
        let visit = self.visit.lock().await;
        match &visit.identity {
            Some(update) if visit.signed_in.is_some() => {
                Ok(identity_view(update, visit.identity_saved_at.as_ref(), self.lang()))
            }
            _ => {
                drop(visit);
                self.identity(IdentityInput::Open).await
            }
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
