//! The later update from Thông tin định danh.

use dvclink_core::cccd_link::{CccdLink, CccdLinkEvent};
use dvclink_core::identity::{self, IdentityEffect, IdentityEvent, IdentityNotice, IdentityStep, IdentityUpdate};
use dvclink_core::port::{LinkError, MatchFailure, MatchField, PortalError};
use dvclink_core::profile::ProfileField;

use crate::fixtures::{FakePortal, account, preview, session, today};

fn step(update: &IdentityUpdate) -> String {
    match update.step() {
        IdentityStep::Viewing { notice: None } => "viewing".into(),
        IdentityStep::Viewing { notice: Some(IdentityNotice::Updated) } => "viewing !updated".into(),
        IdentityStep::Viewing { notice: Some(IdentityNotice::Failed { error }) } => format!("viewing !{error:?}"),
        IdentityStep::Cccd(CccdLink::Entering { entry, error }) => format!(
            "enter_cccd «{}»{}{}",
            entry.input,
            entry.problem.as_ref().map_or(String::new(), |p| format!(" !{p:?}")),
            error.as_ref().map_or(String::new(), |e| format!(" !{e:?}"))
        ),
        IdentityStep::Cccd(CccdLink::Linking { entry }) => format!("linking «{}»", entry.input),
        IdentityStep::Cccd(CccdLink::MatchFailed { entry, failure }) => {
            format!("match_failed «{}» !{failure:?}", entry.input)
        }
        IdentityStep::LookingUp => "looking_up".into(),
        IdentityStep::Preview { preview, error } => format!(
            "preview {} verified {:?}{}",
            preview.id.0,
            preview.verified,
            error.as_ref().map_or(String::new(), |e| format!(" !{e:?}"))
        ),
        IdentityStep::Confirming { .. } => "confirming".into(),
    }
}

fn effect(effect: &Option<IdentityEffect>) -> String {
    match effect {
        None => String::new(),
        Some(IdentityEffect::LinkCccd { cccd }) => format!(" [link_cccd {}]", cccd.as_str()),
        Some(IdentityEffect::LookUp) => " [look_up]".into(),
        Some(IdentityEffect::Confirm { preview }) => format!(" [confirm {}]", preview.0),
    }
}

fn check(cccd: Option<&str>, events: Vec<IdentityEvent>, expected: &str) {
    let mut update = IdentityUpdate::new(account(cccd));
    let mut trace = vec![step(&update)];
    for event in events {
        let before = step(&update);
        match update.handle(event) {
            Ok(e) => trace.push(format!("{}{}", step(&update), effect(&e))),
            Err(refusal) => {
                assert_eq!(step(&update), before);
                trace.push(format!("refused {refusal}"));
            }
        }
    }
    let expected: Vec<&str> = expected.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    assert_eq!(trace, expected);
}

fn cccd(input: &str) -> IdentityEvent {
    IdentityEvent::Cccd(CccdLinkEvent::Submit { input: input.into(), today: today() })
}

#[test]
fn linked_account_refreshes_and_confirms() {
    check(
        Some("001085012345"),
        vec![
            IdentityEvent::Begin,
            IdentityEvent::LookedUp(Ok(preview())),
            IdentityEvent::Confirm,
            IdentityEvent::Confirmed(Ok(account(Some("001085012345")))),
        ],
        "
        viewing
        looking_up [look_up]
        preview pv-1 verified {FullName, Cccd, BirthDate}
        confirming [confirm pv-1]
        viewing !updated
        ",
    );
}

#[test]
fn skipped_account_enters_cccd_here() {
    check(
        None,
        vec![
            IdentityEvent::Begin,
            cccd("12345"),
            cccd("001085012345"),
            IdentityEvent::Cccd(CccdLinkEvent::Linked(Err(LinkError::Match {
                failure: MatchFailure::Mismatch(MatchField::BirthDate),
            }))),
            IdentityEvent::Cccd(CccdLinkEvent::Edit),
            cccd("001085012345"),
            IdentityEvent::Cccd(CccdLinkEvent::Linked(Ok(account(Some("001085012345"))))),
            IdentityEvent::LookedUp(Ok(preview())),
            IdentityEvent::Confirm,
            IdentityEvent::Confirmed(Ok(account(Some("001085012345")))),
        ],
        "
        viewing
        enter_cccd «»
        enter_cccd «12345» !Invalid(WrongLength { len: 5 })
        linking «001085012345» [link_cccd 001085012345]
        match_failed «001085012345» !Mismatch(BirthDate)
        enter_cccd «001085012345»
        linking «001085012345» [link_cccd 001085012345]
        looking_up [look_up]
        preview pv-1 verified {FullName, Cccd, BirthDate}
        confirming [confirm pv-1]
        viewing !updated
        ",
    );
}

#[test]
fn failures_and_cancel() {
    check(
        Some("001085012345"),
        vec![
            IdentityEvent::Begin,
            IdentityEvent::LookedUp(Err(PortalError::Maintenance)),
            IdentityEvent::Begin,
            IdentityEvent::LookedUp(Ok(preview())),
            IdentityEvent::Confirm,
            IdentityEvent::Confirmed(Err(PortalError::Unreachable)),
            IdentityEvent::Cancel,
            IdentityEvent::Confirm,
        ],
        "
        viewing
        looking_up [look_up]
        viewing !Maintenance
        looking_up [look_up]
        preview pv-1 verified {FullName, Cccd, BirthDate}
        confirming [confirm pv-1]
        preview pv-1 verified {FullName, Cccd, BirthDate} !Unreachable
        viewing
        refused confirm is not expected while viewing
        ",
    );
    check(
        None,
        vec![
            IdentityEvent::Begin,
            cccd("001085012345"),
            IdentityEvent::Cccd(CccdLinkEvent::Linked(Err(LinkError::Match { failure: MatchFailure::Taken }))),
            IdentityEvent::Cancel,
        ],
        "
        viewing
        enter_cccd «»
        linking «001085012345» [link_cccd 001085012345]
        match_failed «001085012345» !Taken
        viewing
        ",
    );
}

#[tokio::test]
async fn advance_through_the_portal() {
    let portal = FakePortal::new(account(None));
    let mut update = IdentityUpdate::new(account(None));
    identity::advance(&mut update, &portal, &session(), IdentityEvent::Begin).await.unwrap();
    identity::advance(&mut update, &portal, &session(), cccd("001085012345")).await.unwrap();
    assert!(
        matches!(update.step(), IdentityStep::Preview { preview, .. } if preview.verified.contains(&ProfileField::Cccd))
    );
    identity::advance(&mut update, &portal, &session(), IdentityEvent::Confirm).await.unwrap();
    assert_eq!(update.step(), &IdentityStep::Viewing { notice: Some(IdentityNotice::Updated) });
    assert!(update.account().has_cccd());
    assert_eq!(portal.calls(), ["link_cccd 001085012345", "lookup_identity", "confirm_identity pv-1"]);
}
