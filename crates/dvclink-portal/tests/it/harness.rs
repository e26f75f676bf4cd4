//! A sandbox with a manual clock, the two clients pointed at it, and the steps a person takes
//! outside the app: reading the text message, filling the VNeID page, approving a QR code.

use std::time::Duration;

use chrono::{NaiveDate, TimeDelta, Utc};
use dvclink_core::Task;
use dvclink_core::secret::Secret;
use dvclink_core::vneid::{Callback, LoginEvent, LoginSecrets};
use dvclink_core::wizard::{self, LinkWizard, WizardEvent};
use dvclink_portal::{HttpSettings, PortalClient, RetryPolicy, VneidClient, VneidConfig};
use dvclink_sandbox::persona::{DEMO_PASSWORD, Persona};
use dvclink_sandbox::testing::StandIn;
use url::Url;

pub const CLIENT_ID: &str = "dvclink-desktop";

/// The shared stand-in (`dvclink_sandbox::testing`) with both clients pointed at it.
pub struct Harness {
    stand_in: StandIn,
    pub portal: PortalClient,
    pub idp: VneidClient,
}

impl std::ops::Deref for Harness {
    type Target = StandIn;

    fn deref(&self) -> &StandIn {
        &self.stand_in
    }
}

/// Quick retries, so that fault tests finish fast.
pub fn settings() -> HttpSettings {
    HttpSettings {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(10),
        retry: RetryPolicy { attempts: 8, base_delay: Duration::from_millis(2), max_delay: Duration::from_millis(20) },
    }
}

impl Harness {
    pub async fn start() -> Harness {
        let stand_in = StandIn::start(2_000).await;
        let portal = PortalClient::new(stand_in.sandbox.portal_url(), &settings()).unwrap();
        let idp = VneidClient::new(VneidConfig::new(stand_in.sandbox.issuer(), CLIENT_ID), &settings()).unwrap();
        Harness { stand_in, portal, idp }
    }

    /// Signs `persona` in with password and code, up to the account check.
    pub async fn sign_in(&self, persona: &Persona, task: Task) -> LinkWizard {
        let mut wizard = LinkWizard::new(task);
        let event =
            WizardEvent::SubmitPassword { username: persona.username.into(), password: Secret::new(DEMO_PASSWORD) };
        wizard::advance(&mut wizard, &self.portal, event).await.unwrap();
        let code = self.texted_code(persona.phone).await;
        wizard::advance(&mut wizard, &self.portal, WizardEvent::SubmitCode { code }).await.unwrap();
        wizard
    }

    pub fn advance(&self, by: TimeDelta) {
        self.clock.advance(by);
    }

    /// Opens the VNeID page at `auth_url` and returns its HTML.
    pub async fn open_page(&self, auth_url: &Url) -> String {
        let response = self.http.get(auth_url.clone()).send().await.unwrap();
        assert_eq!(response.status(), 200, "the sign-in page opens");
        response.text().await.unwrap()
    }

    /// Submits the password form of a sign-in page; returns the redirect, or the page again.
    pub async fn submit_password(&self, page: &str, cccd: &str, password: &str) -> Result<Url, String> {
        let request = hidden_request(page);
        let response = self
            .http
            .post(self.url("auth/realms/citizen/protocol/openid-connect/auth/login"))
            .form(&[("request", request.as_str()), ("cccd", cccd), ("password", password)])
            .send()
            .await
            .unwrap();
        redirect_or_page(response).await
    }

    /// The "phone" approves the page's QR code for `cccd`; returns the status of the answer.
    pub async fn approve_qr(&self, page: &str, cccd: &str) -> reqwest::StatusCode {
        let token = between(page, "id=\"qr-token\">", "<");
        let body = serde_json::json!({ "qr": token, "cccd": cccd });
        self.http.post(self.url("sandbox/phone/approve")).json(&body).send().await.unwrap().status()
    }

    /// What the page's script does once the phone approved: finish the QR sign-in.
    pub async fn complete_qr(&self, page: &str) -> Result<Url, String> {
        let request = hidden_request(page);
        let response = self
            .http
            .post(self.url("auth/realms/citizen/protocol/openid-connect/auth/qr-complete"))
            .form(&[("request", request.as_str())])
            .send()
            .await
            .unwrap();
        redirect_or_page(response).await
    }

    pub async fn reload_qr(&self, page: &str) -> String {
        let request = hidden_request(page);
        self.http
            .post(self.url("auth/realms/citizen/protocol/openid-connect/auth/qr"))
            .form(&[("request", request.as_str())])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Follows the page's cancel link.
    pub async fn cancel(&self, page: &str) -> Url {
        let href = between(page, "id=\"cancel\" href=\"", "\"").replace("&amp;", "&");
        let response = self.http.get(Url::parse(&href).unwrap()).send().await.unwrap();
        redirect_or_page(response).await.expect("cancel redirects back to the app")
    }
}

/// Fresh state, nonce and verifier for a sign-in, numbered so tests can tell them apart.
pub fn secrets(n: u32) -> LoginSecrets {
    LoginSecrets {
        state: format!("state-{n}-{}", "s".repeat(20)),
        nonce: format!("nonce-{n}-{}", "n".repeat(20)),
        pkce_verifier: Secret::new(format!("verifier-{n}-{}", "v".repeat(40))),
    }
}

pub fn redirect_uri() -> Url {
    Url::parse("vn.gov.dichvucong.dvclink:/oauth/callback").unwrap()
}

pub fn start(n: u32, task: Task) -> LoginEvent {
    LoginEvent::Start { task, secrets: secrets(n), redirect_uri: redirect_uri(), now: Utc::now() }
}

pub fn callback(url: &Url) -> LoginEvent {
    LoginEvent::Callback { callback: Callback::from_url(url).unwrap(), now: Utc::now() }
}

pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn hidden_request(page: &str) -> String {
    between(page, "name=\"request\" value=\"", "\"")
}

fn between(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).unwrap_or_else(|| panic!("{start:?} not in page")) + start.len();
    let len = text[from..].find(end).unwrap();
    text[from..from + len].to_owned()
}

async fn redirect_or_page(response: reqwest::Response) -> Result<Url, String> {
    if response.status().is_redirection() {
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        Ok(Url::parse(&location).unwrap())
    } else {
        Err(response.text().await.unwrap())
    }
}
