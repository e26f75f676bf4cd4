//! Searching Hồ sơ đã nộp: without diacritics, with prefixes as the user types, with filters,
//! and with input that tries to break the query.

use chrono::NaiveDate;
use dvclink_cache::{Cache, DossierFilter, Order, SyncState, query_words};
use dvclink_core::dossier::{DossierChange, DossierStatus};

use crate::fixtures::dossier;

fn check_words(text: &str, expected: &[&str]) {
    assert_eq!(query_words(text), expected, "{text:?}");
}

#[test]
fn typed_text_becomes_folded_words() {
    check_words("", &[]);
    check_words("   ", &[]);
    check_words("Đăng ký", &["dang", "ky"]);
    check_words("KẾT HÔN", &["ket", "hon"]);
    // Typed decomposed («Unicode tổ hợp» keyboards): the same words, not "da", "ng".
    check_words("Đa\u{306}ng ky\u{301}", &["dang", "ky"]);
    check_words("KE\u{302}\u{301}T HO\u{302}N", &["ket", "hon"]);
    check_words("G22.99-240612", &["g22", "99", "240612"]);
    check_words("\"hôn\" OR *", &["hon", "or"]);
    check_words("NEAR(a b)", &["near", "a", "b"]);
    check_words("'; DROP TABLE dossiers; --", &["drop", "table", "dossiers"]);
}

/// A cache of one person with a few dossiers of different procedures and agencies.
fn cache() -> (Cache, dvclink_cache::UserId) {
    let mut cache = Cache::open_in_memory().unwrap();
    let user = cache.user("account:tranthibinh").unwrap();
    let other = cache.user("account:nguyenvanan").unwrap();
    let rows = [
        (1, "Đăng ký kết hôn", "UBND phường Trung Hòa", "Đăng ký kết hôn của ông/bà Trần Thị Bình"),
        (2, "Đăng ký khai sinh", "UBND xã Đại Đồng", "Khai sinh cho con"),
        (3, "Cấp Phiếu lý lịch tư pháp", "Sở Tư pháp tỉnh Quảng Trị", "Phiếu số 1"),
        (4, "Cấp đổi giấy phép lái xe", "Sở Giao thông vận tải TP Hồ Chí Minh", "Đổi bằng lái hạng B2"),
        (5, "Đăng ký thường trú", "Công an phường Bến Nghé", "Đăng ký thường trú tại Quận 1"),
    ];
    let changes: Vec<_> = rows.iter().map(|(n, p, a, s)| DossierChange::Upsert(dossier(*n, p, a, s))).collect();
    cache.apply_page(user, &changes, &SyncState::default()).unwrap();
    let theirs = vec![DossierChange::Upsert(dossier(6, "Đăng ký kết hôn", "UBND khác", "Không phải của Bình"))];
    cache.apply_page(other, &theirs, &SyncState::default()).unwrap();
    (cache, user)
}

/// Searches with `filter` and lists the procedures found, in order, with the total.
fn check(filter: DossierFilter, expected: &[&str]) {
    let (mut cache, user) = cache();
    let page = cache.search(user, &DossierFilter { limit: 20, ..filter.clone() }).unwrap();
    let found: Vec<&str> = page.items.iter().map(|d| d.procedure_name.as_str()).collect();
    assert_eq!(found, expected, "{filter:?}");
    assert_eq!(page.total, expected.len() as u64);
}

fn text(text: &str) -> DossierFilter {
    DossierFilter { text: text.into(), ..DossierFilter::default() }
}

#[test]
fn without_diacritics_and_as_you_type() {
    check(text("dang ky ket hon"), &["Đăng ký kết hôn"]);
    check(text("ĐĂNG KÝ KẾT HÔN"), &["Đăng ký kết hôn"]);
    check(text("Đa\u{306}ng ky\u{301} ke\u{302}\u{301}t ho\u{302}n"), &["Đăng ký kết hôn"]);
    check(text("dang k"), &["Đăng ký thường trú", "Đăng ký khai sinh", "Đăng ký kết hôn"]);
    check(text("đổi bằng"), &["Cấp đổi giấy phép lái xe"]);
    check(text("doi bang"), &["Cấp đổi giấy phép lái xe"]);
    check(text("dai dong"), &["Đăng ký khai sinh"]);
    check(text("ly lich tu phap"), &["Cấp Phiếu lý lịch tư pháp"]);
    check(text("ben nghe"), &["Đăng ký thường trú"]);
    check(text("quan 1"), &["Đăng ký thường trú", "Cấp Phiếu lý lịch tư pháp"]);
    check(
        text("2406"),
        &[
            "Đăng ký thường trú",
            "Cấp đổi giấy phép lái xe",
            "Cấp Phiếu lý lịch tư pháp",
            "Đăng ký khai sinh",
            "Đăng ký kết hôn",
        ],
    );
    check(text("240603-00002"), &["Đăng ký khai sinh"]);
    check(text("khong phai"), &[]);
    check(text("xyz"), &[]);
}

#[test]
fn input_cannot_break_the_query() {
    for hostile in [
        "\"",
        "\"\"\"",
        "*",
        "(",
        ")",
        "AND",
        "OR NOT",
        "NEAR(",
        "a:b",
        "^x",
        "'; DROP TABLE dossiers; --",
        "\u{0}",
        "%_",
    ] {
        let (mut cache, user) = cache();
        let result = cache.search(user, &DossierFilter { text: hostile.into(), limit: 20, ..DossierFilter::default() });
        assert!(result.is_ok(), "{hostile:?}: {result:?}");
        assert_eq!(cache.count(user).unwrap(), 5, "nothing was touched by {hostile:?}");
    }
}

#[test]
fn filters_and_order() {
    let status = |codes: &[u8]| DossierFilter {
        statuses: codes.iter().map(|c| DossierStatus::from_code(*c).unwrap()).collect(),
        ..DossierFilter::default()
    };
    // Dossier n has status n % 10 + 1 and was received on 2024-06-(n % 28 + 1).
    check(status(&[2]), &["Đăng ký kết hôn"]);
    check(status(&[3, 5]), &["Cấp đổi giấy phép lái xe", "Đăng ký khai sinh"]);
    check(status(&[10]), &[]);
    let days = |from: u32, to: u32| DossierFilter {
        from: NaiveDate::from_ymd_opt(2024, 6, from),
        to: NaiveDate::from_ymd_opt(2024, 6, to),
        ..DossierFilter::default()
    };
    check(days(3, 4), &["Cấp Phiếu lý lịch tư pháp", "Đăng ký khai sinh"]);
    check(days(6, 6), &["Đăng ký thường trú"]);
    check(days(7, 30), &[]);
    check(
        DossierFilter { order: Order::OldestFirst, ..DossierFilter::default() },
        &[
            "Đăng ký kết hôn",
            "Đăng ký khai sinh",
            "Cấp Phiếu lý lịch tư pháp",
            "Cấp đổi giấy phép lái xe",
            "Đăng ký thường trú",
        ],
    );
    check(DossierFilter { text: "dang ky".into(), ..status(&[2, 6]) }, &["Đăng ký thường trú", "Đăng ký kết hôn"]);
}

#[test]
fn pages() {
    let (mut cache, user) = cache();
    let mut page =
        |offset| cache.search(user, &DossierFilter { offset, limit: 2, ..DossierFilter::default() }).unwrap();
    let codes: Vec<String> =
        [0, 2, 4].iter().flat_map(|o| page(*o).items).map(|d| d.code.as_str().to_owned()).collect();
    assert_eq!(codes.len(), 5);
    assert_eq!(page(4).total, 5);
    assert!(page(6).items.is_empty());
}
