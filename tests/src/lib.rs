//! The harness of the end-to-end tests: the real `dvclink` binary, started by `tauri-driver`
//! (WebKitWebDriver underneath) against its embedded sandbox, driven like a person would, with
//! a screenshot of every step under `target/e2e-screenshots/`. Each test's stage has a desktop
//! of its own (an Xvfb display and a D-Bus session bus, see [`Desktop`]), so the journeys run
//! side by side as plain `cargo test -p dvclink-e2e` runs them.

mod desktop;

pub use crate::desktop::Desktop;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use url::Url;

/// How long a screen may take to appear, network waits included.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// How long any single step may take before the test fails instead of hanging: a WebDriver
/// command that never answers must not hold CI up.
const DEADLINE: Duration = Duration::from_secs(90);

/// Runs `step`, failing the test if it takes longer than [`DEADLINE`].
async fn bounded<T>(what: &str, step: impl Future<Output = T>) -> T {
    match tokio::time::timeout(DEADLINE, step).await {
        Ok(value) => value,
        Err(_) => panic!("{what} did not finish within {} s", DEADLINE.as_secs()),
    }
}

/// A test's world: its own config and data directories, the sandbox port, and the driver.
#[allow(missing_debug_implementations, reason = "holds a process and a WebDriver client")]
pub struct Stage {
    name: String,
    dirs: tempfile::TempDir,
    pub sandbox_port: u16,
    mode: &'static str,
    driver: Child,
    driver_port: u16,
    /// Dropped after the driver, so the app never outlives its display.
    desktop: Desktop,
    /// More of the app's environment: a locale, an office's configuration.
    extra: Vec<(String, String)>,
    shots: usize,
    http: reqwest::Client,
}

/// One run of the app, driven through WebDriver.
#[allow(missing_debug_implementations, reason = "holds a WebDriver client")]
pub struct App<'a> {
    stage: &'a mut Stage,
    pub client: Client,
}

impl Stage {
    /// Starts `tauri-driver` for a test named `name`, in `mode` ("laptop" or "kiosk").
    /// The app inherits the driver's environment, so the driver gets the app's.
    pub async fn new(name: &str, mode: &'static str) -> Stage {
        Stage::with_desktop(name, mode, false, &[]).await
    }

    /// An official's laptop with a keychain (GNOME Keyring) on its desktop, where the app keeps
    /// the VNeID sign-in between runs.
    pub async fn laptop_with_keychain(name: &str) -> Stage {
        Stage::with_desktop(name, "laptop", true, &[]).await
    }

    /// A stage whose app also gets `env`, such as another system locale.
    pub async fn with_env(name: &str, mode: &'static str, env: &[(&str, &str)]) -> Stage {
        Stage::with_desktop(name, mode, false, env).await
    }

    async fn with_desktop(name: &str, mode: &'static str, keychain: bool, env: &[(&str, &str)]) -> Stage {
        let dirs = tempfile::tempdir().expect("a temporary directory");
        let mut desktop = Desktop::start();
        if keychain {
            desktop.add_keychain(&dirs.path().join("keychain"));
        }
        let mut extra: Vec<(String, String)> = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        // `DVCLINK_E2E_PORTAL_PORT`: the app is an office build, configured as an office would
        // configure it, against a sandbox already serving on that port (`cargo xtask bench-app`).
        let external = std::env::var("DVCLINK_E2E_PORTAL_PORT").ok().and_then(|p| p.parse::<u16>().ok());
        if let Some(port) = external {
            extra.push(("DVCLINK_PORTAL_URL".into(), format!("http://127.0.0.1:{port}/portal/api/v1/")));
            extra.push(("DVCLINK_ISSUER".into(), format!("http://127.0.0.1:{port}/auth/realms/citizen")));
        }
        let sandbox_port = external.unwrap_or_else(free_port);
        let driver_port = free_port();
        let native_port = free_port();
        let mut driver = Command::new(tauri_driver());
        // Its own process group, so that the driver, WebKitWebDriver and the app end together.
        std::os::unix::process::CommandExt::process_group(&mut driver, 0);
        let driver = driver
            .args(["--port", &driver_port.to_string(), "--native-port", &native_port.to_string()])
            .envs(app_env(dirs.path(), sandbox_port, mode, &desktop, &extra))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver starts (cargo install tauri-driver --locked)");
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
        let stage = Stage {
            name: name.to_owned(),
            dirs,
            sandbox_port,
            mode,
            driver,
            driver_port,
            desktop,
            extra,
            shots: 0,
            http,
        };
        stage.wait_for_driver().await;
        stage
    }

    /// The environment the app runs in.
    pub fn env(&self) -> Vec<(String, String)> {
        app_env(self.dirs.path(), self.sandbox_port, self.mode, &self.desktop, &self.extra)
    }

    /// Launches the app, with `args` on its command line.
    pub async fn launch(&mut self, args: &[&str]) -> App<'_> {
        self.launch_binary(&app_binary(), args).await
    }

    /// Launches another Tauri app on this stage (the bare app the benchmarks compare with).
    pub async fn launch_binary(&mut self, binary: &Path, args: &[&str]) -> App<'_> {
        let mut caps = Capabilities::new();
        caps.insert("tauri:options".into(), json!({ "application": binary.display().to_string(), "args": args }));
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        let address = format!("http://127.0.0.1:{}", self.driver_port);
        let client =
            bounded("starting the app", builder.connect(&address)).await.expect("a WebDriver session with the app");
        App { stage: self, client }
    }

    /// Runs what the desktop entry names for a deep link, `dvclink-open`, with `link`, as the
    /// operating system does; the running app receives it and this process ends.
    pub fn open_link(&self, link: &str) {
        self.open_link_with(&link_binary(), link);
    }

    /// Runs `program` with `link`, as the operating system would if it were registered for it.
    pub fn open_link_with(&self, program: &Path, link: &str) {
        let status = Command::new(program)
            .arg(link)
            .envs(self.env())
            .stdout(Stdio::null())
            .status()
            .expect("the app binary runs");
        assert!(status.success(), "the second launch hands the link over and exits: {status}");
    }

    /// Sets the embedded sandbox's fault injection: `{"drop_rate": 1.0}` is a portal that
    /// cannot be reached (the network is gone); `{}` brings it back.
    pub async fn faults(&self, settings: Value) {
        let url = self.sandbox().join("sandbox/faults").expect("a URL");
        let response = self.http.put(url).json(&settings).send().await.expect("the sandbox answers");
        assert!(response.status().is_success(), "faults set: {}", response.status());
    }

    /// Reads every file the app wrote for this test (cache, write-ahead log, webview data and
    /// caches) and fails if one holds any of `traces`. The embedded sandbox's own files stand
    /// for the remote portal and are left out, as are the logs (issue 6 checks those).
    pub fn assert_no_trace(&self, traces: &[String]) {
        let mut files = Vec::new();
        let mut dirs = vec![self.dirs.path().to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                let name = entry.file_name();
                if path.is_dir() {
                    if name != "sandbox" && name != "logs" {
                        dirs.push(path);
                    }
                } else {
                    files.push(path);
                }
            }
        }
        assert!(files.iter().any(|f| f.ends_with("cache.sqlite")), "the cache file is among {files:?}");
        for file in &files {
            let Ok(bytes) = std::fs::read(file) else { continue };
            for trace in traces {
                let found = bytes.windows(trace.len()).any(|w| w == trace.as_bytes());
                assert!(!found, "{trace:?} is left in {}", file.display());
            }
        }
    }

    /// Everything the app logged during this test (its log files), one string.
    pub fn logged(&self) -> String {
        let mut text = String::new();
        let mut dirs = vec![self.dirs.path().to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "log") {
                    text.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()));
                }
            }
        }
        text
    }

    /// The sandbox's base URL.
    pub fn sandbox(&self) -> Url {
        Url::parse(&format!("http://127.0.0.1:{}/", self.sandbox_port)).expect("a URL")
    }

    /// The newest one-time code texted to `phone`.
    pub async fn texted_code(&self, phone: &str) -> String {
        dvclink_sandbox::testing::texted_code(&self.http, &self.sandbox(), phone).await
    }

    /// Signs in on the VNeID page at `url` with a CCCD and password, as a person in a browser
    /// would, and returns where VNeID sends the browser back.
    pub async fn sign_in_on_vneid_page(&self, url: &str, cccd: &str, password: &str) -> String {
        let page = self.http.get(url).send().await.expect("the page").text().await.expect("html");
        let start = page.find("name=\"request\" value=\"").expect("a sign-in form") + 22;
        let request = &page[start..start + page[start..].find('"').expect("end")];
        let mut login = Url::parse(url).expect("a URL");
        login.set_query(None);
        login.set_path(&format!("{}/login", login.path()));
        let response = self
            .http
            .post(login)
            .form(&[("request", request), ("cccd", cccd), ("password", password)])
            .send()
            .await
            .expect("the form posts");
        response.headers()["location"].to_str().expect("a redirect").to_owned()
    }

    /// The QR code on the sign-in page, as a phone pointed at the screen reads it.
    pub async fn scanned_qr(&self) -> String {
        let url = self.sandbox().join("sandbox/qr").expect("a URL");
        bounded("a QR code on screen", async {
            loop {
                let codes: Value = self.http.get(url.clone()).send().await.expect("qr").json().await.expect("json");
                if let Some(qr) = codes[0]["qr"].as_str() {
                    return qr.to_owned();
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
        .await
    }

    /// The citizen's VNeID phone app approves the QR code.
    pub async fn approve_on_phone(&self, qr: &str, cccd: &str) {
        let status = self.phone_answers(qr, cccd).await;
        assert!(status.is_success(), "the phone approves: {status}");
    }

    /// The phone's VNeID app answers the QR code: approved, or refused when web sign-in is off.
    pub async fn phone_answers(&self, qr: &str, cccd: &str) -> reqwest::StatusCode {
        let url = self.sandbox().join("sandbox/phone/approve").expect("a URL");
        let response = self.http.post(url).json(&json!({ "qr": qr, "cccd": cccd })).send().await.expect("approve");
        response.status()
    }

    /// Puts `trouble` on the citizen's VNeID account (see the sandbox's `/sandbox/vneid`).
    pub async fn vneid_trouble(&self, cccd: &str, trouble: &str) {
        let url = self.sandbox().join(&format!("sandbox/vneid/accounts/{cccd}")).expect("a URL");
        let response = self.http.put(url).json(&json!({ "trouble": trouble })).send().await.expect("the sandbox");
        assert!(response.status().is_success(), "the trouble is set: {}", response.status());
    }

    /// A citizen lays their card (with `fault`, see the sandbox's `/sandbox/reader`) on the vpcd
    /// reader at `reader`, or takes it away with `None`. Answers what the card prints as expiry.
    pub async fn lay_card(&self, reader: SocketAddr, cccd: Option<&str>, fault: &str) -> Value {
        let url = self.sandbox().join("sandbox/reader").expect("a URL");
        let body = json!({ "reader": reader, "cccd": cccd, "fault": fault });
        let response = self.http.put(url).json(&body).send().await.expect("the sandbox answers");
        assert!(response.status().is_success(), "the card is laid: {}", response.status());
        response.json().await.expect("an answer")
    }

    fn screenshot_dir(&self) -> PathBuf {
        workspace().join("target").join("e2e-screenshots").join(&self.name)
    }

    async fn wait_for_driver(&self) {
        let status = format!("http://127.0.0.1:{}/status", self.driver_port);
        for _ in 0..200 {
            if self.http.get(&status).send().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("tauri-driver did not start listening");
    }
}

impl Drop for Stage {
    /// Ends the driver and everything it started: after a failed test the app may still run,
    /// and the next test's app would hand itself over to it instead of starting.
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl App<'_> {
    /// Waits for the screen `name` (its `data-screen`) and saves a screenshot of it.
    pub async fn screen(&mut self, name: &str) -> Element {
        let css = format!("[data-screen=\"{name}\"]");
        let found = bounded(
            &format!("waiting for {name}"),
            self.client.wait().at_most(PATIENCE).for_element(Locator::Css(&css)),
        )
        .await;
        match found {
            Ok(element) => {
                self.shot(name).await;
                element
            }
            Err(error) => {
                self.shot(&format!("missing-{name}")).await;
                let now = self.current_screen().await;
                panic!("screen {name} did not appear (showing {now:?}): {error}");
            }
        }
    }

    pub async fn current_screen(&self) -> Option<String> {
        bounded("reading the screen", async {
            let element = self.client.find(Locator::Css("[data-screen]")).await.ok()?;
            element.attr("data-screen").await.ok().flatten()
        })
        .await
    }

    /// Opens the first dossier of the list.
    pub async fn click_first_dossier(&self) {
        bounded("opening a dossier", async {
            let row = self
                .client
                .wait()
                .at_most(PATIENCE)
                .for_element(Locator::Css("[data-dossier-code]"))
                .await
                .expect("a dossier");
            row.click().await.expect("the dossier opens");
        })
        .await;
    }

    /// Waits for an element matching `css` and returns its text.
    pub async fn wait_for(&mut self, css: &str) -> String {
        let found =
            bounded(&format!("waiting for {css}"), self.client.wait().at_most(PATIENCE).for_element(Locator::Css(css)))
                .await;
        match found {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(error) => {
                self.shot("missing-element").await;
                panic!("{css} did not appear: {error}");
            }
        }
    }

    /// Waits for an element matching `css` whose text contains `text`: the page tells when it
    /// changes (a debounced search), so nothing polls.
    pub async fn wait_for_text(&mut self, css: &str, text: &str) {
        const SCRIPT: &str = "const [css, text, done] = arguments;
            const check = () => (document.querySelector(css)?.textContent ?? '').includes(text);
            if (check()) { done(true); return; }
            const watch = new MutationObserver(() => { if (check()) { watch.disconnect(); done(true); } });
            watch.observe(document.body, { childList: true, subtree: true, characterData: true });";
        let args = vec![Value::from(css), Value::from(text)];
        let found = bounded(&format!("waiting for {text:?} in {css}"), self.client.execute_async(SCRIPT, args)).await;
        if let Err(error) = found {
            self.shot("missing-text").await;
            panic!("{text:?} did not appear in {css}: {error}");
        }
    }

    /// The median time of `runs` calls of the trivial command `cmd` from the page and back, one
    /// after the other, as the page's own clock measures them.
    pub async fn round_trip(&self, cmd: &str, runs: u32) -> Duration {
        const SCRIPT: &str = "const [cmd, runs, done] = arguments;
            (async () => {
                const times = [];
                for (let i = 0; i < runs; i += 1) {
                    const start = performance.now();
                    await window.__TAURI_INTERNALS__.invoke(cmd, {});
                    times.push(performance.now() - start);
                }
                times.sort((a, b) => a - b);
                done(times[Math.floor(times.length / 2)]);
            })().catch((e) => done(-1));";
        let args = vec![Value::from(cmd), Value::from(runs)];
        let ms =
            bounded(&format!("timing {cmd}"), self.client.execute_async(SCRIPT, args)).await.expect("the page answers");
        let ms = ms.as_f64().unwrap_or(-1.0);
        assert!(ms >= 0.0, "{cmd} could not be called from the page");
        Duration::from_secs_f64(ms / 1000.0)
    }

    /// Waits until no element matches `css`: the page tells when it changes, so nothing polls.
    pub async fn wait_for_gone(&mut self, css: &str) {
        const SCRIPT: &str = "const [css, done] = arguments;
            const gone = () => document.querySelector(css) === null;
            if (gone()) { done(true); return; }
            const watch = new MutationObserver(() => { if (gone()) { watch.disconnect(); done(true); } });
            watch.observe(document.body, { childList: true, subtree: true, attributes: true });";
        let found =
            bounded(&format!("waiting for {css} to go"), self.client.execute_async(SCRIPT, vec![Value::from(css)]))
                .await;
        if let Err(error) = found {
            self.shot("still-there").await;
            panic!("{css} did not go: {error}");
        }
    }

    /// The codes of the dossiers on the screen.
    pub async fn dossier_codes(&self) -> Vec<String> {
        bounded("reading the dossier codes", async {
            let rows = self.client.find_all(Locator::Css("[data-dossier-code]")).await.unwrap_or_default();
            let mut codes = Vec::new();
            for row in rows {
                codes.extend(row.attr("data-dossier-code").await.ok().flatten());
            }
            codes
        })
        .await
    }

    /// Waits until the dossiers of the person are all in the cache.
    pub async fn synced(&mut self) {
        self.wait_for("[data-sync-state=\"done\"]").await;
    }

    pub async fn click(&self, id: &str) {
        let element = self.element(id).await;
        bounded(&format!("clicking #{id}"), element.click()).await.unwrap_or_else(|e| panic!("click #{id}: {e}"));
    }

    pub async fn type_into(&self, id: &str, text: &str) {
        let element = self.element(id).await;
        bounded(&format!("typing into #{id}"), async {
            element.clear().await.unwrap_or_else(|e| panic!("clear #{id}: {e}"));
            element.send_keys(text).await.unwrap_or_else(|e| panic!("type into #{id}: {e}"));
        })
        .await;
    }

    pub async fn text_of(&self, css: &str) -> String {
        bounded(&format!("reading {css}"), async {
            let element = self.client.wait().at_most(PATIENCE).for_element(Locator::Css(css)).await.expect(css);
            element.text().await.unwrap_or_default()
        })
        .await
    }

    /// The whole visible text of the page.
    pub async fn page_text(&self) -> String {
        self.text_of("body").await
    }

    pub async fn element(&self, id: &str) -> Element {
        bounded(&format!("finding #{id}"), self.client.wait().at_most(PATIENCE).for_element(Locator::Id(id)))
            .await
            .unwrap_or_else(|e| panic!("#{id} is on the screen: {e}"))
    }

    pub async fn shot(&mut self, step: &str) {
        let dir = self.stage.screenshot_dir();
        let _ = std::fs::create_dir_all(&dir);
        self.stage.shots += 1;
        if let Ok(Ok(png)) = tokio::time::timeout(DEADLINE, self.client.screenshot()).await {
            let _ = std::fs::write(dir.join(format!("{:02}-{step}.png", self.stage.shots)), png);
        }
    }

    pub fn stage(&self) -> &Stage {
        self.stage
    }

    /// Ends the session, which closes the app.
    pub async fn close(self) {
        let _ = tokio::time::timeout(DEADLINE, self.client.close()).await;
    }
}

/// The app binary: `DVCLINK_APP`, or the debug build of the workspace.
pub fn app_binary() -> PathBuf {
    std::env::var_os("DVCLINK_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target").join("debug").join("dvclink"))
}

/// `dvclink-open`, built beside the app: what the desktop entry runs for a link.
pub fn link_binary() -> PathBuf {
    app_binary().with_file_name("dvclink-open")
}

/// Fresh directories, the sandbox port, the mode, the stage's own display and bus; no browser,
/// no compositing, no accessibility bus.
fn app_env(
    dir: &Path,
    sandbox_port: u16,
    mode: &str,
    desktop: &Desktop,
    extra: &[(String, String)],
) -> Vec<(String, String)> {
    let sub = |name: &str| dir.join(name).display().to_string();
    let mut env = desktop.env().to_vec();
    env.extend([
        ("XDG_CONFIG_HOME".into(), sub("config")),
        ("XDG_DATA_HOME".into(), sub("data")),
        ("XDG_CACHE_HOME".into(), sub("cache")),
        ("XDG_STATE_HOME".into(), sub("state")),
        ("DVCLINK_SANDBOX_PORT".into(), sandbox_port.to_string()),
        ("DVCLINK_MODE".into(), mode.into()),
        // No browser opens during the tests: the test fills the VNeID page itself.
        ("BROWSER".into(), "true".into()),
        ("WEBKIT_DISABLE_COMPOSITING_MODE".into(), "1".into()),
        ("NO_AT_BRIDGE".into(), "1".into()),
    ]);
    env.extend(extra.iter().cloned());
    env
}

fn tauri_driver() -> PathBuf {
    std::env::var_os("TAURI_DRIVER").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn free_port() -> u16 {
    TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
