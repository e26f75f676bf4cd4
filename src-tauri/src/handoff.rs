//! A launch that carries a link (VNeID's callback, passed on by the browser) hands it to the app
//! already running, without starting GTK, WebKit or Tauri. The single-instance plugin would do
//! the same, but only once the whole shell is up; on Linux its D-Bus interface is called here
//! directly. `dvclink-open`, the program the desktop entry names for links, does it before
//! loading WebKit at all, and `dvclink` itself before its window. With no app running, or
//! wherever the call fails, the launch goes on as a first one.
//!
//! This file is also compiled into `dvclink-open` (`src/bin/dvclink-open.rs`), which must not
//! link the shell: it uses nothing outside itself but `url` and `zbus`.

use url::Url;

/// The app's identifier (`tauri.conf.json`), which names the single-instance plugin's D-Bus
/// service (`<identifier>.SingleInstance`); it is also the app's link scheme (RFC 8252 §7.1,
/// a reversed domain name).
pub const IDENTIFIER: &str = "vn.gov.dichvucong.dvclink";

/// The plugin's D-Bus service, object path and interface (tauri-plugin-single-instance 2.5, no
/// `semver` feature).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    pub service: String,
    pub path: String,
    pub interface: &'static str,
}

impl Running {
    /// Where the running app of `identifier` listens.
    pub fn of(identifier: &str) -> Running {
        let service = format!("{identifier}.SingleInstance");
        let path = format!("/{}", service.replace('.', "/").replace('-', "_"));
        Running { service, path, interface: "org.SingleInstance.DBus" }
    }
}

/// Whether the arguments carry one of the app's links, and so are worth handing over early.
pub fn carries_link(args: &[String]) -> bool {
    args.iter().any(|arg| Url::parse(arg).is_ok_and(|url| url.scheme() == IDENTIFIER))
}

/// Hands the whole command line (program name first, as the plugin does) and working directory
/// to the running app. `true` once it has taken them: this process then has nothing to do.
#[cfg(target_os = "linux")]
pub fn to_running_app(argv: Vec<String>) -> bool {
    let cwd = std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned();
    // No session bus: nothing can be running that this launch could reach.
    zbus::blocking::Connection::session().is_ok_and(|bus| hand_over(&bus, &Running::of(IDENTIFIER), argv, &cwd))
}

/// Elsewhere the plugin's own hand-over runs (a named pipe on Windows, a socket on macOS).
#[cfg(not(target_os = "linux"))]
pub fn to_running_app(_argv: Vec<String>) -> bool {
    false
}

/// Calls the running app's `ExecuteCallback` on `bus`; `false` when no app owns the service.
#[cfg(target_os = "linux")]
pub fn hand_over(bus: &zbus::blocking::Connection, running: &Running, argv: Vec<String>, cwd: &str) -> bool {
    let sent = bus.call_method(
        Some(running.service.as_str()),
        running.path.as_str(),
        Some(running.interface),
        "ExecuteCallback",
        &(argv, cwd),
    );
    sent.is_ok()
}
