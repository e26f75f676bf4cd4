//! A sync process killed with SIGKILL at random points, again and again: every time the file is
//! sound, and the next sync ends with exactly the portal's data.
//!
//! The worker is this same test binary, started again with `DVCLINK_SYNC_WORKER` set: it signs
//! in with the session it is given and syncs into the cache file until it is killed.

use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use dvclink_cache::{Cache, SyncOutcome, SyncRequest, sync};
use dvclink_core::Secret;
use dvclink_core::port::PortalSession;
use dvclink_core::profile::SignInMethod;
use dvclink_portal::PortalClient;
use rand::{Rng, SeedableRng};
use url::Url;

use crate::fixtures::{StandIn, at, quick_settings};
use crate::sync::{cache_view, portal_view};

const WORKER: &str = "DVCLINK_SYNC_WORKER";
const KILLS: usize = 20;

/// The worker's side; a no-op in a normal test run.
#[tokio::test]
async fn sync_worker() {
    let Ok(spec) = std::env::var(WORKER) else { return };
    let mut parts = spec.splitn(3, ' ');
    let (Some(portal_url), Some(token), Some(path)) = (parts.next(), parts.next(), parts.next()) else { return };
    let portal = PortalClient::new(Url::parse(portal_url).unwrap(), &quick_settings()).unwrap();
    let session = PortalSession {
        access_token: Secret::new(token),
        expires_at: Utc::now() + TimeDelta::hours(1),
        method: SignInMethod::PortalAccount,
    };
    let (mut cache, _) = Cache::open(std::path::Path::new(path)).unwrap();
    let user = cache.user("account:vuquanghuy").unwrap();
    let cache = Arc::new(Mutex::new(cache));
    let never = AtomicBool::new(false);
    loop {
        let request = SyncRequest { session: &session, user, now: at(25, 9), cancel: &never, page_size: 50 };
        let _ = sync(&portal, &cache, request, |_| {}).await;
    }
}

#[tokio::test]
async fn killed_at_random_points_the_cache_stays_sound_and_complete() {
    if std::env::var(WORKER).is_ok() {
        return;
    }
    let stand_in = StandIn::start().await;
    let session = stand_in.session("official").await;
    stand_in.generate("vuquanghuy", 3_000).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let spec = format!("{} {} {}", stand_in.sandbox.portal_url(), session.access_token.expose(), path.display());
    let mut rng = rand::rngs::StdRng::seed_from_u64(2024);
    let me = std::env::current_exe().unwrap();
    for round in 0..KILLS {
        let mut worker = Command::new(&me)
            .args(["--exact", "durability::sync_worker", "--nocapture", "--test-threads=1"])
            .env(WORKER, &spec)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Random points: after process start, inside page writes, between pages.
        std::thread::sleep(Duration::from_millis(rng.gen_range(20..700)));
        worker.kill().unwrap();
        worker.wait().unwrap();

        let (cache, _) = Cache::open(&path).unwrap();
        assert_eq!(cache.integrity_check().unwrap(), "ok", "round {round}");
        drop(cache);

        // Meanwhile the agencies change and remove dossiers.
        let current: Vec<String> = portal_view(&stand_in.portal, &session).await.into_keys().collect();
        stand_in.clock.advance(TimeDelta::seconds(1));
        let pick = &current[rng.gen_range(0..current.len())];
        if round % 3 == 0 {
            stand_in.remove("vuquanghuy", pick).await;
        } else {
            stand_in.change_status("vuquanghuy", pick, rng.gen_range(1..=10)).await;
        }
    }

    let (mut cache, _) = Cache::open(&path).unwrap();
    let user = cache.user("account:vuquanghuy").unwrap();
    let cache = Arc::new(Mutex::new(cache));
    let never = AtomicBool::new(false);
    let request = SyncRequest { session: &session, user, now: at(25, 9), cancel: &never, page_size: 500 };
    let outcome = sync(&stand_in.portal, &cache, request, |_| {}).await.unwrap();
    assert!(matches!(outcome, SyncOutcome::Finished { .. }));
    assert_eq!(cache_view(&cache, user), portal_view(&stand_in.portal, &session).await);
}
