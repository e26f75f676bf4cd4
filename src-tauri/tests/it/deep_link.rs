//! Parsing links at the edge.

use dvclink_core::Secret;
use dvclink_core::vneid::{Callback, CallbackFormatError, CallbackResult};
use dvclink_desktop::deep_link::{DeepLink, DeepLinkError};
use dvclink_desktop::handoff;
use url::Url;

fn check(link: &str, expected: Result<DeepLink, DeepLinkError>) {
    let url = Url::parse(link).unwrap();
    assert_eq!(DeepLink::try_from(&url), expected, "{link}");
}

fn callback(state: &str, code: &str) -> DeepLink {
    DeepLink::VneidCallback(Callback {
        state: state.into(),
        issuer: None,
        result: CallbackResult::Code(Secret::new(code)),
    })
}

#[test]
fn links() {
    check("vn.gov.dichvucong.dvclink:/oauth/callback?code=c1&state=s1", Ok(callback("s1", "c1")));
    check("vn.gov.dichvucong.dvclink:///oauth/callback?code=c1&state=s1", Ok(callback("s1", "c1")));
    check(
        "vn.gov.dichvucong.dvclink:/oauth/callback?error=access_denied&state=s1",
        Ok(DeepLink::VneidCallback(Callback {
            state: "s1".into(),
            issuer: None,
            result: CallbackResult::Error { error: "access_denied".into(), description: None },
        })),
    );
    check(
        "vn.gov.dichvucong.dvclink:/oauth/callback?code=c1",
        Err(DeepLinkError::Malformed(CallbackFormatError::MissingState)),
    );
    check(
        "vn.gov.dichvucong.dvclink:/oauth/callback?state=s1",
        Err(DeepLinkError::Malformed(CallbackFormatError::MissingCode)),
    );
    check(
        "vn.gov.dichvucong.dvclink:/oauth/callback?code=a&code=b&state=s",
        Err(DeepLinkError::Malformed(CallbackFormatError::Repeated)),
    );
    check(
        "vn.gov.dichvucong.dvclink:/admin?code=c1&state=s1",
        Err(DeepLinkError::UnknownPath { path: "vn.gov.dichvucong.dvclink:/admin".into() }),
    );
    check(
        "vn.gov.dichvucong.dvclink://oauth/callback?code=c1&state=s1",
        Err(DeepLinkError::UnknownPath { path: "vn.gov.dichvucong.dvclink://oauth/callback".into() }),
    );
    check(
        "https://evil.example/oauth/callback?code=c1&state=s1",
        Err(DeepLinkError::OtherScheme { scheme: "https".into() }),
    );
    check("other.app:/oauth/callback?code=c1&state=s1", Err(DeepLinkError::OtherScheme { scheme: "other.app".into() }));
}

#[test]
fn the_scheme_is_the_one_the_operating_system_knows() {
    let conf: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    let schemes = &conf["plugins"]["deep-link"]["desktop"]["schemes"];
    assert_eq!(schemes, &serde_json::json!([dvclink_desktop::config::SCHEME]));
}

#[test]
fn the_desktop_entry_hands_links_to_the_app() {
    let template = include_str!("../../dvclink.desktop");
    assert!(template.lines().any(|l| l.starts_with("Exec=") && l.ends_with(" %u")), "{template}");
    let mime = format!("MimeType=x-scheme-handler/{};", dvclink_desktop::config::SCHEME);
    assert!(template.lines().any(|l| l == mime), "{template}");
    let conf: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    assert_eq!(conf["bundle"]["linux"]["deb"]["desktopTemplate"], "dvclink.desktop");
}

/// Which launches hand their arguments over before the shell starts.
#[test]
fn launches_that_carry_a_link() {
    let check = |args: &[&str], expected: bool| {
        let args: Vec<String> = args.iter().map(|&a| a.to_owned()).collect();
        assert_eq!(handoff::carries_link(&args), expected, "{args:?}");
    };
    check(&["vn.gov.dichvucong.dvclink:/oauth/callback?code=c&state=s"], true);
    check(&["--config", "/etc/dvclink.toml", "vn.gov.dichvucong.dvclink:///oauth/callback?error=x"], true);
    check(&[], false);
    check(&["--config", "/etc/dvclink.toml"], false);
    check(&["https://dichvucong.gov.vn/oauth/callback?code=c"], false);
    check(&["vn.gov.dichvucong.dvclink"], false);
}

/// The plugin's service is named after the app's identifier, as `tauri.conf.json` has it.
#[test]
fn the_running_app_is_found_under_the_plugins_name() {
    let conf: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    assert_eq!(conf["identifier"], handoff::IDENTIFIER);
    let running = handoff::Running::of(handoff::IDENTIFIER);
    assert_eq!(running.service, "vn.gov.dichvucong.dvclink.SingleInstance");
    assert_eq!(running.path, "/vn/gov/dichvucong/dvclink/SingleInstance");
    assert_eq!(handoff::Running::of("vn.example.dvc-link").path, "/vn/example/dvc_link/SingleInstance");
}

/// A second launch reaches a running app over a D-Bus bus of the test's own; with none running
/// it says so and the launch goes on.
#[cfg(target_os = "linux")]
#[test]
fn a_second_launch_hands_its_link_to_the_running_app() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;

    struct Taker(mpsc::Sender<(Vec<String>, String)>);
    #[zbus::interface(name = "org.SingleInstance.DBus")]
    impl Taker {
        fn execute_callback(&mut self, argv: Vec<String>, cwd: String) {
            let _ = self.0.send((argv, cwd));
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let mut daemon = std::process::Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address"])
        .arg(format!("--address=unix:path={}", dir.path().join("bus").display()))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("dbus-daemon starts (Debian package dbus-daemon)");
    let mut address = String::new();
    BufReader::new(daemon.stdout.take().unwrap()).read_line(&mut address).unwrap();
    let connect = || zbus::blocking::connection::Builder::address(address.trim()).unwrap().build().unwrap();
    let running = handoff::Running::of("vn.example.dvclink");
    let argv = vec!["dvclink".to_owned(), "vn.gov.dichvucong.dvclink:/oauth/callback?code=c&state=s".to_owned()];

    let second = connect();
    assert!(!handoff::hand_over(&second, &running, argv.clone(), "/"), "no app runs yet");

    let (sent, taken) = mpsc::channel();
    let _first = zbus::blocking::connection::Builder::address(address.trim())
        .unwrap()
        .name(running.service.as_str())
        .unwrap()
        .serve_at(running.path.as_str(), Taker(sent))
        .unwrap()
        .build()
        .unwrap();
    assert!(handoff::hand_over(&second, &running, argv.clone(), "/home/canbo"), "the running app takes it");
    assert_eq!(taken.recv().unwrap(), (argv, "/home/canbo".to_owned()));

    let _ = daemon.kill();
    let _ = daemon.wait();
}
