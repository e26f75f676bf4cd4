//! Every command through the Tauri mock runtime, with the app's real configuration and
//! capabilities, against the sandbox on loopback: the guide's journeys as the UI drives them.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dvclink_card::{LinkError, Readers, Transport, Trust};
use dvclink_core::port::KeptSignIn;
use dvclink_desktop::config::{AppConfig, Mode, RedirectKind};
use dvclink_desktop::contract::{SyncProgress, UiEvent, VneidChanged};
use dvclink_desktop::desk::{CardCounter, CardSlot, Desk, Printing, Resumption, Services};
use dvclink_desktop::keychain::Keychain;
use dvclink_desktop::office_log::OfficeLog;
use dvclink_desktop::offline::OfflineCopy;
use dvclink_portal::{HttpSettings, PortalClient, VneidClient, VneidConfig};
use dvclink_print::Paper;
#[cfg(unix)]
use dvclink_print::testing::Cups;
use dvclink_sandbox::card::{CardFault, CardFiles, Chip, TestPki};
use dvclink_sandbox::persona::{DEMO_PASSWORD, Persona};
use dvclink_sandbox::population::VNEID_PASSWORD;
use dvclink_sandbox::{Sandbox, SandboxConfig, testing};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{Listener, Manager};
use tauri::{WebviewUrl, WebviewWindow, WebviewWindowBuilder};
use url::Url;

/// The officer PIN the harness configures.
const OFFICER_PIN: &str = "246810";

/// The app with its main window, a sandbox, and the URLs it "opened in the browser".
struct Harness {
    app: tauri::App<MockRuntime>,
    main: WebviewWindow<MockRuntime>,
    sandbox: Sandbox,
    opened: Arc<Mutex<Vec<Url>>>,
    http: reqwest::Client,
    /// Every `sync://progress` the app emitted, in order.
    syncs: Receiver<Value>,
    /// Holds the cache file.
    dir: tempfile::TempDir,
    /// The counter's card reader.
    reader: Arc<TestReader>,
}

/// The counter's reader in these tests: the sandbox's emulated chip, laid down and taken away
/// by the test. The real PC/SC path is dvclink-card's test and the end-to-end journey's.
#[derive(Default)]
struct TestReader {
    card: Mutex<Option<CardFiles>>,
}

impl TestReader {
    fn lay(&self, persona: &Persona, fault: CardFault) {
        let today = chrono::Utc::now().date_naive();
        let files = CardFiles::make(&persona.citizen(), fault, &TestPki::from_seed(1), today).unwrap();
        *self.card.lock().unwrap() = Some(files);
    }
}

impl CardSlot for TestReader {
    fn readers(&self) -> Readers {
        Readers { readers: vec![("Test reader".to_owned(), self.card.lock().unwrap().is_some())] }
    }

    fn open(&self, _reader: &str) -> Result<Box<dyn Transport + Send>, LinkError> {
        let files = self.card.lock().unwrap().clone().ok_or(LinkError::Removed)?;
        Ok(Box::new(Chip::new(files, 1)))
    }
}

impl Harness {
    fn start(redirect: RedirectKind, pending_file: Option<PathBuf>) -> Harness {
        Harness::with_sandbox(Harness::sandbox(), redirect, pending_file, Mode::Laptop)
    }

    fn kiosk() -> Harness {
        Harness::with_sandbox(Harness::sandbox(), RedirectKind::Scheme, None, Mode::Kiosk)
    }

    fn with_keychain(mode: Mode, keychain: &Keychain) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        Harness::build(Harness::sandbox(), RedirectKind::Scheme, None, mode, keychain.clone(), dir, None)
    }

    /// An app with a printer at hand.
    #[cfg(unix)]
    fn with_printing(printing: Printing) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        Harness::build(
            Harness::sandbox(),
            RedirectKind::Scheme,
            None,
            Mode::Laptop,
            Keychain::none(),
            dir,
            Some(printing),
        )
    }

    fn sandbox() -> Sandbox {
        let config = SandboxConfig { citizens: 500, ..SandboxConfig::default() };
        block(Sandbox::start(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))).unwrap()
    }

    fn with_sandbox(sandbox: Sandbox, redirect: RedirectKind, pending_file: Option<PathBuf>, mode: Mode) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        Harness::build(sandbox, redirect, pending_file, mode, Keychain::none(), dir, None)
    }

    /// The app as it starts on a machine: its sandbox, keychain and data directory given.
    fn build(
        sandbox: Sandbox,
        redirect: RedirectKind,
        pending_file: Option<PathBuf>,
        mode: Mode,
        keychain: Keychain,
        dir: tempfile::TempDir,
        printing: Option<Printing>,
    ) -> Harness {
        let config = AppConfig {
            remote: None,
            client_id: "dvclink-desktop".into(),
            redirect,
            mode,
            lang: dvclink_core::Lang::Vi,
            sandbox_port: 0,
            idle_timeout_secs: dvclink_desktop::config::DEFAULT_IDLE_TIMEOUT_SECS,
            officer_pin: Some(dvclink_core::secret::Secret::new(OFFICER_PIN)),
            scopes: None,
            acr_values: Some(dvclink_desktop::config::DEFAULT_ACR_VALUES.to_owned()),
            printer: None,
            paper: Paper::A4,
            card_trust: None,
        };
        let settings = HttpSettings::default();
        let portal = PortalClient::new(sandbox.portal_url(), &settings).unwrap();
        let idp = VneidClient::new(VneidConfig::new(sandbox.issuer(), "dvclink-desktop"), &settings).unwrap();
        let hosts = (sandbox.addr().to_string(), sandbox.addr().to_string());
        let opened = Arc::new(Mutex::new(Vec::new()));
        let record = opened.clone();
        let browser = Box::new(move |url: &Url| {
            record.lock().unwrap().push(url.clone());
            Ok(())
        });
        let (offline, trouble) = OfflineCopy::open(Some(&dir.path().join("cache.sqlite")));
        assert_eq!(trouble, None);
        let log = OfficeLog::new(offline.shared_cache(), config.officer_pin.clone(), dir.path().join("exports"));
        let reader = Arc::new(TestReader::default());
        let card = CardCounter::new(reader.clone(), Trust::none());
        let services =
            Services { portal, idp, sandbox: Some(sandbox.base_url()), offline, log, keychain, printing, card };
        let desk = Desk::new(config, services, hosts, pending_file, browser);
        let app =
            dvclink_desktop::commands::register(mock_builder()).manage(desk).build(tauri::generate_context!()).unwrap();
        let main = WebviewWindowBuilder::new(&app, "main", WebviewUrl::App("index.html".into())).build().unwrap();
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let (sender, syncs) = channel();
        let sender = Mutex::new(sender);
        app.listen_any(SyncProgress::NAME, move |event| {
            let _ = sender.lock().unwrap().send(serde_json::from_str::<Value>(event.payload()).unwrap());
        });
        Harness { app, main, sandbox, opened, http, syncs, dir, reader }
    }

    /// Waits for the running sync to end and returns how it ended.
    fn synced(&self) -> Value {
        loop {
            let view = self.syncs.recv_timeout(Duration::from_secs(60)).expect("the sync reports");
            if view["state"] != "running" {
                return view;
            }
        }
    }

    /// One page of Hồ sơ đã nộp for `text` and optional extra query fields.
    fn search(&self, text: &str, extra: Value) -> Value {
        let mut query = json!({ "text": text, "statuses": [], "from": null, "to": null,
                                "order": "newest_first", "offset": 0, "limit": 20 });
        if let (Some(query), Some(extra)) = (query.as_object_mut(), extra.as_object()) {
            query.extend(extra.clone());
        }
        self.ok("dossiers", json!({ "query": query }))
    }

    /// The codes of every cached dossier (up to 200).
    fn codes(&self) -> Vec<String> {
        let list = self.search("", json!({ "limit": 200 }));
        list["items"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
    }

    /// Sets the sandbox's fault injection (`{}` clears it).
    fn faults(&self, settings: Value) {
        let url = self.sandbox.base_url().join("sandbox/faults").unwrap();
        block(async { self.http.put(url).json(&settings).send().await?.error_for_status() }).unwrap();
    }

    /// Changes or removes a dossier on the portal, as its officials would.
    fn portal_changes(&self, username: &str, code: &str, status: Option<u8>) {
        let url = self.sandbox.base_url().join(&format!("sandbox/accounts/{username}/dossiers/{code}")).unwrap();
        block(async {
            let request = match status {
                Some(status) => self.http.patch(url).json(&json!({ "status": status })),
                None => self.http.delete(url),
            };
            request.send().await?.error_for_status()
        })
        .unwrap();
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke_in(&self.main, cmd, args)
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn wizard(&self, input: Value) -> Value {
        self.ok("wizard", json!({ "input": input }))
    }

    fn texted_code(&self, phone: &str) -> String {
        block(testing::texted_code(&self.http, &self.sandbox.base_url(), phone))
    }

    /// Signs in with the portal account up to the account check.
    fn sign_in(&self, persona: &Persona, task: Value) -> Value {
        assert_eq!(self.wizard(json!({ "event": "start", "task": task }))["step"], "credentials");
        let view =
            self.wizard(json!({ "event": "submit_password", "username": persona.username, "password": DEMO_PASSWORD }));
        assert_eq!(view["step"], "code", "{view}");
        let code = self.texted_code(persona.phone);
        self.wizard(json!({ "event": "submit_code", "code": code }))
    }

    /// Fills the VNeID page opened at `url` and returns where it sends the browser back.
    fn vneid_page(&self, url: &Url, cccd: &str) -> Url {
        block(async {
            let page = self.http.get(url.clone()).send().await?.text().await?;
            let start = page.find("name=\"request\" value=\"").unwrap() + 22;
            let request = page[start..start + page[start..].find('"').unwrap()].to_owned();
            let login = self.sandbox.issuer().join("citizen/protocol/openid-connect/auth/login").unwrap();
            let response = self
                .http
                .post(login)
                .form(&[("request", request.as_str()), ("cccd", cccd), ("password", VNEID_PASSWORD)])
                .send()
                .await?;
            Ok::<_, reqwest::Error>(Url::parse(response.headers()["location"].to_str().unwrap()).unwrap())
        })
        .unwrap()
    }

    /// What the operating system does with a deep link: hand it to the running app.
    fn deliver(&self, url: &Url) {
        let handle = self.app.handle().clone();
        block(async { handle.state::<Desk>().take_link(&handle, url).await });
    }

    fn last_opened(&self) -> Url {
        self.opened.lock().unwrap().last().cloned().expect("the browser was opened")
    }
}

fn invoke_in(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // The app's own origin, as each platform's webview names it.
        url: if cfg!(windows) { "http://tauri.localhost" } else { "tauri://localhost" }.parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|body| body.deserialize::<Value>().unwrap())
}

fn block<F: Future>(future: F) -> F::Output {
    tauri::async_runtime::block_on(future)
}

fn persona(key: &str) -> &'static Persona {
    Persona::by_key(key).unwrap()
}

#[test]
fn app_info_and_language() {
    let h = Harness::start(RedirectKind::Scheme, None);
    let info = h.ok("app_info", json!({}));
    assert_eq!(info["sandbox"], true);
    assert_eq!(info["sandbox_sms_url"], h.sandbox.base_url().join("sandbox/sms").unwrap().as_str());
    assert_eq!(info["mode"], "laptop");
    assert_eq!(info["lang"], "vi");
    assert_eq!(info["vneid_host"], h.sandbox.addr().to_string());
    assert_eq!(h.ok("set_language", json!({ "lang": "en" }))["lang"], "en");
    assert!(h.invoke("set_language", json!({ "lang": "fr" })).is_err(), "an unknown language is refused");
    assert_eq!(h.ok("session", json!({})), Value::Null);
}

#[test]
fn portal_account_then_cap_nhat_lands_on_the_task() {
    let h = Harness::start(RedirectKind::Scheme, None);
    let task = json!({ "kind": "dossier_detail", "code": "G22.99-240612-0001" });
    let view = h.sign_in(persona("match"), task.clone());
    assert_eq!(view["step"], "enter_cccd", "{view}");
    assert_eq!(view["account_name"], "Trần Thị Bình");
    assert_eq!(view["task"], task);

    let view = h.wizard(json!({ "event": "submit_cccd", "input": "079 190 004 321" }));
    assert_eq!(view["step"], "done", "{view}");
    assert_eq!(view["outcome"], "linked");
    assert_eq!(view["task"], task, "lands on the task it set out for");

    let session = h.ok("session", json!({}));
    assert_eq!(session["method"], "portal_account");
    assert_eq!(session["account"]["has_cccd"], true);
    assert_eq!(h.synced()["state"], "done");
    let list = h.search("", json!({ "limit": 5 }));
    assert_eq!(list["total"], 8);
    assert_eq!(list["cached"], 8);
    assert_eq!(list["statuses"].as_array().unwrap().len(), 10);
    assert_eq!(list["items"].as_array().unwrap().len(), 5);
    let code = list["items"][0]["code"].as_str().unwrap();
    let detail = h.ok("dossier", json!({ "code": code }));
    assert_eq!(detail["code"], code);
    assert!(detail["as_of"].as_str().unwrap().contains('/'), "read from the cache: {detail}");
    assert!(!detail["steps"].as_array().unwrap().is_empty());
    assert!(detail["status"]["label"].is_string());
}

#[test]
fn each_screen_problem_comes_back_in_words() {
    let h = Harness::start(RedirectKind::Scheme, None);
    assert_eq!(h.invoke("wizard_view", json!({})).unwrap_err()["code"], "not_signed_in");
    assert_eq!(h.invoke("dossiers", json!({ "query": { "limit": 5 } })).unwrap_err()["code"], "not_signed_in");
    assert_eq!(h.invoke("sync", json!({ "action": "start" })).unwrap_err()["code"], "not_signed_in");

    h.wizard(json!({ "event": "start", "task": { "kind": "personal_info" } }));
    let view = h.wizard(json!({ "event": "submit_password", "username": "tranthibinh", "password": "sai" }));
    assert_eq!(view["problem"]["code"], "wrong_credentials");
    assert!(view["problem"]["message"].as_str().unwrap().contains("không đúng"));
    assert_eq!(view["username"], "tranthibinh", "the user name is kept");

    h.ok("set_language", json!({ "lang": "en" }));
    let view = h.ok("wizard_view", json!({}));
    assert!(view["problem"]["message"].as_str().unwrap().contains("Wrong user name"), "{view}");

    let refused = h.invoke("wizard", json!({ "input": { "event": "skip" } })).unwrap_err();
    assert_eq!(refused["code"], "refused");
    assert!(h.invoke("wizard", json!({ "input": { "event": "fly" } })).is_err(), "unknown events are refused");

    let view = h.sign_in(persona("mismatch"), json!({ "kind": "personal_info" }));
    assert_eq!(view["step"], "enter_cccd");
    let view = h.wizard(json!({ "event": "submit_cccd", "input": "123456789" }));
    assert_eq!(view["entry"]["problem"]["code"], "old_cmnd");
    let view = h.wizard(json!({ "event": "submit_cccd", "input": "038078006789" }));
    assert_eq!(view["step"], "match_failed");
    assert_eq!(view["failure"]["kind"], "mismatch_birth_date");
    assert_eq!(view["entry"]["input"], "038078006789");
    assert_eq!(h.wizard(json!({ "event": "edit_cccd" }))["step"], "enter_cccd");
    let view = h.wizard(json!({ "event": "skip" }));
    assert_eq!((view["step"].as_str(), view["outcome"].as_str()), (Some("done"), Some("skipped")));
}

#[test]
fn vneid_by_deep_link_lands_on_the_task() {
    let h = Harness::start(RedirectKind::Scheme, None);
    let task = json!({ "kind": "submitted_dossiers" });
    let view = h.ok("vneid", json!({ "input": { "event": "start", "task": task } }));
    assert_eq!(view["phase"], "waiting", "{view}");
    assert_eq!(view["opened_in"], "browser");
    assert_eq!(view["host"], h.sandbox.addr().to_string());
    let url = h.last_opened();
    assert_eq!(view["url"], url.as_str());
    assert!(url.as_str().contains("code_challenge_method=S256"));

    let back = h.vneid_page(&url, persona("linked").cccd);
    assert_eq!(back.scheme(), "vn.gov.dichvucong.dvclink");
    h.deliver(&back);
    let view = h.ok("vneid_view", json!({}));
    assert_eq!(view["phase"], "signed_in", "{view}");
    assert_eq!(view["task"], task);
    assert_eq!(view["legacy_linked"], true);
    let session = h.ok("session", json!({}));
    assert_eq!(session["method"], "vneid");
    assert_eq!(h.synced()["state"], "done");
    assert_eq!(h.search("", json!({}))["total"], 25);

    // The same link again is refused and changes nothing.
    h.deliver(&back);
    assert_eq!(h.ok("vneid_view", json!({}))["phase"], "signed_in");
    let notices = h.ok("take_notices", json!({}));
    assert!(notices[0]["message"].as_str().unwrap().contains("đã được dùng"), "{notices}");

    h.ok("sign_out", json!({}));
    assert_eq!(h.ok("session", json!({})), Value::Null);
    assert_eq!(h.invoke("dossiers", json!({ "query": { "limit": 5 } })).unwrap_err()["code"], "not_signed_in");
}

/// «In hướng dẫn» after a level 1 identity was stopped before Thông tin định danh: the slip comes
/// out of a real CUPS with the way to level 2. Without a printer nothing offers to print. (CUPS
/// runs on Unix: under Wine this test is not built.)
#[cfg(unix)]
#[test]
fn the_next_steps_of_a_level_1_sign_in_are_printed() {
    let plain = Harness::kiosk();
    assert_eq!(plain.ok("app_info", json!({}))["can_print"], false);
    let refused = plain.invoke("print_slip", json!({ "slip": { "slip": "next_step" } })).unwrap_err();
    assert_eq!(refused["code"], "refused");

    let cups = Cups::start();
    let fonts = Arc::new(dvclink_print::SlipFonts::from_system().expect("a font with Vietnamese letters"));
    let h = Harness::with_printing(Printing { printer: cups.printer(Paper::Receipt80), fonts });
    assert_eq!(h.ok("app_info", json!({}))["can_print"], true);
    let who = persona("linked");
    let trouble = h.sandbox.base_url().join(&format!("sandbox/vneid/accounts/{}", who.cccd)).unwrap();
    block(async { h.http.put(trouble).json(&json!({ "trouble": "level1" })).send().await?.error_for_status() })
        .unwrap();
    let task = json!({ "kind": "identity_info" });
    h.ok("vneid", json!({ "input": { "event": "start", "task": task } }));
    let back = h.vneid_page(&h.last_opened(), who.cccd);
    h.deliver(&back);
    let view = h.ok("vneid_view", json!({}));
    assert_eq!(view["problem"]["code"], "level_too_low", "{view}");
    assert!(view["next_step"]["steps"].as_array().is_some_and(|steps| steps.len() == 4), "{view}");

    h.ok("print_slip", json!({ "slip": { "slip": "next_step" } }));
    let printed = cups.printed();
    assert_eq!(printed.len(), 1);
    // The slip the desk made is the one for a level 1 identity: the same strip of paper as that
    // slip made here (its words are read back in dvclink-print's own tests).
    let failure = dvclink_core::vneid::LoginError::LevelTooLow;
    let lang = dvclink_core::Lang::Vi;
    let step = failure.next_step(lang).unwrap();
    let text = dvclink_core::lang::Localized::text(&failure, lang);
    let expected = dvclink_print::Slip::next_step(&step, &text, lang, "01/12/2026 09:30");
    let expected =
        dvclink_print::render(&expected, Paper::Receipt80, &dvclink_print::SlipFonts::from_system().unwrap()).unwrap();
    // `Pages: N` and `Page size: W x H pts`, as pdfinfo says them.
    let page_size = |pdf: &std::path::Path| -> (u32, f32, f32) {
        let info = std::process::Command::new("pdfinfo").arg(pdf).output().unwrap().stdout;
        let info = String::from_utf8_lossy(&info).into_owned();
        let value = |key: &str| info.lines().find_map(|line| line.strip_prefix(key)).unwrap().trim().to_owned();
        let size: Vec<f32> = value("Page size:").split(' ').filter_map(|word| word.parse().ok()).collect();
        (value("Pages:").parse().unwrap(), size[0], size[1])
    };
    let sent = h.dir.path().join("expected.pdf");
    std::fs::write(&sent, &expected.pdf).unwrap();
    let ((pages, width, height), (expected_pages, expected_width, expected_height)) =
        (page_size(&printed[0]), page_size(&sent));
    assert_eq!(pages, expected_pages);
    assert!((width - expected_width).abs() < 1.0 && (height - expected_height).abs() < 1.0, "{width}×{height}");
    // A visit outcome needs a wizard that ended: refused here, and nothing more came out.
    let refused = h.invoke("print_slip", json!({ "slip": { "slip": "visit" } })).unwrap_err();
    assert_eq!(refused["code"], "refused");
    assert_eq!(cups.printed().len(), 1);
}

/// After VNeID's callback the progress screen is sent only when the exchange and the portal
/// session are slow (the sandbox's added latency); a quick sign-in goes straight to the task.
#[test]
fn the_progress_screen_shows_only_for_a_slow_sign_in() {
    let check = |latency_ms: u64, expected: &[&str]| {
        let h = Harness::start(RedirectKind::Scheme, None);
        h.ok("vneid", json!({ "input": { "event": "start", "task": { "kind": "submitted_dossiers" } } }));
        let back = h.vneid_page(&h.last_opened(), persona("linked").cccd);
        let phases = Arc::new(Mutex::new(Vec::new()));
        let seen = phases.clone();
        h.app.listen_any(VneidChanged::NAME, move |event| {
            let view: Value = serde_json::from_str(event.payload()).unwrap();
            seen.lock().unwrap().push(view["phase"].as_str().unwrap_or_default().to_owned());
        });
        h.faults(json!({ "latency_ms": latency_ms }));
        h.deliver(&back);
        assert_eq!(*phases.lock().unwrap(), expected, "latency {latency_ms} ms");
    };
    check(0, &["signed_in"]);
    check(400, &["working", "signed_in"]);
}

#[test]
fn links_that_do_not_belong_change_nothing() {
    let h = Harness::start(RedirectKind::Scheme, None);
    h.ok("vneid", json!({ "input": { "event": "start", "task": { "kind": "personal_info" } } }));
    for link in [
        "https://evil.example/oauth/callback?code=x&state=y",
        "vn.gov.dichvucong.dvclink:/settings",
        "vn.gov.dichvucong.dvclink:/oauth/callback?code=only",
        "vn.gov.dichvucong.dvclink:/oauth/callback?code=x&state=forged",
    ] {
        h.deliver(&Url::parse(link).unwrap());
        let view = h.ok("vneid_view", json!({}));
        assert_eq!(view["phase"], "waiting", "{link}: {view}");
        let notices = h.ok("take_notices", json!({}));
        assert_eq!(notices.as_array().unwrap().len(), 1, "{link}: one notice");
        assert_eq!(notices[0]["level"], "error");
    }
    let view = h.ok("vneid_view", json!({}));
    assert_eq!(view["problem"]["code"], "state_mismatch");

    // The genuine sign-in still completes.
    let back = h.vneid_page(&h.last_opened(), persona("linked").cccd);
    h.deliver(&back);
    assert_eq!(h.ok("vneid_view", json!({}))["phase"], "signed_in");
    h.ok("vneid", json!({ "input": { "event": "start", "task": { "kind": "personal_info" } } }));
    assert_eq!(h.ok("vneid", json!({ "input": { "event": "cancel" } }))["phase"], "failed");
}

#[test]
fn loopback_redirect() {
    let h = Harness::start(RedirectKind::Loopback, None);
    h.ok("vneid", json!({ "input": { "event": "start", "task": { "kind": "personal_info" } } }));
    let url = h.last_opened();
    let redirect = url.query_pairs().find(|(k, _)| k == "redirect_uri").unwrap().1.into_owned();
    assert!(redirect.starts_with("http://127.0.0.1:") && redirect.ends_with("/oauth/callback"), "{redirect}");
    let back = h.vneid_page(&url, persona("linked").cccd);
    assert_eq!(back.as_str().split('?').next(), Some(redirect.as_str()));
    // The browser follows the redirect to the app's listener.
    let page = block(async { h.http.get(back).send().await?.text().await }).unwrap();
    assert!(page.contains("Hãy quay lại cửa sổ ứng dụng dvclink"), "{page}");
    assert_eq!(h.ok("vneid_view", json!({}))["phase"], "signed_in");
}

#[test]
fn a_callback_at_a_cold_start_finds_its_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let pending = dir.path().join("vneid-pending.json");
    let first = Harness::start(RedirectKind::Scheme, Some(pending.clone()));
    let task = json!({ "kind": "identity_info" });
    first.ok("vneid", json!({ "input": { "event": "start", "task": task } }));
    assert!(pending.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&pending).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let back = first.vneid_page(&first.last_opened(), persona("linked").cccd);
    let Harness { app, sandbox, .. } = first;
    drop(app);

    // The app was closed; the operating system starts it again with the link.
    let second = Harness::with_sandbox(sandbox, RedirectKind::Scheme, Some(pending.clone()), Mode::Laptop);
    assert_eq!(second.ok("vneid_view", json!({}))["phase"], "waiting");
    second.deliver(&back);
    let view = second.ok("vneid_view", json!({}));
    assert_eq!(view["phase"], "signed_in", "{view}");
    assert_eq!(view["task"], task);
    assert!(!pending.exists(), "the kept sign-in is gone once used");
}

#[test]
fn thong_tin_dinh_danh_update_later() {
    let h = Harness::start(RedirectKind::Scheme, None);
    h.sign_in(persona("match"), json!({ "kind": "identity_info" }));
    assert_eq!(h.wizard(json!({ "event": "skip" }))["outcome"], "skipped");
    let view = h.ok("identity", json!({ "input": { "event": "open" } }));
    assert_eq!(view["step"], "viewing");
    assert_eq!(view["account"]["has_cccd"], false);
    assert_eq!(h.ok("identity", json!({ "input": { "event": "begin" } }))["step"], "enter_cccd");
    let view = h.ok("identity", json!({ "input": { "event": "submit_cccd", "input": "079190004321" } }));
    assert_eq!(view["step"], "preview", "{view}");
    let verified: Vec<&str> = view["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["verified"] == true)
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert!(verified.contains(&"permanent_address") && verified.contains(&"cccd"), "{verified:?}");
    let view = h.ok("identity", json!({ "input": { "event": "confirm" } }));
    assert_eq!(view["notice"]["kind"], "updated", "{view}");
    assert_eq!(h.ok("identity_view", json!({}))["account"]["has_cccd"], true);
    assert_eq!(h.ok("session", json!({}))["account"]["has_cccd"], true);
}

#[test]
fn the_sign_in_window_cannot_call_the_app() {
    let h = Harness::start(RedirectKind::Scheme, None);
    let signin =
        WebviewWindowBuilder::new(&h.app, "vneid-signin", WebviewUrl::App("index.html".into())).build().unwrap();
    assert!(h.invoke("app_info", json!({})).is_ok());
    let denied = invoke_in(&signin, "app_info", json!({}));
    let message = denied.unwrap_err().to_string();
    assert!(message.contains("not allowed"), "{message}");
}

#[test]
fn search_and_filters_read_the_cache() {
    let h = Harness::start(RedirectKind::Scheme, None);
    h.sign_in(persona("many"), json!({ "kind": "submitted_dossiers" }));
    let done = h.synced();
    assert_eq!((done["state"].as_str(), done["done"].as_u64()), (Some("done"), Some(1200)), "{done}");
    assert!(done["last_synced_at"].is_string());
    let all = h.search("", json!({}));
    assert_eq!((all["total"].as_u64(), all["cached"].as_u64()), (Some(1200), Some(1200)));

    // Without marks, any case, the last word a prefix: every hit has the words.
    let hits = h.search("DANG KY kết h", json!({}));
    let total = hits["total"].as_u64().unwrap();
    assert!(total > 0 && total < 1200, "{total}");
    for item in hits["items"].as_array().unwrap() {
        let name = item["procedure_name"].as_str().unwrap().to_lowercase();
        assert!(name.contains("đăng ký kết hôn"), "{name}");
    }
    // A code by its tail, a status, a date range, the order.
    let code = all["items"][0]["code"].as_str().unwrap();
    let tail = &code[code.len() - 6..];
    assert!(h.search(tail, json!({}))["items"].as_array().unwrap().iter().any(|d| d["code"] == code));
    let accepted = h.search("", json!({ "statuses": [2] }));
    assert!(accepted["items"].as_array().unwrap().iter().all(|d| d["status"]["code"] == 2));
    let oldest = h.search("", json!({ "order": "oldest_first", "limit": 1 }));
    let newest = h.search("", json!({ "limit": 1 }));
    assert_ne!(oldest["items"][0]["code"], newest["items"][0]["code"]);
    let none = h.search("", json!({ "from": "2031-01-01" }));
    assert_eq!(none["total"], 0);
    // Input that would break a query language is only text; marks alone are no words.
    for (text, total) in [("\"'; DROP TABLE dossiers; --", 0), ("NEAR(x* OR", 0), ("%_*", 1200), ("\u{0}", 1200)] {
        assert_eq!(h.search(text, json!({}))["total"], total, "{text}");
    }
    let bad = h.invoke("dossiers", json!({ "query": { "limit": 5, "from": "31/12/2024" } })).unwrap_err();
    assert_eq!(bad["code"], "invalid_input");
    let bad = h.invoke("dossiers", json!({ "query": { "limit": 5, "statuses": [11] } })).unwrap_err();
    assert_eq!(bad["code"], "invalid_input");
}

#[test]
fn offline_shows_the_saved_copy_and_the_next_sync_catches_up() {
    let h = Harness::start(RedirectKind::Scheme, None);
    let who = persona("linked");
    h.sign_in(who, json!({ "kind": "submitted_dossiers" }));
    assert_eq!(h.synced()["state"], "done");
    let codes = h.codes();
    assert_eq!(codes.len(), 25);
    assert_eq!(h.ok("identity", json!({ "input": { "event": "open" } }))["offline_as_of"], Value::Null);

    // The network goes: every request to the portal is dropped.
    h.faults(json!({ "drop_rate": 1.0 }));
    assert_eq!(h.ok("sync", json!({ "action": "start" }))["state"], "running");
    let failed = h.synced();
    assert_eq!((failed["state"].as_str(), failed["offline"].as_bool()), (Some("failed"), Some(true)), "{failed}");
    assert!(failed["last_synced_at"].is_string() && failed["problem"]["message"].is_string());
    let list = h.search("", json!({}));
    assert_eq!(list["total"], 25, "the saved dossiers are all there");
    assert_eq!(list["sync"]["offline"], true);
    let detail = h.ok("dossier", json!({ "code": codes[0] }));
    assert!(!detail["steps"].as_array().unwrap().is_empty());
    let identity = h.ok("identity", json!({ "input": { "event": "open" } }));
    assert_eq!(identity["step"], "viewing");
    assert!(identity["offline_as_of"].is_string(), "{identity}");
    assert_eq!(identity["account"]["full_name"], who.full_name);
    assert_eq!(h.ok("identity_view", json!({}))["offline_as_of"], identity["offline_as_of"], "kept on a redraw");
    // "Cập nhật từ CSDL" is still there and says, in words, why it cannot be done now.
    let refresh = h.ok("identity", json!({ "input": { "event": "begin" } }));
    assert_eq!((refresh["step"].as_str(), refresh["notice"]["kind"].as_str()), (Some("viewing"), Some("failed")));
    assert!(refresh["offline_as_of"].is_string(), "{refresh}");

    // Back online: what changed or went on the portal changes or goes here.
    h.faults(json!({}));
    h.portal_changes(who.username, &codes[0], Some(10));
    h.portal_changes(who.username, &codes[1], None);
    h.ok("sync", json!({ "action": "start" }));
    let done = h.synced();
    assert_eq!((done["state"].as_str(), done["offline"].as_bool()), (Some("done"), Some(false)), "{done}");
    assert_eq!(h.search("", json!({}))["total"], 24);
    assert_eq!(h.ok("dossier", json!({ "code": codes[0] }))["status"]["code"], 10);
    assert_eq!(h.invoke("dossier", json!({ "code": codes[1] })).unwrap_err()["code"], "not_found");

    // Signing out wipes the person's rows from the file.
    h.ok("sign_out", json!({}));
    let mut bytes = std::fs::read(h.dir.path().join("cache.sqlite")).unwrap();
    bytes.extend(std::fs::read(h.dir.path().join("cache.sqlite-wal")).unwrap_or_default());
    for code in &codes {
        assert!(!bytes.windows(code.len()).any(|w| w == code.as_bytes()), "{code} is left in the file");
    }
}

#[test]
fn a_sync_stops_when_asked_and_goes_on_later() {
    let h = Harness::start(RedirectKind::Scheme, None);
    // Slow pages, so that "Dừng" comes while the first of six is on its way.
    h.faults(json!({ "latency_ms": 300 }));
    h.sign_in(persona("many"), json!({ "kind": "submitted_dossiers" }));
    h.ok("sync", json!({ "action": "cancel" }));
    let stopped = h.synced();
    assert_eq!(stopped["state"], "cancelled", "{stopped}");
    let kept = h.search("", json!({}))["total"].as_u64().unwrap();
    assert!(kept > 0 && kept < 1200, "{kept}");
    h.faults(json!({}));
    h.ok("sync", json!({ "action": "start" }));
    assert_eq!(h.synced()["state"], "done");
    assert_eq!(h.search("", json!({}))["total"], 1200);
}

#[test]
fn a_kiosk_session_ends_and_the_next_citizen_finds_nothing() {
    let h = Harness::kiosk();
    let info = h.ok("app_info", json!({}));
    assert_eq!((info["idle_timeout_secs"].as_u64(), info["idle_warning_secs"].as_u64()), (Some(120), Some(30)));
    let first = persona("linked");
    h.sign_in(first, json!({ "kind": "submitted_dossiers" }));
    assert_eq!(h.synced()["state"], "done");
    let codes = h.codes();
    assert_eq!(codes.len(), 25);
    h.ok("identity", json!({ "input": { "event": "open" } }));
    h.ok("set_language", json!({ "lang": "en" }));

    h.ok("end_session", json!({ "reason": "timeout" }));
    assert_eq!(h.ok("session", json!({})), Value::Null);
    assert_eq!(h.ok("app_info", json!({}))["lang"], "vi", "the next citizen starts in the kiosk's language");
    assert_eq!(h.invoke("dossiers", json!({ "query": { "limit": 5 } })).unwrap_err()["code"], "not_signed_in");
    assert!(h.invoke("end_session", json!({ "reason": "bored" })).is_err(), "only the known reasons");

    // Nothing of the first citizen is left in the cache file or its write-ahead log.
    let mut bytes = std::fs::read(h.dir.path().join("cache.sqlite")).unwrap();
    bytes.extend(std::fs::read(h.dir.path().join("cache.sqlite-wal")).unwrap_or_default());
    let traces = [first.cccd, first.full_name, first.username].into_iter().map(str::to_owned).chain(codes.clone());
    for trace in traces {
        assert!(!bytes.windows(trace.len()).any(|w| w == trace.as_bytes()), "{trace} is left in the cache");
    }

    // The next citizen sees only their own.
    let second = persona("match");
    assert_eq!(h.sign_in(second, json!({ "kind": "submitted_dossiers" }))["step"], "enter_cccd");
    h.wizard(json!({ "event": "skip" }));
    assert_eq!(h.synced()["state"], "done");
    let list = h.search("", json!({ "limit": 200 }));
    assert_eq!(list["cached"], 8);
    assert!(list["items"].as_array().unwrap().iter().all(|d| !codes.contains(&d["code"].as_str().unwrap().to_owned())));
    assert_eq!(h.ok("session", json!({}))["account"]["full_name"], second.full_name);
}

#[test]
fn a_laptop_has_no_idle_time_out() {
    let h = Harness::start(RedirectKind::Scheme, None);
    let info = h.ok("app_info", json!({}));
    assert_eq!((info["idle_timeout_secs"].as_u64(), info["idle_warning_secs"].as_u64()), (Some(0), Some(0)));
}

#[test]
fn the_office_audit_log_names_nobody_and_needs_the_pin() {
    let h = Harness::kiosk();
    // One citizen whose number does not match, who skips, then ends the session.
    h.sign_in(persona("mismatch"), json!({ "kind": "personal_info" }));
    h.wizard(json!({ "event": "submit_cccd", "input": persona("mismatch").cccd }));
    h.wizard(json!({ "event": "skip" }));
    h.ok("end_session", json!({ "reason": "button" }));
    // One who signs in with an account already linked and is timed out.
    h.sign_in(persona("linked"), json!({ "kind": "personal_info" }));
    h.ok("end_session", json!({ "reason": "timeout" }));

    let wrong = h.invoke("audit_open", json!({ "pin": "000000" })).unwrap_err();
    assert_eq!(wrong["code"], "invalid_input");
    assert!(wrong["message"].as_str().unwrap().contains("Còn 4 lần"), "{wrong}");
    // Full-width digits, as an East Asian input method types them, are the same PIN.
    let full_width: String =
        OFFICER_PIN.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap()).collect();
    h.ok("audit_open", json!({ "pin": full_width }));
    let log = h.ok("audit_open", json!({ "pin": OFFICER_PIN }));
    assert_eq!((log["configured"].as_bool(), log["total"].as_u64()), (Some(true), Some(2)));
    let codes = |entry: &Value| -> Vec<String> {
        entry["outcomes"].as_array().unwrap().iter().map(|o| o["code"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(codes(&log["entries"][0]), ["already_linked"]);
    assert_eq!(log["entries"][0]["ended_by"]["code"], "timeout");
    assert_eq!(codes(&log["entries"][1]), ["match_failed", "skipped"]);
    assert_eq!(log["entries"][1]["ended_by"]["label"], "Bấm «Kết thúc phiên»");
    assert!(log["entries"][1]["duration_secs"].as_i64().unwrap() >= 0);

    let export = h.ok("audit_export", json!({ "pin": OFFICER_PIN }));
    assert_eq!(export["rows"], 2);
    let csv = std::fs::read_to_string(export["path"].as_str().unwrap()).unwrap();
    assert!(csv.starts_with("started_at,ended_at,duration_secs,outcomes,ended_by\r\n"), "{csv}");
    assert!(csv.contains(",match_failed skipped,button\r\n") && csv.contains(",already_linked,timeout\r\n"), "{csv}");
    for who in [persona("mismatch"), persona("linked")] {
        for trace in [who.cccd, who.username, who.full_name] {
            assert!(!csv.contains(trace), "{trace} is in the audit log");
        }
    }

    // Five wrong PINs lock the screen, even for the right one.
    for _ in 0..5 {
        h.invoke("audit_open", json!({ "pin": "1111" })).unwrap_err();
    }
    let locked = h.invoke("audit_open", json!({ "pin": OFFICER_PIN })).unwrap_err();
    assert!(locked["message"].as_str().unwrap().contains("thử lại sau"), "{locked}");
}

#[test]
fn a_laptop_keeps_the_vneid_sign_in_in_the_keychain_until_sign_out() {
    let notes = tempfile::tempdir().unwrap();
    let keychain =
        Keychain::in_store(keyring_core::mock::Store::new().expect("a mock store"), notes.path().join("kept"));
    let who = persona("linked");
    let first = Harness::with_keychain(Mode::Laptop, &keychain);
    first.ok("vneid", json!({ "input": { "event": "start", "task": { "kind": "submitted_dossiers" } } }));
    let back = first.vneid_page(&first.last_opened(), who.cccd);
    first.deliver(&back);
    assert_eq!(first.synced()["state"], "done");
    let codes = first.codes();
    assert!(keychain.kept().is_some(), "the sign-in is kept");

    // The official closes the laptop; the next start signs them in again from the keychain.
    let Harness { app, sandbox, dir, .. } = first;
    drop(app);
    let second = Harness::build(sandbox, RedirectKind::Scheme, None, Mode::Laptop, keychain.clone(), dir, None);
    assert_eq!(second.ok("session", json!({})), Value::Null);
    let handle = second.app.handle().clone();
    block(async { handle.state::<Desk>().resume(&handle).await });
    let session = second.ok("session", json!({}));
    assert_eq!(
        (session["method"].as_str(), session["account"]["full_name"].as_str()),
        (Some("vneid"), Some(who.full_name))
    );
    assert_eq!(second.codes(), codes, "the saved dossiers are there at once");
    assert_eq!(second.synced()["state"], "done");

    // Signing out forgets the kept sign-in and wipes the rows.
    second.ok("sign_out", json!({}));
    assert!(keychain.kept().is_none());
    let bytes = std::fs::read(second.dir.path().join("cache.sqlite")).unwrap();
    assert!(!bytes.windows(codes[0].len()).any(|w| w == codes[0].as_bytes()));
    let handle = second.app.handle().clone();
    block(async { handle.state::<Desk>().resume(&handle).await });
    assert_eq!(second.ok("session", json!({})), Value::Null, "nothing to resume");
}

/// A laptop that starts on a train: the kept sign-in cannot reach the portal, so the official's
/// saved copy opens (name, last sync, search, details); what needs the portal says so; when the
/// network returns the session goes live by itself and a sync runs.
#[test]
fn a_laptop_started_without_a_network_opens_the_saved_copy_and_goes_live_when_it_returns() {
    let notes = tempfile::tempdir().unwrap();
    let keychain =
        Keychain::in_store(keyring_core::mock::Store::new().expect("a mock store"), notes.path().join("kept"));
    let who = persona("linked");
    let first = Harness::with_keychain(Mode::Laptop, &keychain);
    first.ok("vneid", json!({ "input": { "event": "start", "task": { "kind": "submitted_dossiers" } } }));
    first.deliver(&first.vneid_page(&first.last_opened(), who.cccd));
    assert_eq!(first.synced()["state"], "done");
    let codes = first.codes();
    let Harness { app, sandbox, dir, .. } = first;
    drop(app);

    let second = Harness::build(sandbox, RedirectKind::Scheme, None, Mode::Laptop, keychain.clone(), dir, None);
    second.faults(json!({ "drop_rate": 1.0 }));
    let handle = second.app.handle().clone();
    assert_eq!(block(async { handle.state::<Desk>().resume(&handle).await }), Resumption::Waiting);
    let session = second.ok("session", json!({}));
    assert_eq!(session["account"]["full_name"], who.full_name, "{session}");
    assert!(session["offline_as_of"].is_string(), "{session}");
    let sync = second.ok("sync_view", json!({}));
    assert_eq!((sync["offline"].as_bool(), sync["last_synced_at"].is_string()), (Some(true), true), "{sync}");
    assert_eq!(second.codes(), codes, "the saved dossiers are there");
    let found = second.search("dang ky", json!({}));
    assert!(found["total"].as_u64().unwrap() > 0, "searching without accents works offline: {found}");
    let detail = second.ok("dossier", json!({ "code": codes[0] }));
    assert!(detail["as_of"].is_string(), "{detail}");
    let identity = second.ok("identity_view", json!({}));
    assert!(identity["offline_as_of"].is_string(), "{identity}");
    let refused = second.invoke("identity", json!({ "input": { "event": "begin" } })).unwrap_err();
    assert_eq!(refused["code"], "unreachable", "{refused}");
    assert!(keychain.kept().is_some(), "the kept sign-in waits for the network");

    second.faults(json!({}));
    assert_eq!(block(async { handle.state::<Desk>().resume(&handle).await }), Resumption::Done);
    let live = second.ok("session", json!({}));
    assert_eq!((live["offline_as_of"].clone(), live["method"].as_str()), (Value::Null, Some("vneid")), "{live}");
    assert_eq!(second.synced()["state"], "done", "a sync runs once the session is live");
    assert_eq!(second.codes(), codes);
}

#[test]
fn a_refused_kept_sign_in_is_forgotten_and_a_kiosk_keeps_none() {
    let notes = tempfile::tempdir().unwrap();
    let keychain =
        Keychain::in_store(keyring_core::mock::Store::new().expect("a mock store"), notes.path().join("kept"));
    let revoked = KeptSignIn { refresh_token: dvclink_core::secret::Secret::new("revoked"), nonce: "n".into() };
    keychain.keep(&revoked, Some("vneid:001085012345"));
    let laptop = Harness::with_keychain(Mode::Laptop, &keychain);
    let handle = laptop.app.handle().clone();
    block(async { handle.state::<Desk>().resume(&handle).await });
    assert_eq!(laptop.ok("session", json!({})), Value::Null);
    assert!(keychain.kept().is_none(), "VNeID refused it, so it is gone");

    let kiosk = Harness::with_keychain(Mode::Kiosk, &keychain);
    let view = kiosk.ok("vneid", json!({ "input": { "event": "start", "task": { "kind": "personal_info" } } }));
    let back = kiosk.vneid_page(&Url::parse(view["url"].as_str().unwrap()).unwrap(), persona("linked").cccd);
    kiosk.deliver(&back);
    assert_eq!(kiosk.ok("vneid_view", json!({}))["phase"], "signed_in");
    assert!(keychain.kept().is_none(), "a kiosk keeps nobody's sign-in");
}

#[test]
fn a_forged_id_token_is_refused_and_nothing_is_kept() {
    let h = Harness::start(RedirectKind::Scheme, None);
    let linked = persona("linked");
    h.faults(json!({ "id_token": "bad_signature" }));
    let start = json!({ "input": { "event": "start", "task": { "kind": "submitted_dossiers" } } });
    h.ok("vneid", start.clone());
    h.deliver(&h.vneid_page(&h.last_opened(), linked.cccd));
    let view = h.ok("vneid_view", json!({}));
    assert_eq!((&view["phase"], &view["problem"]["code"]), (&json!("failed"), &json!("id_token")), "{view}");
    assert!(view["problem"]["message"].as_str().unwrap().contains("từ chối để bảo vệ bạn"), "{view}");
    assert_eq!(h.ok("session", json!({})), Value::Null, "no one is signed in");
    assert_eq!(h.invoke("dossiers", json!({ "query": { "limit": 5 } })).unwrap_err()["code"], "not_signed_in");

    // Once VNeID behaves, the person signs in as usual.
    h.faults(json!({}));
    h.ok("vneid", start);
    h.deliver(&h.vneid_page(&h.last_opened(), linked.cccd));
    assert_eq!(h.ok("vneid_view", json!({}))["phase"], "signed_in");
    assert_eq!(h.synced()["state"], "done");
    assert_eq!(h.search("", json!({}))["total"], 25);
}

#[test]
fn a_chip_card_fills_the_number_and_shows_what_differs_from_the_account() {
    let h = Harness::kiosk();
    assert_eq!(h.ok("card_readers", json!({})), json!({ "readers": ["Test reader"], "card_present": false }));
    let mismatch = persona("mismatch");
    let view = h.sign_in(mismatch, json!({ "kind": "personal_info" }));
    assert_eq!(view["step"], "enter_cccd");
    let read = |input: Value| h.ok("read_card", json!({ "input": input }));

    // Nothing on the reader yet; a number too short to open the chip.
    assert_eq!(read(json!({ "number": mismatch.cccd }))["reason"], "no_card");
    h.reader.lay(mismatch, CardFault::None);
    assert_eq!(h.ok("card_readers", json!({}))["card_present"], true);
    let short = h.invoke("read_card", json!({ "input": { "number": "038078" } })).unwrap_err();
    assert_eq!(short["code"], "invalid_input");

    // The account's birth date is 05/11/1978, the card's 11/05/1978: the chip still opens
    // (day and month swapped), and the difference is named with its next step.
    let view = read(json!({ "number": "038 078 006 789" }));
    assert_eq!(view["outcome"], "read", "{view}");
    assert_eq!(view["authenticity"], "unverified");
    assert_eq!(view["number"], mismatch.cccd);
    assert_eq!(
        view["rows"][1],
        json!({ "label": "Ngày sinh", "account": "05/11/1978", "card": "11/05/1978", "differs": true })
    );
    assert_eq!(view["rows"][0]["differs"], false);
    assert_eq!(
        view["advice"],
        json!([{ "text": "Tài khoản ghi ngày sinh 05/11/1978, thẻ ghi 11/05/1978: hãy sửa ngày sinh trong Thông tin cá nhân.", "blocks_link": true }])
    );

    // A forged card, a bank card, and a card whose expiry must be typed.
    h.reader.lay(mismatch, CardFault::Tampered);
    let view = read(json!({ "number": mismatch.cccd }));
    assert_eq!((view["outcome"].as_str(), view["reason"].as_str()), (Some("failed"), Some("refused")), "{view}");
    h.reader.lay(mismatch, CardFault::NotIcao);
    assert_eq!(read(json!({ "number": mismatch.cccd }))["reason"], "not_chip_card");
    h.reader.lay(mismatch, CardFault::OddExpiry);
    let view = read(json!({ "number": mismatch.cccd }));
    assert_eq!((view["reason"].as_str(), view["birth_date"].as_str()), (Some("locked"), Some("05/11/1978")));
    let printed = CardFiles::make(
        &mismatch.citizen(),
        CardFault::OddExpiry,
        &TestPki::from_seed(1),
        chrono::Utc::now().date_naive(),
    )
    .unwrap()
    .expiry
    .format("%d/%m/%Y")
    .to_string();
    let bad =
        h.invoke("read_card", json!({ "input": { "number": mismatch.cccd, "expiry": "31-12-2040" } })).unwrap_err();
    assert_eq!(bad["code"], "invalid_input");
    let view = read(json!({ "number": mismatch.cccd, "birth_date": "11/05/1978", "expiry": printed }));
    assert_eq!(view["outcome"], "read", "{view}");

    // The office log says a card was read, and how it came out, and nothing else.
    h.ok("end_session", json!({ "reason": "button" }));
    let log = h.ok("audit_open", json!({ "pin": OFFICER_PIN }));
    let codes: Vec<&str> =
        log["entries"][0]["outcomes"].as_array().unwrap().iter().map(|o| o["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["card_unverified", "card_refused", "card_unverified"]);
}

#[test]
fn the_birth_date_the_card_showed_is_corrected_and_the_number_then_links() {
    let h = Harness::kiosk();
    let mismatch = persona("mismatch");
    h.reader.lay(mismatch, CardFault::None);
    h.sign_in(mismatch, json!({ "kind": "identity_info" }));
    let read = h.ok("read_card", json!({ "input": { "number": mismatch.cccd } }));
    assert_eq!(read["rows"][1]["differs"], true);
    assert_eq!(h.wizard(json!({ "event": "skip" }))["outcome"], "skipped");

    // Nothing to correct, a malformed date: said before anything is sent.
    let empty = h.invoke("update_personal", json!({ "change": {} })).unwrap_err();
    assert_eq!(empty["code"], "invalid_input");
    let bad = h.invoke("update_personal", json!({ "change": { "birth_date": "1978-05-11" } })).unwrap_err();
    assert_eq!(bad["code"], "invalid_input");
    let session = h.ok("update_personal", json!({ "change": { "birth_date": "11/05/1978" } }));
    let fields = session["account"]["fields"].as_array().unwrap();
    let birth = fields.iter().find(|f| f["key"] == "birth_date").unwrap();
    assert_eq!(birth["value"], "11/05/1978", "{session}");

    // The card agrees with the account now, and «Cập nhật» in Thông tin định danh links.
    h.ok("identity", json!({ "input": { "event": "open" } }));
    assert_eq!(h.ok("identity", json!({ "input": { "event": "begin" } }))["step"], "enter_cccd");
    let read = h.ok("read_card", json!({ "input": { "number": mismatch.cccd } }));
    assert_eq!((read["outcome"].as_str(), read["advice"].as_array().map(Vec::len)), (Some("read"), Some(0)), "{read}");
    let view = h.ok("identity", json!({ "input": { "event": "submit_cccd", "input": read["number"] } }));
    assert_eq!(view["step"], "preview", "{view}");

    let view = h.ok("identity", json!({ "input": { "event": "confirm" } }));
    assert_eq!(view["notice"]["kind"], "updated", "{view}");

    // Linked, the details can no longer be changed here.
    let locked = h.invoke("update_personal", json!({ "change": { "birth_date": "05/11/1978" } })).unwrap_err();
    assert_eq!(locked["code"], "invalid_input");
    assert!(locked["message"].as_str().unwrap().contains("không sửa ở đây"), "{locked}");
}
