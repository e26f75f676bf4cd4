//! Bước 1–2: the old account's password, the one-time code, and the account check.

use chrono::TimeDelta;
use dvclink_core::Task;
use dvclink_core::cccd_link::CccdLink;
use dvclink_core::port::{Portal, PortalError};
use dvclink_core::secret::Secret;
use dvclink_core::wizard::{self, LinkOutcome, WizardEvent, WizardStep};
use dvclink_sandbox::persona::{DEMO_PASSWORD, Persona};

use crate::harness::Harness;

fn persona(key: &str) -> &'static Persona {
    Persona::by_key(key).unwrap()
}

#[tokio::test]
async fn linked_account_lands_on_the_task() {
    let h = Harness::start().await;
    let task = Task::SubmittedDossiers;
    let wizard = h.sign_in(persona("linked"), task.clone()).await;
    let signed_in = wizard.signed_in().expect("a linked account needs no CCCD step");
    assert_eq!(signed_in.outcome, LinkOutcome::AlreadyLinked);
    assert_eq!(signed_in.task, task);
    assert_eq!(signed_in.account.username.as_deref(), Some("nguyenvanan"));
    assert_eq!(signed_in.account.profile.cccd.unwrap().as_str(), "001085012345");
}

#[tokio::test]
async fn unlinked_account_is_asked_for_its_cccd() {
    let h = Harness::start().await;
    for key in ["match", "mismatch", "taken", "official"] {
        let wizard = h.sign_in(persona(key), Task::PersonalInfo).await;
        assert!(matches!(wizard.step(), WizardStep::Cccd(CccdLink::Entering { .. })), "{key}: {:?}", wizard.step());
    }
}

/// Tries `passwords` in turn and compares each answer.
async fn check_passwords(h: &Harness, passwords: &[&str], expected: &[Result<(), PortalError>]) {
    let mut answers = Vec::new();
    for password in passwords {
        answers.push(h.portal.start_sign_in("tranthibinh", &Secret::new(*password)).await.map(|_| ()));
    }
    assert_eq!(answers, expected);
}

#[tokio::test]
async fn wrong_passwords_count_down_then_lock_for_a_while() {
    let h = Harness::start().await;
    let wrong = |n| Err(PortalError::WrongCredentials { attempts_left: Some(n) });
    let locked = Err(PortalError::Locked { retry_after_secs: 900 });
    check_passwords(
        &h,
        &["sai", "sai", "sai", "sai", "sai", DEMO_PASSWORD],
        &[wrong(4), wrong(3), wrong(2), wrong(1), locked.clone(), locked],
    )
    .await;
    h.advance(TimeDelta::minutes(16));
    check_passwords(&h, &[DEMO_PASSWORD], &[Ok(())]).await;
    // A user name that does not exist answers like a wrong password.
    let unknown = h.portal.start_sign_in("khongtontai", &Secret::new(DEMO_PASSWORD)).await;
    assert_eq!(unknown.unwrap_err(), PortalError::WrongCredentials { attempts_left: Some(4) });
}

#[tokio::test]
async fn one_time_code_rules() {
    let h = Harness::start().await;
    let phone = persona("match").phone;
    let challenge = h.portal.start_sign_in("tranthibinh", &Secret::new(DEMO_PASSWORD)).await.unwrap();
    assert_eq!(challenge.masked_phone, "098****321");
    let first = h.texted_code(phone).await;

    // Too early for another code.
    let early = h.portal.resend_code(&challenge.id).await;
    assert!(matches!(early, Err(PortalError::ResendTooEarly { .. })), "{early:?}");

    // A wrong code says how many tries are left.
    let wrong = if first == "000000" { "111111" } else { "000000" };
    let answer = h.portal.finish_sign_in(&challenge.id, &Secret::new(wrong)).await;
    assert_eq!(answer.unwrap_err(), PortalError::WrongCode { attempts_left: Some(4) });

    // After five minutes the code has expired; a new one can be sent and the old one is dead.
    h.advance(TimeDelta::minutes(6));
    let expired = h.portal.finish_sign_in(&challenge.id, &Secret::new(first.clone())).await;
    assert_eq!(expired.unwrap_err(), PortalError::CodeExpired);
    h.portal.resend_code(&challenge.id).await.unwrap();
    let second = h.texted_code(phone).await;
    if second != first {
        let old = h.portal.finish_sign_in(&challenge.id, &Secret::new(first)).await;
        assert!(matches!(old, Err(PortalError::WrongCode { .. })), "{old:?}");
    }
    h.portal.finish_sign_in(&challenge.id, &Secret::new(second.clone())).await.unwrap();

    // A code works once.
    let again = h.portal.finish_sign_in(&challenge.id, &Secret::new(second)).await;
    assert_eq!(again.unwrap_err(), PortalError::SessionExpired);
}

#[tokio::test]
async fn five_wrong_codes_lock_the_account() {
    let h = Harness::start().await;
    let mut wizard = wizard::LinkWizard::new(Task::PersonalInfo);
    let event = WizardEvent::SubmitPassword { username: "tranthibinh".into(), password: Secret::new(DEMO_PASSWORD) };
    wizard::advance(&mut wizard, &h.portal, event).await.unwrap();
    let right = h.texted_code(persona("match").phone).await;
    let wrong = if right == "000000" { "111111" } else { "000000" };
    for _ in 0..4 {
        wizard::advance(&mut wizard, &h.portal, WizardEvent::SubmitCode { code: wrong.into() }).await.unwrap();
        assert!(matches!(wizard.step(), WizardStep::Code { .. }));
    }
    wizard::advance(&mut wizard, &h.portal, WizardEvent::SubmitCode { code: wrong.into() }).await.unwrap();
    let WizardStep::Credentials { problem: Some(problem), .. } = wizard.step() else { panic!("{:?}", wizard.step()) };
    assert!(format!("{problem:?}").contains("Locked"), "{problem:?}");
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    let h = Harness::start().await;
    let signed_in = h.sign_in(persona("linked"), Task::PersonalInfo).await.signed_in().unwrap();
    h.portal.account(&signed_in.session).await.unwrap();
    h.portal.sign_out(&signed_in.session).await.unwrap();
    assert_eq!(h.portal.account(&signed_in.session).await.unwrap_err(), PortalError::SessionExpired);
}
