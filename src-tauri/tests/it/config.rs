//! Reading the configuration file and the environment.

use std::collections::HashMap;

use dvclink_core::Lang;
use dvclink_desktop::config::{AppConfig, ConfigError, Mode, RedirectKind};

/// Parses `text` with the environment `env` and renders the outcome on one line.
fn check(text: &str, env: &[(&str, &str)], expected: &str) {
    let env: HashMap<String, String> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let actual = match AppConfig::parse(text, "/etc/dvclink/config.toml", |key| env.get(key).cloned()) {
        Ok(config) => {
            let remote =
                config.remote.as_ref().map_or("sandbox".to_owned(), |r| format!("{} {}", r.portal_url, r.issuer));
            let redirect = match config.redirect {
                RedirectKind::Scheme => "scheme",
                RedirectKind::Loopback => "loopback",
            };
            let mode = match config.mode {
                Mode::Kiosk => "kiosk",
                Mode::Laptop => "laptop",
            };
            let lang = match config.lang {
                Lang::Vi => "vi",
                Lang::En => "en",
            };
            let port = if config.sandbox_port == 0 { String::new() } else { format!(" port {}", config.sandbox_port) };
            let idle = match config.idle_timeout_secs {
                120 => String::new(),
                secs => format!(" idle {secs}"),
            };
            let pin = config.officer_pin.as_ref().map_or(String::new(), |pin| format!(" pin {}", pin.expose()));
            let scopes = config.scopes.as_ref().map_or(String::new(), |s| format!(" scopes {}", s.join(",")));
            let acr = match config.acr_values.as_deref() {
                Some("LoA2") => String::new(),
                Some(acr) => format!(" acr {acr}"),
                None => " acr none".to_owned(),
            };
            let printer = match (&config.printer, config.paper) {
                (None, dvclink_print::Paper::A4) => String::new(),
                (printer, paper) => format!(" printer {} {paper:?}", printer.as_deref().unwrap_or("-")),
            };
            format!("{remote} {} {redirect} {mode} {lang}{port}{idle}{pin}{scopes}{acr}{printer}", config.client_id)
        }
        Err(error) => format!("error: {error}"),
    };
    assert_eq!(actual, expected, "{text:?} {env:?}");
}

#[test]
fn defaults_run_against_the_sandbox() {
    check("", &[], "sandbox dvclink-desktop scheme laptop vi");
}

/// A build without the sandbox (what offices install) needs the portal and the issuer.
#[test]
fn a_production_build_needs_a_portal() {
    let none = AppConfig::parse("", "config.toml", |_| None).unwrap();
    assert_eq!(none.clone().for_build(false), Err(ConfigError::NoPortal));
    assert!(none.for_build(true).is_ok());
    let remote =
        "portal_url = \"https://dichvucong.gov.vn/api/\"\nissuer = \"https://sso.dancuquocgia.gov.vn/realms/citizen\"";
    assert!(AppConfig::parse(remote, "config.toml", |_| None).unwrap().for_build(false).is_ok());
    let message = ConfigError::NoPortal.to_string();
    assert!(message.contains("portal_url") && message.contains("issuer"), "{message}");
}

#[test]
fn the_officer_pin() {
    check("officer_pin = \"246810\"", &[], "sandbox dvclink-desktop scheme laptop vi pin 246810");
    check("", &[("DVCLINK_OFFICER_PIN", " 1357 ")], "sandbox dvclink-desktop scheme laptop vi pin 1357");
    let rule = "error: officer_pin = \"…\" is not valid: use 4 to 12 digits";
    for pin in ["123", "12345a", "1234567890123", "mật khẩu"] {
        check(&format!("officer_pin = \"{pin}\""), &[], rule);
    }
}

#[test]
fn the_kiosk_idle_time_out() {
    check("mode = \"kiosk\"\nidle_timeout = 300", &[], "sandbox dvclink-desktop scheme kiosk vi idle 300");
    check("idle_timeout = 300", &[("DVCLINK_IDLE_TIMEOUT", "90")], "sandbox dvclink-desktop scheme laptop vi idle 90");
    let range = "use a number of seconds from 60 to 3600";
    check("idle_timeout = 10", &[], &format!("error: idle_timeout = \"10\" is not valid: {range}"));
    check(
        "",
        &[("DVCLINK_IDLE_TIMEOUT", "2 phút")],
        &format!("error: idle_timeout = \"2 phút\" is not valid: {range}"),
    );
    check("idle_timeout = 7200", &[], &format!("error: idle_timeout = \"7200\" is not valid: {range}"));
}

#[test]
fn file_and_environment() {
    let remote = "portal_url = \"https://dvc.example.vn/portal/api/v1/\"\nissuer = \"https://id.example.vn/auth/realms/citizen\"\n";
    check(
        remote,
        &[],
        "https://dvc.example.vn/portal/api/v1/ https://id.example.vn/auth/realms/citizen dvclink-desktop scheme laptop vi",
    );
    check(
        "mode = \"kiosk\"\nredirect = \"loopback\"\nlanguage = \"en\"\nclient_id = \"office-42\"",
        &[],
        "sandbox office-42 loopback kiosk en",
    );
    check(
        "mode = \"kiosk\"",
        &[("DVCLINK_MODE", "laptop"), ("DVCLINK_LANGUAGE", "en")],
        "sandbox dvclink-desktop scheme laptop en",
    );
    check(
        "",
        &[
            ("DVCLINK_PORTAL_URL", "http://127.0.0.1:8787/portal/api/v1/"),
            ("DVCLINK_ISSUER", "http://127.0.0.1:8787/auth/realms/citizen"),
        ],
        "http://127.0.0.1:8787/portal/api/v1/ http://127.0.0.1:8787/auth/realms/citizen dvclink-desktop scheme laptop vi",
    );
    check("mode = \"kiosk\"", &[("DVCLINK_MODE", "  ")], "sandbox dvclink-desktop scheme kiosk vi");
    check("sandbox_port = 8787", &[], "sandbox dvclink-desktop scheme laptop vi port 8787");
    check("", &[("DVCLINK_SANDBOX_PORT", "9001")], "sandbox dvclink-desktop scheme laptop vi port 9001");
}

/// The issuer stays exactly as typed, and what is asked of VNeID can be configured.
#[test]
fn the_provider_as_configured() {
    check(
        "portal_url = \"https://dvc.example.vn/api/\"\nissuer = \" https://sso.example.vn \"",
        &[],
        "https://dvc.example.vn/api/ https://sso.example.vn dvclink-desktop scheme laptop vi",
    );
    check(
        "scopes = \"openid  profile offline_access\"",
        &[],
        "sandbox dvclink-desktop scheme laptop vi scopes openid,profile,offline_access",
    );
    check("acr_values = \"\"", &[], "sandbox dvclink-desktop scheme laptop vi acr none");
    check("", &[("DVCLINK_ACR_VALUES", "LoA3")], "sandbox dvclink-desktop scheme laptop vi acr LoA3");
    check("", &[("DVCLINK_SCOPES", "openid vneid")], "sandbox dvclink-desktop scheme laptop vi scopes openid,vneid");
    check(
        "printer = \"Quay_1\"\npaper = \"receipt80\"",
        &[],
        "sandbox dvclink-desktop scheme laptop vi printer Quay_1 Receipt80",
    );
    check("", &[("DVCLINK_PRINTER", "HP-A4")], "sandbox dvclink-desktop scheme laptop vi printer HP-A4 A4");
    check("paper = \"letter\"", &[], "error: paper = \"letter\" is not valid: use \"receipt80\" or \"a4\"");
    check(
        "printer = \"máy in; rm\"",
        &[],
        "error: printer = \"máy in; rm\" is not valid: use the CUPS queue's name (letters, digits, _ - .)",
    );
    check(
        "scopes = \"profile\"",
        &[],
        "error: scopes = \"profile\" is not valid: list the scopes separated by spaces, openid among them",
    );
}

#[test]
fn mistakes_name_the_key() {
    check("mode = \"tablet\"", &[], "error: mode = \"tablet\" is not valid: use \"kiosk\" or \"laptop\"");
    check("redirect = \"https\"", &[], "error: redirect = \"https\" is not valid: use \"scheme\" or \"loopback\"");
    check("language = \"fr\"", &[], "error: language = \"fr\" is not valid: use \"vi\" or \"en\"");
    check(
        "",
        &[("DVCLINK_SANDBOX_PORT", "70000")],
        "error: sandbox_port = \"70000\" is not valid: use a port number from 0 to 65535",
    );
    check("client_id = \" \"", &[], "error: client_id = \" \" is not valid: must not be empty");
    check(
        "portal_url = \"https://dvc.example.vn/\"",
        &[],
        "error: portal_url and issuer go together: set both for a real deployment, or neither for the sandbox",
    );
    check(
        "portal_url = \"http://dvc.example.vn/\"\nissuer = \"https://id.example.vn/\"",
        &[],
        "error: portal_url = \"http://dvc.example.vn/\" is not valid: use https (http only for a loopback test server)",
    );
    check(
        "colour = \"red\"",
        &[],
        "error: /etc/dvclink/config.toml is not valid TOML for dvclink: unknown field `colour`, expected one of `portal_url`, `issuer`, `client_id`, `redirect`, `mode`, `language`, `sandbox_port`, `idle_timeout`, `officer_pin`, `scopes`, `acr_values`, `printer`, `paper`, `card_trust`",
    );
    check(
        "mode = ",
        &[],
        "error: /etc/dvclink/config.toml is not valid TOML for dvclink: string values must be quoted, expected literal string",
    );
}

#[test]
fn the_config_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.toml");
    std::fs::write(&path, "mode = \"kiosk\"\n").unwrap();
    let args = vec!["--config".to_owned(), path.display().to_string()];
    assert_eq!(AppConfig::load(&args, |_| None).unwrap().mode, Mode::Kiosk);
    let args = vec![format!("--config={}", path.display())];
    assert_eq!(AppConfig::load(&args, |_| None).unwrap().mode, Mode::Kiosk);
    let missing = vec!["--config".to_owned(), dir.path().join("none.toml").display().to_string()];
    assert!(matches!(AppConfig::load(&missing, |_| None), Err(ConfigError::Read { .. })));
    assert_eq!(AppConfig::load(&["--config".to_owned()], |_| None), Err(ConfigError::MissingPath));
}
