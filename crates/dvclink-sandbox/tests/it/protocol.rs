//! Protocol rules checked over raw HTTP: what the provider refuses (RFC 6749, 7636, 8252,
//! 9700), fault injection, and account changes kept across a restart.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::TimeDelta;
use dvclink_sandbox::clock::ManualClock;
use dvclink_sandbox::persona::DEMO_PASSWORD;
use dvclink_sandbox::population::VNEID_PASSWORD;
use dvclink_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};
use url::Url;

/// The S256 challenge of the verifier below (RFC 7636 appendix B).
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REDIRECT: &str = "vn.gov.dichvucong.dvclink:/oauth/callback";
const LINKED_CCCD: &str = "001085012345";

struct Fixture {
    sandbox: Sandbox,
    clock: Arc<ManualClock>,
    http: reqwest::Client,
}

impl Fixture {
    async fn start(data_dir: Option<PathBuf>) -> Fixture {
        let clock = Arc::new(ManualClock::starting_now());
        let config = SandboxConfig { citizens: 200, clock: clock.clone(), data_dir, ..SandboxConfig::default() };
        let sandbox = Sandbox::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap();
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Fixture { sandbox, clock, http }
    }

    fn url(&self, path: &str) -> Url {
        self.sandbox.base_url().join(path).unwrap()
    }

    fn realm(&self, path: &str) -> Url {
        self.url(&format!("auth/realms/citizen/{path}"))
    }

    /// Opens the sign-in page with `params` (over sensible defaults); returns status, location
    /// and body.
    async fn authorize(&self, params: &[(&str, &str)]) -> (u16, Option<Url>, String) {
        let mut query: Vec<(&str, &str)> = vec![
            ("response_type", "code"),
            ("client_id", "dvclink-desktop"),
            ("redirect_uri", REDIRECT),
            ("scope", "openid"),
            ("state", "st"),
            ("nonce", "no"),
            ("code_challenge", CHALLENGE),
            ("code_challenge_method", "S256"),
        ];
        for (key, value) in params {
            query.retain(|(k, _)| k != key);
            if !value.is_empty() {
                query.push((key, value));
            }
        }
        let response = self.http.get(self.realm("protocol/openid-connect/auth")).query(&query).send().await.unwrap();
        let status = response.status().as_u16();
        let location = response.headers().get("location").map(|l| Url::parse(l.to_str().unwrap()).unwrap());
        (status, location, response.text().await.unwrap())
    }

    /// Signs in on the page and returns the code.
    async fn code(&self, redirect: &str) -> String {
        let (status, _, page) = self.authorize(&[("redirect_uri", redirect)]).await;
        assert_eq!(status, 200);
        let start = page.find("name=\"request\" value=\"").unwrap() + 22;
        let request = &page[start..start + page[start..].find('"').unwrap()];
        let response = self
            .http
            .post(self.realm("protocol/openid-connect/auth/login"))
            .form(&[("request", request), ("cccd", LINKED_CCCD), ("password", VNEID_PASSWORD)])
            .send()
            .await
            .unwrap();
        let location = Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
        location.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned()
    }

    async fn token(&self, form: &[(&str, &str)]) -> (u16, Value) {
        let response = self.http.post(self.realm("protocol/openid-connect/token")).form(form).send().await.unwrap();
        (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
    }
}

/// The form that redeems `code` as the app does: its redirect, its client id, its PKCE verifier.
fn redeem(code: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", REDIRECT),
        ("client_id", "dvclink-desktop"),
        ("code_verifier", VERIFIER),
    ]
}

/// Opens the page with one parameter changed; compares status and the error sent back, if any.
async fn check_authorize(f: &Fixture, params: &[(&str, &str)], expected: (u16, Option<&str>)) {
    let (status, location, _) = f.authorize(params).await;
    let error =
        location.as_ref().and_then(|l| l.query_pairs().find(|(k, _)| k == "error").map(|(_, v)| v.into_owned()));
    assert_eq!((status, error.as_deref()), expected, "{params:?}");
}

#[tokio::test]
async fn authorization_endpoint_rules() {
    let f = Fixture::start(None).await;
    check_authorize(&f, &[], (200, None)).await;
    check_authorize(&f, &[("redirect_uri", "http://127.0.0.1:41234/oauth/callback")], (200, None)).await;
    check_authorize(&f, &[("redirect_uri", "http://[::1]:41234/oauth/callback")], (200, None)).await;
    // Never redirected to an unregistered place: an error page instead.
    check_authorize(&f, &[("redirect_uri", "http://localhost:41234/oauth/callback")], (400, None)).await;
    check_authorize(&f, &[("redirect_uri", "http://127.0.0.1:41234/other")], (400, None)).await;
    check_authorize(&f, &[("redirect_uri", "https://evil.example/oauth/callback")], (400, None)).await;
    check_authorize(&f, &[("redirect_uri", "vn.gov.dichvucong.dvclink:/oauth/callback/x")], (400, None)).await;
    check_authorize(&f, &[("client_id", "someone-else")], (400, None)).await;
    // Known client and redirect: errors go back to the app.
    check_authorize(&f, &[("code_challenge", "")], (303, Some("invalid_request"))).await;
    check_authorize(&f, &[("code_challenge_method", "plain")], (303, Some("invalid_request"))).await;
    check_authorize(&f, &[("code_challenge", "short")], (303, Some("invalid_request"))).await;
    check_authorize(&f, &[("response_type", "token")], (303, Some("unsupported_response_type"))).await;
    check_authorize(&f, &[("scope", "profile")], (303, Some("invalid_scope"))).await;
}

/// Redeems a fresh code with `form` changed; compares status and error.
async fn check_token(changes: &[(&str, &str)], wait: TimeDelta, expected: (u16, &str)) {
    let f = Fixture::start(None).await;
    let code = f.code(REDIRECT).await;
    let mut form = redeem(&code);
    for (key, value) in changes {
        form.retain(|(k, _)| k != key);
        if !value.is_empty() {
            form.push((key, value));
        }
    }
    f.clock.advance(wait);
    let (status, body) = f.token(&form).await;
    let outcome = body["error"].as_str().unwrap_or(if body["id_token"].is_string() { "tokens" } else { "?" });
    assert_eq!((status, outcome), expected, "{changes:?}");
}

#[tokio::test]
async fn token_endpoint_rules() {
    let none = TimeDelta::zero();
    check_token(&[], none, (200, "tokens")).await;
    check_token(&[], TimeDelta::seconds(59), (200, "tokens")).await;
    check_token(&[], TimeDelta::seconds(61), (400, "invalid_grant")).await;
    check_token(&[("code_verifier", "")], none, (400, "invalid_request")).await;
    check_token(&[("code_verifier", "too-short")], none, (400, "invalid_grant")).await;
    check_token(&[("code_verifier", &"a".repeat(43))], none, (400, "invalid_grant")).await;
    check_token(&[("redirect_uri", "http://127.0.0.1:5/oauth/callback")], none, (400, "invalid_grant")).await;
    check_token(&[("redirect_uri", "")], none, (400, "invalid_grant")).await;
    check_token(&[("client_id", "other")], none, (401, "invalid_client")).await;
    check_token(&[("client_secret", "s3cret")], none, (401, "invalid_client")).await;
    check_token(&[("grant_type", "password")], none, (400, "unsupported_grant_type")).await;
    check_token(&[("code", "forged")], none, (400, "invalid_grant")).await;
}

#[tokio::test]
async fn a_code_is_single_use_and_its_replay_revokes_the_tokens() {
    let f = Fixture::start(None).await;
    let code = f.code(REDIRECT).await;
    let form = redeem(&code);
    let (status, tokens) = f.token(&form).await;
    assert_eq!(status, 200);
    let access = tokens["access_token"].as_str().unwrap();
    let userinfo = |token: String| {
        let f = &f;
        async move { f.http.get(f.realm("protocol/openid-connect/userinfo")).bearer_auth(token).send().await.unwrap() }
    };
    let claims: Value = userinfo(access.to_owned()).await.json().await.unwrap();
    assert_eq!(claims["SoDinhDanh"], LINKED_CCCD);
    assert_eq!(claims["HoVaTen"], "Nguyễn Văn An");
    assert_eq!(claims["NgayThangNamSinh"], "12/03/1985");
    assert_eq!(claims["preferred_username"], LINKED_CCCD);
    for claim in ["sub", "TechID", "LoaiTaiKhoan", "loginIdp", "loAs", "IAL"] {
        assert!(claims[claim].is_string(), "{claim}");
    }

    let (status, body) = f.token(&form).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
    assert_eq!(userinfo(access.to_owned()).await.status(), 401, "the replay revoked the tokens");

    // Refresh tokens were revoked with them.
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let (status, _) =
        f.token(&[("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", "dvclink-desktop")]).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn refresh_tokens_rotate() {
    let f = Fixture::start(None).await;
    let code = f.code(REDIRECT).await;
    let (_, tokens) = f.token(&redeem(&code)).await;
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", "dvclink-desktop")];
    let (status, fresh) = f.token(&form).await;
    assert_eq!(status, 200);
    assert_ne!(fresh["refresh_token"], tokens["refresh_token"]);
    assert_eq!(f.token(&form).await.0, 400, "a refresh token works once");
}

#[tokio::test]
async fn discovery_document() {
    let f = Fixture::start(None).await;
    let doc: Value =
        f.http.get(f.realm(".well-known/openid-configuration")).send().await.unwrap().json().await.unwrap();
    let issuer = f.sandbox.issuer();
    assert_eq!(doc["issuer"], issuer.as_str());
    assert_eq!(doc["code_challenge_methods_supported"], json!(["S256"]));
    assert_eq!(doc["token_endpoint_auth_methods_supported"], json!(["none"]));
    for endpoint in
        ["authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri", "end_session_endpoint"]
    {
        assert!(doc[endpoint].as_str().unwrap().starts_with(issuer.as_str()), "{endpoint}");
    }
    let jwks: Value = f.http.get(doc["jwks_uri"].as_str().unwrap()).send().await.unwrap().json().await.unwrap();
    assert_eq!(jwks["keys"][0]["kty"], "RSA");
    assert!(jwks["keys"][0].get("d").is_none(), "no private part is published");
}

#[tokio::test]
async fn faults_are_injected_on_the_api_only() {
    let f = Fixture::start(None).await;
    let put = |settings: Value| {
        let f = &f;
        async move { f.http.put(f.url("sandbox/faults")).json(&settings).send().await.unwrap().status().as_u16() }
    };
    assert_eq!(put(json!({ "error_rate": 1.5 })).await, 400);
    assert_eq!(put(json!({ "error_rate": 0.6, "drop_rate": 0.6 })).await, 400);
    assert_eq!(put(json!({ "unknown": 1 })).await, 422);

    let sign_in = || {
        let f = &f;
        async move {
            f.http
                .post(f.url("portal/api/v1/auth/password"))
                .json(&json!({ "username": "nguyenvanan", "password": DEMO_PASSWORD }))
                .send()
                .await
        }
    };
    assert_eq!(put(json!({ "error_rate": 1.0 })).await, 200);
    let answer = sign_in().await.unwrap();
    assert_eq!(answer.status(), 503);
    assert!(answer.text().await.unwrap().contains("Hệ thống đang bảo trì"));
    let (status, ..) = f.authorize(&[]).await;
    assert_eq!(status, 200, "the sign-in page is for people and never faulted");

    assert_eq!(put(json!({ "truncate_rate": 1.0 })).await, 200);
    let body = sign_in().await.unwrap().text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");

    assert_eq!(put(json!({ "drop_rate": 1.0 })).await, 200);
    let dropped = match sign_in().await {
        Ok(response) => response.bytes().await.is_err(),
        Err(_) => true,
    };
    assert!(dropped, "the connection is cut");

    assert_eq!(f.http.delete(f.url("sandbox/faults")).send().await.unwrap().status(), 204);
    assert_eq!(sign_in().await.unwrap().status(), 200);
}

/// Signs `username` in and links `cccd` over raw HTTP.
async fn link(f: &Fixture, username: &str, phone: &str, cccd: &str) -> u16 {
    let challenge: Value = f
        .http
        .post(f.url("portal/api/v1/auth/password"))
        .json(&json!({ "username": username, "password": DEMO_PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sms: Value =
        f.http.get(f.url("sandbox/sms")).query(&[("phone", phone)]).send().await.unwrap().json().await.unwrap();
    let session: Value = f
        .http
        .post(f.url("portal/api/v1/auth/otp"))
        .json(&json!({ "challenge_id": challenge["challenge_id"], "code": sms[0]["code"] }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    f.http
        .post(f.url("portal/api/v1/account/cccd"))
        .bearer_auth(session["access_token"].as_str().unwrap())
        .json(&json!({ "SoDinhDanh": cccd }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn account_changes_survive_a_restart_with_a_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let f = Fixture::start(Some(dir.path().to_owned())).await;
    assert_eq!(link(&f, "tranthibinh", "0987654321", "079190004321").await, 200);
    f.sandbox.stop().await.unwrap();

    let f = Fixture::start(Some(dir.path().to_owned())).await;
    assert_eq!(link(&f, "tranthibinh", "0987654321", "079190004321").await, 409, "already linked");
    f.sandbox.stop().await.unwrap();

    let f = Fixture::start(None).await;
    assert_eq!(link(&f, "tranthibinh", "0987654321", "079190004321").await, 200, "without the directory, fresh");
}

#[tokio::test]
async fn a_code_granted_before_a_restart_can_be_redeemed_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let f = Fixture::start(Some(dir.path().to_owned())).await;
    let code = f.code(REDIRECT).await;
    f.sandbox.stop().await.unwrap();

    let f = Fixture::start(Some(dir.path().to_owned())).await;
    let form = redeem(&code);
    assert_eq!(f.token(&form).await.0, 200);
    f.sandbox.stop().await.unwrap();

    let f = Fixture::start(Some(dir.path().to_owned())).await;
    assert_eq!(f.token(&form).await.0, 400, "a redeemed code stays redeemed across a restart");
}

/// A laptop's kept sign-in outlives a restart of the provider, as with the real VNeID; a cut
/// network stays cut until the tester restores it.
#[tokio::test]
async fn refresh_tokens_and_faults_survive_a_restart_with_a_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let f = Fixture::start(Some(dir.path().to_owned())).await;
    let code = f.code(REDIRECT).await;
    let form = redeem(&code);
    let (_, tokens) = f.token(&form).await;
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    let cut = f.http.put(f.url("sandbox/faults")).json(&json!({ "drop_rate": 1.0 })).send().await.unwrap();
    assert_eq!(cut.status(), 200);
    f.sandbox.stop().await.unwrap();

    let f = Fixture::start(Some(dir.path().to_owned())).await;
    let faults: Value = f.http.get(f.url("sandbox/faults")).send().await.unwrap().json().await.unwrap();
    assert_eq!(faults["settings"]["drop_rate"], 1.0, "{faults}");
    assert_eq!(f.http.delete(f.url("sandbox/faults")).send().await.unwrap().status(), 204);
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh.as_str()), ("client_id", "dvclink-desktop")];
    assert_eq!(f.token(&form).await.0, 200, "the refresh token issued before the restart still works");
    f.sandbox.stop().await.unwrap();

    let f = Fixture::start(Some(dir.path().to_owned())).await;
    let faults: Value = f.http.get(f.url("sandbox/faults")).send().await.unwrap().json().await.unwrap();
    assert_eq!(faults["settings"]["drop_rate"], 0.0, "restored stays restored: {faults}");
    assert_eq!(f.token(&form).await.0, 400, "a used refresh token stays used across a restart");
}
