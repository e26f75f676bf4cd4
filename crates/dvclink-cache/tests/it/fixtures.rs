//! Dossiers to store, and a sandbox with a signed-in portal session.

use chrono::{NaiveDate, NaiveDateTime};
use dvclink_core::dossier::{Channel, Document, Dossier, DossierCode, DossierStatus, Fee, ProcessingStep};
use dvclink_core::port::PortalSession;
use dvclink_portal::{HttpSettings, PortalClient, RetryPolicy};
use dvclink_sandbox::persona::Persona;
use dvclink_sandbox::testing;
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

/// The shared stand-in (`dvclink_sandbox::testing`) with a portal client with quick retries,
/// and the dossier changes the sync tests make.
pub struct StandIn {
    stand_in: testing::StandIn,
    pub portal: PortalClient,
}

impl std::ops::Deref for StandIn {
    type Target = testing::StandIn;

    fn deref(&self) -> &testing::StandIn {
        &self.stand_in
    }
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
        let stand_in = testing::StandIn::start(200).await;
        let portal = PortalClient::new(stand_in.sandbox.portal_url(), &quick_settings()).unwrap();
        StandIn { stand_in, portal }
    }

    /// Signs `key` in with password and texted code.
    pub async fn session(&self, key: &str) -> PortalSession {
        self.stand_in.sign_in(&self.portal, Persona::by_key(key).unwrap()).await
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
}
