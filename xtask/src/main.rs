//! `cargo xtask`: the project's everyday commands for a fresh Debian 12 machine with Rust and
//! Node. Each installs what it needs and is missing (Debian packages, tauri-driver, the UI's npm
//! packages), then does its job.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask <run | test | bench>
  run    build the app and start it against the embedded sandbox
  test   formatting, lints, the UI checks and tests, every Rust test, and the end-to-end tests
  bench  the cache's benchmarks, each against a baseline of the same run (see BENCHMARKS.md)";

/// Debian packages the app needs to build and run, and the tests need to drive it.
const PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libsoup-3.0-dev",
    "libxdo-dev",
    "libssl-dev",
    "libdbus-1-dev",
    "pkg-config",
    "xvfb",
    "webkit2gtk-driver",
    "dbus-daemon",
    "xdg-utils",
    "desktop-file-utils",
    "chromium",
];

/// The sandbox port `run` uses, so its text messages are at a known address.
const RUN_SANDBOX_PORT: &str = "8787";

fn main() -> ExitCode {
    let task = env::args().nth(1);
    let result = match task.as_deref() {
        Some("run") => run(),
        Some("test") => test(),
        Some("bench") => bench(),
        _ => {
            say(USAGE);
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            say(&format!("xtask: {message}"));
            ExitCode::FAILURE
        }
    }
}

/// Builds the UI and the app, then starts the app against its embedded sandbox.
fn run() -> Result<(), String> {
    let root = root();
    ensure_packages()?;
    build_ui(&root, false)?;
    cargo(&root, &["build", "--locked", "-p", "dvclink-desktop"])?;
    let app = root.join("target").join("debug").join("dvclink");
    let port = env::var("DVCLINK_SANDBOX_PORT").unwrap_or_else(|_| RUN_SANDBOX_PORT.to_owned());
    step(&format!(
        "starting dvclink against the embedded sandbox; one-time codes: http://127.0.0.1:{port}/sandbox/sms"
    ));
    let has_display = env::var_os("DISPLAY").is_some() || env::var_os("WAYLAND_DISPLAY").is_some();
    let mut command = if has_display {
        Command::new(&app)
    } else {
        say("No display was found, so the app runs inside a virtual one (Xvfb) and cannot be seen.");
        say("Run this command from a desktop session to see the app's window.");
        let mut command = Command::new("dbus-run-session");
        command.args(["--", "xvfb-run", "-a", "-s", "-screen 0 1280x900x24"]).arg(&app);
        command
    };
    command.env("DVCLINK_SANDBOX_PORT", &port).env("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    run_command(&mut command)
}

/// Everything CI checks.
fn test() -> Result<(), String> {
    let root = root();
    ensure_packages()?;
    ensure_components()?;
    ensure_tauri_driver(&root)?;
    build_ui(&root, true)?;
    cargo(&root, &["fmt", "--all", "--check"])?;
    cargo(&root, &["clippy", "--locked", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    cargo(&root, &["test", "--locked", "--workspace", "--exclude", "dvclink-e2e"])?;
    cargo(&root, &["build", "--locked", "-p", "dvclink-desktop"])?;
    step("end-to-end tests: the real app under Xvfb in a D-Bus session");
    run_command(
        Command::new("dbus-run-session")
            .args(["--", "xvfb-run", "-a", "-s", "-screen 0 1280x900x24"])
            .arg(cargo_bin())
            .args(["test", "--locked", "-p", "dvclink-e2e", "--", "--test-threads=1"])
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .env("NO_AT_BRIDGE", "1")
            .current_dir(&root),
    )?;
    step("all checks passed");
    Ok(())
}

/// The cache's benchmarks, in release. They print each ratio and whether it meets its goal.
fn bench() -> Result<(), String> {
    let root = root();
    step("cache benchmarks: upsert, search, sync, open (release build)");
    cargo(&root, &["bench", "--locked", "-p", "dvclink-cache", "--bench", "cache"])?;
    step("record the figures and the machine in BENCHMARKS.md");
    Ok(())
}

/// Installs the UI's packages and builds it; with `check`, also its type check, lint and tests.
fn build_ui(root: &Path, check: bool) -> Result<(), String> {
    let ui = root.join("ui");
    let npm = |args: &[&str]| {
        step(&format!("npm {} (ui)", args.join(" ")));
        run_command(Command::new("npm").args(args).current_dir(&ui))
    };
    npm(&["ci", "--no-audit", "--no-fund"])?;
    if check {
        npm(&["run", "check"])?;
    }
    npm(&["run", "build"])?;
    if check {
        npm(&["test"])?;
    }
    Ok(())
}

/// Installs the Debian packages that are missing, with `sudo` when not root.
fn ensure_packages() -> Result<(), String> {
    let missing: Vec<&str> = PACKAGES.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!("installing Debian packages: {}", missing.join(" ")));
    let root_user = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    let apt = |args: &[&str]| {
        let mut command = if root_user { Command::new("apt-get") } else { Command::new("sudo") };
        if !root_user {
            command.arg("apt-get");
        }
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run_command(&mut command)
    };
    apt(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend(&missing);
    apt(&install)
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

/// rustfmt and clippy come with most toolchains; add them where they do not.
fn ensure_components() -> Result<(), String> {
    for (probe, component) in [("fmt", "rustfmt"), ("clippy", "clippy")] {
        let present = Command::new(cargo_bin()).args([probe, "--version"]).output().is_ok_and(|o| o.status.success());
        if !present {
            step(&format!("installing {component}"));
            run_command(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}

/// tauri-driver, which the end-to-end tests drive the app through.
fn ensure_tauri_driver(root: &Path) -> Result<(), String> {
    let present = Command::new("tauri-driver").arg("--help").output().is_ok_and(|o| o.status.success());
    if present {
        return Ok(());
    }
    cargo(root, &["install", "tauri-driver", "--version", "^2", "--locked"])
}

fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    step(&format!("cargo {}", args.join(" ")));
    run_command(Command::new(cargo_bin()).args(args).current_dir(root))
}

fn run_command(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("cannot run {command:?}: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{command:?} failed: {status}"))
}

fn cargo_bin() -> String {
    env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// The workspace root: the parent of this crate's directory.
fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

#[allow(clippy::print_stderr, reason = "progress lines are what a task runner prints")]
fn say(message: &str) {
    eprintln!("{message}");
}

fn step(message: &str) {
    say(&format!("==> {message}"));
}
