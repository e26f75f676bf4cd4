//! Bước 3 and the later update: "Cập nhật" with each outcome of the population-database match,
//! "Bỏ qua", and Thông tin định danh → "Cập nhật từ CSDL Quốc gia về Dân cư".

use chrono::NaiveDate;
use dvclink_core::Task;
use dvclink_core::cccd::Cccd;
use dvclink_core::cccd_link::{CccdLink, CccdLinkEvent};
use dvclink_core::identity::{self, IdentityEvent, IdentityNotice, IdentityStep, IdentityUpdate};
use dvclink_core::port::{LinkError, MatchFailure, MatchField, Portal, PortalError};
use dvclink_core::profile::{ProfileChange, ProfileField};
use dvclink_core::wizard::{self, LinkOutcome, WizardEvent, WizardStep};
use dvclink_sandbox::persona::{Persona, UNKNOWN_CCCD};

use crate::harness::{Harness, today};

/// Signs `key` in, types `input` in the CCCD field, presses "Cập nhật", and describes where the
/// wizard ends.
async fn check(key: &str, input: &str, expected: &str) {
    let h = Harness::start().await;
    let persona = Persona::by_key(key).unwrap();
    let mut wizard = h.sign_in(persona, Task::SubmittedDossiers).await;
    let event = WizardEvent::Cccd(CccdLinkEvent::Submit { input: input.into(), today: today() });
    wizard::advance(&mut wizard, &h.portal, event).await.unwrap();
    let actual = match wizard.step() {
        WizardStep::Done { outcome } => {
            let signed_in = wizard.signed_in().unwrap();
            assert_eq!(signed_in.task, Task::SubmittedDossiers);
            let cccd = signed_in.account.profile.cccd.map(|c| c.as_str().to_owned()).unwrap_or_default();
            format!("done {outcome:?} {cccd}")
        }
        WizardStep::Cccd(CccdLink::MatchFailed { failure, entry }) => {
            assert_eq!(entry.input, input, "the typed number is kept");
            format!("match_failed {failure:?}")
        }
        WizardStep::Cccd(CccdLink::Entering { entry, error }) => format!("enter_cccd {:?} {error:?}", entry.problem),
        other => format!("{other:?}"),
    };
    assert_eq!(actual, expected, "{key} typing {input}");
}

#[tokio::test]
async fn cap_nhat_links_a_matching_number() {
    check("match", "079 190 004 321", "done Linked 079190004321").await;
    check("official", "036088005566", "done Linked 036088005566").await;
}

#[tokio::test]
async fn each_match_failure() {
    check("mismatch", "038078006789", "match_failed Mismatch(BirthDate)").await;
    check("taken", "031082001122", "match_failed Taken").await;
    check("match", UNKNOWN_CCCD, "match_failed UnknownNumber").await;
    check("match", "079190004322", "match_failed Mismatch(FullName)").await;
    check("match", "079190004323", "match_failed Mismatch(BirthDate)").await;
    // The number of a man cannot belong to this woman: refused before it is sent.
    check("match", "079090004324", "enter_cccd Some(Mismatch(Sex { in_number: Male, on_record: Female })) None").await;
}

#[tokio::test]
async fn the_portal_checks_sex_as_well() {
    let h = Harness::start().await;
    let signed_in = h.sign_in(Persona::by_key("match").unwrap(), Task::PersonalInfo).await;
    assert!(matches!(signed_in.step(), WizardStep::Cccd(CccdLink::Entering { .. })));
    let mut wizard = signed_in;
    wizard::advance(&mut wizard, &h.portal, WizardEvent::Skip).await.unwrap();
    let session = wizard.signed_in().unwrap().session;
    // Sent directly, bypassing the wizard's own check.
    let cccd = Cccd::from_digits("079090004324").unwrap();
    let answer = h.portal.link_cccd(&session, &cccd).await;
    assert_eq!(answer.unwrap_err(), LinkError::Match { failure: MatchFailure::Mismatch(MatchField::Sex) });
    // Linking a second time is refused.
    let linked = Cccd::from_digits("079190004321").unwrap();
    h.portal.link_cccd(&session, &linked).await.unwrap();
    assert_eq!(h.portal.link_cccd(&session, &linked).await.unwrap_err(), LinkError::AlreadyHasCccd);
}

#[tokio::test]
async fn bo_qua_then_update_later_from_thong_tin_dinh_danh() {
    let h = Harness::start().await;
    let mut wizard = h.sign_in(Persona::by_key("match").unwrap(), Task::IdentityInfo).await;
    wizard::advance(&mut wizard, &h.portal, WizardEvent::Skip).await.unwrap();
    let signed_in = wizard.signed_in().unwrap();
    assert_eq!(signed_in.outcome, LinkOutcome::Skipped);
    assert_eq!(signed_in.task, Task::IdentityInfo);
    assert!(!signed_in.account.has_cccd());

    let session = signed_in.session;
    let mut update = IdentityUpdate::new(signed_in.account);
    identity::advance(&mut update, &h.portal, &session, IdentityEvent::Begin).await.unwrap();
    assert!(matches!(update.step(), IdentityStep::Cccd(CccdLink::Entering { .. })));
    let event = IdentityEvent::Cccd(CccdLinkEvent::Submit { input: "079190004321".into(), today: today() });
    identity::advance(&mut update, &h.portal, &session, event).await.unwrap();
    let IdentityStep::Preview { preview, .. } = update.step() else { panic!("{:?}", update.step()) };
    assert_eq!(preview.profile.ethnicity.as_deref(), Some("Kinh"));
    for field in [ProfileField::FullName, ProfileField::Cccd, ProfileField::Ethnicity, ProfileField::PermanentAddress] {
        assert!(preview.verified.contains(&field), "{field:?} is marked verified");
    }
    identity::advance(&mut update, &h.portal, &session, IdentityEvent::Confirm).await.unwrap();
    assert_eq!(update.step(), &IdentityStep::Viewing { notice: Some(IdentityNotice::Updated) });

    let account = h.portal.account(&session).await.unwrap();
    assert_eq!(account.profile.cccd.unwrap().as_str(), "079190004321");
    assert_eq!(account.profile.home_town.as_deref(), Some("Xã Phước Long, Huyện Nhà Bè, TP Hồ Chí Minh"));
    assert!(account.verified.contains(&ProfileField::HomeTown));
}

#[tokio::test]
async fn later_update_keeps_the_number_through_a_match_failure() {
    let h = Harness::start().await;
    let mut wizard = h.sign_in(Persona::by_key("mismatch").unwrap(), Task::IdentityInfo).await;
    wizard::advance(&mut wizard, &h.portal, WizardEvent::Skip).await.unwrap();
    let signed_in = wizard.signed_in().unwrap();
    let mut update = IdentityUpdate::new(signed_in.account);
    identity::advance(&mut update, &h.portal, &signed_in.session, IdentityEvent::Begin).await.unwrap();
    let event = IdentityEvent::Cccd(CccdLinkEvent::Submit { input: "038078006789".into(), today: today() });
    identity::advance(&mut update, &h.portal, &signed_in.session, event).await.unwrap();
    let IdentityStep::Cccd(CccdLink::MatchFailed { entry, failure }) = update.step() else {
        panic!("{:?}", update.step())
    };
    assert_eq!(entry.input, "038078006789");
    assert_eq!(*failure, MatchFailure::Mismatch(MatchField::BirthDate));
    assert_eq!(entry.problem, None);
}

#[tokio::test]
async fn linked_account_refreshes_from_the_population_database() {
    let h = Harness::start().await;
    let signed_in = h.sign_in(Persona::by_key("linked").unwrap(), Task::IdentityInfo).await.signed_in().unwrap();
    assert!(signed_in.account.profile.ethnicity.is_none());
    let mut update = IdentityUpdate::new(signed_in.account);
    identity::advance(&mut update, &h.portal, &signed_in.session, IdentityEvent::Begin).await.unwrap();
    identity::advance(&mut update, &h.portal, &signed_in.session, IdentityEvent::Confirm).await.unwrap();
    assert_eq!(update.account().profile.ethnicity.as_deref(), Some("Kinh"));
    assert!(update.account().verified.contains(&ProfileField::Ethnicity));
}

#[tokio::test]
async fn a_birth_date_corrected_in_thong_tin_ca_nhan_then_links() {
    let h = Harness::start().await;
    let mut wizard = h.sign_in(Persona::by_key("mismatch").unwrap(), Task::PersonalInfo).await;
    wizard::advance(&mut wizard, &h.portal, WizardEvent::Skip).await.unwrap();
    let session = wizard.signed_in().unwrap().session;
    let cccd = Cccd::from_digits("038078006789").unwrap();
    assert_eq!(
        h.portal.link_cccd(&session, &cccd).await.unwrap_err(),
        LinkError::Match { failure: MatchFailure::Mismatch(MatchField::BirthDate) }
    );
    let card_says = NaiveDate::from_ymd_opt(1978, 5, 11).unwrap();
    let change = ProfileChange { birth_date: Some(card_says), ..ProfileChange::default() };
    let account = h.portal.update_profile(&session, &change).await.unwrap();
    assert_eq!(account.profile.birth_date, Some(card_says));
    assert_eq!(h.portal.account(&session).await.unwrap().profile.birth_date, Some(card_says));
    h.portal.link_cccd(&session, &cccd).await.unwrap();
    // Linked, the details come from the population database and are no longer changed here.
    let refused = h.portal.update_profile(&session, &change).await.unwrap_err();
    assert_eq!(refused, PortalError::Refused { code: "identity_locked".into() });
}
