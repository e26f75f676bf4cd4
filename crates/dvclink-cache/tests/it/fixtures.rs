//! Dossiers to store, and a sandbox with a signed-in portal session.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use dvclink_core::Secret;
use dvclink_core::dossier::{Channel, Document, Dossier, DossierCode, DossierStatus, Fee, ProcessingStep};
use dvclink_core::port::{Portal, PortalSession};
use dvclink_portal::{HttpSettings, PortalClient, RetryPolicy};
use dvclink_sandbox::clock::ManualClock;
use dvclink_sandbox::persona::{DEMO_PASSWORD, Persona};
use dvclink_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};

pub fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 6, day).unwrap().and_hms_opt(hour, 0, 0).unwrap()
}

/// A dossier with two steps; `n` makes the code, the day, and the status vary.
pub fn dossier(n: u32, procedure: &str, agency: &str, summary: &str) -> Dossier {
    Dossier {
        code: DossierCode::new(format!("G22.99-2406{:02}-{n:05}", n % 28 + 1)).unwrap(),
        procedure_code: "1.000894".into(),
        procedure_name: procedure.into(),
        field_code: Some("HT".into()),
        receipt_no: Some(format!("BN{n:07}")),
        owner: "Trần Thị Bình".into(),
        summary: summary.into(),
        received_at: Some(at(n % 28 + 1, 8)),
        due_at: Some(at(n % 28 + 1, 17)),
        returned_at: None,
        status: DossierStatus::ALL[n as usize % 10],
        agency: agency.into(),
        channel: Channel::Online,
        fees: vec![Fee { name: "Lệ phí".into(), amount_vnd: 20_000 }],
        attachments: vec![Document { name: "Tờ khai".into(), file_name: Some("to-khai.pdf".into()) }],
        results: vec![],
        steps: vec![
            ProcessingStep {
                handler: "Nguyễn Thị Hoa".into(),
                department: "Một cửa".into(),
                at: at(n % 28 + 1, 9),
                content: "Tiếp nhận".into(),
            },
            ProcessingStep {
                handler: "Trần Văn Hùng".into(),
                department: "Chuyên môn".into(),
                at: at(n % 28 + 1, 10),
                content: "Thẩm định".into(),
            },
        ],
        updated_at: at(n % 28 + 1, 10),
    }
}

/// The sandbox with a manual clock, a portal client with quick retries, and a raw client.
pub struct StandIn {
    pub sandbox: Sandbox,
    pub clock: Arc<ManualClock>,
    pub portal: PortalClient,
    pub raw: reqwest::Client,
}

pub fn quick_settings() -> HttpSettings {
    HttpSettings {
        retry: RetryPolicy {
            attempts: 8,
            base_delay: std::time::Duration::from_millis(2),
            max_delay: std::time::Duration::from_millis(20),
        },
        ..HttpSettings::default()
    }
}

impl StandIn {
    pub async fn start() -> StandIn {
        let clock = Arc::new(ManualClock::starting_now());
        let config = SandboxConfig { citizens: 200, clock: clock.clone(), ..SandboxConfig::default() };
        let sandbox = Sandbox::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap();
        let portal = PortalClient::new(sandbox.portal_url(), &quick_settings()).unwrap();
        let raw = reqwest::Client::new();
        StandIn { sandbox, clock, portal, raw }
    }

    /// Signs `key` in with password and texted code.
    pub async fn session(&self, key: &str) -> PortalSession {
        let persona = Persona::by_key(key).unwrap();
        let challenge = self.portal.start_sign_in(persona.username, &Secret::new(DEMO_PASSWORD)).await.unwrap();
        let sms: Value = self
            .raw
            .get(self.sandbox.base_url().join("sandbox/sms").unwrap())
            .query(&[("phone", persona.phone)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let code = Secret::new(sms[0]["code"].as_str().unwrap());
        self.portal.finish_sign_in(&challenge.id, &code).await.unwrap()
    }

    pub async fn tester(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let url = self.sandbox.base_url().join(&format!("sandbox/{path}")).unwrap();
        let response = self.raw.request(method, url).json(&body).send().await.unwrap();
        assert!(response.status().is_success(), "{path}: {}", response.status());
        response.json().await.unwrap_or(Value::Null)
    }

    pub async fn generate(&self, username: &str, count: usize) -> u64 {
        let answer = self
            .tester(reqwest::Method::POST, &format!("accounts/{username}/dossiers"), json!({ "generate": count }))
            .await;
        answer["total"].as_u64().unwrap()
    }

    pub async fn change_status(&self, username: &str, code: &str, status: u8) {
        self.tester(
            reqwest::Method::PATCH,
            &format!("accounts/{username}/dossiers/{code}"),
            json!({ "status": status }),
        )
        .await;
    }

    pub async fn remove(&self, username: &str, code: &str) {
        self.tester(reqwest::Method::DELETE, &format!("accounts/{username}/dossiers/{code}"), Value::Null).await;
    }

    pub async fn faults(&self, settings: Value) {
        self.tester(reqwest::Method::PUT, "faults", settings).await;
    }

    /// How many requests met each fault since the settings were last set.
    pub async fn fault_counts(&self) -> Value {
        self.tester(reqwest::Method::GET, "faults", Value::Null).await["counts"].clone()
    }
}
