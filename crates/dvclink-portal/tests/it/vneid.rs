//! Bước 4: signing in with VNeID through the real OIDC client, by password and by QR code, and
//! every tampered or late callback refused.

use chrono::TimeDelta;
use dvclink_core::Task;
use dvclink_core::cccd_link::CccdLinkEvent;
use dvclink_core::dossier::DossierQuery;
use dvclink_core::port::{CodeExchange, IdTokenProblem, IdentityProvider, IdpError, KeptSignIn, Portal, PortalError};
use dvclink_core::profile::{IdentityLevel, SignInMethod};
use dvclink_core::secret::Secret;
use dvclink_core::vneid::{
    self, Callback, CallbackRejection, LoginError, LoginEvent, LoginPhase, LoginRefusal, VneidLogin, VneidSignedIn,
};
use dvclink_core::wizard::{self, WizardEvent};
use dvclink_sandbox::persona::Persona;
use dvclink_sandbox::population::VNEID_PASSWORD;
use url::Url;

use crate::harness::{Harness, callback, redirect_uri, secrets, start, today};

/// Starts a sign-in and returns the provider's page.
async fn open(h: &Harness, login: &mut VneidLogin, n: u32, task: Task) -> (Url, String) {
    let request = vneid::advance(login, &h.idp, &h.portal, start(n, task)).await.unwrap().unwrap();
    let url = h.idp.authorization_url(&request).await.unwrap();
    let page = h.open_page(&url).await;
    (url, page)
}

fn signed_in(login: &VneidLogin) -> &VneidSignedIn {
    match login.phase() {
        LoginPhase::SignedIn(signed_in) => signed_in,
        other => panic!("not signed in: {other:?}"),
    }
}

/// Signs the persona in with VNeID's password page (sign-in number 1) and returns the tokens.
async fn password_sign_in(h: &Harness, key: &str) -> dvclink_core::port::VneidTokens {
    let persona = Persona::by_key(key).unwrap();
    let mut login = VneidLogin::new();
    let (_, page) = open(h, &mut login, 1, Task::PersonalInfo).await;
    let back = h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await.unwrap();
    vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await.unwrap();
    signed_in(&login).tokens.clone()
}

fn code_of(callback: &Url) -> String {
    callback.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned()
}

#[tokio::test]
async fn the_authorization_url_carries_the_flows_own_values() {
    let h = Harness::start().await;
    let mut login = VneidLogin::new();
    let (url, page) = open(&h, &mut login, 1, Task::SubmittedDossiers).await;
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(query["state"], secrets(1).state);
    assert_eq!(query["nonce"], secrets(1).nonce);
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["redirect_uri"], redirect_uri().as_str());
    assert_eq!(query["client_id"], "dvclink-desktop");
    assert!(query["scope"].split(' ').any(|s| s == "openid"));
    assert!(!url.as_str().contains("verifier"), "only the challenge is sent");
    assert!(page.contains("Số định danh cá nhân") && page.contains("Đăng nhập bằng mã QR"));
    assert!(page.contains(&format!("{}", h.sandbox.addr())), "the page shows whose host it is");
}

#[tokio::test]
async fn password_sign_in_lands_on_the_task_with_old_dossiers() {
    let h = Harness::start().await;
    let persona = Persona::by_key("linked").unwrap();
    let mut login = VneidLogin::new();
    let task = Task::SubmittedDossiers;
    let (_, page) = open(&h, &mut login, 1, task.clone()).await;

    let again = h.submit_password(&page, persona.cccd, "sai-mat-khau").await.unwrap_err();
    assert!(again.contains("không đúng"), "a wrong password shows the page again with the problem");
    assert!(again.contains(persona.cccd), "the typed number is kept");

    let back = h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await.unwrap();
    assert_eq!(back.scheme(), "vn.gov.dichvucong.dvclink");
    vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await.unwrap();
    let signed_in = signed_in(&login);
    assert_eq!(signed_in.task, task);
    assert_eq!(signed_in.tokens.identity.cccd.as_ref().unwrap().as_str(), persona.cccd);
    assert_eq!(signed_in.tokens.identity.full_name, persona.full_name);
    assert_eq!(signed_in.tokens.identity.level, Some(IdentityLevel::Level2));
    assert_eq!(signed_in.account.signed_in_with, SignInMethod::Vneid);
    assert!(signed_in.account.legacy_linked);
    let page = h.portal.dossier_page(&signed_in.session, &DossierQuery::default()).await.unwrap();
    assert_eq!(page.total, Some(persona.dossiers as u64));
}

#[tokio::test]
async fn old_dossiers_show_after_vneid_only_once_linked() {
    let h = Harness::start().await;
    let persona = Persona::by_key("match").unwrap();
    let vneid_dossiers = |n: u32| {
        let h = &h;
        async move {
            let mut login = VneidLogin::new();
            let (_, page) = open(h, &mut login, n, Task::SubmittedDossiers).await;
            let back = h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await.unwrap();
            vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await.unwrap();
            let signed_in = signed_in(&login);
            let page = h.portal.dossier_page(&signed_in.session, &DossierQuery::default()).await.unwrap();
            (signed_in.account.legacy_linked, page.changes.len())
        }
    };
    assert_eq!(vneid_dossiers(1).await, (false, 0));

    let mut wizard = h.sign_in(persona, Task::SubmittedDossiers).await;
    let event = WizardEvent::Cccd(CccdLinkEvent::Submit { input: persona.cccd.into(), today: today() });
    wizard::advance(&mut wizard, &h.portal, event).await.unwrap();
    assert!(wizard.signed_in().is_some());

    assert_eq!(vneid_dossiers(2).await, (true, persona.dossiers));
}

#[tokio::test]
async fn qr_sign_in_approved_from_the_phone() {
    let h = Harness::start().await;
    let persona = Persona::by_key("official").unwrap();
    let mut login = VneidLogin::new();
    let (_, page) = open(&h, &mut login, 1, Task::PersonalInfo).await;

    let not_yet = h.complete_qr(&page).await.unwrap_err();
    assert!(not_yet.contains("chưa được xác nhận"));

    // The code expires; the phone is refused; a reloaded code works and the old one does not.
    h.advance(TimeDelta::seconds(121));
    assert_eq!(h.approve_qr(&page, persona.cccd).await, 410);
    let reloaded = h.reload_qr(&page).await;
    assert_eq!(h.approve_qr(&page, persona.cccd).await, 404, "the old code was replaced");
    assert_eq!(h.approve_qr(&reloaded, "001234567890").await, 404, "only an activated VNeID account approves");
    assert_eq!(h.approve_qr(&reloaded, persona.cccd).await, 200);

    let back = h.complete_qr(&reloaded).await.unwrap();
    vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await.unwrap();
    let signed_in = signed_in(&login);
    assert_eq!(signed_in.task, Task::PersonalInfo);
    assert_eq!(signed_in.account.profile.cccd.as_ref().unwrap().as_str(), persona.cccd);
    assert!(!signed_in.account.legacy_linked, "this official has not linked the old account yet");
}

#[tokio::test]
async fn cancelling_on_the_page() {
    let h = Harness::start().await;
    let mut login = VneidLogin::new();
    let (_, page) = open(&h, &mut login, 1, Task::PersonalInfo).await;
    let back = h.cancel(&page).await;
    vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await.unwrap();
    assert!(matches!(login.phase(), LoginPhase::Failed { error: LoginError::Cancelled, .. }));
}

#[tokio::test]
async fn tampered_callbacks_are_refused() {
    let h = Harness::start().await;
    let persona = Persona::by_key("linked").unwrap();
    let mut login = VneidLogin::new();
    let (_, page) = open(&h, &mut login, 1, Task::SubmittedDossiers).await;
    let back = h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await.unwrap();

    // The same code with another state: refused before anything reaches the provider.
    let mut forged = back.clone();
    let code = code_of(&back);
    forged.set_query(Some(&format!("code={code}&state=forged")));
    let refused = vneid::advance(&mut login, &h.idp, &h.portal, callback(&forged)).await;
    assert_eq!(refused.unwrap_err(), LoginRefusal::Callback(CallbackRejection::StateMismatch));

    // The genuine callback still works, once.
    vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await.unwrap();
    signed_in(&login);
    let replay = vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await;
    assert_eq!(replay.unwrap_err(), LoginRefusal::Callback(CallbackRejection::Replayed));

    // Replayed at the provider directly, the code is refused, and the tokens it gave are revoked.
    let exchange = CodeExchange {
        code: Secret::new(code),
        pkce_verifier: secrets(1).pkce_verifier,
        nonce: secrets(1).nonce,
        redirect_uri: redirect_uri(),
        issuer: Some(h.sandbox.issuer().to_string()),
    };
    let again = h.idp.exchange_code(&exchange).await;
    assert_eq!(again.unwrap_err(), IdpError::TokenRefused { error: "invalid_grant".into() });
    let access = signed_in(&login).tokens.access_token.clone();
    assert_eq!(h.portal.open_vneid_session(&access).await.unwrap_err(), PortalError::SessionExpired);
}

/// Signs in on the page and redeems the code with `exchange` changed by `tamper`.
async fn check_exchange(tamper: fn(&mut CodeExchange), wait: TimeDelta, expected: Result<(), IdpError>) {
    let h = Harness::start().await;
    let persona = Persona::by_key("linked").unwrap();
    let mut login = VneidLogin::new();
    let (_, page) = open(&h, &mut login, 7, Task::SubmittedDossiers).await;
    let back = h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await.unwrap();
    let callback = Callback::from_url(&back).unwrap();
    let vneid::CallbackResult::Code(code) = callback.result else { panic!() };
    let mut exchange = CodeExchange {
        code,
        pkce_verifier: secrets(7).pkce_verifier,
        nonce: secrets(7).nonce,
        redirect_uri: redirect_uri(),
        issuer: callback.issuer,
    };
    tamper(&mut exchange);
    h.advance(wait);
    assert_eq!(h.idp.exchange_code(&exchange).await.map(|_| ()), expected);
}

#[tokio::test]
async fn the_provider_and_the_client_check_the_exchange() {
    let refused = |error: &str| Err(IdpError::TokenRefused { error: error.into() });
    check_exchange(|_| {}, TimeDelta::zero(), Ok(())).await;
    check_exchange(|e| e.issuer = None, TimeDelta::zero(), Err(IdpError::CallbackIssuer)).await;
    check_exchange(
        |e| e.issuer = Some("https://sso.example.invalid".into()),
        TimeDelta::zero(),
        Err(IdpError::CallbackIssuer),
    )
    .await;
    check_exchange(|_| {}, TimeDelta::seconds(61), refused("invalid_grant")).await;
    check_exchange(|e| e.pkce_verifier = secrets(8).pkce_verifier, TimeDelta::zero(), refused("invalid_grant")).await;
    check_exchange(
        |e| e.redirect_uri = Url::parse("http://127.0.0.1:9/oauth/callback").unwrap(),
        TimeDelta::zero(),
        refused("invalid_grant"),
    )
    .await;
    check_exchange(|e| e.code = Secret::new("made-up-code"), TimeDelta::zero(), refused("invalid_grant")).await;
    check_exchange(
        |e| e.nonce = "another-nonce".into(),
        TimeDelta::zero(),
        Err(IdpError::IdToken { problem: IdTokenProblem::NonceMismatch }),
    )
    .await;
}

#[tokio::test]
async fn loopback_redirect_on_any_port() {
    let h = Harness::start().await;
    let persona = Persona::by_key("linked").unwrap();
    let mut login = VneidLogin::new();
    let redirect = Url::parse("http://127.0.0.1:49321/oauth/callback").unwrap();
    let event = LoginEvent::Start {
        task: Task::PersonalInfo,
        secrets: secrets(3),
        redirect_uri: redirect.clone(),
        now: chrono::Utc::now(),
    };
    let request = vneid::advance(&mut login, &h.idp, &h.portal, event).await.unwrap().unwrap();
    let url = h.idp.authorization_url(&request).await.unwrap();
    let page = h.open_page(&url).await;
    let back = h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await.unwrap();
    assert_eq!((back.host_str(), back.port(), back.path()), (Some("127.0.0.1"), Some(49321), "/oauth/callback"));
    vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await.unwrap();
    signed_in(&login);
}

#[tokio::test]
async fn ending_the_provider_session_revokes_its_tokens() {
    let h = Harness::start().await;
    let tokens = password_sign_in(&h, "linked").await;
    h.portal.open_vneid_session(&tokens.access_token).await.unwrap();
    h.idp.end_session(&tokens).await.unwrap();
    assert_eq!(h.portal.open_vneid_session(&tokens.access_token).await.unwrap_err(), PortalError::SessionExpired);
}

#[tokio::test]
async fn a_kept_sign_in_is_refreshed_once_and_ends_with_the_session() {
    let h = Harness::start().await;
    let first = password_sign_in(&h, "linked").await;
    let kept = KeptSignIn { refresh_token: first.refresh_token.clone().unwrap(), nonce: secrets(1).nonce };

    // The next start: fresh tokens for the same person, verified against the first nonce.
    let fresh = h.idp.refresh(&kept).await.unwrap();
    assert_eq!(fresh.identity.cccd, first.identity.cccd);
    assert_ne!(fresh.access_token, first.access_token);
    h.portal.open_vneid_session(&fresh.access_token).await.unwrap();

    // A spent refresh token is refused.
    let spent = h.idp.refresh(&kept).await.unwrap_err();
    assert_eq!(spent, IdpError::TokenRefused { error: "invalid_grant".into() });

    // Ending the provider session revokes its refresh tokens too.
    let newest = KeptSignIn { refresh_token: fresh.refresh_token.clone().unwrap(), ..kept };
    h.idp.end_session(&fresh).await.unwrap();
    assert_eq!(h.idp.refresh(&newest).await.unwrap_err(), IdpError::TokenRefused { error: "invalid_grant".into() });
}

/// Signs in while the provider spoils every ID token with `fault`: the client refuses the token
/// with `problem`, the callback cannot be used again, and once the provider behaves the same
/// login signs in.
async fn check_spoilt_id_token(fault: &str, problem: IdTokenProblem) {
    let h = Harness::start().await;
    let persona = Persona::by_key("linked").unwrap();
    h.faults(serde_json::json!({ "id_token": fault })).await;
    let mut login = VneidLogin::new();
    let (_, page) = open(&h, &mut login, 1, Task::SubmittedDossiers).await;
    let back = h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await.unwrap();
    vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await.unwrap();
    let expected = LoginError::Idp { error: IdpError::IdToken { problem } };
    match login.phase() {
        LoginPhase::Failed { error, task } => {
            assert_eq!((error, task), (&expected, &Task::SubmittedDossiers), "{fault}");
        }
        other => panic!("{fault}: not refused: {other:?}"),
    }
    let replay = vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await;
    assert!(replay.is_err(), "{fault}: the refused callback cannot be used again");
    assert!(matches!(login.phase(), LoginPhase::Failed { .. }), "{fault}: still failed");

    h.faults(serde_json::json!({})).await;
    let (_, page) = open(&h, &mut login, 2, Task::SubmittedDossiers).await;
    let back = h.submit_password(&page, persona.cccd, VNEID_PASSWORD).await.unwrap();
    vneid::advance(&mut login, &h.idp, &h.portal, callback(&back)).await.unwrap();
    assert_eq!(signed_in(&login).tokens.identity.full_name, persona.full_name, "{fault}: a clean sign-in works");
}

#[tokio::test]
async fn id_tokens_that_fail_a_check_are_refused() {
    check_spoilt_id_token("bad_signature", IdTokenProblem::BadSignature).await;
    check_spoilt_id_token("wrong_issuer", IdTokenProblem::WrongIssuer).await;
    check_spoilt_id_token("wrong_audience", IdTokenProblem::WrongAudience).await;
    check_spoilt_id_token("expired", IdTokenProblem::Expired).await;
    check_spoilt_id_token("missing_nonce", IdTokenProblem::NonceMissing).await;
    check_spoilt_id_token("wrong_nonce", IdTokenProblem::NonceMismatch).await;
}
