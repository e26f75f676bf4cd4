//! The app's own window. On a kiosk it takes the whole screen and cannot be closed, resized or
//! inspected by the person in front of it; in both modes it only ever shows the app itself:
//! navigation to another origin and new windows are refused.

use tauri::webview::NewWindowResponse;
use tauri::{Manager, Runtime, WebviewUrl, WebviewWindow, WebviewWindowBuilder};
use url::Url;

use crate::config::{AppConfig, Mode};

/// The label of the app's own window, the only one with IPC permissions.
pub const MAIN_WINDOW: &str = "main";

/// How the window is dressed in each mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chrome {
    pub fullscreen: bool,
    /// Title bar and borders.
    pub decorations: bool,
    pub closable: bool,
    pub resizable: bool,
    pub devtools: bool,
}

impl Chrome {
    pub fn of(mode: Mode) -> Chrome {
        match mode {
            Mode::Kiosk => {
                Chrome { fullscreen: true, decorations: false, closable: false, resizable: false, devtools: false }
            }
            Mode::Laptop => Chrome {
                fullscreen: false,
                decorations: true,
                closable: true,
                resizable: true,
                devtools: cfg!(debug_assertions),
            },
        }
    }
}

/// Opens the main window for `config`.
pub fn open<R: Runtime, M: Manager<R>>(manager: &M, config: &AppConfig) -> tauri::Result<WebviewWindow<R>> {
    let chrome = Chrome::of(config.mode);
    let lang = config.lang;
    WebviewWindowBuilder::new(manager, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
        .title(lang.pick("dvclink – Liên kết tài khoản Dịch vụ công", "dvclink – Public Services account linking"))
        .inner_size(1180.0, 860.0)
        .min_inner_size(800.0, 600.0)
        .center()
        .fullscreen(chrome.fullscreen)
        .decorations(chrome.decorations)
        .closable(chrome.closable)
        .minimizable(chrome.closable)
        .resizable(chrome.resizable)
        .devtools(chrome.devtools)
        .zoom_hotkeys_enabled(false)
        .on_navigation(|url| {
            let allowed = stays_in_app(url);
            if !allowed {
                tracing::warn!(scheme = url.scheme(), "refused to leave the app's own pages");
            }
            allowed
        })
        .on_new_window(|url, _| {
            tracing::warn!(scheme = url.scheme(), "refused to open a new window");
            NewWindowResponse::Deny
        })
        .build()
}

/// Whether `url` is one of the app's own pages (`tauri://localhost` on Linux and macOS,
/// `http(s)://tauri.localhost` on Windows). Everything else is refused, links included: the
/// sign-in page has its own window and the system browser is opened by the shell.
pub fn stays_in_app(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    }
}
