//! The IPC commands: typed input, one call into the desk, the error mapped. Nothing else. The
//! list below is the contract's (see `contract`): adding a command here adds its permission,
//! its registration and its TypeScript.

use dvclink_core::lang::Lang;

use crate::contract::commands;
use crate::desk::{
    CardInput, CardReadersView, CardView, EndReason, IdentityInput, PersonalChange, SlipChoice, VneidInput, WizardInput,
};
use crate::error::IpcError;
use crate::offline::{DossierQuery, SyncAction};
use crate::views::{
    AppInfo, AuditExport, AuditView, DossierDetailView, DossierListView, IdentityView, Notice, SessionView, SyncView,
    VneidView, WizardView,
};

commands! {
    /// The app's version, mode, language and hosts.
    sync fn app_info(app, desk) -> AppInfo {
        Ok(desk.app_info())
    }

    /// Switches the language of everything the shell says from now on.
    sync fn set_language(app, desk, lang: Lang) -> AppInfo {
        Ok(desk.set_language(lang))
    }

    /// Who is signed in; null when nobody is.
    async fn session(app, desk) -> Option<SessionView> {
        Ok(desk.session().await)
    }

    /// Signs out of the portal and VNeID and deletes the person's rows from the cache.
    async fn sign_out(app, desk) -> () {
        desk.sign_out(&app).await;
        Ok(())
    }

    /// A kiosk citizen is done: signed out everywhere and nothing of theirs left on this machine.
    async fn end_session(app, desk, reason: EndReason) -> () {
        desk.end_session(&app, reason).await;
        Ok(())
    }

    /// One step of the portal sign-in and the CCCD linking.
    async fn wizard(app, desk, input: WizardInput) -> WizardView {
        desk.wizard(&app, input).await
    }

    /// The wizard's current screen, in the current language.
    async fn wizard_view(app, desk) -> WizardView {
        desk.wizard_view().await.ok_or_else(|| IpcError::not_signed_in(desk.lang()))
    }

    /// Starts, reopens or cancels the VNeID sign-in.
    async fn vneid(app, desk, input: VneidInput) -> VneidView {
        desk.vneid(&app, input).await
    }

    /// The VNeID sign-in as it stands.
    async fn vneid_view(app, desk) -> VneidView {
        Ok(desk.vneid_view(&app).await)
    }

    /// One step of Thông tin định danh.
    async fn identity(app, desk, input: IdentityInput) -> IdentityView {
        desk.identity(input).await
    }

    /// Thông tin định danh as it stands (opened when it was not yet).
    async fn identity_view(app, desk) -> IdentityView {
        desk.identity_view().await
    }

    /// Corrects the name, birth date or sex in Thông tin cá nhân of an account not yet linked.
    async fn update_personal(app, desk, change: PersonalChange) -> SessionView {
        desk.update_personal(&app, change).await
    }

    /// A page of Hồ sơ đã nộp from the cache; it answers offline and as the user types.
    async fn dossiers(app, desk, query: DossierQuery) -> DossierListView {
        desk.dossiers(query).await
    }

    /// One dossier, from the cache when it holds it.
    async fn dossier(app, desk, code: String) -> DossierDetailView {
        desk.dossier(&code).await
    }

    /// Starts (or goes on with) the sync of the person's dossiers, or stops it.
    async fn sync(app, desk, action: SyncAction) -> SyncView {
        desk.sync(&app, action).await
    }

    /// How the cache stands against the portal.
    async fn sync_view(app, desk) -> SyncView {
        desk.sync_view().await
    }

    /// The office's audit log, for an officer with the PIN; a wrong PIN is `invalid_input`.
    sync fn audit_open(app, desk, pin: String) -> AuditView {
        desk.audit_open(&pin)
    }

    /// Writes the whole audit log as CSV into the Downloads folder.
    sync fn audit_export(app, desk, pin: String) -> AuditExport {
        desk.audit_export(&pin)
    }

    /// Prints a slip on the counter's printer: the next steps of a failed VNeID sign-in, the
    /// visit's outcome, or the dossiers the list shows.
    async fn print_slip(app, desk, slip: SlipChoice) -> () {
        desk.print_slip(slip).await
    }

    /// The card readers there are, and whether a card lies on one.
    sync fn card_readers(app, desk) -> CardReadersView {
        Ok(desk.card_readers())
    }

    /// Reads the chip CCCD card on the reader and holds it against the account of the CCCD
    /// screen; nothing read is kept.
    async fn read_card(app, desk, input: CardInput) -> CardView {
        desk.read_card(&app, input).await
    }

    /// Notices from before the UI listened; the UI asks once, when its first screen is up.
    sync fn take_notices(app, desk) -> Vec<Notice> {
        Ok(desk.take_notices())
    }
}
