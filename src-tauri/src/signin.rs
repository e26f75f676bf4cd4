//! Where the VNeID sign-in page opens and how its answer comes back (RFC 8252). On a laptop the
//! page opens in the system browser and the answer returns as a deep link or to a loopback
//! listener; on a kiosk it opens in a separate window of the app, incognito and without any
//! IPC permission, whose navigation to the redirect URI is caught. All three hand the URL to
//! [`Desk::take_link`], the one callback path.

use std::net::{Ipv4Addr, SocketAddr};

use axum::Router;
use axum::extract::{OriginalUri, State};
use axum::response::Html;
use axum::routing::get;
use dvclink_core::lang::Lang;
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};
use tokio::sync::oneshot;
use url::Url;

use crate::config::{AppConfig, CALLBACK_PATH, RedirectKind, SCHEME};
use crate::desk::Desk;

/// The label of the kiosk sign-in window; no capability names it.
pub const SIGNIN_WINDOW: &str = "vneid-signin";

/// The way back from the sign-in page for one sign-in.
#[derive(Debug)]
pub struct SignInDoor {
    redirect_uri: Url,
    /// Stops the loopback listener, when there is one.
    listener: Option<oneshot::Sender<()>>,
}

impl SignInDoor {
    /// Sets up the redirect: the app's scheme, or a loopback listener on a free port.
    pub async fn prepare<R: Runtime>(app: &AppHandle<R>, config: &AppConfig) -> std::io::Result<SignInDoor> {
        match config.redirect {
            RedirectKind::Scheme => {
                let redirect_uri = Url::parse(&format!("{SCHEME}:{CALLBACK_PATH}")).map_err(std::io::Error::other)?;
                Ok(SignInDoor { redirect_uri, listener: None })
            }
            RedirectKind::Loopback => {
                let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await?;
                let port = listener.local_addr()?.port();
                let redirect_uri =
                    Url::parse(&format!("http://127.0.0.1:{port}{CALLBACK_PATH}")).map_err(std::io::Error::other)?;
                let (stop, stopped) = oneshot::channel::<()>();
                let router =
                    Router::new().route(CALLBACK_PATH, get(loopback_callback::<R>)).with_state((app.clone(), port));
                tauri::async_runtime::spawn(async move {
                    let served = axum::serve(listener, router).with_graceful_shutdown(async {
                        let _ = stopped.await;
                    });
                    if let Err(error) = served.await {
                        tracing::warn!(%error, "the loopback listener stopped");
                    }
                });
                Ok(SignInDoor { redirect_uri, listener: Some(stop) })
            }
        }
    }

    pub fn redirect_uri(&self) -> &Url {
        &self.redirect_uri
    }

    /// Opens (or brings back) the kiosk sign-in window on `url`.
    pub fn open_window<R: Runtime>(&self, app: &AppHandle<R>, url: &Url, lang: Lang) -> Result<(), String> {
        if let Some(window) = app.get_webview_window(SIGNIN_WINDOW) {
            window.navigate(url.clone()).map_err(|e| e.to_string())?;
            return window.set_focus().map_err(|e| e.to_string());
        }
        let handle = app.clone();
        let redirect = self.redirect_uri.clone();
        let provider = url.origin();
        WebviewWindowBuilder::new(app, SIGNIN_WINDOW, WebviewUrl::External(url.clone()))
            .title(lang.pick("Đăng nhập VNeID", "VNeID sign-in"))
            .incognito(true)
            .inner_size(1040.0, 820.0)
            .center()
            .focused(true)
            .on_navigation(move |target| {
                if is_callback(target, &redirect) {
                    let handle = handle.clone();
                    let target = target.clone();
                    tauri::async_runtime::spawn(async move {
                        handle.state::<Desk>().take_link(&handle, &target).await;
                    });
                    return false;
                }
                // The window shows the provider's pages and nothing else.
                target.origin() == provider
            })
            .build()
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Stops listening and closes the sign-in window.
    pub fn close<R: Runtime>(self, app: &AppHandle<R>) {
        if let Some(stop) = self.listener {
            let _ = stop.send(());
        }
        if let Some(window) = app.get_webview_window(SIGNIN_WINDOW) {
            let _ = window.destroy();
        }
    }
}

/// Whether a navigation goes to the redirect URI (any query).
pub fn is_callback(target: &Url, redirect: &Url) -> bool {
    target.scheme() == redirect.scheme()
        && target.host_str() == redirect.host_str()
        && target.port() == redirect.port()
        && target.path() == redirect.path()
}

/// The host (and port, when not the default) that the user should see.
pub fn host_of(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => url.as_str().to_owned(),
    }
}

/// The browser lands here after VNeID; the app takes the URL and the browser gets a page
/// saying to go back to the app.
async fn loopback_callback<R: Runtime>(
    State((app, port)): State<(AppHandle<R>, u16)>,
    OriginalUri(uri): OriginalUri,
) -> Html<String> {
    let desk = app.state::<Desk>();
    let lang = desk.lang();
    if let Ok(url) = Url::parse(&format!("http://127.0.0.1:{port}{uri}")) {
        desk.take_link(&app, &url).await;
    }
    Html(format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>dvclink</title></head>\
         <body style=\"font-family:sans-serif;font-size:20px;margin:3em\"><h1>{}</h1><p>{}</p></body></html>",
        lang.pick("vi", "en"),
        lang.pick("Đã nhận kết quả đăng nhập VNeID", "VNeID sign-in received"),
        lang.pick(
            "Hãy quay lại cửa sổ ứng dụng dvclink. Bạn có thể đóng thẻ này.",
            "Go back to the dvclink window. You can close this tab."
        ),
    ))
}
