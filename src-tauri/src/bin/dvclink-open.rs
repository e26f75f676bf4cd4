//! `dvclink-open`: what the desktop entry runs, for a `vn.gov.dichvucong.dvclink:` link (VNeID
//! sending the person back) and for the menu alike. A link goes to the app already running over
//! D-Bus and this program ends, a few milliseconds after the browser started it: `dvclink`
//! itself would first load WebKit and its 170 libraries. With no link, or no app running to take
//! it, `dvclink` is started in its place with the same arguments.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[path = "../handoff.rs"]
#[cfg_attr(not(target_os = "linux"), allow(dead_code, reason = "the hand-over is Linux's"))]
mod handoff;

use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let args = argv.get(1..).unwrap_or_default();
    if handoff::carries_link(args) && handoff::to_running_app(argv.clone()) {
        return ExitCode::SUCCESS;
    }
    let app = std::env::current_exe()
        .map(|exe| exe.with_file_name(if cfg!(windows) { "dvclink.exe" } else { "dvclink" }))
        .unwrap_or_else(|_| "dvclink".into());
    start(Command::new(app).args(args))
}

/// Becomes the app (Unix: the same process, so the desktop sees one program start).
#[cfg(unix)]
fn start(app: &mut Command) -> ExitCode {
    use std::os::unix::process::CommandExt;
    let error = app.exec();
    say(&format!("dvclink-open: dvclink không khởi động được / could not start dvclink: {error}"));
    ExitCode::FAILURE
}

/// Starts the app and leaves it running.
#[cfg(not(unix))]
fn start(app: &mut Command) -> ExitCode {
    match app.spawn() {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            say(&format!("dvclink-open: dvclink không khởi động được / could not start dvclink: {error}"));
            ExitCode::FAILURE
        }
    }
}

#[allow(clippy::print_stderr, reason = "nothing else is set up to say it; the desktop logs standard error")]
fn say(text: &str) {
    eprintln!("{text}");
}
