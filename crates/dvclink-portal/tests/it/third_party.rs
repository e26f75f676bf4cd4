//! The VNeID client against a provider that is not ours: panva's certified `oidc-provider`
//! (`tests/oidc-provider`), configured the usual way, with a root issuer and with a path issuer.
//! It keeps VNeID's claims out of the ID token (they come from userinfo), needs `prompt=consent`
//! for a refresh token, sends `iss` with the callback, rotates refresh tokens and revokes them.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use chrono::NaiveDate;
use dvclink_core::Cccd;
use dvclink_core::port::{AuthorizationRequest, CodeExchange, IdentityProvider, IdpError, KeptSignIn};
use dvclink_core::profile::IdentityLevel;
use dvclink_core::secret::Secret;
use dvclink_core::text::nfc;
use dvclink_core::vneid::{Callback, CallbackResult};
use dvclink_portal::{VneidClient, VneidConfig};
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use url::Url;

use crate::harness::{CLIENT_ID, settings};

const REDIRECT: &str = "vn.gov.dichvucong.dvclink:/oauth/callback";
const PASSWORD: &str = "Matkhau@123";

/// The provider in a child process; it exits when its stdin closes, so also when this test dies.
/// Under Wine (the Windows build's tests) a Linux `node` cannot be started from the test: the
/// provider then runs on the host, started by `cargo xtask test`, and its issuer comes in
/// `DVCLINK_TEST_OIDC_ROOT`, `DVCLINK_TEST_OIDC_PATH` or `DVCLINK_TEST_OIDC_PATH_CLAIMS`.
struct ThirdParty {
    child: Option<Child>,
    issuer: String,
}

impl ThirdParty {
    /// Starts the provider under `path`; `claims_in_id_token` puts VNeID's claims in the ID
    /// token too, as a provider may.
    fn start(path: &str, claims_in_id_token: bool) -> ThirdParty {
        if cfg!(windows) {
            let var = match (path, claims_in_id_token) {
                ("", _) => "DVCLINK_TEST_OIDC_ROOT",
                (_, false) => "DVCLINK_TEST_OIDC_PATH",
                (_, true) => "DVCLINK_TEST_OIDC_PATH_CLAIMS",
            };
            let issuer = std::env::var(var)
                .unwrap_or_else(|_| panic!("{var}: the provider runs on the host (cargo xtask test)"));
            return ThirdParty { child: None, issuer };
        }
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc-provider");
        assert!(
            dir.join("node_modules/oidc-provider").is_dir(),
            "oidc-provider is not installed: run `npm ci --prefix {}` (cargo xtask test does)",
            dir.display()
        );
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .arg(format!("--path={path}"))
            .args(claims_in_id_token.then_some("--id-token-claims"))
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("the provider's first line");
        let announced: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        let issuer = announced["issuer"].as_str().expect("an issuer").to_owned();
        ThirdParty { child: Some(child), issuer }
    }

    fn client(&self, issuer: &str) -> VneidClient {
        let config = VneidConfig {
            issuer: issuer.to_owned(),
            client_id: CLIENT_ID.to_owned(),
            scopes: None,
            offline: true,
            acr_values: Some("LoA2".to_owned()),
        };
        VneidClient::new(config, &settings()).unwrap()
    }

    /// Signs in on the provider's own pages as a browser would, keeping its cookies, and
    /// returns the callback URL it sends the browser to.
    async fn sign_in(&self, authorization: &Url, cccd: &str) -> Url {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let mut jar = BTreeMap::new();
        let mut next = authorization.clone();
        let mut form = None;
        for _ in 0..8 {
            let cookies: Vec<String> = jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let request = match form.take() {
                Some(fields) => http.post(next.clone()).form(&fields),
                None => http.get(next.clone()),
            };
            let response = request.header(COOKIE, cookies.join("; ")).send().await.expect("the provider answers");
            for cookie in response.headers().get_all(SET_COOKIE) {
                let pair = cookie.to_str().unwrap().split(';').next().unwrap();
                let (name, value) = pair.split_once('=').unwrap();
                jar.insert(name.to_owned(), value.to_owned());
            }
            if let Some(location) = response.headers().get(LOCATION) {
                let location = next.join(location.to_str().unwrap()).unwrap();
                if location.as_str().starts_with(REDIRECT) {
                    return location;
                }
                next = location;
                continue;
            }
            // The interaction page: post its form with the citizen's number and password.
            assert!(response.status().is_success(), "{next}: {}", response.status());
            next = Url::parse(&format!("{next}/login")).unwrap();
            form = Some(vec![("cccd", cccd.to_owned()), ("password", PASSWORD.to_owned())]);
        }
        panic!("the provider never sent the browser back");
    }
}

impl Drop for ThirdParty {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One whole sign-in: authorization URL, the provider's pages, the callback's `iss`, the code,
/// the claims from userinfo, a refresh, the end of the session and the refused refresh after it.
async fn check(provider: (&str, bool), cccd: &str, expected: (&str, NaiveDate, IdentityLevel)) {
    let provider = ThirdParty::start(provider.0, provider.1);
    assert!(!provider.issuer.ends_with('/'), "{}", provider.issuer);
    let client = provider.client(&provider.issuer);
    let request = AuthorizationRequest {
        state: "state-1".into(),
        nonce: "nonce-1".into(),
        pkce_verifier: Secret::new("v".repeat(64)),
        redirect_uri: Url::parse(REDIRECT).unwrap(),
    };
    let url = client.authorization_url(&request).await.expect("discovery accepts the provider's own issuer");
    let query: BTreeMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(query["scope"], "openid offline_access");
    assert_eq!(query["prompt"], "consent");
    assert_eq!(query["acr_values"], "LoA2");

    let callback = Callback::from_url(&provider.sign_in(&url, cccd).await).unwrap();
    assert_eq!(callback.issuer.as_deref(), Some(provider.issuer.as_str()), "RFC 9207 iss");
    let CallbackResult::Code(code) = callback.result else { panic!("no code") };
    let exchange = CodeExchange {
        code,
        pkce_verifier: request.pkce_verifier.clone(),
        nonce: request.nonce.clone(),
        redirect_uri: request.redirect_uri.clone(),
        issuer: callback.issuer,
    };
    let tokens = client.exchange_code(&exchange).await.expect("the code is redeemed");
    let identity = &tokens.identity;
    let (name, born, level) = expected;
    assert_eq!(nfc(name), name, "the expected name is written composed");
    assert_eq!(identity.full_name, name, "composed (NFC) whatever form the provider sends");
    assert_eq!(identity.cccd, Some(Cccd::from_digits(cccd).unwrap()));
    assert_eq!((identity.birth_date, identity.level), (Some(born), Some(level)));

    let kept =
        KeptSignIn { refresh_token: tokens.refresh_token.clone().expect("a refresh token"), nonce: "nonce-1".into() };
    let refreshed = client.refresh(&kept).await.expect("the refresh token works");
    assert_eq!(refreshed.identity, tokens.identity);
    assert_ne!(refreshed.refresh_token, tokens.refresh_token, "the provider rotates refresh tokens");

    client.end_session(&refreshed).await.expect("the session ends");
    let after = KeptSignIn { refresh_token: refreshed.refresh_token.clone().unwrap(), nonce: "nonce-1".into() };
    assert_eq!(client.refresh(&after).await.unwrap_err(), IdpError::TokenRefused { error: "invalid_grant".into() });
}

#[tokio::test]
async fn a_root_issuer_signs_in_refreshes_and_ends() {
    check(
        ("", false),
        "001090012345",
        ("Nguyễn Văn An", NaiveDate::from_ymd_opt(1990, 3, 15).unwrap(), IdentityLevel::Level2),
    )
    .await;
}

#[tokio::test]
async fn a_path_issuer_signs_in_refreshes_and_ends() {
    check(
        ("/oidc", false),
        "079190000111",
        ("Trần Thị Bình", NaiveDate::from_ymd_opt(1990, 7, 20).unwrap(), IdentityLevel::Level1),
    )
    .await;
}

#[tokio::test]
async fn claims_in_the_id_token_are_read_from_it() {
    let born = NaiveDate::from_ymd_opt(1990, 3, 15).unwrap();
    check(("/oidc", true), "001090012345", ("Nguyễn Văn An", born, IdentityLevel::Level2)).await;
    // The provider keeps this name decomposed; in the ID token too it arrives composed.
    let born = NaiveDate::from_ymd_opt(1990, 7, 20).unwrap();
    check(("", true), "079190000111", ("Trần Thị Bình", born, IdentityLevel::Level1)).await;
}

/// The issuer is used exactly as configured: the same provider with a slash added is another
/// issuer, and a callback naming another issuer, or none, is refused.
#[tokio::test]
async fn issuers_are_compared_exactly() {
    let provider = ThirdParty::start("", false);
    let request = AuthorizationRequest {
        state: "s".into(),
        nonce: "n".into(),
        pkce_verifier: Secret::new("w".repeat(64)),
        redirect_uri: Url::parse(REDIRECT).unwrap(),
    };
    let slashed = provider.client(&format!("{}/", provider.issuer));
    assert!(matches!(slashed.authorization_url(&request).await, Err(IdpError::Discovery { .. })));

    let client = provider.client(&provider.issuer);
    let check = |issuer: Option<&str>| {
        let exchange = CodeExchange {
            code: Secret::new("not-redeemed"),
            pkce_verifier: request.pkce_verifier.clone(),
            nonce: "n".into(),
            redirect_uri: request.redirect_uri.clone(),
            issuer: issuer.map(str::to_owned),
        };
        let client = &client;
        async move { client.exchange_code(&exchange).await.unwrap_err() }
    };
    assert_eq!(check(Some("http://127.0.0.1:1")).await, IdpError::CallbackIssuer);
    assert_eq!(check(None).await, IdpError::CallbackIssuer);
    // The right issuer gets as far as the provider, which refuses the made-up code.
    assert_eq!(check(Some(&provider.issuer)).await, IdpError::TokenRefused { error: "invalid_grant".into() });
}
