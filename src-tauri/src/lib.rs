//! The desktop shell of dvclink: Tauri 2 windows, the deep link, and the IPC commands that run
//! the domain's state machines (`dvclink-core`) against the portal and VNeID
//! (`dvclink-portal`), or against the embedded sandbox when no real portal is configured.

use dvclink_portal::{HttpSettings, PortalClient, VneidClient, VneidConfig};
use tauri::{App, AppHandle, Builder, Manager, Runtime};
use tauri_plugin_deep_link::DeepLinkExt;
use url::Url;

pub mod before_window;
pub mod commands;
pub mod config;
pub mod contract;
pub mod deep_link;
pub mod desk;
pub mod error;
pub mod handoff;
pub mod keychain;
pub mod main_window;
pub mod office_log;
pub mod offline;
pub mod pending_login;
pub mod signin;
pub mod views;

use crate::config::{AppConfig, Mode};
use dvclink_card::{ReaderWatch, Trust};

use crate::desk::{CardCounter, Desk, PcscSlot, Printing, Services, readers_view};
use crate::keychain::Keychain;
use crate::office_log::OfficeLog;
use crate::offline::{CacheTrouble, OfflineCopy};

pub use crate::main_window::MAIN_WINDOW;

/// The embedded sandbox, kept alive as long as the app.
#[cfg(feature = "sandbox")]
#[derive(Debug)]
pub struct EmbeddedSandbox(pub dvclink_sandbox::Sandbox);

/// When this process started, as near as the app can tell.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// How long ago the process started (zero where `run` did not start it, as in tests).
pub(crate) fn since_start() -> std::time::Duration {
    STARTED.get().map(std::time::Instant::elapsed).unwrap_or_default()
}

/// Starts the app; the binary's `main`.
pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(asked) = before_window::Asked::from_args(&args) {
        before_window::answer(asked);
        return;
    }
    if handoff::carries_link(&args) && handoff::to_running_app(std::env::args().collect()) {
        return;
    }
    let config = match AppConfig::load(&args, |key| std::env::var(key).ok()) {
        Ok(config) => config,
        Err(error) => {
            let text = format!("dvclink: cấu hình không hợp lệ / invalid configuration: {error}");
            before_window::say("dvclink", &text);
            std::process::exit(2);
        }
    };
    let builder = Builder::default()
        // The single-instance plugin comes first, so a second launch (a deep link) goes to the
        // running app before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(
            // Standard output and a file in the app's log directory.
            tauri_plugin_log::Builder::new().level(log::LevelFilter::Info).build(),
        );
    let result = commands::register(builder)
        .setup(move |app| {
            setup(app, config)?;
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "the app stopped");
        std::process::exit(1);
    }
}

/// A lock that outlives a panic elsewhere: the data behind it is still whole.
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Connects to the configured portal (or starts the sandbox), opens the main window, and
/// starts listening for deep links.
fn setup<R: Runtime>(app: &mut App<R>, config: AppConfig) -> anyhow::Result<()> {
    #[cfg(windows)]
    {
        // The installer registers the scheme too; doing it here keeps a copied or moved
        // dvclink.exe reachable by VNeID's callback (HKEY_CURRENT_USER, no rights needed).
        if let Err(error) = app.deep_link().register_all() {
            tracing::warn!(%error, "the scheme could not be registered for this user");
        }
        if tauri::webview_version().is_err() {
            before_window::say("dvclink – WebView2", before_window::WEBVIEW2_MISSING);
            std::process::exit(3);
        }
    }
    // The window first: WebKit starts its processes and loads the page while the rest is set
    // up. The page's first command waits for this function to return, so everything it needs
    // is in place by then.
    main_window::open(app, &config)?;
    let settings = HttpSettings::default();
    let (portal_url, issuer, sandbox_url) = match &config.remote {
        Some(remote) => (remote.portal_url.clone(), remote.issuer.clone(), None),
        None => embedded_sandbox(app, &config)?,
    };
    let hosts = (signin::host_of(&portal_url), Url::parse(&issuer).map(|url| signin::host_of(&url))?);
    let portal = PortalClient::new(portal_url, &settings)?;
    let vneid = VneidConfig {
        issuer,
        client_id: config.client_id.clone(),
        scopes: config.scopes.clone(),
        offline: config.mode == Mode::Laptop,
        acr_values: config.acr_values.clone(),
    };
    let idp = VneidClient::new(vneid, &settings)?;
    let local_dir = app.path().app_local_data_dir()?;
    std::fs::create_dir_all(&local_dir)?;
    let mut pending_file = Some(local_dir.join("vneid-pending.json"));
    let (offline, cache_notice) = OfflineCopy::open(Some(&local_dir.join("cache.sqlite")));
    if config.mode == Mode::Kiosk {
        // A kiosk that starts again (after a crash, a power cut) keeps nothing of whoever used
        // it before; its sign-in happens in its own window, so there is no callback to wait for.
        offline.forget_everyone();
        if let Some(path) = pending_file.take() {
            let _ = std::fs::remove_file(path);
        }
    }
    let browser =
        Box::new(|url: &Url| tauri_plugin_opener::open_url(url.as_str(), None::<&str>).map_err(|e| e.to_string()));
    let export_dir = dirs::download_dir().unwrap_or_else(|| local_dir.join("exports"));
    let log = OfficeLog::new(offline.shared_cache(), config.officer_pin.clone(), export_dir);
    let keychain = match config.mode {
        Mode::Laptop => Keychain::system(local_dir.join("kept-sign-in")),
        Mode::Kiosk => Keychain::none(),
    };
    let printing = Printing::configured(config.printer.as_deref(), config.paper);
    let (trust, trust_trouble) = card_trust(config.card_trust.as_deref());
    let card = CardCounter::new(std::sync::Arc::new(PcscSlot), trust);
    let services =
        Services { portal, idp, sandbox: sandbox_url, offline: offline.clone(), log, keychain, printing, card };
    app.manage(Desk::new(config.clone(), services, hosts, pending_file, browser));
    if let Some(message) = trust_trouble {
        app.state::<Desk>().notify(app.handle(), views::NoticeLevel::Error, message);
    }
    // Readers and cards come and go; the screens hear of each change.
    let handle = app.handle().clone();
    let watch = ReaderWatch::spawn(move |readers| {
        contract::emit::<contract::CardReadersChanged, R>(&handle, readers_view(&readers));
    });
    app.manage(CardWatch(watch));
    if let Some(notice) = cache_notice {
        cache_trouble(app.handle(), notice);
    }
    let handle = app.handle().clone();
    offline.verify_in_background(move || cache_trouble(&handle, CacheTrouble::Replaced));

    let handle = app.handle().clone();
    tauri::async_runtime::spawn(async move { handle.state::<Desk>().keep_resuming(&handle).await });

    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            take_link_later(&handle, url);
        }
    });
    match app.deep_link().get_current() {
        Ok(Some(urls)) => urls.into_iter().for_each(|url| take_link_later(app.handle(), url)),
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "could not read the link the app was started with"),
    }
    // A package (.deb, .rpm, MSI, NSIS) registers the scheme when it installs the app. An
    // AppImage or a development build has no installer, so there the app registers itself for
    // its user; on Windows that per-user entry is harmless next to the installer's.
    #[cfg(any(target_os = "linux", windows))]
    {
        #[cfg(target_os = "linux")]
        let installed_by_a_package = !cfg!(debug_assertions) && app.env().appimage.is_none();
        #[cfg(windows)]
        let installed_by_a_package = false;
        if !installed_by_a_package && let Err(error) = app.deep_link().register_all() {
            tracing::warn!(%error, "could not register the app for its links; VNeID sign-in still works in the app");
        }
    }
    Ok(())
}

/// Starts the sandbox in this process, for a build that has it and no portal configured:
/// the portal's address, the issuer, and the sandbox's own.
#[cfg(feature = "sandbox")]
fn embedded_sandbox<R: Runtime>(app: &mut App<R>, config: &AppConfig) -> anyhow::Result<(Url, String, Option<Url>)> {
    use dvclink_sandbox::{Sandbox, SandboxConfig};
    let data_dir = app.path().app_data_dir()?.join("sandbox");
    let sandbox_config = SandboxConfig { data_dir: Some(data_dir), ..SandboxConfig::default() };
    let address = std::net::SocketAddr::from((std::net::Ipv4Addr::LOCALHOST, config.sandbox_port));
    let sandbox = tauri::async_runtime::block_on(Sandbox::start(sandbox_config, address))?;
    tracing::info!(address = %sandbox.base_url(), "no portal configured: using the embedded sandbox");
    let urls = (sandbox.portal_url(), sandbox.issuer().to_string(), Some(sandbox.base_url()));
    app.manage(EmbeddedSandbox(sandbox));
    Ok(urls)
}

/// A build without the sandbox never gets here: its configuration needs a portal.
#[cfg(not(feature = "sandbox"))]
fn embedded_sandbox<R: Runtime>(_: &mut App<R>, _: &AppConfig) -> anyhow::Result<(Url, String, Option<Url>)> {
    Err(config::ConfigError::NoPortal.into())
}

/// The reader watch, kept for the app's life.
#[derive(Debug)]
struct CardWatch(#[allow(dead_code, reason = "kept alive, never read")] ReaderWatch);

/// The CSCA certificates of `card_trust`. A folder that cannot be used trusts nobody, so every
/// card is refused, and the user is told why.
fn card_trust(folder: Option<&std::path::Path>) -> (Trust, Option<String>) {
    let Some(folder) = folder else { return (Trust::none(), None) };
    match Trust::from_folder(folder) {
        Ok(trust) => {
            tracing::info!(certificates = trust.len(), "trusting the CSCA certificates of card_trust");
            (trust, None)
        }
        Err(error) => {
            tracing::error!(%error, "card_trust cannot be used; every card will be refused");
            (
                Trust::unusable(),
                Some(format!(
                    "Không dùng được thư mục chứng thư CSCA (card_trust): {error}. Mọi thẻ CCCD gắn chip sẽ bị từ chối cho đến khi sửa cấu hình."
                )),
            )
        }
    }
}

/// Tells the user that the data saved on this computer had to be started afresh.
fn cache_trouble<R: Runtime>(app: &AppHandle<R>, trouble: CacheTrouble) {
    let desk = app.state::<Desk>();
    let message = match trouble {
        CacheTrouble::Replaced => desk.lang().pick(
            "Dữ liệu lưu trên máy bị hỏng nên đã được làm mới. Hồ sơ của bạn sẽ được tải lại từ Cổng Dịch vụ công.",
            "The data saved on this computer was damaged and has been started afresh. Your dossiers will be downloaded again.",
        ),
        CacheTrouble::Unwritable => desk.lang().pick(
            "Không ghi được dữ liệu lên máy này. Ứng dụng vẫn dùng được, nhưng sẽ không xem được hồ sơ khi mất mạng.",
            "Nothing can be saved on this computer. The app still works, but dossiers cannot be seen without a network.",
        ),
    };
    desk.notify(app, views::NoticeLevel::Error, message.to_owned());
}

fn take_link_later<R: Runtime>(app: &AppHandle<R>, url: Url) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let desk = app.state::<Desk>();
        desk.take_link(&app, &url).await;
    });
}
