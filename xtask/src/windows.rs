//! Windows, where most offices are, checked from this Linux machine: the crates' and the
//! desktop's tests cross-built with Debian's MinGW and run under Debian's Wine; `dvclink.exe`
//! built in release as it ships, with the NSIS installer where the Tauri CLI can make one; and
//! the exe started under Wine: `--version`, `--help`, a configuration it cannot use, the scheme
//! it registers, and the message it gives when WebView2 is missing (as it is under Wine).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use crate::{WINDOWS_TARGET, cargo_bin, run_command, say, step};

/// Debian's 64-bit Wine loader (package `wine64`).
const WINE: &str = "/usr/lib/wine/wine64";

/// The crates whose tests run under Wine.
const TESTED: [&str; 6] =
    ["dvclink-core", "dvclink-cache", "dvclink-card", "dvclink-portal", "dvclink-sandbox", "dvclink-desktop"];

/// The scheme the exe registers.
const SCHEME: &str = "vn.gov.dichvucong.dvclink";

/// Everything Windows: the tests, the release build and installer, the exe's start.
pub fn check(root: &Path) -> Result<(), String> {
    let prefix = prefix(root)?;
    tests(root, &prefix)?;
    let (exe, installer) = build(root)?;
    match installer {
        Ok(installer) => say(&format!("the NSIS installer: {}", installer.display())),
        Err(blocker) => say(&blocker),
    }
    start(&prefix, &exe)
}

/// The Wine prefix under `target/`, made once, with `bcryptprimitives.dll` for Wine before 9
/// (see `xtask/wine/bcryptprimitives.c`).
fn prefix(root: &Path) -> Result<PathBuf, String> {
    let prefix = root.join("target/wine-prefix");
    if !prefix.join("system.reg").is_file() {
        step("a Wine prefix for the Windows tests (target/wine-prefix)");
        run_command(wine(&prefix, None).arg("wineboot").arg("--init"))?;
    }
    let dll = prefix.join("drive_c/windows/system32/bcryptprimitives.dll");
    if !dll.is_file() {
        step("bcryptprimitives.dll (ProcessPrng) for Wine 8, built with MinGW");
        run_command(
            Command::new("x86_64-w64-mingw32-gcc")
                .args(["-shared", "-O2", "-o"])
                .arg(&dll)
                .arg(root.join("xtask/wine/bcryptprimitives.c"))
                .arg("-ladvapi32"),
        )?;
    }
    Ok(prefix)
}

/// A Wine command in `prefix`, quiet, finding DLLs (WebView2Loader.dll) in `dlls`.
fn wine(prefix: &Path, dlls: Option<&Path>) -> Command {
    let mut command = Command::new(WINE);
    set_wine_env(&mut command, prefix, dlls);
    command
}

fn set_wine_env(command: &mut Command, prefix: &Path, dlls: Option<&Path>) {
    // No display: nothing waits for a click. No Mono or Gecko: nothing offers to download them.
    command
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
        .env_remove("DISPLAY");
    if let Some(dlls) = dlls {
        command.env("WINEPATH", format!("Z:{}", dlls.display().to_string().replace('/', "\\")));
    }
}

/// The tests of the crates and of the desktop (Tauri's mock runtime), built for Windows and run
/// by cargo with Wine as the runner (`.cargo/config.toml`). The third-party OpenID provider is
/// a Node program: it runs here, on the host, and the tests get its issuers.
fn tests(root: &Path, prefix: &Path) -> Result<(), String> {
    let providers = Providers::start(root)?;
    step("the crates' and the desktop's tests, built for Windows with MinGW, under Wine");
    let mut command = Command::new(cargo_bin());
    command.args(["test", "--locked", "--target", WINDOWS_TARGET]).current_dir(root);
    for package in TESTED {
        command.args(["-p", package]);
    }
    set_wine_env(&mut command, prefix, Some(&root.join("target").join(WINDOWS_TARGET).join("debug")));
    for (var, _, issuer) in &providers.0 {
        command.env(var, issuer);
    }
    run_command(&mut command)
}

/// The three providers the portal's third-party tests use, by the variable that names each.
struct Providers(Vec<(&'static str, Child, String)>);

impl Providers {
    fn start(root: &Path) -> Result<Providers, String> {
        let dir = root.join("crates/dvclink-portal/tests/oidc-provider");
        let mut started = Providers(Vec::new());
        for (var, path, claims) in [
            ("DVCLINK_TEST_OIDC_ROOT", "", false),
            ("DVCLINK_TEST_OIDC_PATH", "/oidc", false),
            ("DVCLINK_TEST_OIDC_PATH_CLAIMS", "/oidc", true),
        ] {
            let mut command = Command::new("node");
            command.arg("provider.mjs").arg(format!("--path={path}")).current_dir(&dir);
            if claims {
                command.arg("--id-token-claims");
            }
            let mut child = command
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("cannot start the OpenID provider: {e}"))?;
            let mut line = String::new();
            if let Some(stdout) = child.stdout.take() {
                BufReader::new(stdout).read_line(&mut line).map_err(|e| e.to_string())?;
            }
            let issuer = line.split("\"issuer\":\"").nth(1).and_then(|rest| rest.split('"').next());
            let issuer = issuer.ok_or_else(|| format!("the OpenID provider said {line:?}"))?.to_owned();
            started.0.push((var, child, issuer));
        }
        Ok(started)
    }
}

impl Drop for Providers {
    fn drop(&mut self) {
        for (_, child, _) in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// What the Tauri CLI needs from github.com to make the NSIS installer, besides Debian's
/// `makensis`: its own NSIS plugin, which it downloads on every machine that lacks it.
pub const NSIS_DOWNLOAD: &str =
    "https://github.com/tauri-apps/nsis-tauri-utils/releases/download/nsis_tauri_utils-v0.5.3/nsis_tauri_utils.dll";

/// The office build of `dvclink.exe` in release through the Tauri CLI, with the NSIS installer
/// where the CLI can make one. Returns the exe, and the installer or why there is none.
pub fn build(root: &Path) -> Result<(PathBuf, Result<PathBuf, String>), String> {
    let cli = root.join("ui/node_modules/@tauri-apps/cli/tauri.js");
    step("tauri build --target x86_64-pc-windows-gnu --bundles nsis (release, office)");
    let output = Command::new("node")
        .arg(&cli)
        .args(["build", "--ci", "--target", WINDOWS_TARGET, "--bundles", "nsis", "--", "--no-default-features"])
        .current_dir(root)
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run the Tauri CLI: {e}"))?;
    let said = String::from_utf8_lossy(&output.stderr);
    let release = root.join("target").join(WINDOWS_TARGET).join("release");
    let exe = release.join("dvclink.exe");
    if !exe.is_file() {
        return Err(format!("dvclink.exe was not linked:\n{said}"));
    }
    let installers = release.join("bundle/nsis");
    let made = std::fs::read_dir(&installers)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|x| x == "exe"));
    let installer = made.ok_or_else(|| {
        let download = said.lines().find(|line| line.contains("Downloading")).map(str::trim);
        let failure = said.lines().rev().find(|line| line.contains("failed")).map(str::trim);
        format!(
            "The Tauri CLI made no NSIS installer. It makes it with Debian's makensis and its own NSIS plugin, \
             nsis_tauri_utils.dll, which it downloads from {NSIS_DOWNLOAD} into its tools folder under \
             ~/.cache/tauri; this machine cannot reach github.com. Let it download once from a machine that can \
             (or set TAURI_BUNDLER_TOOLS_GITHUB_MIRROR to a mirror). dvclink.exe was linked: {}.\nThe CLI said: {} {}",
            exe.display(),
            download.unwrap_or(""),
            failure.unwrap_or(""),
        )
    });
    Ok((exe, installer))
}

/// Starts the exe under Wine as an office would, and reads back what it did.
fn start(prefix: &Path, exe: &Path) -> Result<(), String> {
    step("dvclink.exe under Wine: --version, --help, no configuration, the scheme, no WebView2");
    let dlls = exe.parent().map(Path::to_path_buf);
    let run = |args: &[&str], env: &[(&str, &str)]| -> Result<Output, String> {
        let mut command = wine(prefix, dlls.as_deref());
        command.arg(exe).args(args).env("DVCLINK_PORTAL_URL", "").env("DVCLINK_ISSUER", "");
        for (key, value) in env {
            command.env(key, value);
        }
        command.stdin(Stdio::null()).output().map_err(|e| format!("cannot run Wine: {e}"))
    };
    let text = |output: &Output| {
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
    };
    let expect = |what: &str, output: &Output, code: i32, words: &[&str]| -> Result<(), String> {
        let said = text(output);
        if output.status.code() != Some(code) || !words.iter().all(|w| said.contains(w)) {
            return Err(format!("{what}: expected exit {code} and {words:?}, got {:?}:\n{said}", output.status.code()));
        }
        say(&format!("{what}: exit {code}, and it says {words:?}"));
        Ok(())
    };
    let version = format!("dvclink {}", env!("CARGO_PKG_VERSION"));
    expect("--version", &run(&["--version"], &[])?, 0, &[&version])?;
    expect("--help", &run(&["--help"], &[])?, 0, &["portal_url", "DVCLINK_ISSUER", "--config"])?;
    expect("no configuration", &run(&[], &[])?, 2, &["portal_url", "issuer"])?;
    // Configured as an office would, it gets as far as its window: the scheme is registered for
    // this user, and the missing WebView2 runtime is said, not a silent exit.
    let configured = [
        ("DVCLINK_PORTAL_URL", "https://dichvucong.gov.vn/api/"),
        ("DVCLINK_ISSUER", "https://sso.dancuquocgia.gov.vn/auth/realms/citizen"),
    ];
    expect("no WebView2", &run(&[], &configured)?, 3, &["WebView2 Runtime", "Máy tính này chưa có"])?;
    let key = format!("HKEY_CURRENT_USER\\Software\\Classes\\{SCHEME}\\shell\\open\\command");
    let query = wine(prefix, None).args(["reg", "query", &key]).output().map_err(|e| format!("wine reg: {e}"))?;
    let said = text(&query);
    if !query.status.success() || !said.to_lowercase().contains("dvclink.exe") {
        return Err(format!("the scheme is not registered under {key}:\n{said}"));
    }
    say(&format!("{key} opens dvclink.exe"));
    Ok(())
}
