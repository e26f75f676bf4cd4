//! Generates the Tauri context (configuration, embedded UI) and a permission for each app
//! command, so that only the windows whose capability names a command can call it.

/// Every IPC command of the app; `capabilities/main.json` grants them to the main window only.
const COMMANDS: &[&str] = &[
    "app_info",
    "set_language",
    "session",
    "sign_out",
    "end_session",
    "wizard",
    "wizard_view",
    "vneid",
    "vneid_view",
    "identity",
    "identity_view",
    "dossiers",
    "dossier",
    "sync",
    "sync_view",
    "audit_open",
    "audit_export",
    "take_notices",
];

fn main() {
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {error:#}");
    }
}
