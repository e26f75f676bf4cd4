//! The main window: dressed for its mode, and never leaving the app's own pages.

use dvclink_desktop::config::Mode;
use dvclink_desktop::main_window::{Chrome, stays_in_app};
use url::Url;

fn check(link: &str, allowed: bool) {
    assert_eq!(stays_in_app(&Url::parse(link).unwrap()), allowed, "{link}");
}

#[test]
fn only_the_app_s_own_pages() {
    check("tauri://localhost/index.html", true);
    check("tauri://localhost/", true);
    check("http://tauri.localhost/index.html", true);
    check("https://tauri.localhost/", true);
    check("https://dichvucong.gov.vn/", false);
    check("http://127.0.0.1:8787/auth/realms/citizen", false);
    check("http://tauri.localhost:8080/", false);
    check("tauri://evil.example/", false);
    check("file:///etc/passwd", false);
    check("javascript:alert(1)", false);
    check("data:text/html,<h1>x</h1>", false);
    check("vn.gov.dichvucong.dvclink:/oauth/callback?code=x&state=y", false);
}

#[test]
fn a_kiosk_window_cannot_be_closed_resized_or_inspected() {
    let kiosk = Chrome::of(Mode::Kiosk);
    assert_eq!(
        kiosk,
        Chrome { fullscreen: true, decorations: false, closable: false, resizable: false, devtools: false }
    );
    let laptop = Chrome::of(Mode::Laptop);
    assert!(laptop.closable && laptop.resizable && laptop.decorations && !laptop.fullscreen);
}
