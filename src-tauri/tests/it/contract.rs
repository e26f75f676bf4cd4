//! The IPC contract: the TypeScript the UI builds against is the one the Rust types make, and
//! the main window's capability grants exactly the declared commands.

use std::path::Path;

use dvclink_desktop::contract::{CONTRACT_PATH, typescript};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("src-tauri sits in the workspace")
}

/// Fails when `ui/src/contract.ts` is not what the Rust types make; with `UPDATE_CONTRACT=1`
/// writes it instead.
#[test]
fn contract_is_current() {
    let path = workspace().join(CONTRACT_PATH);
    let expected = typescript();
    if std::env::var_os("UPDATE_CONTRACT").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "{CONTRACT_PATH} is not current: run `UPDATE_CONTRACT=1 cargo test -p dvclink-desktop contract` and commit it"
    );
}

#[test]
fn the_contract_names_every_command_and_event() {
    let ts = typescript();
    for name in dvclink_desktop::commands::NAMES {
        assert!(ts.contains(&format!("  {name}: {{ args: ")), "{name} is missing from the contract");
    }
    for event in ["vneid://changed", "session://changed", "app://notice", "sync://progress"] {
        assert!(ts.contains(&format!("\"{event}\": ")), "{event} is missing from the contract");
    }
    assert!(ts.contains("export const ERROR_CODES"));
}

/// The capability that build.rs writes grants the main window every command and nothing else.
#[test]
fn the_main_window_may_call_exactly_the_commands() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json")).unwrap();
    let capability: serde_json::Value = serde_json::from_str(&text).unwrap();
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .collect();
    let declared: Vec<String> = dvclink_desktop::commands::NAMES.iter().map(|n| n.replace('_', "-")).collect();
    assert_eq!(granted, declared);
}

/// Fails when `ui/test/support/shell-texts.ts`, the words the UI tests' fake shell says, is not
/// what the real shell says; with `UPDATE_CONTRACT=1` writes it instead.
#[test]
fn the_fake_shell_s_texts_are_the_shell_s() {
    let path = workspace().join("ui/test/support/shell-texts.ts");
    let expected = shell_texts();
    if std::env::var_os("UPDATE_CONTRACT").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "ui/test/support/shell-texts.ts is not current: run `UPDATE_CONTRACT=1 cargo test -p dvclink-desktop contract` and commit it"
    );
}

/// Every message and label the fake shell shows, in both languages, made by the code that
/// makes them in the app.
fn shell_texts() -> String {
    use dvclink_core::cccd_entry::CccdEntry;
    use dvclink_core::dossier::{Channel, DossierStatus};
    use dvclink_core::lang::{Lang, Localized};
    use dvclink_core::port::IdpError;
    use dvclink_core::port::{MatchFailure, MatchField, PortalError};
    use dvclink_core::profile::{AccountKind, IdentityLevel, Profile, Sex};
    use dvclink_core::vneid::{LoginError, VneidRefusal};
    use dvclink_desktop::error::IpcError;
    use dvclink_desktop::views;

    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    let woman = Profile {
        full_name: "Trần Thị Bình".into(),
        birth_date: chrono::NaiveDate::from_ymd_opt(1990, 7, 21),
        sex: Some(Sex::Female),
        ..Profile::default()
    };
    let entry = |input: &str| {
        let mut entry = CccdEntry::default();
        entry.submit(input.into(), today, &woman);
        entry
    };
    let mut texts = serde_json::Map::new();
    for lang in [Lang::Vi, Lang::En] {
        let mut t = std::collections::BTreeMap::<String, String>::new();
        let mut put = |key: &str, text: String| {
            t.insert(key.to_owned(), text);
        };
        put("wrong_credentials", PortalError::WrongCredentials { attempts_left: Some(4) }.text(lang));
        put("wrong_code", PortalError::WrongCode { attempts_left: Some(4) }.text(lang));
        put("unreachable", PortalError::Unreachable.text(lang));
        put("maintenance", PortalError::Maintenance.text(lang));
        put("session_expired", PortalError::SessionExpired.text(lang));
        put("not_found", PortalError::NotFound.text(lang));
        put("not_signed_in", IpcError::not_signed_in(lang).message);
        let refusal = dvclink_core::refusal::Refusal { step: "done", event: "skip" };
        put("refused", IpcError::refused(&refusal, lang).message);
        put("unknown_number", MatchFailure::UnknownNumber.text(lang));
        put("mismatch_full_name", MatchFailure::Mismatch(MatchField::FullName).text(lang));
        put("mismatch_birth_date", MatchFailure::Mismatch(MatchField::BirthDate).text(lang));
        put("mismatch_sex", MatchFailure::Mismatch(MatchField::Sex).text(lang));
        put("taken", MatchFailure::Taken.text(lang));
        let sex = entry("079090004324");
        put("sex_mismatch", sex.problem.expect("the 4th digit says male").text(lang));
        let province = entry("099190004321");
        put("unknown_province", province.warnings.first().expect("099 is no province").text(lang));
        put("vneid_expired", LoginError::Expired.text(lang));
        put("printer_stopped", dvclink_print::PrintError::Stopped { reason: "media-empty".into() }.text(lang));
        let mut failures = vec![LoginError::LevelTooLow, LoginError::Idp { error: IdpError::Maintenance }];
        failures.extend(VneidRefusal::CODES.iter().map(|(_, refusal)| LoginError::Refused { refusal: *refusal }));
        for failure in failures {
            let code = failure.code();
            let step = failure.next_step(lang).expect("each has its steps");
            put(&format!("vneid_{code}"), failure.text(lang));
            put(&format!("vneid_{code}_title"), step.title);
            put(&format!("vneid_{code}_steps"), step.steps.join("\n"));
        }
        put("identity_updated", views::identity_updated(lang));
        for status in DossierStatus::ALL {
            put(&format!("status_{}", status.code()), status.text(lang));
        }
        for (key, channel) in [("in_person", Channel::InPerson), ("online", Channel::Online)] {
            put(&format!("channel_{key}"), channel.text(lang));
        }
        for outcome in dvclink_cache::AuditOutcome::ALL {
            put(&format!("audit_{}", outcome.code()), views::audit_outcome(outcome, lang).to_owned());
        }
        for by in dvclink_cache::EndedBy::ALL {
            put(&format!("ended_{}", by.code()), views::ended_by(by, lang).to_owned());
        }
        for field in views::fields(&Profile::default(), &Default::default(), lang) {
            let key = serde_json::to_value(field.key).unwrap();
            put(&format!("field_{}", key.as_str().unwrap()), field.label);
        }
        put("kind_citizen", views::kind_label(AccountKind::Citizen, lang));
        put("kind_official", views::kind_label(AccountKind::Official, lang));
        put("sex_male", Sex::Male.text(lang));
        put("sex_female", Sex::Female.text(lang));
        put("identity_level_2", IdentityLevel::Level2.text(lang));
        for (key, wrong) in pin_answers(lang) {
            put(&key, wrong);
        }
        texts
            .insert(serde_json::to_value(lang).unwrap().as_str().unwrap().to_owned(), serde_json::to_value(t).unwrap());
    }
    format!(
        "// Generated from the Rust shell by src-tauri/tests/it/contract.rs; do not edit. Run\n\
         // `UPDATE_CONTRACT=1 cargo test -p dvclink-desktop contract` to write it again.\n\
         // What the UI tests' fake shell says, made by the code that says it in the app.\n\n\
         export const TEXTS = {} as const;\n",
        serde_json::to_string_pretty(&texts).unwrap()
    )
}

/// What the officer PIN screen answers: a wrong PIN with 4 to 1 tries left, the fifth that
/// locks the screen, and a try while it is locked; and the answer where no PIN is set.
fn pin_answers(lang: dvclink_core::lang::Lang) -> Vec<(String, String)> {
    use dvclink_desktop::office_log::OfficeLog;
    use dvclink_desktop::offline::OfflineCopy;

    let dir = tempfile::tempdir().unwrap();
    let (offline, _) = OfflineCopy::open(None);
    let pin = Some(dvclink_core::secret::Secret::new("246810"));
    let log = OfficeLog::new(offline.shared_cache(), pin, dir.path().to_owned());
    let mut answers = Vec::new();
    let wrong = || log.open("0000", lang).expect_err("a wrong PIN").message;
    for left in (1..=4).rev() {
        answers.push((format!("pin_wrong_{left}"), wrong()));
    }
    answers.push(("pin_locking".to_owned(), wrong()));
    answers.push(("pin_locked".to_owned(), wrong()));
    let unset = OfficeLog::new(offline.shared_cache(), None, dir.path().to_owned());
    answers.push(("pin_not_set".to_owned(), unset.export("0000", lang).expect_err("no PIN").message));
    answers
}
