//! Syncing against the sandbox: everything the first time, only the changes after, removals and
//! new statuses followed, cancelled and resumed without duplicates or gaps, and the cache left
//! as it was when the portal stays down.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::TimeDelta;
use dvclink_cache::{Cache, SyncError, SyncOutcome, SyncProgress, SyncRequest, UserId, sync};
use dvclink_core::dossier::{Dossier, DossierChange, DossierQuery};
use dvclink_core::port::{Portal, PortalError, PortalSession};
use dvclink_portal::{HttpSettings, PortalClient};
use serde_json::json;

use crate::fixtures::{StandIn, at, quick_settings};

/// What the portal shows this session, by code, read straight from the feed.
pub async fn portal_view(portal: &PortalClient, session: &PortalSession) -> BTreeMap<String, Dossier> {
    let mut all = BTreeMap::new();
    let mut query = DossierQuery { limit: Some(500), ..DossierQuery::default() };
    loop {
        let page = portal.dossier_page(session, &query).await.unwrap();
        for change in page.changes {
            match change {
                DossierChange::Upsert(d) => {
                    all.insert(d.code.as_str().to_owned(), d);
                }
                DossierChange::Removed { code, .. } => {
                    all.remove(code.as_str());
                }
            }
        }
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => return all,
        }
    }
}

pub fn cache_view(cache: &Mutex<Cache>, user: UserId) -> BTreeMap<String, Dossier> {
    let cache = cache.lock().unwrap();
    cache.all_dossiers(user).unwrap().into_iter().map(|d| (d.code.as_str().to_owned(), d)).collect()
}

async fn run(
    portal: &PortalClient,
    cache: &Arc<Mutex<Cache>>,
    session: &PortalSession,
    user: UserId,
    cancel: &AtomicBool,
    page_size: u32,
) -> (Result<SyncOutcome, SyncError>, Vec<SyncProgress>) {
    let mut seen = Vec::new();
    let request = SyncRequest { session, user, now: at(25, 9), cancel, page_size };
    let outcome = sync(portal, cache, request, |p| seen.push(p)).await;
    (outcome, seen)
}

#[tokio::test]
async fn first_sync_then_only_changes() {
    let stand_in = StandIn::start().await;
    let session = stand_in.session("many").await;
    let cache = Arc::new(Mutex::new(Cache::open_in_memory().unwrap()));
    let user = cache.lock().unwrap().user("account:hoangthimai").unwrap();
    let keep_going = AtomicBool::new(false);

    let (outcome, progress) = run(&stand_in.portal, &cache, &session, user, &keep_going, 250).await;
    assert_eq!(outcome.unwrap(), SyncOutcome::Finished { changes: 1200 });
    let done: Vec<u64> = progress.iter().map(|p| p.done).collect();
    assert_eq!(done, [250, 500, 750, 1000, 1200]);
    assert!(progress.iter().all(|p| p.total == Some(1200)));
    assert_eq!(cache_view(&cache, user), portal_view(&stand_in.portal, &session).await);
    let state = cache.lock().unwrap().sync_state(user).unwrap();
    assert!(!state.interrupted());
    assert_eq!(state.last_synced_at, Some(at(25, 9)));

    // The agencies move on: new statuses, a removal, new dossiers.
    stand_in.clock.advance(TimeDelta::minutes(5));
    let codes: Vec<String> = cache_view(&cache, user).into_keys().collect();
    stand_in.change_status("hoangthimai", &codes[3], 10).await;
    stand_in.change_status("hoangthimai", &codes[500], 5).await;
    stand_in.remove("hoangthimai", &codes[7]).await;
    stand_in.generate("hoangthimai", 4).await;
    let (outcome, _) = run(&stand_in.portal, &cache, &session, user, &keep_going, 250).await;
    let SyncOutcome::Finished { changes } = outcome.unwrap() else { panic!() };
    assert!(changes < 20, "only the changes are fetched again: {changes}");
    assert_eq!(cache_view(&cache, user), portal_view(&stand_in.portal, &session).await);
    assert_eq!(cache.lock().unwrap().count(user).unwrap(), 1203);
}

#[tokio::test]
async fn cancelled_then_resumed_without_duplicates_or_gaps() {
    let stand_in = StandIn::start().await;
    let session = stand_in.session("many").await;
    let cache = Arc::new(Mutex::new(Cache::open_in_memory().unwrap()));
    let user = cache.lock().unwrap().user("account:hoangthimai").unwrap();

    let stop = AtomicBool::new(true);
    let (outcome, _) = run(&stand_in.portal, &cache, &session, user, &stop, 100).await;
    assert_eq!(outcome.unwrap(), SyncOutcome::Cancelled { changes: 100 });
    assert!(cache.lock().unwrap().sync_state(user).unwrap().interrupted());
    assert_eq!(cache.lock().unwrap().count(user).unwrap(), 100);

    // Changes made while the sync was stopped are picked up too.
    stand_in.clock.advance(TimeDelta::minutes(1));
    let first: Vec<String> = cache_view(&cache, user).into_keys().collect();
    stand_in.remove("hoangthimai", &first[0]).await;
    stop.store(false, Ordering::SeqCst);
    let (outcome, progress) = run(&stand_in.portal, &cache, &session, user, &stop, 100).await;
    assert!(matches!(outcome.unwrap(), SyncOutcome::Finished { .. }));
    assert!(progress.windows(2).all(|w| w[0].done < w[1].done), "progress only goes forward");
    assert_eq!(progress[0].done, 200, "the progress bar goes on from where the run stopped");
    // 1,200 dossiers and the removal made during the pause.
    assert_eq!(progress.last().map(|p| p.done), Some(1201), "{progress:?}");
    assert_eq!(cache_view(&cache, user), portal_view(&stand_in.portal, &session).await);
    assert_eq!(cache.lock().unwrap().count(user).unwrap(), 1199);
    assert_eq!(cache.lock().unwrap().sync_state(user).unwrap().run_done, 0, "a finished run leaves no count");
}

/// A portal client that gives up on an answer after half a second, for held-back answers.
fn impatient(stand_in: &StandIn) -> PortalClient {
    let settings = HttpSettings { request_timeout: Duration::from_millis(500), ..quick_settings() };
    PortalClient::new(stand_in.sandbox.portal_url(), &settings).unwrap()
}

#[tokio::test]
async fn a_portal_that_stays_down_leaves_the_cache_as_it_was() {
    let stand_in = StandIn::start().await;
    let portal = impatient(&stand_in);
    let session = stand_in.session("linked").await;
    let cache = Arc::new(Mutex::new(Cache::open_in_memory().unwrap()));
    let user = cache.lock().unwrap().user("account:nguyenvanan").unwrap();
    let go = AtomicBool::new(false);
    run(&portal, &cache, &session, user, &go, 10).await.0.unwrap();
    let before = cache_view(&cache, user);
    stand_in.clock.advance(TimeDelta::minutes(5));
    let first = before.keys().next().unwrap().clone();
    stand_in.change_status("nguyenvanan", &first, 10).await;
    stand_in.generate("nguyenvanan", 2).await;
    let state_before = cache.lock().unwrap().sync_state(user).unwrap();

    for (fault, expected) in [
        (json!({ "error_rate": 1.0 }), PortalError::Maintenance),
        (json!({ "timeout_rate": 1.0, "hang_ms": 1_500 }), PortalError::Unreachable),
        (json!({ "drop_rate": 1.0 }), PortalError::Unreachable),
        (json!({ "truncate_rate": 1.0 }), PortalError::BadResponse { detail: String::new() }),
    ] {
        stand_in.faults(fault.clone()).await;
        let (outcome, _) = run(&portal, &cache, &session, user, &go, 10).await;
        let error = match outcome {
            Err(SyncError::Portal(error)) => error,
            other => panic!("{fault}: {other:?}"),
        };
        assert_eq!(error.code(), expected.code(), "{fault}: {error:?}");
        assert_eq!(cache_view(&cache, user), before, "{fault}: the cache is untouched");
        assert_eq!(cache.lock().unwrap().sync_state(user).unwrap(), state_before, "{fault}");
        let tried = stand_in.fault_counts().await["requests"].as_u64().unwrap();
        assert_eq!(tried, 8, "{fault}: one read, tried as often as the policy allows");
    }

    // Once the portal is back, the next sync catches up.
    stand_in.faults(json!({})).await;
    run(&portal, &cache, &session, user, &go, 10).await.0.unwrap();
    assert_eq!(cache_view(&cache, user), portal_view(&portal, &session).await);
    assert_eq!(cache.lock().unwrap().count(user).unwrap(), before.len() as u64 + 2);
}

#[tokio::test]
async fn ten_thousand_dossiers_through_injected_faults() {
    let stand_in = StandIn::start().await;
    let session = stand_in.session("official").await;
    assert_eq!(stand_in.generate("vuquanghuy", 9_996).await, 10_000);
    let cache = Arc::new(Mutex::new(Cache::open_in_memory().unwrap()));
    let user = cache.lock().unwrap().user("account:vuquanghuy").unwrap();
    let portal = impatient(&stand_in);
    let faults = json!({ "error_rate": 0.05, "timeout_rate": 0.04, "hang_ms": 1_500, "truncate_rate": 0.04,
                         "drop_rate": 0.03, "seed": 11 });
    stand_in.faults(faults).await;
    let go = AtomicBool::new(false);
    let mut rounds = 0;
    loop {
        rounds += 1;
        match run(&portal, &cache, &session, user, &go, 100).await.0 {
            Ok(SyncOutcome::Finished { .. }) => break,
            Ok(other) => panic!("{other:?}"),
            // Retries ran out on one page; the next sync goes on from there.
            Err(SyncError::Portal(_)) if rounds < 10 => continue,
            Err(error) => panic!("{error}"),
        }
    }
    let counts = stand_in.fault_counts().await;
    let kinds = ["errors", "timed_out", "truncated", "dropped"];
    let faulted: u64 = kinds.iter().map(|kind| counts[kind].as_u64().unwrap()).sum();
    assert!(kinds.iter().all(|kind| counts[kind].as_u64().unwrap() > 0), "each kind of fault was met: {counts}");
    assert!(faulted * 10 >= counts["requests"].as_u64().unwrap(), "at least 10% of requests failed: {counts}");
    stand_in.faults(json!({})).await;
    assert_eq!(cache.lock().unwrap().count(user).unwrap(), 10_000);
    assert_eq!(cache_view(&cache, user), portal_view(&stand_in.portal, &session).await);
}
