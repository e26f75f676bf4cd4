//! Steps 1 to 3 of the guide at the desk: the portal's own sign-in and the CCCD link.

use chrono::Utc;
use dvclink_cache::AuditOutcome;
use dvclink_core::secret::Secret;
use dvclink_core::task::Task;
use dvclink_core::wizard::{self, LinkOutcome, LinkWizard, WizardEvent};
use serde::Deserialize;
use tauri::{AppHandle, Runtime};
use ts_rs::TS;

use super::{CccdInput, Desk, SignedIn};
use crate::error::IpcError;
use crate::views;

/// `wizard({ input })`: what the UI sends to the wizard.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum WizardInput {
    Start {
        task: Task,
    },
    SubmitPassword {
        username: String,
        password: String,
    },
    SubmitCode {
        code: String,
    },
    ResendCode,
    ChangeAccount,
    Retry,
    Skip,
    #[serde(untagged)]
    Cccd(CccdInput),
}

impl Desk {
    pub async fn wizard<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        input: WizardInput,
    ) -> Result<views::WizardView, IpcError> {
        let lang = self.lang();
        let mut visit = self.visit.lock().await;
        let now = Utc::now();
        let event = match input {
            WizardInput::Start { task } => {
                self.log.begin();
                visit.wizard = Some(LinkWizard::new(task));
                None
            }
            WizardInput::SubmitPassword { username, password } => {
                Some(WizardEvent::SubmitPassword { username, password: Secret::new(password) })
            }
            WizardInput::SubmitCode { code } => Some(WizardEvent::SubmitCode { code }),
            WizardInput::ResendCode => Some(WizardEvent::ResendCode { now }),
            WizardInput::ChangeAccount => Some(WizardEvent::ChangeAccount),
            WizardInput::Retry => Some(WizardEvent::Retry),
            WizardInput::Skip => Some(WizardEvent::Skip),
            WizardInput::Cccd(input) => Some(WizardEvent::Cccd(input.event())),
        };
        let Some(wizard) = visit.wizard.as_mut() else { return Err(IpcError::not_signed_in(lang)) };
        if let Some(event) = event {
            wizard::advance(wizard, &self.portal, event).await.map_err(|r| IpcError::refused(&r, lang))?;
        }
        let view = views::wizard(wizard, lang, Utc::now());
        if matches!(view, views::WizardView::MatchFailed { .. }) {
            self.log.note(AuditOutcome::MatchFailed);
        }
        if let Some(done) = wizard.signed_in() {
            tracing::info!(outcome = ?done.outcome, "signed in with the portal account");
            self.log.note(match done.outcome {
                LinkOutcome::AlreadyLinked => AuditOutcome::AlreadyLinked,
                LinkOutcome::Linked => AuditOutcome::Linked,
                LinkOutcome::Skipped => AuditOutcome::Skipped,
            });
            visit.wizard = None;
            self.finish_sign_in(
                app,
                &mut visit,
                SignedIn { session: done.session, account: done.account, tokens: None },
            );
        }
        Ok(view)
    }

    pub async fn wizard_view(&self) -> Option<views::WizardView> {
        let visit = self.visit.lock().await;
        visit.wizard.as_ref().map(|w| views::wizard(w, self.lang(), Utc::now()))
    }
}
