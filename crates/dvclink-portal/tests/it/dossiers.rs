//! Hồ sơ đã nộp: the change feed with cursor pagination and `updated_since`, and the detail.

use std::collections::{BTreeMap, BTreeSet};

use dvclink_core::Task;
use dvclink_core::dossier::{DossierChange, DossierQuery, DossierStatus, PageCursor};
use dvclink_core::port::{Portal, PortalError, PortalSession};
use dvclink_portal::PortalClient;
use dvclink_sandbox::persona::Persona;

use crate::harness::Harness;

/// Every change of the feed, page by page, with the page sizes.
pub async fn fetch_all(
    portal: &PortalClient,
    session: &PortalSession,
    query: DossierQuery,
) -> (Vec<DossierChange>, Vec<usize>) {
    let mut query = query;
    let (mut all, mut sizes) = (Vec::new(), Vec::new());
    loop {
        let page = portal.dossier_page(session, &query).await.unwrap();
        sizes.push(page.changes.len());
        all.extend(page.changes);
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => return (all, sizes),
        }
    }
}

#[tokio::test]
async fn paging_through_twelve_hundred_dossiers() {
    let h = Harness::start().await;
    let persona = Persona::by_key("many").unwrap();
    let session = h.sign_in(persona, Task::SubmittedDossiers).await.signed_in().unwrap().session;
    let (all, sizes) =
        fetch_all(&h.portal, &session, DossierQuery { limit: Some(250), ..DossierQuery::default() }).await;
    assert_eq!(sizes, [250, 250, 250, 250, 200]);
    let codes: BTreeSet<_> = all.iter().map(|c| c.code().clone()).collect();
    assert_eq!(codes.len(), 1200, "no duplicates, no gaps");
    let statuses: BTreeSet<DossierStatus> = all
        .iter()
        .map(|c| match c {
            DossierChange::Upsert(d) => d.status,
            DossierChange::Removed { .. } => panic!("nothing was removed"),
        })
        .collect();
    assert_eq!(statuses.len(), 10, "every status appears");
    let times: Vec<_> = all
        .iter()
        .map(|c| match c {
            DossierChange::Upsert(d) => (d.updated_at, d.code.clone()),
            DossierChange::Removed { code, at } => (*at, code.clone()),
        })
        .collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]), "ordered by change time, then code");

    // The detail is the same dossier as in the feed, with its processing steps.
    let DossierChange::Upsert(first) = &all[0] else { panic!() };
    let detail = h.portal.dossier(&session, &first.code).await.unwrap();
    assert_eq!(&detail, first);
    assert!(!detail.steps.is_empty());
}

#[tokio::test]
async fn updated_since_returns_the_recent_changes_only() {
    let h = Harness::start().await;
    let session =
        h.sign_in(Persona::by_key("many").unwrap(), Task::SubmittedDossiers).await.signed_in().unwrap().session;
    let (all, _) = fetch_all(&h.portal, &session, DossierQuery { limit: Some(500), ..DossierQuery::default() }).await;
    let times: BTreeMap<_, _> = all
        .iter()
        .map(|c| match c {
            DossierChange::Upsert(d) => (d.code.clone(), d.updated_at),
            DossierChange::Removed { code, at } => (code.clone(), *at),
        })
        .collect();
    let mut sorted: Vec<_> = times.values().copied().collect();
    sorted.sort();
    let since = sorted[900];
    let query = DossierQuery { updated_since: Some(since), limit: Some(100), ..DossierQuery::default() };
    let (recent, _) = fetch_all(&h.portal, &session, query).await;
    let expected = times.values().filter(|t| **t >= since).count();
    assert_eq!(recent.len(), expected);
    assert!(recent.len() < 1200 && recent.len() >= 300);
}

#[tokio::test]
async fn bad_requests_are_errors() {
    let h = Harness::start().await;
    let session =
        h.sign_in(Persona::by_key("linked").unwrap(), Task::SubmittedDossiers).await.signed_in().unwrap().session;
    let bad_cursor = DossierQuery { cursor: Some(PageCursor("not-a-cursor".into())), ..DossierQuery::default() };
    let answer = h.portal.dossier_page(&session, &bad_cursor).await;
    assert_eq!(answer.unwrap_err(), PortalError::Refused { code: "invalid_cursor".into() });
    let missing = dvclink_core::dossier::DossierCode::new("KHONG-CO-HO-SO").unwrap();
    assert_eq!(h.portal.dossier(&session, &missing).await.unwrap_err(), PortalError::NotFound);
}
