//! `cargo xtask bench`: the cache's speed goals, each measured against a baseline in the same
//! run and reported as a ratio (or, for search, as latencies).
//!
//! 1. Upserting 100,000 dossiers vs a plain prepared insert of the same rows in one transaction.
//! 2. Searching 100,000 dossiers as a person types: p50 and p99.
//! 3. Syncing 10,000 dossiers from the sandbox on loopback vs only downloading the same pages.
//! 4. Opening a 100,000-dossier cache and showing its first page.

#![allow(clippy::print_stdout, reason = "a benchmark reports on standard output")]

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use dvclink_cache::{Cache, DossierFilter, SyncRequest, SyncState, sync};
use dvclink_core::dossier::{
    Channel, Document, Dossier, DossierChange, DossierCode, DossierQuery, DossierStatus, Fee, ProcessingStep,
};
use dvclink_core::port::Portal;
use dvclink_portal::{HttpSettings, PortalClient};
use dvclink_sandbox::persona::Persona;
use dvclink_sandbox::testing::StandIn;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};

const DOSSIERS: usize = 100_000;
const RUNS: usize = 3;

const PROCEDURES: [&str; 12] = [
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Cấp Phiếu lý lịch tư pháp",
    "Đăng ký thường trú",
    "Cấp đổi giấy phép lái xe",
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
    "Đăng ký khai tử",
    "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
    "Đăng ký thành lập hộ kinh doanh",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Giải quyết hưởng trợ cấp thất nghiệp",
    "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
];
const AGENCIES: [&str; 6] = [
    "UBND phường Trung Hòa, quận Cầu Giấy, Hà Nội",
    "Sở Tư pháp tỉnh Quảng Trị",
    "Sở Giao thông vận tải TP Hồ Chí Minh",
    "UBND xã Đại Đồng, huyện Thạch Thất, Hà Nội",
    "Công an phường Bến Nghé, Quận 1, TP Hồ Chí Minh",
    "Bộ phận một cửa UBND quận Sơn Trà, Đà Nẵng",
];

fn main() {
    // `DVCLINK_BENCH=search` (or upsert, sync, open) runs one benchmark, for profiling.
    let only = std::env::var("DVCLINK_BENCH").unwrap_or_default();
    let wanted = |name: &str| only.is_empty() || only == name;
    let dossiers = generate(DOSSIERS);
    println!("dvclink-cache benchmarks ({} dossiers, median of {RUNS} runs where timed)", DOSSIERS);
    if wanted("upsert") {
        upsert(&dossiers);
    }
    if wanted("search") {
        search(&dossiers);
    }
    if wanted("sync") {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
        runtime.block_on(sync_from_sandbox());
    }
    if wanted("open") {
        open_and_first_page(&dossiers);
    }
}

/// 1. Upserts vs plain inserts of the same rows, each into a fresh file, one transaction.
fn upsert(dossiers: &[Dossier]) {
    let mut ours = Vec::new();
    let mut plain = Vec::new();
    for _ in 0..RUNS {
        let dir = tempfile::tempdir().expect("a temp dir");
        let (mut cache, _) = Cache::open(&dir.path().join("cache.sqlite")).expect("a cache");
        let user = cache.user("account:bench").expect("a user");
        let changes: Vec<DossierChange> = dossiers.iter().cloned().map(DossierChange::Upsert).collect();
        let start = Instant::now();
        cache.apply_page(user, &changes, &SyncState::default()).expect("upserts");
        ours.push(start.elapsed());

        let conn = plain_table(&dir.path().join("plain.sqlite"));
        let start = Instant::now();
        plain_insert(&conn, dossiers);
        plain.push(start.elapsed());
    }
    let (ours, plain) = (median(ours), median(plain));
    report("upsert 100,000 dossiers", ours, plain, 1.5);
}

/// The baseline table: the same columns, no index, no search, no conflict handling.
fn plain_table(path: &std::path::Path) -> Connection {
    let conn = Connection::open(path).expect("a file");
    conn.pragma_update(None, "journal_mode", "WAL").expect("wal");
    conn.pragma_update(None, "synchronous", "NORMAL").expect("sync");
    conn.execute_batch(
        "CREATE TABLE dossiers (id INTEGER PRIMARY KEY, user_id INTEGER, code TEXT, procedure_name TEXT, agency TEXT,
            summary TEXT, status INTEGER, channel INTEGER, received_at TEXT, due_at TEXT, updated_at TEXT, body TEXT);
         CREATE TABLE steps (dossier_id INTEGER, seq INTEGER, at TEXT, handler TEXT, department TEXT, content TEXT);",
    )
    .expect("tables");
    conn
}

fn plain_insert(conn: &Connection, dossiers: &[Dossier]) {
    let tx = conn.unchecked_transaction().expect("a transaction");
    {
        let mut insert = tx
            .prepare("INSERT INTO dossiers (user_id, code, procedure_name, agency, summary, status, channel, received_at, due_at, updated_at, body)
                      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
            .expect("insert");
        let mut step = tx.prepare("INSERT INTO steps VALUES (?1, ?2, ?3, ?4, ?5, ?6)").expect("insert");
        for dossier in dossiers {
            let mut body = dossier.clone();
            body.steps.clear();
            let body = serde_json::to_string(&body).expect("json");
            let time = |t: &NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
            insert
                .execute(params![
                    1,
                    dossier.code.as_str(),
                    dossier.procedure_name,
                    dossier.agency,
                    dossier.summary,
                    dossier.status.code(),
                    dossier.channel.code(),
                    dossier.received_at.as_ref().map(time),
                    dossier.due_at.as_ref().map(time),
                    time(&dossier.updated_at),
                    body
                ])
                .expect("a row");
            let id = tx.last_insert_rowid();
            for (seq, s) in dossier.steps.iter().enumerate() {
                step.execute(params![id, seq as i64, time(&s.at), s.handler, s.department, s.content]).expect("a step");
            }
        }
    }
    tx.commit().expect("commit");
}

/// 2. What people type, letter by letter, with and without filters.
fn search(dossiers: &[Dossier]) {
    let mut cache = Cache::open_in_memory().expect("a cache");
    let user = cache.user("account:bench").expect("a user");
    let changes: Vec<DossierChange> = dossiers.iter().cloned().map(DossierChange::Upsert).collect();
    cache.apply_page(user, &changes, &SyncState::default()).expect("upserts");
    let mut typed = Vec::new();
    for phrase in
        ["dang ky ket hon", "ly lich tu phap", "giay phep lai xe", "trung hoa", "son tra", "ho kinh doanh", "000.25.11"]
    {
        for end in 1..=phrase.len() {
            typed.push(phrase[..end].to_owned());
        }
    }
    let statuses = [vec![], vec![DossierStatus::Processing], vec![DossierStatus::Returned, DossierStatus::Processed]];
    // The first search builds the person's index from the file; it is reported on its own.
    let start = Instant::now();
    cache.search(user, &DossierFilter { limit: 20, ..DossierFilter::default() }).expect("a search");
    println!("  the first search builds the index: {:.0} ms", ms(start.elapsed()));
    let mut times = Vec::new();
    let mut slowest = Vec::new();
    for round in 0..3 {
        for (i, text) in typed.iter().enumerate() {
            let filter = DossierFilter {
                text: text.clone(),
                statuses: statuses[(i + round) % statuses.len()].clone(),
                from: (i % 4 == 0).then(|| NaiveDate::from_ymd_opt(2023, 1, 1).expect("a day")),
                limit: 20,
                ..DossierFilter::default()
            };
            let start = Instant::now();
            let page = cache.search(user, &filter).expect("a search");
            times.push(start.elapsed());
            slowest.push((start.elapsed(), format!("{text:?} {:?} from {:?}", filter.statuses, filter.from)));
            std::hint::black_box(page);
        }
    }
    times.sort();
    slowest.sort();
    for (time, what) in slowest.iter().rev().take(6) {
        println!("  slow: {:.2} ms {what}", ms(*time));
    }
    let p50 = times[times.len() / 2];
    let p99 = times[times.len() * 99 / 100];
    let verdict = if p99 <= Duration::from_millis(5) { "meets" } else { "MISSES" };
    println!(
        "search 100,000 dossiers ({} searches): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; goal p99 ≤ 5 ms: {verdict}",
        times.len(),
        ms(p50),
        ms(p99),
        ms(*times.last().expect("times"))
    );
}

/// 3. A whole sync vs downloading the same pages and doing nothing with them.
async fn sync_from_sandbox() {
    let stand_in = StandIn::start(200).await;
    let portal = PortalClient::new(stand_in.sandbox.portal_url(), &HttpSettings::default()).expect("a client");
    let persona = Persona::by_key("official").expect("a persona");
    let path = format!("accounts/{}/dossiers", persona.username);
    let generated = stand_in
        .tester(reqwest::Method::POST, &path, serde_json::json!({ "generate": 10_000 - persona.dossiers }))
        .await;
    assert_eq!(generated["total"], 10_000);
    let session = stand_in.sign_in(&portal, persona).await;

    let mut ours = Vec::new();
    let mut download = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let mut query = DossierQuery { limit: Some(dvclink_cache::PAGE_SIZE), ..DossierQuery::default() };
        let mut n = 0;
        loop {
            let page = portal.dossier_page(&session, &query).await.expect("a page");
            n += page.changes.len();
            match page.next_cursor {
                Some(cursor) => query.cursor = Some(cursor),
                None => break,
            }
        }
        download.push(start.elapsed());
        assert_eq!(n, 10_000);

        let dir = tempfile::tempdir().expect("a temp dir");
        let (mut cache, _) = Cache::open(&dir.path().join("cache.sqlite")).expect("a cache");
        let user = cache.user("account:vuquanghuy").expect("a user");
        let cache = Arc::new(Mutex::new(cache));
        let never = AtomicBool::new(false);
        let now = NaiveDate::from_ymd_opt(2026, 11, 25).expect("a day").and_hms_opt(9, 0, 0).expect("a time");
        let start = Instant::now();
        let request = SyncRequest { session: &session, user, now, cancel: &never, page_size: dvclink_cache::PAGE_SIZE };
        sync(&portal, &cache, request, |_| {}).await.expect("a sync");
        ours.push(start.elapsed());
    }
    report("sync 10,000 dossiers from the sandbox", median(ours), median(download), 1.3);
    let _ = stand_in.sandbox.stop().await;
}

/// Opening a file of 100,000 dossiers (checks and migrations included) and showing the first
/// page, against a bare connection and the same query.
fn open_and_first_page(dossiers: &[Dossier]) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("cache.sqlite");
    {
        let (mut cache, _) = Cache::open(&path).expect("a cache");
        let user = cache.user("account:bench").expect("a user");
        let changes: Vec<DossierChange> = dossiers.iter().cloned().map(DossierChange::Upsert).collect();
        cache.apply_page(user, &changes, &SyncState::default()).expect("upserts");
    }
    let mut ours = Vec::new();
    let mut bare = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let (mut cache, _) = Cache::open(&path).expect("a cache");
        let user = cache.user("account:bench").expect("a user");
        let page = cache.search(user, &DossierFilter { limit: 20, ..DossierFilter::default() }).expect("a page");
        ours.push(start.elapsed());
        assert_eq!(page.items.len(), 20);
        drop(cache);

        let start = Instant::now();
        let conn = Connection::open(&path).expect("a file");
        let n: i64 = conn
            .prepare(
                "SELECT count(*) FROM (SELECT code FROM dossiers WHERE user_id = 1 ORDER BY received_at DESC LIMIT 20)",
            )
            .expect("a query")
            .query_row([], |r| r.get(0))
            .expect("rows");
        bare.push(start.elapsed());
        assert_eq!(n, 20);
    }
    let (ours, bare) = (median(ours), median(bare));
    println!(
        "open a 100,000-dossier cache and show the first page: {:.1} ms (a bare connection and query: {:.1} ms, ratio {:.2})",
        ms(ours),
        ms(bare),
        ours.as_secs_f64() / bare.as_secs_f64()
    );
}

fn generate(count: usize) -> Vec<Dossier> {
    let mut rng = StdRng::seed_from_u64(100_000);
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).expect("a day").and_hms_opt(8, 0, 0).expect("a time");
    (0..count)
        .map(|n| {
            let received = start + TimeDelta::minutes(rng.gen_range(0..3_500_000));
            let procedure = PROCEDURES[rng.gen_range(0..PROCEDURES.len())];
            let agency = AGENCIES[rng.gen_range(0..AGENCIES.len())];
            let steps = (0..rng.gen_range(1..6))
                .map(|i| ProcessingStep {
                    handler: "Nguyễn Thị Hoa".into(),
                    department: "Bộ phận tiếp nhận và trả kết quả".into(),
                    at: received + TimeDelta::hours(i * 20),
                    content: "Tiếp nhận hồ sơ, chuyển phòng chuyên môn xử lý".into(),
                })
                .collect::<Vec<_>>();
            Dossier {
                code: DossierCode::new(format!("000.25.11.H26-{}-{n:06}", received.format("%y%m%d"))).expect("a code"),
                procedure_code: "1.000894".into(),
                procedure_name: procedure.into(),
                field_code: Some("HT".into()),
                receipt_no: Some(format!("BN{n:07}")),
                owner: "Hoàng Thị Mai".into(),
                summary: format!("{procedure} của ông/bà Hoàng Thị Mai"),
                received_at: Some(received),
                due_at: Some(received + TimeDelta::days(5)),
                returned_at: None,
                status: DossierStatus::ALL[rng.gen_range(0..10)],
                agency: agency.into(),
                channel: Channel::ALL[rng.gen_range(0..3)],
                fees: vec![Fee { name: "Lệ phí".into(), amount_vnd: 50_000 }],
                attachments: vec![Document { name: "Tờ khai".into(), file_name: Some(format!("to-khai-{n}.pdf")) }],
                results: vec![],
                updated_at: steps.last().map_or(received, |s| s.at),
                steps,
            }
        })
        .collect()
}

fn report(what: &str, ours: Duration, baseline: Duration, goal: f64) {
    let ratio = ours.as_secs_f64() / baseline.as_secs_f64();
    let verdict = if ratio <= goal { "meets" } else { "MISSES" };
    println!(
        "{what}: {:.0} ms vs baseline {:.0} ms, ratio {ratio:.2}; goal ≤ {goal}: {verdict}",
        ms(ours),
        ms(baseline)
    );
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
