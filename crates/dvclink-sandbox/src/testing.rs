//! What the other crates' tests do with a sandbox, written once (feature `testing`): start one
//! on loopback with a clock the test moves, read the code texted to a phone, sign a persona in
//! through any [`Portal`], and drive `/sandbox/*` as a tester would (dossiers, faults).

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use dvclink_core::port::{Portal, PortalSession};
use dvclink_core::secret::Secret;
use serde_json::Value;
use url::Url;

use crate::clock::ManualClock;
use crate::persona::{DEMO_PASSWORD, Persona};
use crate::{Sandbox, SandboxConfig};

/// The newest one-time code texted to `phone` by the sandbox at `base` (one embedded in an app
/// too, whose address is all a test knows).
pub async fn texted_code(http: &reqwest::Client, base: &Url, phone: &str) -> String {
    let url = base.join("sandbox/sms").expect("a path on the sandbox");
    let messages: Value = http
        .get(url)
        .query(&[("phone", phone)])
        .send()
        .await
        .expect("the sandbox answers")
        .json()
        .await
        .expect("the messages are JSON");
    messages[0]["code"].as_str().expect("a text message was sent").to_owned()
}

/// A running sandbox and a plain HTTP client for what a person or a tester does outside the app.
#[derive(Debug)]
pub struct StandIn {
    pub sandbox: Sandbox,
    /// The sandbox's clock, when the stand-in made it (see [`StandIn::start`]).
    pub clock: Arc<ManualClock>,
    /// Follows no redirects, so a test sees where a page sends the browser.
    pub http: reqwest::Client,
}

impl StandIn {
    /// A sandbox with `citizens` besides the personas, on a free loopback port, its clock
    /// standing still at now until the test moves it.
    pub async fn start(citizens: usize) -> StandIn {
        let clock = Arc::new(ManualClock::starting_now());
        let config = SandboxConfig { citizens, clock: clock.clone(), ..SandboxConfig::default() };
        let sandbox =
            Sandbox::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.expect("the sandbox starts");
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
        StandIn { sandbox, clock, http }
    }

    /// An address on the sandbox, such as `sandbox/sms`.
    pub fn url(&self, path: &str) -> Url {
        self.sandbox.base_url().join(path).expect("a path on the sandbox")
    }

    /// The newest one-time code texted to `phone`.
    pub async fn texted_code(&self, phone: &str) -> String {
        texted_code(&self.http, &self.sandbox.base_url(), phone).await
    }

    /// Signs `persona` in with the demo password and the texted code, through `portal`.
    pub async fn sign_in<P: Portal>(&self, portal: &P, persona: &Persona) -> PortalSession {
        let challenge =
            portal.start_sign_in(persona.username, &Secret::new(DEMO_PASSWORD)).await.expect("the password");
        let code = Secret::new(self.texted_code(persona.phone).await);
        portal.finish_sign_in(&challenge.id, &code).await.expect("the texted code")
    }

    /// Calls `/sandbox/{path}` and returns its JSON answer (null when it has none).
    pub async fn tester(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let response = self.http.request(method, self.url(&format!("sandbox/{path}"))).json(&body).send().await;
        let response = response.expect("the sandbox answers");
        assert!(response.status().is_success(), "sandbox/{path}: {}", response.status());
        response.json().await.unwrap_or(Value::Null)
    }

    /// Sets the fault injection (see `/sandbox/faults`).
    pub async fn faults(&self, settings: Value) {
        self.tester(reqwest::Method::PUT, "faults", settings).await;
    }

    /// How many requests met each fault since the settings were last set.
    pub async fn fault_counts(&self) -> Value {
        self.tester(reqwest::Method::GET, "faults", Value::Null).await["counts"].clone()
    }
}
