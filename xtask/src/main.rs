//! `cargo xtask`: the project's everyday commands for a fresh Debian 12 machine with Rust and
//! Node. Each installs what it needs and is missing (Debian packages, tauri-driver, the UI's npm
//! packages), then does its job.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod windows;

const USAGE: &str = "usage: cargo xtask <run | test | bench | bundle>
  run     build the app and start it against the embedded sandbox
  test    formatting, lints, the UI checks and tests, every Rust test, the end-to-end tests,
          Windows (the tests under Wine, dvclink.exe in release started under Wine), and the
          .deb installed and opening a callback in the running app
  test --quick  the inner loop: the UI checks and tests, formatting, lints and the Rust tests
          (no Debian packages, no .deb, no Windows, no end-to-end tests)
  bench   the cache's and the card reader's benchmarks, each against a baseline of the same run (see BENCHMARKS.md)
  bundle  a release build for offices (no sandbox) packaged as a .deb and an AppImage, in
          target/release/bundle/; `bundle --training` the same with the sandbox, for training;
          `bundle --windows` dvclink.exe and its NSIS installer for offices
  bench-app  dvclink in release against a bare Tauri app of the same versions (see BENCHMARKS.md)";

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
    "dbus-bin",
    "gnome-keyring",
    "locales-all",
    "xdg-utils",
    "desktop-file-utils",
    "chromium",
    "gcc-mingw-w64-x86-64",
    // Windows: the tests and the exe run under Wine; the installer is made with NSIS.
    "wine64",
    "nsis",
    // Printing: a CUPS server of the tests' own with the cups-pdf queue, read back as text,
    // pictures and scanned QR codes, and the font the slips are set in.
    "cups",
    "cups-client",
    "cups-bsd",
    "printer-driver-cups-pdf",
    "poppler-utils",
    "zbar-tools",
    // The chip CCCD card: pcsc-lite to build against, and a real pcscd with vpcd's virtual
    // reader, on which the sandbox lays its emulated cards.
    "libpcsclite-dev",
    "pcscd",
    "vsmartcard-vpcd",
    "fonts-dejavu-core",
];

/// The Windows target the app is type-checked for on every change.
const WINDOWS_TARGET: &str = "x86_64-pc-windows-gnu";

/// The scheme VNeID's callback comes back on; the .deb registers the app for it.
const SCHEME: &str = "vn.gov.dichvucong.dvclink";

/// The sandbox port `run` uses, so its text messages are at a known address.
const RUN_SANDBOX_PORT: &str = "8787";

fn main() -> ExitCode {
    let task = env::args().nth(1);
    let result = match task.as_deref() {
        Some("run") => run(),
        Some("test") => match env::args().nth(2).as_deref() {
            None => test(),
            Some("--quick") => test_quick(),
            Some(other) => Err(format!("unknown option {other:?} for test\n{USAGE}")),
        },
        Some("bench") => bench(),
        Some("bundle") => match env::args().nth(2).as_deref() {
            None => bundle(Edition::Office),
            Some("--training") => bundle(Edition::Training),
            Some("--windows") => bundle_windows(),
            Some(other) => Err(format!("unknown option {other:?} for bundle\n{USAGE}")),
        },
        Some("bench-app") => bench_app(),
        // Run by `test` inside a virtual display: the installed app receives a callback.
        Some("installed-link") => installed_link(),
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

/// The checks of the inner loop, which `test` runs too: the UI's, formatting, lints and every
/// Rust test but the end-to-end ones.
fn checks(root: &Path) -> Result<(), String> {
    ensure_components()?;
    build_ui(root, true)?;
    install_oidc_provider(root)?;
    cargo(root, &["fmt", "--all", "--check"])?;
    cargo(root, &["clippy", "--locked", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    cargo(root, &["test", "--locked", "--workspace", "--exclude", "dvclink-e2e"])
}

/// `test --quick`: the checks alone, on a machine already set up.
fn test_quick() -> Result<(), String> {
    checks(&root())?;
    step("quick checks passed (the full `cargo xtask test` also runs the end-to-end tests, Windows and the .deb)");
    Ok(())
}

/// Everything CI checks.
fn test() -> Result<(), String> {
    let root = root();
    ensure_packages()?;
    ensure_tauri_driver(&root)?;
    checks(&root)?;
    ensure_windows_target()?;
    windows::check(&root)?;
    cargo(&root, &["build", "--locked", "-p", "dvclink-desktop", "-p", "dvclink-sandbox"])?;
    step("end-to-end tests: the real app, each journey on its own Xvfb display and D-Bus session");
    cargo(&root, &["test", "--locked", "-p", "dvclink-e2e"])?;
    step("the office .deb: a release build without the sandbox, installed on this machine");
    let deb = bundle_with(&root, "deb", Edition::Office)?;
    install_deb(&deb)?;
    step("the installed app needs a portal, and receives a callback through xdg-open");
    run_command(
        Command::new("dbus-run-session")
            .args(["--", "xvfb-run", "-a", "-s", "-screen 0 1280x900x24"])
            .arg(env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?)
            .arg("installed-link"),
    )?;
    step("all checks passed");
    Ok(())
}

/// Which app a package holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edition {
    /// What offices install: no embedded sandbox, so it needs `portal_url` and `issuer`.
    Office,
    /// For training and demonstrations: the sandbox inside, with its banner on every screen.
    Training,
}

/// A release build of the app, packaged as a .deb and as an AppImage.
fn bundle(edition: Edition) -> Result<(), String> {
    let root = root();
    ensure_packages()?;
    build_ui(&root, false)?;
    let deb = bundle_with(&root, "deb", edition)?;
    say(&format!("the .deb: {}", deb.display()));
    let appimage = bundle_with(&root, "appimage", edition).map_err(|error| {
        format!(
            "{error}\nThe Tauri CLI makes the AppImage with linuxdeploy, which it downloads from github.com. \
             If this machine cannot reach it, put linuxdeploy-x86_64.AppImage, linuxdeploy-plugin-gtk.sh, \
             linuxdeploy-plugin-appimage-x86_64.AppImage and AppRun-x86_64 in ~/.cache/tauri, or set \
             TAURI_BUNDLER_TOOLS_GITHUB_MIRROR to a mirror. The .deb above was made."
        )
    })?;
    say(&format!("the AppImage: {}", appimage.display()));
    Ok(())
}

/// The office build for Windows: `dvclink.exe` and its NSIS installer, cross-built here.
fn bundle_windows() -> Result<(), String> {
    let root = root();
    ensure_packages()?;
    ensure_windows_target()?;
    build_ui(&root, false)?;
    let (exe, installer) = windows::build(&root)?;
    say(&format!("dvclink.exe: {}", exe.display()));
    let installer = installer?;
    say(&format!("the NSIS installer: {}", installer.display()));
    Ok(())
}

/// Runs the Tauri CLI (the UI's `@tauri-apps/cli`, the same version as the `tauri` crate) for one
/// bundle kind and returns the file it made; a training package's name says so. The UI must be
/// built first.
fn bundle_with(root: &Path, kind: &str, edition: Edition) -> Result<PathBuf, String> {
    let cli = root.join("ui/node_modules/@tauri-apps/cli/tauri.js");
    step(&format!("tauri build --bundles {kind} (release, {edition:?})"));
    let mut build = Command::new("node");
    build.arg(&cli).args(["build", "--ci", "--bundles", kind]).current_dir(root);
    if edition == Edition::Office {
        // The cargo build under the CLI leaves the default `sandbox` feature out.
        build.args(["--", "--no-default-features"]);
    }
    run_command(&mut build)?;
    let (dir, extension) = match kind {
        "deb" => ("deb", "deb"),
        _ => ("appimage", "AppImage"),
    };
    let dir = root.join("target/release/bundle").join(dir);
    let newest = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .filter(|path| !path.file_name().is_some_and(|name| name.to_string_lossy().starts_with("dvclink-training")))
        .max_by_key(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok());
    let made = newest.ok_or_else(|| format!("the Tauri CLI made no .{extension} in {}", dir.display()))?;
    if edition == Edition::Office {
        return Ok(made);
    }
    let name =
        made.file_name().map(|n| n.to_string_lossy().replacen("dvclink", "dvclink-training", 1)).unwrap_or_default();
    let training = made.with_file_name(name);
    std::fs::rename(&made, &training).map_err(|e| format!("{}: {e}", training.display()))?;
    Ok(training)
}

/// Installs the .deb with apt, which brings in what it depends on.
fn install_deb(deb: &Path) -> Result<(), String> {
    let options = ["install", "-y", "-q", "--no-install-recommends", "--reinstall"];
    let mut args: Vec<&std::ffi::OsStr> = options.iter().map(std::ffi::OsStr::new).collect();
    args.push(deb.as_os_str());
    apt(&args)
}

/// Inside a virtual display and a D-Bus session: checks that the installed package made the app
/// the handler of its scheme and that the office build refuses to start without a portal; then
/// configures it as an office would, against a sandbox started on its own (the portal and VNeID
/// of this test), starts it as a new user would (a fresh home), and has `xdg-open` hand it a
/// callback, which the running app must receive and refuse (no sign-in is waiting for it)
/// rather than a second copy of the app.
fn installed_link() -> Result<(), String> {
    let home = env::temp_dir().join(format!("dvclink-installed-link-{}", std::process::id()));
    std::fs::create_dir_all(&home).map_err(|e| format!("{}: {e}", home.display()))?;
    let result = installed_link_in(&home);
    let _ = std::fs::remove_dir_all(&home);
    result
}

fn installed_link_in(home: &Path) -> Result<(), String> {
    let query = Command::new("xdg-mime")
        .args(["query", "default", &format!("x-scheme-handler/{SCHEME}")])
        .env("HOME", home)
        .output()
        .map_err(|e| format!("cannot run xdg-mime: {e}"))?;
    let handler = String::from_utf8_lossy(&query.stdout).trim().to_owned();
    if handler != "dvclink.desktop" {
        return Err(format!("xdg-mime names {handler:?} as the handler of {SCHEME}:, not dvclink.desktop"));
    }
    say(&format!("xdg-mime query default x-scheme-handler/{SCHEME}: {handler}"));
    if !Path::new("/usr/bin/dvclink-open").is_file() {
        return Err("the package did not install /usr/bin/dvclink-open, which its desktop entry runs for links".into());
    }

    let unconfigured = Command::new("/usr/bin/dvclink")
        .env("HOME", home)
        .output()
        .map_err(|e| format!("cannot start /usr/bin/dvclink: {e}"))?;
    let said = String::from_utf8_lossy(&unconfigured.stderr).into_owned();
    if unconfigured.status.code() != Some(2) || !said.contains("portal_url") || !said.contains("issuer") {
        return Err(format!(
            "the office build without a portal should stop naming portal_url and issuer; it ended {} saying {said:?}",
            unconfigured.status
        ));
    }
    say(&format!("without a portal the office build stops: {}", said.trim()));

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port();
    let mut sandbox = Command::new(root().join("target/debug/dvclink-sandbox"))
        .args(["--port", &port.to_string(), "--data"])
        .arg(home.join("sandbox"))
        .stdout(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the sandbox (cargo build -p dvclink-sandbox): {e}"))?;
    let outcome = configured_link(home, port);
    let _ = sandbox.kill();
    let _ = sandbox.wait();
    outcome
}

/// The installed app configured against the sandbox on `port`, and a callback for it.
fn configured_link(home: &Path, port: u16) -> Result<(), String> {
    let listening = || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok();
    if !wait_until(std::time::Duration::from_secs(30), listening) {
        return Err(format!("the sandbox did not listen on port {port}"));
    }
    let config_dir = home.join(".config/dvclink");
    std::fs::create_dir_all(&config_dir).map_err(|e| format!("{}: {e}", config_dir.display()))?;
    let config = format!(
        "portal_url = \"http://127.0.0.1:{port}/portal/api/v1/\"\nissuer = \"http://127.0.0.1:{port}/auth/realms/citizen\"\n"
    );
    std::fs::write(config_dir.join("config.toml"), config).map_err(|e| format!("config.toml: {e}"))?;

    let log_path = home.join("dvclink.out");
    let log = std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let log_err = log.try_clone().map_err(|e| e.to_string())?;
    let mut app = Command::new("/usr/bin/dvclink")
        .env("HOME", home)
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .env("NO_AT_BRIDGE", "1")
        .stdout(log)
        .stderr(log_err)
        .spawn()
        .map_err(|e| format!("cannot start /usr/bin/dvclink: {e}"))?;
    let outcome = deliver_link(home, &log_path);
    let _ = app.kill();
    let _ = app.wait();
    if outcome.is_err() {
        say(&format!("the app's output:\n{}", std::fs::read_to_string(&log_path).unwrap_or_default()));
    }
    outcome
}

/// Waits for the app's first screen (by then it listens for links), opens a callback with
/// `xdg-open`, and waits for the app's log to show it.
fn deliver_link(home: &Path, log: &Path) -> Result<(), String> {
    let logged = |line: &str| std::fs::read_to_string(log).is_ok_and(|text| text.contains(line));
    if !wait_until(std::time::Duration::from_secs(90), || logged("the first screen is up")) {
        return Err("the installed app did not show its first screen within 90 s".to_owned());
    }
    let link = format!("{SCHEME}:/oauth/callback?code=xtask-check&state=xtask-check");
    run_command(Command::new("xdg-open").arg(&link).env("HOME", home))?;
    if !wait_until(std::time::Duration::from_secs(20), || logged("refused a VNeID callback")) {
        return Err("the running app never received the callback that xdg-open opened".to_owned());
    }
    say("the running app received the callback from xdg-open");
    Ok(())
}

/// Polls `done` every 100 ms until it holds or `limit` passes.
fn wait_until(limit: std::time::Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    done()
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"))
}

/// The Rust standard library for Windows, for the type check.
fn ensure_windows_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|line| line.trim() == WINDOWS_TARGET));
    if installed {
        return Ok(());
    }
    step(&format!("rustup target add {WINDOWS_TARGET}"));
    run_command(Command::new("rustup").args(["target", "add", WINDOWS_TARGET]))
}

/// The cache's benchmarks, in release. They print each ratio and whether it meets its goal.
fn bench() -> Result<(), String> {
    let root = root();
    step("cache benchmarks: upsert, search, sync, open (release build)");
    cargo(&root, &["bench", "--locked", "-p", "dvclink-cache", "--bench", "cache"])?;
    step("card benchmark: a card laid on the reader to its data checked, through pcscd (release build)");
    cargo(&root, &["bench", "--locked", "-p", "dvclink-card", "--bench", "card"])?;
    step("record the figures and the machine in BENCHMARKS.md");
    Ok(())
}

/// Builds dvclink and a bare Tauri app (generated under `target/bench-app/`) in release, then
/// measures both in one run under Xvfb.
fn bench_app() -> Result<(), String> {
    let root = root();
    ensure_packages()?;
    ensure_tauri_driver(&root)?;
    build_ui(&root, false)?;
    let target = root.join("target");
    step("dvclink in release, as offices install it (no sandbox inside)");
    cargo(
        &root,
        &[
            "build",
            "--locked",
            "--release",
            "-p",
            "dvclink-desktop",
            "--no-default-features",
            "--features",
            "tauri/custom-protocol",
        ],
    )?;
    step("the sandbox in release, standing for the portal and VNeID");
    cargo(&root, &["build", "--locked", "--release", "-p", "dvclink-sandbox"])?;
    let bare = write_bare_app(&root)?;
    step("the bare Tauri app in release: the same tauri version (from Cargo.lock) and profile");
    run_command(
        Command::new(cargo_bin())
            .args(["build", "--release", "--features", "tauri/custom-protocol", "--manifest-path"])
            .arg(bare.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target),
    )?;
    step("measuring both under Xvfb in a D-Bus session, dvclink against a sandbox as its portal");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port();
    let mut sandbox = Command::new(target.join("release").join("dvclink-sandbox"))
        .args(["--port", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    let measured = run_command(
        Command::new("dbus-run-session")
            .args(["--", "xvfb-run", "-a", "-s", "-screen 0 1280x900x24"])
            .arg(cargo_bin())
            .args(["bench", "--locked", "--profile", "dev", "-p", "dvclink-e2e", "--bench", "app"])
            .env("DVCLINK_APP", target.join("release").join("dvclink"))
            .env("BARE_APP", target.join("release").join("bare-tauri"))
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .env("NO_AT_BRIDGE", "1")
            .env("DVCLINK_E2E_PORTAL_PORT", port.to_string())
            .current_dir(&root),
    );
    let _ = sandbox.kill();
    let _ = sandbox.wait();
    measured?;
    step("record the figures and the machine in BENCHMARKS.md");
    Ok(())
}

/// Writes the bare app: one window whose page asks the Rust side one thing and says so, with
/// the workspace's lock file (so the same versions of tauri and everything under it) and its
/// release profile. Returns its directory.
fn write_bare_app(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("target").join("bench-app").join("bare");
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        // Unchanged files keep their times, so that cargo does not build the app again.
        if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
            return Ok(());
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let workspace = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    let profile = workspace
        .split("\n[")
        .find(|section| section.starts_with("profile.release]"))
        .map(|section| format!("[{}", section.trim_end()))
        .ok_or("the workspace has no [profile.release]")?;
    write(
        "Cargo.toml",
        &format!(
            "[package]\nname = \"bare-tauri\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [workspace]\n\n[build-dependencies]\ntauri-build = \"2\"\n\n[dependencies]\ntauri = \"2\"\n\n{profile}\n"
        ),
    )?;
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    write("Cargo.lock", &lock)?;
    write("build.rs", "fn main() {\n    tauri_build::build();\n}\n")?;
    write(
        "src/main.rs",
        "#![cfg_attr(not(debug_assertions), windows_subsystem = \"windows\")]\n\n\
         #[tauri::command]\nfn ready() {\n    println!(\"the first screen is up\");\n}\n\n\
         fn main() {\n    tauri::Builder::default()\n        .invoke_handler(tauri::generate_handler![ready])\n        \
         .run(tauri::generate_context!())\n        .expect(\"the app runs\");\n}\n",
    )?;
    write(
        "tauri.conf.json",
        r#"{
  "productName": "bare-tauri",
  "identifier": "dev.dvclink.bench.bare",
  "build": { "frontendDist": "dist" },
  "app": {
    "windows": [{ "title": "bare", "width": 1280, "height": 900 }],
    "security": { "csp": null }
  },
  "bundle": { "active": false, "icon": ["icons/icon.png"] }
}
"#,
    )?;
    write(
        "dist/index.html",
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>bare</title></head>\n\
         <body><h1>Bare Tauri</h1><script>window.__TAURI_INTERNALS__.invoke(\"ready\");</script></body></html>\n",
    )?;
    let icon = dir.join("icons").join("icon.png");
    std::fs::create_dir_all(dir.join("icons")).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("icons").join("icon.png"), &icon).map_err(|e| format!("{}: {e}", icon.display()))?;
    Ok(dir)
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

/// The third-party OpenID provider (panva's `oidc-provider`) the VNeID client is tested against.
fn install_oidc_provider(root: &Path) -> Result<(), String> {
    let dir = root.join("crates/dvclink-portal/tests/oidc-provider");
    step("npm ci (the third-party OpenID provider for the VNeID client's tests)");
    run_command(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir))
}

/// Installs the Debian packages that are missing, with `sudo` when not root.
fn ensure_packages() -> Result<(), String> {
    let missing: Vec<&str> = PACKAGES.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!("installing Debian packages: {}", missing.join(" ")));
    apt(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend(&missing);
    apt(&install)
}

/// Runs apt-get, through `sudo` when not root.
fn apt<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Result<(), String> {
    let mut command = if is_root() { Command::new("apt-get") } else { Command::new("sudo") };
    if !is_root() {
        command.arg("apt-get");
    }
    run_command(command.args(args).env("DEBIAN_FRONTEND", "noninteractive"))
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
