//! The guide, end to end, for each demo persona: the real app, its embedded sandbox, the VNeID
//! callback delivered by launching the app a second time with the link (as the operating
//! system does) and once at a cold start.

use dvclink_e2e::{App, Stage, app_binary};
use dvclink_print::testing::Cups;
use dvclink_sandbox::persona::{DEMO_PASSWORD, PERSONAS, Persona};
use dvclink_sandbox::population::VNEID_PASSWORD;
use serde_json::json;

fn persona(key: &str) -> &'static Persona {
    Persona::by_key(key).expect("a persona")
}

/// Starts the app, chooses `task` on the home screen, and arrives at the sign-in choice.
async fn choose_task<'a>(stage: &'a mut Stage, task: &str) -> App<'a> {
    let mut app = stage.launch(&[]).await;
    app.screen("home").await;
    app.click(task).await;
    app.screen("signin-choice").await;
    app
}

/// From the sign-in choice: the old account's user name, password and texted code.
async fn portal_sign_in(app: &mut App<'_>, who: &Persona) {
    app.click("btn-signin-portal").await;
    app.screen("credentials").await;
    enter_credentials(app, who).await;
}

/// On the credentials screen: user name, password, then the texted code.
async fn enter_credentials(app: &mut App<'_>, who: &Persona) {
    app.type_into("username", who.username).await;
    app.type_into("password", DEMO_PASSWORD).await;
    app.click("btn-submit-password").await;
    app.screen("code").await;
    let code = app.stage().texted_code(who.phone).await;
    app.type_into("otp", &code).await;
    app.click("btn-submit-code").await;
}

/// From the sign-in choice: starts VNeID and returns the sign-in page's address.
async fn start_vneid(app: &mut App<'_>) -> String {
    app.click("btn-signin-vneid").await;
    app.screen("vneid-waiting").await;
    let url = app.text_of("#vneid-url").await;
    assert!(url.contains("code_challenge_method=S256"), "{url}");
    let host = app.stage().sandbox().host_str().unwrap_or_default().to_owned();
    assert!(app.page_text().await.contains(&host), "the waiting screen names the page's host");
    url
}

#[tokio::test]
async fn linked_account_goes_straight_to_the_task() {
    let who = persona("linked");
    let mut stage = Stage::new("linked", "laptop").await;
    let mut app = stage.launch(&[]).await;
    app.screen("home").await;
    assert!(app.text_of("#sandbox-banner").await.contains("Môi trường thử nghiệm"));
    app.click("task-dossiers").await;
    app.screen("signin-choice").await;
    portal_sign_in(&mut app, who).await;
    app.screen("dossiers").await;
    app.synced().await;
    let text = app.page_text().await;
    assert!(text.contains("Hồ sơ đã nộp") && text.contains("25"), "{text}");
    app.click_first_dossier().await;
    app.screen("dossier-detail").await;
    assert!(app.page_text().await.contains("Quá trình xử lý") || app.page_text().await.contains("xử lý"));
    app.click("btn-back").await;
    app.screen("dossiers").await;
    app.click("btn-sign-out").await;
    app.screen("home").await;
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

#[tokio::test]
async fn matching_account_links_then_signs_in_with_vneid() {
    let who = persona("match");
    let mut stage = Stage::new("match", "laptop").await;
    let mut app = choose_task(&mut stage, "task-personal").await;
    portal_sign_in(&mut app, who).await;
    app.screen("enter-cccd").await;
    app.type_into("cccd", "079 190 004 321").await;
    app.click("btn-update-cccd").await;
    app.screen("personal").await;
    assert!(app.text_of("#landing-notice").await.contains("VNeID"));
    assert!(app.page_text().await.contains(who.full_name));

    // Bước 4: sign out, then sign in again with VNeID; the old dossiers are there now.
    app.click("btn-sign-out").await;
    app.screen("home").await;
    app.click("task-dossiers").await;
    app.screen("signin-choice").await;
    let url = start_vneid(&mut app).await;

    // A link that does not belong to this sign-in is refused, and the app keeps waiting. It comes
    // through `dvclink` itself, as a development build or an AppImage registers it: that second
    // copy hands it over too.
    app.stage().open_link_with(&app_binary(), "vn.gov.dichvucong.dvclink:/oauth/callback?code=forged&state=forged");
    app.text_of("[role=alert]").await;
    app.shot("forged-link-refused").await;
    assert_eq!(app.current_screen().await.as_deref(), Some("vneid-waiting"));

    let back = app.stage().sign_in_on_vneid_page(&url, who.cccd, VNEID_PASSWORD).await;
    app.stage().open_link(&back);
    app.screen("dossiers").await;
    app.synced().await;
    assert!(app.page_text().await.contains('8'));
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

#[tokio::test]
async fn mismatching_account_is_told_which_detail_and_skips() {
    let who = persona("mismatch");
    let mut stage = Stage::new("mismatch", "laptop").await;
    let mut app = choose_task(&mut stage, "task-identity").await;
    portal_sign_in(&mut app, who).await;
    app.screen("enter-cccd").await;
    app.type_into("cccd", "12345678").await;
    app.click("btn-update-cccd").await;
    app.text_of("[role=alert]").await;
    app.shot("cccd-too-short").await;
    app.type_into("cccd", who.cccd).await;
    app.click("btn-update-cccd").await;
    app.screen("match-failed").await;
    assert!(app.page_text().await.to_lowercase().contains("ngày sinh"));
    app.click("btn-edit-cccd").await;
    app.screen("enter-cccd").await;
    let kept = app.element("cccd").await.prop("value").await.ok().flatten().unwrap_or_default();
    assert_eq!(kept.replace(' ', ""), who.cccd, "the typed number is kept");
    app.click("btn-skip").await;
    app.screen("identity").await;
    app.text_of("#landing-notice").await;
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

#[tokio::test]
async fn number_taken_by_another_account() {
    let who = persona("taken");
    let mut stage = Stage::new("taken", "laptop").await;
    let mut app = choose_task(&mut stage, "task-dossiers").await;
    portal_sign_in(&mut app, who).await;
    app.screen("enter-cccd").await;
    app.type_into("cccd", who.cccd).await;
    app.click("btn-update-cccd").await;
    app.screen("match-failed").await;
    assert!(app.page_text().await.contains("phamduc") || app.page_text().await.contains("tài khoản khác"));
    app.click("btn-skip").await;
    app.screen("dossiers").await;
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

#[tokio::test]
async fn vneid_callback_at_a_cold_start() {
    let who = persona("many");
    let mut stage = Stage::new("many-cold-start", "laptop").await;
    let mut app = choose_task(&mut stage, "task-dossiers").await;
    let url = start_vneid(&mut app).await;
    let back = app.stage().sign_in_on_vneid_page(&url, who.cccd, VNEID_PASSWORD).await;
    app.close().await;

    // The app was closed before VNeID sent the person back; the system starts it with the link.
    let mut app = stage.launch(&[&back]).await;
    app.screen("dossiers").await;
    app.synced().await;
    assert!(app.page_text().await.contains("1.200"), "{}", app.page_text().await);
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

/// An official's laptop that starts on a train: signed in with VNeID once (the sign-in kept in
/// the keychain), the app quit, the network cut; at the next start the saved copy opens with
/// their name and when it was last brought up to date, a dossier is found without accents, and
/// when the network returns the session goes live and the sync runs.
#[tokio::test]
async fn a_laptop_started_without_a_network_opens_the_saved_copy() {
    let who = persona("linked");
    let mut stage = Stage::laptop_with_keychain("offline-restart").await;
    let mut app = choose_task(&mut stage, "task-dossiers").await;
    let url = start_vneid(&mut app).await;
    let back = app.stage().sign_in_on_vneid_page(&url, who.cccd, VNEID_PASSWORD).await;
    app.stage().open_link(&back);
    app.screen("dossiers").await;
    app.synced().await;
    // The network goes, and stays gone while the laptop is closed and opened again.
    app.stage().faults(json!({ "drop_rate": 1.0 })).await;
    app.close().await;

    let mut app = stage.launch(&[]).await;
    let saved = app.wait_for("#offline-session").await;
    assert!(saved.contains(who.full_name), "the header names the official: {saved}");
    app.shot("offline-session").await;
    app.click("task-dossiers").await;
    app.screen("dossiers").await;
    let banner = app.wait_for("#offline-banner").await;
    assert!(banner.contains("Không kết nối được"), "{banner}");
    app.type_into("dossier-search", "DANG KY").await;
    app.wait_for_text("#dossier-count", "Tìm thấy").await;
    app.shot("offline-restart-search").await;
    assert!(!app.dossier_codes().await.is_empty(), "the saved dossiers are found without accents");

    // The network comes back: the session goes live by itself and the dossiers are synced.
    app.stage().faults(json!({})).await;
    app.click("btn-sync-retry").await;
    app.wait_for_gone("#offline-session").await;
    app.synced().await;
    app.shot("offline-restart-live").await;
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

/// Dates read day first, as Vietnamese forms write them, even where the system speaks American
/// English: the date filters of Hồ sơ đã nộp are typed and shown as dd/mm/yyyy.
#[tokio::test]
async fn dates_read_day_first_under_an_english_locale() {
    let who = persona("many");
    let english = [("LANG", "en_US.UTF-8"), ("LC_ALL", "en_US.UTF-8")];
    let mut stage = Stage::with_env("dates-english-locale", "laptop", &english).await;
    let mut app = choose_task(&mut stage, "task-dossiers").await;
    portal_sign_in(&mut app, who).await;
    app.screen("dossiers").await;
    app.synced().await;
    app.type_into("filter-from", "01/01/2000").await;
    app.type_into("filter-to", "31/12/2099").await;
    app.wait_for_text("#dossier-count", "Tìm thấy").await;
    let from = app.element("filter-from").await.prop("value").await.expect("a value").unwrap_or_default();
    assert_eq!(from, "01/01/2000", "the field keeps day/month/year");
    let placeholder = app.element("filter-to").await.attr("placeholder").await.expect("an attribute");
    assert_eq!(placeholder.as_deref(), Some("dd/mm/yyyy"));
    assert!(!app.dossier_codes().await.is_empty(), "the dates were read day first, so the range holds dossiers");
    app.shot("dates-day-first").await;
    app.close().await;
}

/// "The app works on a train": signed in once, the network goes, and every dossier is still
/// there, found by typing part of its name without accents.
#[tokio::test]
async fn on_a_train_the_saved_dossiers_are_found_without_accents() {
    let who = persona("linked");
    let mut stage = Stage::new("offline", "laptop").await;
    let mut app = choose_task(&mut stage, "task-dossiers").await;
    portal_sign_in(&mut app, who).await;
    app.screen("dossiers").await;
    app.synced().await;
    let name = app.wait_for("[data-dossier-code] .card-title").await;
    assert!(!name.is_empty());

    // The network goes; "Cập nhật" cannot reach the portal and says so.
    app.stage().faults(json!({ "drop_rate": 1.0 })).await;
    app.click("btn-sync-start").await;
    let banner = app.wait_for("#offline-banner").await;
    assert!(banner.contains("Không kết nối được"), "{banner}");
    app.shot("offline-banner").await;
    assert!(app.page_text().await.contains("25"), "every saved dossier is still listed");

    // Part of the name, without marks and in capitals, as someone types it.
    let typed = without_marks(&name).to_uppercase();
    let typed = typed.split(' ').take(3).collect::<Vec<_>>().join(" ");
    app.type_into("dossier-search", &typed).await;
    app.wait_for_text("#dossier-count", "Tìm thấy").await;
    app.shot("offline-search").await;
    let rows = app.client.find_all(fantoccini::Locator::Css("[data-dossier-code] .card-title")).await.expect("rows");
    assert!(!rows.is_empty(), "{typed} finds {name}");
    for row in rows {
        let found = row.text().await.unwrap_or_default();
        assert!(without_marks(&found).contains(&without_marks(&typed)), "{found} for {typed}");
    }
    app.click_first_dossier().await;
    app.screen("dossier-detail").await;
    assert!(app.wait_for("#dossier-as-of").await.contains("lưu trên máy"));

    // Back online, "Thử lại" brings it up to date.
    app.stage().faults(json!({})).await;
    app.click("btn-back").await;
    app.screen("dossiers").await;
    app.click("btn-sync-retry").await;
    app.synced().await;
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

/// The app's logs hold no CCCD number, name, user name or phone number of any persona, and no
/// token, authorization code or password (issue 6: nothing personal or secret is logged).
fn assert_nothing_personal_logged(stage: &Stage) {
    let logged = stage.logged();
    assert!(logged.contains("dvclink_desktop"), "the app's log was found: {logged:?}");
    for who in &PERSONAS {
        let traces = [who.cccd, who.full_name, who.username, who.phone];
        let folded = dvclink_core::text::fold_name(who.full_name);
        for trace in traces.iter().copied().chain([folded.as_str()]) {
            assert!(!logged.contains(trace), "{trace:?} is in the log:\n{logged}");
        }
    }
    let secrets =
        ["eyJ", "Bearer ", "?code=", "&code=", "access_token", "refresh_token", DEMO_PASSWORD, VNEID_PASSWORD];
    for secret in secrets {
        assert!(!logged.contains(secret), "{secret:?} is in the log:\n{logged}");
    }
}

/// Lower case without Vietnamese marks, for comparing what was typed with what is shown.
fn without_marks(text: &str) -> String {
    dvclink_core::text::fold(text)
}

#[tokio::test]
async fn official_updates_identity_later_from_thong_tin_dinh_danh() {
    let who = persona("official");
    let mut stage = Stage::new("official", "laptop").await;
    let mut app = choose_task(&mut stage, "task-identity").await;
    portal_sign_in(&mut app, who).await;
    app.screen("enter-cccd").await;
    app.click("btn-skip").await;
    app.screen("identity").await;
    app.click("btn-identity-refresh").await;
    app.screen("identity-enter-cccd").await;
    app.type_into("cccd", who.cccd).await;
    app.click("btn-update-cccd").await;
    app.screen("identity-preview").await;
    assert!(app.page_text().await.contains("Nam Định"));
    app.click("btn-identity-confirm").await;
    app.screen("identity").await;
    app.text_of("[role=status], .notice, #identity-notice").await;
    app.shot("identity-updated").await;
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

#[tokio::test]
async fn kiosk_signs_in_with_the_qr_code_in_its_own_window() {
    let who = persona("linked");
    let mut stage = Stage::new("kiosk", "kiosk").await;
    let mut app = choose_task(&mut stage, "task-personal").await;
    app.click("btn-signin-vneid").await;
    app.screen("vneid-waiting").await;
    assert!(app.page_text().await.contains("QR"), "the kiosk waiting screen mentions the QR code");
    // The VNeID window shows the provider's page; the citizen's phone scans its QR code and
    // approves. The page then goes on by itself, and the window's redirect is caught.
    let qr = app.stage().scanned_qr().await;
    app.stage().approve_on_phone(&qr, who.cccd).await;
    app.screen("personal").await;
    assert!(app.page_text().await.contains(who.full_name));
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

/// A phone whose VNeID app does not allow web sign-in refuses the QR code: the kiosk says what
/// to switch on and where, and once it is on, «Đăng nhập lại» gets the citizen in.
#[tokio::test]
async fn kiosk_explains_a_phone_that_refuses_web_sign_in() {
    let who = persona("linked");
    let mut stage = Stage::new("kiosk-web-sign-in", "kiosk").await;
    let mut app = choose_task(&mut stage, "task-personal").await;
    app.stage().vneid_trouble(who.cccd, "web_sign_in_not_allowed").await;
    app.click("btn-signin-vneid").await;
    app.screen("vneid-waiting").await;
    let qr = app.stage().scanned_qr().await;
    assert_eq!(app.stage().phone_answers(&qr, who.cccd).await, reqwest::StatusCode::FORBIDDEN);
    app.screen("vneid-failed").await;
    let title = app.text_of("#next-step-title").await;
    assert!(title.contains("Cho phép đăng nhập trên web"), "{title}");
    assert!(app.page_text().await.contains("Cài đặt"), "the steps name the menu");
    app.shot("web-sign-in-not-allowed").await;

    app.stage().vneid_trouble(who.cccd, "none").await;
    app.click("btn-vneid-retry").await;
    app.screen("vneid-waiting").await;
    let qr = app.stage().scanned_qr().await;
    app.stage().approve_on_phone(&qr, who.cccd).await;
    app.screen("personal").await;
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

/// A kiosk at a one-stop office: one citizen ends their session, the next walks up and finds
/// nothing of them, on the screen or in any file the app keeps.
#[tokio::test]
async fn kiosk_two_citizens_back_to_back() {
    let first = persona("linked");
    let second = persona("match");
    // The counter's receipt printer: a CUPS server of the test's own.
    let cups = Cups::start();
    let env = [
        ("DVCLINK_PRINTER", cups.queue().to_owned()),
        ("DVCLINK_PAPER", "receipt80".to_owned()),
        ("CUPS_SERVER", cups.socket()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut stage = Stage::with_env("kiosk-two-citizens", "kiosk", &env).await;
    let mut app = choose_task(&mut stage, "task-dossiers").await;
    portal_sign_in(&mut app, first).await;
    app.screen("dossiers").await;
    app.synced().await;
    let codes = app.dossier_codes().await;
    assert!(!codes.is_empty());
    assert!(app.page_text().await.contains(first.full_name));
    // The first citizen takes their dossier list on paper.
    app.click("btn-print-dossiers").await;
    app.wait_for_text("#btn-print-dossiers-status", "Đã in xong").await;
    assert_eq!(cups.printed().len(), 1, "one slip came out");

    app.click("btn-end-session").await;
    app.click("btn-end-confirm").await;
    app.screen("home").await;
    app.wait_for("#session-ended").await;
    app.shot("session-ended").await;
    let traces: Vec<String> =
        [first.cccd, first.full_name, first.username].into_iter().map(str::to_owned).chain(codes.clone()).collect();
    app.stage().assert_no_trace(&traces);
    // CUPS keeps no job file, and nothing of theirs in its spool, cache, state or logs.
    assert!(cups.spooled().is_empty(), "no job file stays in the spool: {:?}", cups.spooled());
    for file in cups.kept() {
        let Ok(bytes) = std::fs::read(&file) else { continue };
        for trace in &traces {
            assert!(
                !bytes.windows(trace.len()).any(|w| w == trace.as_bytes()),
                "{trace:?} is left in {}",
                file.display()
            );
        }
    }

    app.click("task-dossiers").await;
    app.screen("signin-choice").await;
    app.click("btn-signin-portal").await;
    app.screen("credentials").await;
    let typed = app.element("username").await.prop("value").await.ok().flatten().unwrap_or_default();
    assert!(typed.is_empty(), "the first citizen's user name is gone: {typed:?}");
    enter_credentials(&mut app, second).await;
    app.screen("enter-cccd").await;
    app.click("btn-skip").await;
    app.screen("dossiers").await;
    app.synced().await;
    let text = app.page_text().await;
    assert!(text.contains(second.full_name) && !text.contains(first.full_name), "{text}");
    assert!(app.dossier_codes().await.iter().all(|code| !codes.contains(code)));
    app.close().await;
    assert_nothing_personal_logged(&stage);
}

/// Issue 12's journey at the counter: a real PC/SC stack (a pcscd of the test's own with vpcd's
/// virtual reader), the mismatch persona's chip card laid on it by the sandbox. The card shows
/// that the account's birth date differs; the citizen skips, corrects it in Thông tin cá nhân,
/// reads the card again in Thông tin định danh, and the number links. Nothing read from the chip
/// is left in any file afterwards.
#[tokio::test]
async fn kiosk_reads_the_chip_card_shows_the_birth_date_and_links_once_corrected() {
    use dvclink_card::testing::{Pcscd, SOCKET_VARIABLE};
    use dvclink_sandbox::SandboxConfig;
    use dvclink_sandbox::card::{CardFault, CardFiles, TestPki};

    let who = persona("mismatch");
    let pcscd = Pcscd::start().expect("pcscd starts (cargo xtask test installs it)");
    // The office trusts the sandbox's CSCA, as a training kiosk does.
    let trust = tempfile::tempdir().expect("a directory");
    let pki = TestPki::from_seed(SandboxConfig::default().seed);
    std::fs::write(trust.path().join("sandbox-csca.pem"), pki.csca_pem()).expect("the CSCA written");
    let socket = pcscd.socket().display().to_string();
    let trust_dir = trust.path().display().to_string();
    let env = [(SOCKET_VARIABLE, socket.as_str()), ("DVCLINK_CARD_TRUST", trust_dir.as_str())];
    let mut stage = Stage::with_env("kiosk-chip-card", "kiosk", &env).await;
    let mut app = choose_task(&mut stage, "task-identity").await;
    portal_sign_in(&mut app, who).await;
    app.screen("enter-cccd").await;
    app.type_into("cccd", who.cccd).await;
    app.click("btn-read-card").await;
    app.wait_for("#card-wait-message").await;
    app.shot("place-the-card").await;

    // The citizen lays the card down; the app reads it on its own.
    app.stage().lay_card(pcscd.card_port(), Some(who.cccd), "none").await;
    app.wait_for("#card-result").await;
    let table = app.text_of("#card-table").await;
    assert!(table.contains("05/11/1978") && table.contains("11/05/1978"), "{table}");
    let advice = app.text_of("#card-advice").await;
    assert!(advice.contains("hãy sửa ngày sinh trong Thông tin cá nhân"), "{advice}");
    assert!(app.text_of("#card-authenticity").await.contains("Thẻ thật"));
    app.shot("card-read").await;

    // «Bỏ qua», then Thông tin cá nhân: the birth date as on the card.
    app.click("btn-skip").await;
    app.screen("identity").await;
    app.click("btn-back").await;
    app.screen("personal").await;
    app.click("btn-personal-edit").await;
    app.type_into("personal-birth-date", "11/05/1978").await;
    app.click("btn-personal-save").await;
    app.wait_for("#personal-notice").await;
    assert!(app.page_text().await.contains("11/05/1978"));
    app.shot("birth-date-corrected").await;

    // Thông tin định danh: the card again, now in agreement, and «Cập nhật» links.
    app.click("btn-identity-open").await;
    app.screen("identity").await;
    app.click("btn-identity-refresh").await;
    app.screen("identity-enter-cccd").await;
    app.type_into("cccd", who.cccd).await;
    app.click("btn-read-card").await;
    app.wait_for("#card-result").await;
    let table = app.text_of("#card-table").await;
    assert!(!table.contains("05/11/1978"), "{table}");
    app.shot("card-agrees").await;
    app.click("btn-update-cccd").await;
    app.screen("identity-preview").await;
    app.click("btn-identity-confirm").await;
    app.screen("identity").await;
    app.shot("linked").await;

    // The card is taken away and the session ended: nothing of the chip is left.
    app.stage().lay_card(pcscd.card_port(), None, "none").await;
    app.click("btn-end-session").await;
    app.click("btn-end-confirm").await;
    app.screen("home").await;
    let card = CardFiles::make(&who.citizen(), CardFault::None, &pki, chrono_today()).expect("the card");
    let record = dvclink_card::ChipRecord::parse(&card.dg13).expect("its DG13");
    let mut traces = vec![record.number.as_str().to_owned(), record.full_name.clone()];
    traces.extend([record.residence, record.father, record.mother].into_iter().flatten());
    app.stage().assert_no_trace(&traces);
    app.close().await;
    assert_nothing_personal_logged(&stage);
    let logged = stage.logged();
    for trace in &traces {
        assert!(!logged.contains(trace.as_str()), "{trace:?} is in the log");
    }
}

/// Today, as the sandbox's cards are made (only the names are compared, which do not depend on it).
fn chrono_today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
