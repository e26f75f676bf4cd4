//! The shell's security settings, read from the files Tauri builds the app from: a strict
//! content security policy, a frozen prototype, and the fewest permissions per window.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn read(path: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Each directive's sources, by directive.
fn csp() -> Vec<(String, Vec<String>)> {
    let config = read("tauri.conf.json");
    let csp = config["app"]["security"]["csp"].as_str().expect("a CSP is set").to_owned();
    csp.split(';')
        .filter_map(|directive| {
            let mut words = directive.split_whitespace().map(str::to_owned);
            Some((words.next()?, words.collect()))
        })
        .collect()
}

fn check(directive: &str, expected: &[&str]) {
    let all = csp();
    let sources = all.iter().find(|(name, _)| name == directive).map(|(_, s)| s.clone());
    assert_eq!(sources, Some(expected.iter().map(|s| s.to_string()).collect()), "{directive}");
}

#[test]
fn the_content_security_policy_allows_only_the_app_itself() {
    check("default-src", &["'self'"]);
    check("script-src", &["'self'"]);
    check("style-src", &["'self'"]);
    check("img-src", &["'self'", "data:"]);
    // The IPC channel, as Tauri 2 names it on each platform; no other origin is reachable.
    check("connect-src", &["ipc:", "http://ipc.localhost"]);
    check("object-src", &["'none'"]);
    check("frame-src", &["'none'"]);
    check("base-uri", &["'none'"]);
    check("form-action", &["'none'"]);
    for (directive, sources) in csp() {
        for source in sources {
            assert!(!source.starts_with("'unsafe"), "{directive} {source}");
            assert!(source != "*" && !source.starts_with("https:") && source != "http:", "{directive} {source}");
        }
    }
}

#[test]
fn the_prototype_is_frozen_and_nothing_is_global() {
    let config = read("tauri.conf.json");
    let security = &config["app"]["security"];
    assert_eq!(security["freezePrototype"], true);
    assert!(security.get("dangerousDisableAssetCspModification").is_none());
    assert_ne!(config["app"]["withGlobalTauri"], true);
    assert_eq!(config["app"]["windows"], serde_json::json!([]), "windows are made in code, each with its own rules");
}

#[test]
fn only_the_main_window_has_permissions_and_only_its_own() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(files.len(), 1, "one capability: {files:?}");
    let main = read("capabilities/main.json");
    assert_eq!(main["windows"], serde_json::json!(["main"]));
    assert!(main.get("webviews").is_none() && main.get("remote").is_none(), "no remote origin gets IPC");
    let permissions: BTreeSet<&str> =
        main["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    for permission in &permissions {
        let app_command = permission.starts_with("allow-") && !permission.contains(':');
        let events = ["core:event:allow-listen", "core:event:allow-unlisten"].contains(permission);
        assert!(app_command || events, "{permission} is more than the app's own commands and its events");
    }
    // The sign-in window shows a page from outside: it must not appear in any capability.
    let text = std::fs::read_to_string(dir.join("main.json")).unwrap();
    assert!(!text.contains("vneid-signin"));
}
