//! The client under injected faults: reads are retried with backoff until they succeed, writes
//! are not retried, and each failure that remains has its own error.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::time::Duration;

use dvclink_core::Task;
use dvclink_core::dossier::DossierQuery;
use dvclink_core::port::{Portal, PortalError};
use dvclink_core::secret::Secret;
use dvclink_portal::{HttpSettings, PortalClient};
use dvclink_sandbox::persona::{DEMO_PASSWORD, Persona};
use serde_json::json;
use url::Url;

use crate::dossiers::fetch_all;
use crate::harness::{Harness, settings};

/// A client that gives up on an answer after half a second, for held-back answers.
fn impatient(h: &Harness) -> PortalClient {
    let settings = HttpSettings { request_timeout: Duration::from_millis(500), ..settings() };
    PortalClient::new(h.sandbox.portal_url(), &settings).unwrap()
}

#[tokio::test]
async fn reads_survive_errors_timeouts_truncation_and_dropped_connections() {
    let h = Harness::start().await;
    let portal = impatient(&h);
    let session =
        h.sign_in(Persona::by_key("many").unwrap(), Task::SubmittedDossiers).await.signed_in().unwrap().session;
    let query = DossierQuery { limit: Some(100), ..DossierQuery::default() };
    let (clean, _) = fetch_all(&portal, &session, query.clone()).await;

    let faults = json!({ "error_rate": 0.15, "timeout_rate": 0.1, "hang_ms": 1_500, "truncate_rate": 0.1,
                         "drop_rate": 0.1, "seed": 7 });
    h.faults(faults).await;
    let (faulty, _) = fetch_all(&portal, &session, query).await;
    assert_eq!(faulty, clean, "the same data despite the faults");
    let counts = h.fault_counts().await;
    for kind in ["errors", "timed_out", "truncated", "dropped"] {
        assert!(counts[kind].as_u64().unwrap() > 0, "{kind} were injected: {counts}");
    }
}

#[tokio::test]
async fn a_portal_that_stays_down() {
    let h = Harness::start().await;
    let session =
        h.sign_in(Persona::by_key("linked").unwrap(), Task::SubmittedDossiers).await.signed_in().unwrap().session;
    h.faults(json!({ "error_rate": 1.0 })).await;
    assert_eq!(h.portal.account(&session).await.unwrap_err(), PortalError::Maintenance);
    assert_eq!(h.fault_counts().await["requests"], 8, "a read is tried as often as the policy allows");

    h.faults(json!({ "error_rate": 1.0 })).await;
    let answer = h.portal.start_sign_in("nguyenvanan", &Secret::new(DEMO_PASSWORD)).await;
    assert_eq!(answer.unwrap_err(), PortalError::Maintenance);
    assert_eq!(h.fault_counts().await["requests"], 1, "a write is never repeated");

    h.faults(json!({ "truncate_rate": 1.0 })).await;
    let answer = h.portal.account(&session).await;
    assert!(matches!(answer, Err(PortalError::BadResponse { .. })), "{answer:?}");

    h.faults(json!({ "drop_rate": 1.0 })).await;
    assert_eq!(h.portal.account(&session).await.unwrap_err(), PortalError::Unreachable);

    h.faults(json!({ "timeout_rate": 1.0, "hang_ms": 1_500 })).await;
    assert_eq!(impatient(&h).account(&session).await.unwrap_err(), PortalError::Unreachable);
    assert_eq!(h.fault_counts().await["timed_out"], 8, "a read that times out is tried again too");
}

#[tokio::test]
async fn nothing_listening() {
    // Bind and release a port so that nothing listens on it.
    let port = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).unwrap().local_addr().unwrap().port();
    let base = Url::parse(&format!("http://127.0.0.1:{port}/portal/api/v1/")).unwrap();
    let portal = PortalClient::new(base, &settings()).unwrap();
    let answer = portal.start_sign_in("nguyenvanan", &Secret::new(DEMO_PASSWORD)).await;
    assert_eq!(answer.unwrap_err(), PortalError::Unreachable);
}
