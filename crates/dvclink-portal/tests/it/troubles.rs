//! What citizens meet at the counter, switched on per account through `/sandbox/vneid`: each
//! ends the sign-in with its own failure, which the app explains with its next steps.

use dvclink_core::Task;
use dvclink_core::lang::Lang;
use dvclink_core::port::IdentityProvider;
use dvclink_core::vneid::{self, LoginEvent, LoginPhase, VneidLogin};
use dvclink_portal::{HttpSettings, RetryPolicy, VneidClient, VneidConfig};
use dvclink_sandbox::persona::Persona;
use dvclink_sandbox::population::VNEID_PASSWORD;
use serde_json::json;
use url::Url;

use crate::harness::{CLIENT_ID, Harness, callback, start};

/// How the citizen tries to sign in.
#[derive(Debug, Clone, Copy)]
enum Attempt {
    Password,
    /// Five wrong passwords, then the right one.
    WrongPasswords,
    Qr,
    /// The password, then «Không nhận được mã?» on the one-time code step.
    NoCode,
    /// The password, then the code texted to the number VNeID has on record.
    CodeFromOldPhone,
}

/// Sets `trouble` on the persona's account, tries to sign in for `task`, and compares where the
/// sign-in ends: `signed_in`, or the failure's code (which must come with next steps).
async fn check(trouble: &str, attempt: Attempt, task: Task, expected: &str) {
    let h = Harness::start().await;
    let persona = Persona::by_key("linked").unwrap();
    let path = format!("vneid/accounts/{}", persona.cccd);
    h.tester(reqwest::Method::PUT, &path, json!({ "trouble": trouble })).await;
    let mut login = VneidLogin::new();
    let request = vneid::advance(&mut login, &h.idp, &h.portal, start(1, task.clone())).await.unwrap().unwrap();
    let url = h.idp.authorization_url(&request).await.unwrap();
    let page = h.open_page(&url).await;
    let back = match attempt {
        Attempt::Password => h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await,
        Attempt::WrongPasswords => {
            for _ in 0..4 {
                let again = h.submit_password(&page, persona.cccd, "sai-mat-khau").await;
                assert!(again.is_err(), "a wrong password shows the page again");
            }
            let fifth = h.submit_password(&page, persona.cccd, "sai-mat-khau").await.unwrap();
            assert_eq!(query(&fifth, "error"), "account_locked", "the fifth wrong password locks");
            // The right password no longer opens it: a new sign-in runs into the lock.
            let request = vneid::advance(&mut login, &h.idp, &h.portal, start(2, task)).await.unwrap().unwrap();
            let page = h.open_page(&h.idp.authorization_url(&request).await.unwrap()).await;
            h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await
        }
        Attempt::Qr => {
            let refused = h.approve_qr(&page, persona.cccd).await;
            let approved = refused.is_success();
            assert_eq!(approved, expected == "signed_in", "the phone's answer: {refused}");
            h.complete_qr(&page).await
        }
        Attempt::NoCode | Attempt::CodeFromOldPhone => {
            let otp = h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await.unwrap_err();
            assert!(otp.contains("Nhập mã xác thực"), "the one-time code step");
            match attempt {
                Attempt::NoCode => {
                    let href = otp.split("id=\"no-code\" href=\"").nth(1).unwrap().split('"').next().unwrap();
                    let response = h.http.get(href.replace("&amp;", "&")).send().await.unwrap();
                    Ok(Url::parse(response.headers()["location"].to_str().unwrap()).unwrap())
                }
                _ => {
                    let old_phone = format!("09{}", &persona.cccd[4..]);
                    let code = h.texted_code(&old_phone).await;
                    let request = otp.split("name=\"request\" value=\"").nth(1).unwrap().split('"').next().unwrap();
                    let form = [("request", request), ("code", code.as_str())];
                    let response = h
                        .http
                        .post(h.url("auth/realms/citizen/protocol/openid-connect/auth/otp"))
                        .form(&form)
                        .send()
                        .await
                        .unwrap();
                    Ok(Url::parse(response.headers()["location"].to_str().unwrap()).unwrap())
                }
            }
        }
    };
    let back = back.expect("VNeID sends the browser back to the app");
    assert_eq!(query(&back, "iss"), h.sandbox.issuer().as_str(), "RFC 9207: the callback names its issuer");
    vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await.unwrap();
    assert_eq!(ended(&login), expected, "{trouble} {attempt:?}");
}

fn query(url: &Url, key: &str) -> String {
    url.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned()).unwrap_or_default()
}

/// Where the sign-in ended; a failure must say what to do next.
fn ended(login: &VneidLogin) -> String {
    match login.phase() {
        LoginPhase::SignedIn(_) => "signed_in".to_owned(),
        LoginPhase::Failed { error, .. } => {
            let step = error.next_step(Lang::Vi).expect("a failure the citizen can act on has its steps");
            assert!(!step.steps.is_empty());
            error.code().to_owned()
        }
        other => format!("{other:?}"),
    }
}

#[tokio::test]
async fn each_trouble_ends_the_sign_in_with_its_own_failure() {
    check("none", Attempt::Password, Task::IdentityInfo, "signed_in").await;
    check("level1", Attempt::Password, Task::IdentityInfo, "level_too_low").await;
    check("level1", Attempt::Password, Task::SubmittedDossiers, "signed_in").await;
    check("web_sign_in_not_allowed", Attempt::Qr, Task::PersonalInfo, "web_sign_in_not_allowed").await;
    check("web_sign_in_not_allowed", Attempt::Password, Task::PersonalInfo, "signed_in").await;
    check("none", Attempt::Qr, Task::PersonalInfo, "signed_in").await;
    check("locked", Attempt::Password, Task::PersonalInfo, "account_locked").await;
    check("none", Attempt::WrongPasswords, Task::PersonalInfo, "account_locked").await;
    check("not_activated", Attempt::Password, Task::PersonalInfo, "account_not_activated").await;
    check("old_phone", Attempt::NoCode, Task::PersonalInfo, "otp_not_received").await;
    check("old_phone", Attempt::CodeFromOldPhone, Task::PersonalInfo, "signed_in").await;
}

/// VNeID down for maintenance, or slower than the app waits: the sign-in page cannot be had,
/// and the failure offers «Thử lại».
#[tokio::test]
async fn maintenance_and_a_slow_provider_offer_a_retry() {
    let check = |settings: serde_json::Value, timeout_ms: u64, expected: &'static str| async move {
        let h = Harness::start().await;
        h.tester(reqwest::Method::PUT, "vneid", settings).await;
        let settings = HttpSettings {
            connect_timeout: std::time::Duration::from_secs(2),
            request_timeout: std::time::Duration::from_millis(timeout_ms),
            retry: RetryPolicy {
                attempts: 2,
                base_delay: std::time::Duration::from_millis(1),
                max_delay: std::time::Duration::from_millis(2),
            },
        };
        let idp = VneidClient::new(VneidConfig::new(h.sandbox.issuer(), CLIENT_ID), &settings).unwrap();
        let mut login = VneidLogin::new();
        let request = vneid::advance(&mut login, &idp, &h.portal, start(1, Task::PersonalInfo)).await.unwrap().unwrap();
        let error = idp.authorization_url(&request).await.unwrap_err();
        login.handle(LoginEvent::PageUnavailable(error)).unwrap();
        let LoginPhase::Failed { error, .. } = login.phase() else { panic!("{settings:?}") };
        assert_eq!(error.code(), expected);
        assert!(error.next_step(Lang::Vi).unwrap().retry, "«Thử lại» is offered");
    };
    check(json!({ "maintenance": true }), 5_000, "maintenance").await;
    check(json!({ "slow_ms": 1_000 }), 200, "unreachable").await;
}
