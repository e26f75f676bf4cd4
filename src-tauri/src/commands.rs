//! The IPC commands: typed input, one call into the desk, the error mapped. Nothing else.

use dvclink_core::lang::Lang;
use tauri::{AppHandle, Runtime, State};

use crate::desk::{Desk, EndReason, IdentityInput, VneidInput, WizardInput};
use crate::error::IpcError;
use crate::offline::{DossierQuery, SyncAction};
use crate::views::{
    AppInfo, AuditExport, AuditView, DossierDetailView, DossierListView, IdentityView, Notice, SessionView, SyncView,
    VneidView, WizardView,
};

#[tauri::command]
pub fn app_info(desk: State<'_, Desk>) -> AppInfo {
    desk.app_info()
}

#[tauri::command]
pub fn set_language(desk: State<'_, Desk>, lang: Lang) -> AppInfo {
    desk.set_language(lang)
}

#[tauri::command]
pub async fn session(desk: State<'_, Desk>) -> Result<Option<SessionView>, IpcError> {
    Ok(desk.session().await)
}

#[tauri::command]
pub async fn sign_out<R: Runtime>(app: AppHandle<R>, desk: State<'_, Desk>) -> Result<(), IpcError> {
    desk.sign_out(&app).await;
    Ok(())
}

#[tauri::command]
pub async fn end_session<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    reason: EndReason,
) -> Result<(), IpcError> {
    desk.end_session(&app, reason).await;
    Ok(())
}

#[tauri::command]
pub async fn wizard<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    input: WizardInput,
) -> Result<WizardView, IpcError> {
    desk.wizard(&app, input).await
}

#[tauri::command]
pub async fn wizard_view(desk: State<'_, Desk>) -> Result<WizardView, IpcError> {
    desk.wizard_view().await.ok_or_else(|| IpcError::not_signed_in(desk.lang()))
}

#[tauri::command]
pub async fn vneid<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    input: VneidInput,
) -> Result<VneidView, IpcError> {
    desk.vneid(&app, input).await
}

#[tauri::command]
pub async fn vneid_view<R: Runtime>(app: AppHandle<R>, desk: State<'_, Desk>) -> Result<VneidView, IpcError> {
    Ok(desk.vneid_view(&app).await)
}

#[tauri::command]
pub async fn identity(desk: State<'_, Desk>, input: IdentityInput) -> Result<IdentityView, IpcError> {
    desk.identity(input).await
}

#[tauri::command]
pub async fn identity_view(desk: State<'_, Desk>) -> Result<IdentityView, IpcError> {
    desk.identity_view().await
}

#[tauri::command]
pub async fn dossiers(desk: State<'_, Desk>, query: DossierQuery) -> Result<DossierListView, IpcError> {
    desk.dossiers(query).await
}

#[tauri::command]
pub async fn dossier(desk: State<'_, Desk>, code: String) -> Result<DossierDetailView, IpcError> {
    desk.dossier(&code).await
}

#[tauri::command]
pub async fn sync<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    action: SyncAction,
) -> Result<SyncView, IpcError> {
    desk.sync(&app, action).await
}

#[tauri::command]
pub async fn sync_view(desk: State<'_, Desk>) -> Result<SyncView, IpcError> {
    desk.sync_view().await
}

#[tauri::command]
pub fn audit_open(desk: State<'_, Desk>, pin: String) -> Result<AuditView, IpcError> {
    desk.audit_open(&pin)
}

#[tauri::command]
pub fn audit_export(desk: State<'_, Desk>, pin: String) -> Result<AuditExport, IpcError> {
    desk.audit_export(&pin)
}

#[tauri::command]
pub fn take_notices(desk: State<'_, Desk>) -> Vec<Notice> {
    desk.take_notices()
}
