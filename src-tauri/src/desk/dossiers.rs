//! Hồ sơ đã nộp at the desk: the list and the detail, read from the cache, and its sync; on a
//! laptop that started without a network, from the official's saved copy.

use dvclink_core::dossier::DossierCode;
use dvclink_core::port::{Portal, PortalError};
use tauri::{AppHandle, Manager, Runtime};

use super::Desk;
use crate::error::IpcError;
use crate::offline::{DossierQuery, SyncAction};
use crate::views;

impl Desk {
    /// A page of Hồ sơ đã nộp from the cache: it answers offline and as the user types.
    pub async fn dossiers(&self, query: DossierQuery) -> Result<views::DossierListView, IpcError> {
        let lang = self.lang();
        let visit = self.visit.lock().await;
        if visit.signed_in.is_none() && visit.saved.is_none() {
            return Err(IpcError::not_signed_in(lang));
        }
        drop(visit);
        self.offline.list(query, lang).await
    }

    /// One dossier: the cached copy when there is one (the sync keeps it current), else the
    /// portal's.
    pub async fn dossier(&self, code: &str) -> Result<views::DossierDetailView, IpcError> {
        let lang = self.lang();
        let code = DossierCode::new(code).map_err(|e| IpcError::invalid_input(e.to_string()))?;
        let mut visit = self.visit.lock().await;
        if visit.signed_in.is_none() && visit.saved.is_none() {
            return Err(IpcError::not_signed_in(lang));
        }
        if let Some((dossier, as_of)) = self.offline.dossier(&code) {
            let mut view = views::dossier_detail(&dossier, lang);
            view.as_of = Some(as_of);
            return Ok(view);
        }
        let Some(signed_in) = visit.signed_in.as_ref() else {
            // The saved copy does not hold it, and the portal waits for the network.
            return Err(IpcError::portal(&PortalError::Unreachable, lang));
        };
        let session = signed_in.session.clone();
        match self.portal.dossier(&session, &code).await {
            Ok(dossier) => Ok(views::dossier_detail(&dossier, lang)),
            Err(error) => Err(self.portal_failure(&mut visit, &error)),
        }
    }

    /// Starts (or goes on with) the sync of the person's dossiers, or stops it. On a saved
    /// copy, a start tries the kept sign-in again at once («Thử lại»).
    pub async fn sync<R: Runtime>(&self, app: &AppHandle<R>, action: SyncAction) -> Result<views::SyncView, IpcError> {
        let lang = self.lang();
        let visit = self.visit.lock().await;
        match (&visit.signed_in, action) {
            (Some(signed_in), SyncAction::Start) => {
                self.offline.start_sync(app, &self.portal, &signed_in.session, lang)
            }
            (Some(_), SyncAction::Cancel) => self.offline.cancel_sync(),
            (None, SyncAction::Start) if visit.saved.is_some() => {
                let app = app.clone();
                tauri::async_runtime::spawn(async move {
                    app.state::<Desk>().resume(&app).await;
                });
            }
            (None, _) if visit.saved.is_some() => {}
            (None, _) => return Err(IpcError::not_signed_in(lang)),
        }
        Ok(self.offline.view(lang))
    }

    pub async fn sync_view(&self) -> Result<views::SyncView, IpcError> {
        let lang = self.lang();
        let visit = self.visit.lock().await;
        if visit.signed_in.is_none() && visit.saved.is_none() {
            return Err(IpcError::not_signed_in(lang));
        }
        Ok(self.offline.view(lang))
    }
}
