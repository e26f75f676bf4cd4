//! The cache file: opening, migrating an older one, setting aside a damaged one, keeping rows
//! apart per person, and wiping a person so that nothing of them is left in the files.

use chrono::NaiveDate;
use dvclink_cache::{Cache, DossierFilter, Opened, SyncState, migrations};
use dvclink_core::Cccd;
use dvclink_core::dossier::{DossierChange, DossierStatus};
use dvclink_core::profile::{Account, AccountKind, Profile, SignInMethod};
use rusqlite::Connection;

use crate::fixtures::{at, dossier};

fn account() -> Account {
    Account {
        username: Some("tranthibinh".into()),
        kind: AccountKind::Citizen,
        profile: Profile {
            full_name: "Trần Thị Bình".into(),
            cccd: Some(Cccd::from_digits("079190004321").unwrap()),
            birth_date: NaiveDate::from_ymd_opt(1990, 7, 20),
            ..Profile::default()
        },
        verified: Default::default(),
        identity_level: None,
        signed_in_with: SignInMethod::PortalAccount,
        legacy_linked: true,
    }
}

#[test]
fn creates_then_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    {
        let (mut cache, opened) = Cache::open(&path).unwrap();
        assert_eq!(opened, Opened::Created);
        let user = cache.user("account:tranthibinh").unwrap();
        cache.save_account(user, &account(), at(1, 9)).unwrap();
        cache
            .apply_page(
                user,
                &[DossierChange::Upsert(dossier(1, "Đăng ký kết hôn", "UBND", "Kết hôn"))],
                &SyncState::default(),
            )
            .unwrap();
    }
    let (mut cache, opened) = Cache::open(&path).unwrap();
    assert_eq!(opened, Opened::Existing);
    let user = cache.user("account:tranthibinh").unwrap();
    assert_eq!(cache.account(user).unwrap(), Some((account(), at(1, 9))));
    let stored = cache.dossier(user, &dossier(1, "", "", "").code).unwrap().unwrap();
    assert_eq!(stored, dossier(1, "Đăng ký kết hôn", "UBND", "Kết hôn"), "steps and all fields come back");
    let journal: String = Connection::open(&path).unwrap().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn a_cache_from_the_previous_version_is_migrated_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    {
        // What the previous version wrote: version 1 of the schema, no search index.
        let mut conn = Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
        conn.execute("INSERT INTO users (id, key) VALUES (1, 'account:tranthibinh')", []).unwrap();
        conn.execute(
            "INSERT INTO dossiers (user_id, code, procedure_name, agency, summary, status, channel, received_at, due_at, updated_at, body)
             VALUES (1, 'G22.99-240601-00001', 'Đăng ký kết hôn', 'UBND', 'Kết hôn', 2, 2, '2024-06-01 08:00:00', NULL, '2024-06-01 10:00:00', ?1)",
            [serde_json::to_string(&dossier(0, "Đăng ký kết hôn", "UBND", "Kết hôn")).unwrap()],
        )
        .unwrap();
    }
    let (mut cache, opened) = Cache::open(&path).unwrap();
    assert_eq!(opened, Opened::Existing);
    let user = cache.user("account:tranthibinh").unwrap();
    let found =
        cache.search(user, &DossierFilter { text: "ket hon".into(), limit: 10, ..DossierFilter::default() }).unwrap();
    assert_eq!(found.total, 1, "the old rows are in the new search index");
    let version: i64 = Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 3);
}

/// Writes `bytes` as the cache file, opens and verifies it, and checks it was set aside.
fn check_damaged(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    std::fs::write(&path, bytes).unwrap();
    let (cache, opened) = Cache::open(&path).unwrap();
    // A file that is no database is set aside at once; deeper damage when verified.
    let (mut cache, opened) = match (opened, cache.verify()) {
        (Opened::Existing, Err(error)) => cache.replace(error.to_string()).unwrap(),
        (opened, _) => (cache, opened),
    };
    let Opened::Replaced { moved_to, reason } = opened else { panic!("{opened:?}") };
    assert!(!reason.is_empty());
    assert_eq!(std::fs::read(&moved_to).unwrap(), bytes, "the damaged file is kept aside, untouched");
    let user = cache.user("account:x").unwrap();
    assert_eq!(cache.count(user).unwrap(), 0, "a fresh cache works");
    assert_eq!(cache.integrity_check().unwrap(), "ok");
}

#[test]
fn a_damaged_file_is_set_aside_and_a_fresh_cache_started() {
    check_damaged(b"this is not a database at all, it is a text file");
    let mut header = b"SQLite format 3\0".to_vec();
    header.extend(vec![0xAB; 4096]);
    check_damaged(&header);

    // A real cache with pages overwritten in the middle.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    {
        let (mut cache, _) = Cache::open(&path).unwrap();
        let user = cache.user("account:tranthibinh").unwrap();
        let changes: Vec<_> =
            (0..300).map(|n| DossierChange::Upsert(dossier(n, "Đăng ký kết hôn", "UBND", "Kết hôn"))).collect();
        cache.apply_page(user, &changes, &SyncState::default()).unwrap();
        let mut conn = Connection::open(&path).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
        let _ = conn.transaction();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[4096..len.min(4096 * 6)] {
        *b = 0x5A;
    }
    check_damaged(&bytes);
}

#[test]
fn each_person_sees_only_their_rows() {
    let mut cache = Cache::open_in_memory().unwrap();
    let binh = cache.user("account:tranthibinh").unwrap();
    let an = cache.user("account:nguyenvanan").unwrap();
    cache
        .apply_page(
            binh,
            &[DossierChange::Upsert(dossier(1, "Đăng ký kết hôn", "UBND", "Kết hôn"))],
            &SyncState::default(),
        )
        .unwrap();
    cache
        .apply_page(
            an,
            &[DossierChange::Upsert(dossier(1, "Đăng ký khai sinh", "UBND", "Khai sinh"))],
            &SyncState::default(),
        )
        .unwrap();
    assert_eq!((cache.count(binh).unwrap(), cache.count(an).unwrap()), (1, 1), "the same code, two people");
    let code = dossier(1, "", "", "").code;
    assert_eq!(cache.dossier(binh, &code).unwrap().unwrap().procedure_name, "Đăng ký kết hôn");
    assert_eq!(cache.dossier(an, &code).unwrap().unwrap().procedure_name, "Đăng ký khai sinh");

    // A change replaces, a removal removes.
    let mut changed = dossier(1, "Đăng ký kết hôn", "UBND", "Kết hôn");
    changed.status = DossierStatus::Returned;
    changed.steps.truncate(1);
    cache.apply_page(binh, &[DossierChange::Upsert(changed.clone())], &SyncState::default()).unwrap();
    assert_eq!(cache.dossier(binh, &code).unwrap(), Some(changed));
    cache
        .apply_page(binh, &[DossierChange::Removed { code: code.clone(), at: at(2, 8) }], &SyncState::default())
        .unwrap();
    assert_eq!(cache.dossier(binh, &code).unwrap(), None);
    assert_eq!(cache.count(an).unwrap(), 1);
}

#[test]
fn wiping_leaves_nothing_of_the_person_in_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let (mut cache, _) = Cache::open(&path).unwrap();
    let user = cache.user("account:tranthibinh").unwrap();
    cache.save_account(user, &account(), at(1, 9)).unwrap();
    let changes: Vec<_> = (0..500)
        .map(|n| {
            DossierChange::Upsert(dossier(
                n,
                "Đăng ký kết hôn",
                "UBND phường Trung Hòa",
                "Kết hôn của bà Trần Thị Bình",
            ))
        })
        .collect();
    cache.apply_page(user, &changes, &SyncState::default()).unwrap();
    let keep = cache.user("account:nguyenvanan").unwrap();
    let mut theirs = dossier(9999, "Khai sinh", "UBND", "Của người khác");
    theirs.owner = "Nguyễn Văn An".into();
    cache.apply_page(keep, &[DossierChange::Upsert(theirs)], &SyncState::default()).unwrap();

    cache.wipe("account:tranthibinh").unwrap();
    assert_eq!(cache.integrity_check().unwrap(), "ok");
    assert_eq!(cache.count(keep).unwrap(), 1, "another person's rows stay");
    let mut files = vec![std::fs::read(&path).unwrap()];
    for side in ["cache.sqlite-wal", "cache.sqlite-shm"] {
        if let Ok(bytes) = std::fs::read(dir.path().join(side)) {
            files.push(bytes);
        }
    }
    for needle in ["079190004321", "Trần Thị Bình", "tranthibinh", "binh", "G22.99-240601-00000", "G22.99-240602-00001"]
    {
        for bytes in &files {
            assert!(!contains(bytes, needle.as_bytes()), "{needle:?} is still in the files");
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
