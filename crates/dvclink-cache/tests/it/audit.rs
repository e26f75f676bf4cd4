//! The office's audit log: what each session did, and nothing of who it was.

use chrono::TimeDelta;
use dvclink_cache::{AuditOutcome, Cache, EndedBy, audit_csv};

use crate::fixtures::at;

#[test]
fn sessions_are_logged_and_exported() {
    let mut cache = Cache::open_in_memory().unwrap();
    let first = cache.audit_start(at(3, 8)).unwrap();
    cache.audit_note(first, AuditOutcome::MatchFailed).unwrap();
    cache.audit_note(first, AuditOutcome::MatchFailed).unwrap();
    cache.audit_note(first, AuditOutcome::Skipped).unwrap();
    cache.audit_end(first, at(3, 8) + TimeDelta::seconds(95), EndedBy::Button).unwrap();
    cache.audit_end(first, at(3, 9), EndedBy::Timeout).unwrap();
    let second = cache.audit_start(at(3, 10)).unwrap();
    cache.audit_note(second, AuditOutcome::VneidSignedIn).unwrap();
    let third = cache.audit_start(at(3, 11)).unwrap();
    cache.audit_end(third, at(3, 11) + TimeDelta::seconds(120), EndedBy::Timeout).unwrap();

    // The app stopped during the second session.
    assert_eq!(cache.audit_close_unfinished().unwrap(), 1);
    let (entries, total) = cache.audit_entries(2).unwrap();
    assert_eq!(total, 3);
    assert_eq!(entries.len(), 2, "newest first, as many as asked");
    assert_eq!(entries[0].ended_by, Some(EndedBy::Timeout));
    assert_eq!(entries[1].outcomes, vec![AuditOutcome::VneidSignedIn]);
    assert_eq!((entries[1].ended_at, entries[1].ended_by), (None, Some(EndedBy::Restart)));

    let (all, _) = cache.audit_entries(500).unwrap();
    assert_eq!(
        audit_csv(&all),
        "started_at,ended_at,duration_secs,outcomes,ended_by\r\n\
         2024-06-03 08:00:00,2024-06-03 08:01:35,95,match_failed skipped,button\r\n\
         2024-06-03 10:00:00,,,vneid_signed_in,restart\r\n\
         2024-06-03 11:00:00,2024-06-03 11:02:00,120,,timeout\r\n"
    );

    // Wiping every person's rows leaves the log, which names nobody.
    cache.wipe_all().unwrap();
    assert_eq!(cache.audit_entries(500).unwrap().1, 3);
}
