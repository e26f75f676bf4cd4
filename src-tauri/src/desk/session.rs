//! The ends and the resumption of a visit: signing out, the end of a kiosk citizen's session,
//! and a laptop's sign-in kept in the keychain, used again at start.

use dvclink_cache::EndedBy;
use std::time::Duration;

use dvclink_core::port::{IdentityProvider, IdpError, KeptSignIn, Portal, PortalError};
use serde::Deserialize;
use tauri::{AppHandle, Manager, Runtime};
use ts_rs::TS;

use super::{Desk, SavedCopy, SignedIn, Visit, saved_view};
use crate::config::Mode;
use crate::contract::{self, SessionChanged};
use crate::views;
use crate::{MAIN_WINDOW, lock};

/// How an attempt with the kept sign-in ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resumption {
    /// Signed in, refused, or nothing to resume: no more tries.
    Done,
    /// VNeID or the portal could not be reached; the saved copy is open if there is one.
    Waiting,
}

/// Why a kiosk session ends. `end_session` signs out everywhere, deletes everything of the
/// citizen kept on this machine, resets the language to the kiosk's own and emits
/// `session://changed` null; the UI then shows the welcome screen, cleared of every input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// «Kết thúc phiên», on every screen in kiosk mode.
    Button,
    /// Nobody touched the kiosk for `idle_timeout_secs`.
    Timeout,
}

impl Desk {
    /// Signs out everywhere and forgets the visit.
    pub async fn sign_out<R: Runtime>(&self, app: &AppHandle<R>) {
        self.log.end(EndedBy::SignOut);
        // In turn with keeping and resuming, so that nothing keeps the sign-in again afterwards.
        let _in_turn = self.resuming.lock().await;
        self.keychain.forget();
        let mut visit = self.visit.lock().await;
        if let Some(signed_in) = visit.signed_in.take() {
            if let Err(error) = self.portal.sign_out(&signed_in.session).await {
                tracing::warn!(code = error.code(), "portal sign-out failed");
            }
            if let Some(tokens) = &signed_in.tokens
                && let Err(error) = self.idp.end_session(tokens).await
            {
                tracing::warn!(code = error.code(), "VNeID end-session failed");
            }
        }
        if let Some(door) = visit.door.take() {
            door.close(app);
        }
        self.offline.forget_owner();
        *visit = Visit::default();
        self.pending.forget();
        drop(visit);
        contract::emit::<SessionChanged, R>(app, None);
    }

    /// Ends a citizen's session: signed out everywhere, and nothing of theirs left on this
    /// machine (on a kiosk, nobody's rows at all), the language back to the app's own, the main
    /// window's browsing data cleared. The sign-in window is incognito and closed by then.
    pub async fn end_session<R: Runtime>(&self, app: &AppHandle<R>, reason: EndReason) {
        self.log.end(match reason {
            EndReason::Button => EndedBy::Button,
            EndReason::Timeout => EndedBy::Timeout,
        });
        self.sign_out(app).await;
        if self.config.mode == Mode::Kiosk {
            self.offline.forget_everyone();
        }
        *lock(&self.lang) = self.config.lang;
        lock(&self.notices).clear();
        if let Some(main) = app.get_webview_window(MAIN_WINDOW)
            && let Err(error) = main.clear_all_browsing_data()
        {
            tracing::warn!(%error, "the main window's browsing data could not be cleared");
        }
        tracing::info!(?reason, "the session ended");
    }

    /// On a laptop, signs the official in again with the sign-in kept in the keychain, if any:
    /// a fresh token from VNeID, a portal session, then their saved dossiers and a sync. When
    /// VNeID or the portal cannot be reached, the official's saved copy opens meanwhile and the
    /// kept sign-in stays for the next try; when VNeID refuses it, it is forgotten.
    pub async fn resume<R: Runtime>(&self, app: &AppHandle<R>) -> Resumption {
        let _one_at_a_time = self.resuming.lock().await;
        if self.visit.lock().await.signed_in.is_some() {
            return Resumption::Done;
        }
        let Some(kept) = self.keychain.kept() else { return Resumption::Done };
        let tokens = match self.idp.refresh(&kept.sign_in).await {
            Ok(tokens) => tokens,
            Err(error @ (IdpError::Unreachable | IdpError::Maintenance)) => {
                tracing::info!(code = error.code(), "the kept sign-in waits for VNeID");
                return self.open_saved(app, kept.owner.as_deref()).await;
            }
            Err(error) => {
                tracing::warn!(code = error.code(), "VNeID refused the kept sign-in; it is forgotten");
                self.keychain.forget();
                self.close_saved(app).await;
                return Resumption::Done;
            }
        };
        if let Some(refresh_token) = &tokens.refresh_token {
            let sign_in = KeptSignIn { refresh_token: refresh_token.clone(), nonce: kept.sign_in.nonce.clone() };
            self.keychain.keep(&sign_in, kept.owner.as_deref());
        }
        let opened = match self.portal.open_vneid_session(&tokens.access_token).await {
            Ok(session) => self.portal.account(&session).await.map(|account| (session, account)),
            Err(error) => Err(error),
        };
        let (session, account) = match opened {
            Ok(opened) => opened,
            Err(error @ (PortalError::Unreachable | PortalError::Maintenance)) => {
                tracing::info!(code = error.code(), "the kept sign-in waits for the portal");
                return self.open_saved(app, kept.owner.as_deref()).await;
            }
            Err(error) => {
                tracing::warn!(code = error.code(), "the portal did not open the kept sign-in");
                return Resumption::Done;
            }
        };
        let mut visit = self.visit.lock().await;
        if visit.signed_in.is_some() {
            return Resumption::Done;
        }
        tracing::info!(offline_before = visit.saved.is_some(), "signed in again with the kept VNeID sign-in");
        self.finish_sign_in(app, &mut visit, SignedIn { session, account, tokens: Some(tokens) });
        Resumption::Done
    }

    /// Tries the kept sign-in at start and, while the network is away, again and again (every
    /// few seconds, at most every 15 s) until it goes through or is refused.
    pub async fn keep_resuming<R: Runtime>(&self, app: &AppHandle<R>) {
        let mut wait = Duration::from_secs(2);
        while self.resume(app).await == Resumption::Waiting {
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(15));
        }
    }

    /// Opens the saved copy of the official whose sign-in is kept, unless someone is signed
    /// in or it is open already.
    async fn open_saved<R: Runtime>(&self, app: &AppHandle<R>, owner: Option<&str>) -> Resumption {
        let mut visit = self.visit.lock().await;
        if visit.signed_in.is_some() {
            return Resumption::Done;
        }
        if visit.saved.is_none()
            && let Some((account, at)) = owner.and_then(|key| self.offline.open_saved(key))
        {
            tracing::info!("no network: the official's saved copy is open");
            let saved = SavedCopy { account, saved_at: views::time(&at) };
            let view = saved_view(&saved, self.lang());
            visit.saved = Some(saved);
            contract::emit::<SessionChanged, R>(app, Some(view));
        }
        Resumption::Waiting
    }

    /// Closes the saved copy opened for a kept sign-in that VNeID has since refused.
    async fn close_saved<R: Runtime>(&self, app: &AppHandle<R>) {
        let mut visit = self.visit.lock().await;
        if visit.saved.take().is_some() {
            self.offline.close();
            contract::emit::<SessionChanged, R>(app, None);
        }
    }
}
