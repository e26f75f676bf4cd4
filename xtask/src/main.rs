//! `cargo xtask`: the project's two everyday commands, `run` and `test`, for a fresh Debian 12
//! machine with Rust and Node. Each installs what it needs and is missing, then does its job.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask <run | test>
  run    start the sandbox portal and VNeID and print their addresses
  test   formatting, lints and every test of the workspace";

fn main() -> ExitCode {
    let task = env::args().nth(1);
    let result = match task.as_deref() {
        Some("run") => run(),
        Some("test") => test(),
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

/// Builds and starts the sandbox; it keeps account changes under `target/sandbox-data`.
fn run() -> Result<(), String> {
    let root = root();
    let data = root.join("target").join("sandbox-data");
    cargo(&root, &["build", "--locked", "-p", "dvclink-sandbox"])?;
    let binary = root.join("target").join("debug").join("dvclink-sandbox");
    let port = env::var("DVCLINK_SANDBOX_PORT").unwrap_or_else(|_| "8787".to_owned());
    step(&format!("starting the sandbox on port {port}"));
    let status = Command::new(binary)
        .args(["--port", &port, "--data"])
        .arg(&data)
        .status()
        .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("the sandbox stopped: {status}"))
}

/// Formatting, lints with warnings as errors, then every test.
fn test() -> Result<(), String> {
    let root = root();
    ensure_components()?;
    cargo(&root, &["fmt", "--all", "--check"])?;
    cargo(&root, &["clippy", "--locked", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    cargo(&root, &["test", "--locked", "--workspace"])?;
    step("all checks passed");
    Ok(())
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
