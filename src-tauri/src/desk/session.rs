//! The ends and the resumption of a visit: signing out, the end of a kiosk citizen's session,
//! and a laptop's sign-in kept in the keychain, used again at start.

use dvclink_cache::EndedBy;
use dvclink_core::port::{IdentityProvider, IdpError, KeptSignIn, Portal};
use serde::Deserialize;
use tauri::{AppHandle, Manager, Runtime};
use ts_rs::TS;

use super::{Desk, SignedIn, Visit};
use crate::config::Mode;
use crate::contract::{self, SessionChanged};
use crate::{MAIN_WINDOW, lock};

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
    /// VNeID or the portal cannot be reached the kept sign-in stays for the next start; when
    /// VNeID refuses it, it is forgotten.
    pub async fn resume<R: Runtime>(&self, app: &AppHandle<R>) {
        let Some(kept) = self.keychain.kept() else { return };
        let tokens = match self.idp.refresh(&kept).await {
            Ok(tokens) => tokens,
            Err(error @ (IdpError::Unreachable | IdpError::Maintenance)) => {
                return tracing::info!(code = error.code(), "the kept sign-in waits for VNeID");
            }
            Err(error) => {
                tracing::warn!(code = error.code(), "VNeID refused the kept sign-in; it is forgotten");
                return self.keychain.forget();
            }
        };
        if let Some(refresh_token) = &tokens.refresh_token {
            self.keychain.keep(&KeptSignIn { refresh_token: refresh_token.clone(), nonce: kept.nonce });
        }
        let opened = match self.portal.open_vneid_session(&tokens.access_token).await {
            Ok(session) => self.portal.account(&session).await.map(|account| (session, account)),
            Err(error) => Err(error),
        };
        let (session, account) = match opened {
            Ok(opened) => opened,
            Err(error) => return tracing::warn!(code = error.code(), "the portal did not open the kept sign-in"),
        };
        let mut visit = self.visit.lock().await;
        if visit.signed_in.is_some() {
            return;
        }
        tracing::info!("signed in again with the kept VNeID sign-in");
        self.finish_sign_in(app, &mut visit, SignedIn { session, account, tokens: Some(tokens) });
    }
}
