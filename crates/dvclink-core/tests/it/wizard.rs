//! The linking wizard: every branch of steps 1 to 3 of the guide.

use dvclink_core::Secret;
use dvclink_core::Task;
use dvclink_core::cccd_entry::{CccdEntry, CccdProblem};
use dvclink_core::cccd_link::{CccdLink, CccdLinkEvent};
use dvclink_core::dossier::DossierCode;
use dvclink_core::port::{LinkError, MatchFailure, MatchField, PortalError};
use dvclink_core::wizard::{self, LinkWizard, SignInProblem, WizardEffect, WizardEvent, WizardStep};
use serde::Serialize;

use crate::fixtures::{FakePortal, account, at, challenge, session, today};

/// The `kind` tag a value serialises with: a short stable name for errors.
fn kind(value: &impl Serialize) -> String {
    let json = serde_json::to_value(value).unwrap();
    json.get("kind").and_then(|k| k.as_str()).map_or_else(|| json.to_string(), str::to_owned)
}

fn problem(problem: &Option<SignInProblem>) -> String {
    match problem {
        None => String::new(),
        Some(SignInProblem::Portal { error }) => format!(" !{}", kind(error)),
        Some(other) => format!(" !{}", kind(other)),
    }
}

fn entry(entry: &CccdEntry) -> String {
    let mut out = format!(" «{}»", entry.input);
    match &entry.problem {
        Some(CccdProblem::Invalid(error)) => out += &format!(" !{error:?}"),
        Some(CccdProblem::Mismatch(mismatch)) => out += &format!(" !{mismatch:?}"),
        None => {}
    }
    for warning in &entry.warnings {
        out += &format!(" ?{warning:?}");
    }
    out
}

fn step(wizard: &LinkWizard) -> String {
    match wizard.step() {
        WizardStep::Credentials { username, problem: p } => format!("credentials «{username}»{}", problem(p)),
        WizardStep::CheckingPassword { username } => format!("checking_password «{username}»"),
        WizardStep::Code { challenge, problem: p } => format!("code {}{}", challenge.masked_phone, problem(p)),
        WizardStep::CheckingCode { .. } => "checking_code".into(),
        WizardStep::ResendingCode { .. } => "resending_code".into(),
        WizardStep::LoadingAccount => "loading_account".into(),
        WizardStep::AccountUnavailable { error } => format!("account_unavailable !{}", kind(error)),
        WizardStep::Cccd(CccdLink::Entering { entry: e, error }) => {
            format!("enter_cccd{}{}", entry(e), error.as_ref().map_or(String::new(), |e| format!(" !{}", kind(e))))
        }
        WizardStep::Cccd(CccdLink::Linking { entry: e }) => format!("linking{}", entry(e)),
        WizardStep::Cccd(CccdLink::MatchFailed { entry: e, failure }) => {
            format!("match_failed{} !{failure:?}", entry(e))
        }
        WizardStep::Done { outcome } => {
            let signed_in = wizard.signed_in().expect("a done wizard has a session and an account");
            assert_eq!(&signed_in.task, wizard.task());
            format!("done {outcome:?} → {:?}", signed_in.task)
        }
    }
}

fn effect(effect: &Option<WizardEffect>) -> String {
    match effect {
        None => String::new(),
        Some(WizardEffect::CheckPassword { username, password }) => {
            format!(" [check_password {username} {}]", password.expose())
        }
        Some(WizardEffect::ResendCode { challenge }) => format!(" [resend_code {}]", challenge.0),
        Some(WizardEffect::CheckCode { challenge, code }) => format!(" [check_code {} {}]", challenge.0, code.expose()),
        Some(WizardEffect::LoadAccount { .. }) => " [load_account]".into(),
        Some(WizardEffect::LinkCccd { cccd, .. }) => format!(" [link_cccd {}]", cccd.as_str()),
    }
}

/// Feeds `events` to a wizard heading for `task` and compares the trace of steps and effects,
/// one line per event. A refused event prints `refused` and must leave the step unchanged.
fn check(task: Task, events: Vec<WizardEvent>, expected: &str) {
    let mut wizard = LinkWizard::new(task.clone());
    let mut trace = vec![step(&wizard)];
    for event in events {
        let before = step(&wizard);
        match wizard.handle(event) {
            Ok(e) => trace.push(format!("{}{}", step(&wizard), effect(&e))),
            Err(refusal) => {
                assert_eq!(step(&wizard), before, "a refused event changed the step");
                trace.push(format!("refused {refusal}"));
            }
        }
        assert_eq!(wizard.task(), &task, "the task is carried unchanged");
    }
    let expected: Vec<&str> = expected.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    assert_eq!(trace, expected);
}

fn password(username: &str, password: &str) -> WizardEvent {
    WizardEvent::SubmitPassword { username: username.into(), password: Secret::new(password) }
}

fn code(code: &str) -> WizardEvent {
    WizardEvent::SubmitCode { code: code.into() }
}

fn cccd(input: &str) -> WizardEvent {
    WizardEvent::Cccd(CccdLinkEvent::Submit { input: input.into(), today: today() })
}

/// The events that sign in and load an account, with or without a CCCD number.
fn signed_in_with(cccd: Option<&str>) -> Vec<WizardEvent> {
    vec![
        password("nguyenvana", "Matkhau@123"),
        WizardEvent::PasswordChecked(Ok(challenge())),
        code("123456"),
        WizardEvent::CodeChecked(Ok(session())),
        WizardEvent::AccountLoaded(Ok(account(cccd))),
    ]
}

fn then(mut first: Vec<WizardEvent>, rest: Vec<WizardEvent>) -> Vec<WizardEvent> {
    first.extend(rest);
    first
}

const SIGNED_IN_TRACE: &str = "
    credentials «»
    checking_password «nguyenvana» [check_password nguyenvana Matkhau@123]
    code 09******78
    checking_code [check_code ch-1 123456]
    loading_account [load_account]
";

fn dossier_task() -> Task {
    Task::DossierDetail { code: DossierCode::new("G22.99-240612-0001").unwrap() }
}

#[test]
fn account_with_cccd_goes_straight_to_the_task() {
    check(
        dossier_task(),
        signed_in_with(Some("001085012345")),
        &format!("{SIGNED_IN_TRACE}\ndone AlreadyLinked → {:?}", dossier_task()),
    );
    check(
        Task::SubmittedDossiers,
        signed_in_with(Some("001085012345")),
        &format!("{SIGNED_IN_TRACE}\ndone AlreadyLinked → SubmittedDossiers"),
    );
}

#[test]
fn sign_in_screen_problems() {
    check(
        Task::PersonalInfo,
        vec![
            password("  ", "x"),
            password("nguyenvana", ""),
            password(" nguyenvana ", "sai"),
            WizardEvent::PasswordChecked(Err(PortalError::WrongCredentials { attempts_left: Some(4) })),
            password("nguyenvana", "sai"),
            WizardEvent::PasswordChecked(Err(PortalError::Locked { retry_after_secs: 900 })),
            password("nguyenvana", "Matkhau@123"),
            WizardEvent::PasswordChecked(Err(PortalError::Unreachable)),
            password("nguyenvana", "Matkhau@123"),
            WizardEvent::PasswordChecked(Err(PortalError::Maintenance)),
        ],
        "
        credentials «»
        credentials «» !missing_username
        credentials «nguyenvana» !missing_password
        checking_password «nguyenvana» [check_password nguyenvana sai]
        credentials «nguyenvana» !wrong_credentials
        checking_password «nguyenvana» [check_password nguyenvana sai]
        credentials «nguyenvana» !locked
        checking_password «nguyenvana» [check_password nguyenvana Matkhau@123]
        credentials «nguyenvana» !unreachable
        checking_password «nguyenvana» [check_password nguyenvana Matkhau@123]
        credentials «nguyenvana» !maintenance
        ",
    );
}

#[test]
fn one_time_code_screen() {
    check(
        Task::PersonalInfo,
        vec![
            password("nguyenvana", "Matkhau@123"),
            WizardEvent::PasswordChecked(Ok(challenge())),
            code("12345"),
            code("12a456"),
            code("123456"),
            WizardEvent::CodeChecked(Err(PortalError::WrongCode { attempts_left: Some(4) })),
            code("６５４ ３２１"),
            WizardEvent::CodeChecked(Err(PortalError::CodeExpired)),
            WizardEvent::ResendCode { now: at(0) },
            WizardEvent::ResendCode { now: at(1) },
            WizardEvent::CodeResent(Err(PortalError::Unreachable)),
            WizardEvent::ResendCode { now: at(2) },
            WizardEvent::CodeResent(Ok(challenge())),
            code("111111"),
            WizardEvent::CodeChecked(Err(PortalError::Locked { retry_after_secs: 900 })),
        ],
        "
        credentials «»
        checking_password «nguyenvana» [check_password nguyenvana Matkhau@123]
        code 09******78
        code 09******78 !code_format
        code 09******78 !code_format
        checking_code [check_code ch-1 123456]
        code 09******78 !wrong_code
        checking_code [check_code ch-1 654321]
        code 09******78 !code_expired
        code 09******78 !resend_too_early
        resending_code [resend_code ch-1]
        code 09******78 !unreachable
        resending_code [resend_code ch-1]
        code 09******78
        checking_code [check_code ch-1 111111]
        credentials «» !locked
        ",
    );
}

#[test]
fn change_account_and_account_failures() {
    check(
        Task::PersonalInfo,
        vec![
            password("nguyenvana", "Matkhau@123"),
            WizardEvent::PasswordChecked(Ok(challenge())),
            WizardEvent::ChangeAccount,
            password("tranthib", "Matkhau@123"),
            WizardEvent::PasswordChecked(Ok(challenge())),
            code("123456"),
            WizardEvent::CodeChecked(Ok(session())),
            WizardEvent::AccountLoaded(Err(PortalError::Unreachable)),
            WizardEvent::Retry,
            WizardEvent::AccountLoaded(Ok(account(Some("001085012345")))),
        ],
        "
        credentials «»
        checking_password «nguyenvana» [check_password nguyenvana Matkhau@123]
        code 09******78
        credentials «»
        checking_password «tranthib» [check_password tranthib Matkhau@123]
        code 09******78
        checking_code [check_code ch-1 123456]
        loading_account [load_account]
        account_unavailable !unreachable
        loading_account [load_account]
        done AlreadyLinked → PersonalInfo
        ",
    );
}

#[test]
fn no_cccd_then_update_links() {
    check(
        Task::SubmittedDossiers,
        then(
            signed_in_with(None),
            vec![cccd("001 085 012 345"), WizardEvent::Cccd(CccdLinkEvent::Linked(Ok(account(Some("001085012345")))))],
        ),
        &format!(
            "{SIGNED_IN_TRACE}
            enter_cccd «»
            linking «001 085 012 345» [link_cccd 001085012345]
            done Linked → SubmittedDossiers"
        ),
    );
}

#[test]
fn no_cccd_then_skip() {
    check(
        dossier_task(),
        then(signed_in_with(None), vec![WizardEvent::Skip]),
        &format!("{SIGNED_IN_TRACE}\nenter_cccd «»\ndone Skipped → {:?}", dossier_task()),
    );
}

#[test]
fn cccd_field_checks_before_sending() {
    // The account says male, born 1985.
    check(
        Task::IdentityInfo,
        then(
            signed_in_with(None),
            vec![
                cccd(""),
                cccd("123456789"),
                cccd("00108501234"),
                cccd("00108501234x"),
                cccd("001227000001"),
                cccd("001058012345"),
                cccd("001185012345"),
                cccd("003085012345"),
                cccd("003085012345"),
            ],
        ),
        &format!(
            "{SIGNED_IN_TRACE}
            enter_cccd «»
            enter_cccd «» !Empty
            enter_cccd «123456789» !OldCmnd
            enter_cccd «00108501234» !WrongLength {{ len: 11 }}
            enter_cccd «00108501234x» !NotDigits {{ found: 'x' }}
            enter_cccd «001227000001» !BirthYearInFuture {{ year: 2027 }}
            enter_cccd «001058012345» !BirthYear {{ in_number: 1958, on_record: 1985 }}
            enter_cccd «001185012345» !Sex {{ in_number: Female, on_record: Male }}
            enter_cccd «003085012345» ?UnknownProvince {{ code: \"003\" }}
            linking «003085012345» ?UnknownProvince {{ code: \"003\" }} [link_cccd 003085012345]"
        ),
    );
}

#[test]
fn each_match_failure_keeps_the_number_and_offers_a_way_on() {
    let failures = [
        MatchFailure::UnknownNumber,
        MatchFailure::Mismatch(MatchField::FullName),
        MatchFailure::Mismatch(MatchField::BirthDate),
        MatchFailure::Mismatch(MatchField::Sex),
        MatchFailure::Taken,
    ];
    for failure in failures {
        check(
            Task::SubmittedDossiers,
            then(
                signed_in_with(None),
                vec![
                    cccd("001085012345"),
                    WizardEvent::Cccd(CccdLinkEvent::Linked(Err(LinkError::Match { failure }))),
                    WizardEvent::Cccd(CccdLinkEvent::Edit),
                    cccd("001085012346"),
                    WizardEvent::Cccd(CccdLinkEvent::Linked(Err(LinkError::Match { failure }))),
                    WizardEvent::Skip,
                ],
            ),
            &format!(
                "{SIGNED_IN_TRACE}
                enter_cccd «»
                linking «001085012345» [link_cccd 001085012345]
                match_failed «001085012345» !{failure:?}
                enter_cccd «001085012345»
                linking «001085012346» [link_cccd 001085012346]
                match_failed «001085012346» !{failure:?}
                done Skipped → SubmittedDossiers"
            ),
        );
    }
}

#[test]
fn portal_trouble_while_linking() {
    check(
        Task::SubmittedDossiers,
        then(
            signed_in_with(None),
            vec![
                cccd("001085012345"),
                WizardEvent::Cccd(CccdLinkEvent::Linked(Err(LinkError::Portal { error: PortalError::Maintenance }))),
                cccd("001085012345"),
                WizardEvent::Cccd(CccdLinkEvent::Linked(Err(LinkError::AlreadyHasCccd))),
            ],
        ),
        &format!(
            "{SIGNED_IN_TRACE}
            enter_cccd «»
            linking «001085012345» [link_cccd 001085012345]
            enter_cccd «001085012345» !maintenance
            linking «001085012345» [link_cccd 001085012345]
            done AlreadyLinked → SubmittedDossiers"
        ),
    );
    check(
        Task::SubmittedDossiers,
        then(
            signed_in_with(None),
            vec![
                cccd("001085012345"),
                WizardEvent::Cccd(CccdLinkEvent::Linked(Err(LinkError::Portal { error: PortalError::SessionExpired }))),
            ],
        ),
        &format!(
            "{SIGNED_IN_TRACE}
            enter_cccd «»
            linking «001085012345» [link_cccd 001085012345]
            credentials «» !session_expired"
        ),
    );
}

#[test]
fn events_out_of_place_are_refused_and_change_nothing() {
    check(
        Task::PersonalInfo,
        vec![
            code("123456"),
            WizardEvent::Skip,
            password("nguyenvana", "Matkhau@123"),
            password("nguyenvana", "Matkhau@123"),
            WizardEvent::CodeChecked(Ok(session())),
            WizardEvent::PasswordChecked(Ok(challenge())),
            WizardEvent::PasswordChecked(Ok(challenge())),
            cccd("001085012345"),
        ],
        "
        credentials «»
        refused submit_code is not expected while credentials
        refused skip is not expected while credentials
        checking_password «nguyenvana» [check_password nguyenvana Matkhau@123]
        refused submit_password is not expected while checking_password
        refused code_checked is not expected while checking_password
        code 09******78
        refused password_checked is not expected while code
        refused submit_cccd is not expected while code
        ",
    );
    check(
        Task::PersonalInfo,
        then(
            signed_in_with(None),
            vec![
                cccd("001085012345"),
                WizardEvent::Skip,
                WizardEvent::Cccd(CccdLinkEvent::Linked(Ok(account(Some("001085012345"))))),
            ],
        ),
        &format!(
            "{SIGNED_IN_TRACE}
            enter_cccd «»
            linking «001085012345» [link_cccd 001085012345]
            refused skip is not expected while linking
            done Linked → PersonalInfo"
        ),
    );
}

/// Drives the wizard through the fake portal with [`wizard::advance`], as the app does.
#[tokio::test]
async fn advance_runs_effects_against_the_portal() {
    let portal = FakePortal::new(account(None));
    let mut wizard = LinkWizard::new(Task::SubmittedDossiers);
    wizard::advance(&mut wizard, &portal, password("nguyenvana", "Matkhau@123")).await.unwrap();
    assert!(matches!(wizard.step(), WizardStep::Code { .. }));
    wizard::advance(&mut wizard, &portal, code("123456")).await.unwrap();
    assert!(matches!(wizard.step(), WizardStep::Cccd(CccdLink::Entering { .. })));
    wizard::advance(&mut wizard, &portal, cccd("001085012345")).await.unwrap();
    let signed_in = wizard.signed_in().unwrap();
    assert_eq!(signed_in.task, Task::SubmittedDossiers);
    assert_eq!(signed_in.account.profile.cccd.unwrap().as_str(), "001085012345");
    assert_eq!(
        portal.calls(),
        ["start_sign_in nguyenvana", "finish_sign_in ch-1 123456", "account", "link_cccd 001085012345"]
    );
}

#[test]
fn debug_output_hides_secrets() {
    let mut wizard = LinkWizard::new(Task::PersonalInfo);
    let effect = wizard.handle(password("nguyenvana", "Matkhau@123")).unwrap();
    let printed = format!("{effect:?} {wizard:?}");
    assert!(!printed.contains("Matkhau@123"), "{printed}");
    assert!(printed.contains("<redacted>"));
    let printed = format!("{:?}", session());
    assert!(!printed.contains("portal-token"), "{printed}");
    let printed = format!("{:?}", account(Some("001085012345")));
    assert!(!printed.contains("Nguyễn") && !printed.contains("001085012345"), "{printed}");
}
