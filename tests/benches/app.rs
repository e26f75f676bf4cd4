//! `cargo xtask bench-app`: dvclink in release, as offices install it (no sandbox inside, run
//! against a sandbox serving on its own as its portal and VNeID), against a bare Tauri 2 app of
//! the same versions and profile, in one run under Xvfb. Cold start until the first screen has
//! done its IPC round trip, resident memory of the app and its WebKit processes once idle, binary
//! size, one page↔Rust round trip (a trivial command in each app, the bare app's as the floor),
//! and the time from a VNeID deep-link callback to the signed-in task screen. Each figure is the
//! median of `RUNS` runs (at least 5) with min and max; xtask builds both apps and passes their
//! paths, and the sandbox's port as `DVCLINK_E2E_PORTAL_PORT`.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use dvclink_e2e::Stage;
use dvclink_sandbox::persona::Persona;
use dvclink_sandbox::population::VNEID_PASSWORD;

/// The line both apps print once their first screen has asked the Rust side something.
const READY: &str = "the first screen is up";
/// How long an app is left alone after start before its memory is read.
const IDLE: Duration = Duration::from_secs(3);

/// One app under measurement.
struct Subject {
    name: &'static str,
    binary: PathBuf,
}

/// One start: time to the first screen and the resident memory once idle.
struct Start {
    ready: Duration,
    rss_kib: u64,
    pss_kib: u64,
}

fn main() {
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(7).max(5);
    let path = |key: &str| PathBuf::from(std::env::var_os(key).unwrap_or_else(|| panic!("{key} names a binary")));
    let dvclink = Subject { name: "dvclink", binary: path("DVCLINK_APP") };
    let bare = Subject { name: "bare Tauri", binary: path("BARE_APP") };

    // `DVCLINK_BENCH=start` or `link` runs one part, for profiling.
    let part = std::env::var("DVCLINK_BENCH").unwrap_or_default();
    // Alternate the two, so that whatever else the machine does falls on both alike.
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let only = |name: &str| part.is_empty() || part == name;
    for _ in 0..if only("start") { runs } else { 0 } {
        theirs.push(start(&bare));
        ours.push(start(&dvclink));
    }
    let links = if only("link") { deep_link_runs(runs) } else { Vec::new() };
    let trips = if only("ipc") { round_trips(&dvclink, &bare) } else { None };

    say(&format!("dvclink against a bare Tauri app, {runs} runs each (median [min, max])"));
    if !ours.is_empty() {
        report_starts(&ours, &theirs, &dvclink, &bare);
    }
    if !links.is_empty() {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let (median, min, max) = summary(&links.iter().map(|run| ms(run.shown)).collect::<Vec<_>>());
        say(&format!(
            "deep-link callback to the signed-in task screen (ms): {median:.0} [{min:.0}, {max:.0}] (goal ≤ 120: {})",
            verdict(median <= 120.0)
        ));
        // The progress screen shows only when the answers are slow; say how often it did.
        let working: Vec<String> =
            links.iter().filter_map(|run| run.working.map(|d| format!("{:.0}", ms(d)))).collect();
        if !working.is_empty() {
            say(&format!(
                "  the progress screen showed in {} of {} runs, at (ms): {}",
                working.len(),
                links.len(),
                working.join(", ")
            ));
        }
    }
    if let Some((ours, theirs)) = trips {
        let (ours, theirs) = (ours.as_secs_f64() * 1000.0, theirs.as_secs_f64() * 1000.0);
        say(&format!(
            "page↔Rust round trip, median of {TRIPS} (ms): dvclink app_info {ours:.2}, bare ready {theirs:.2}; ratio {:.2} (goal ≤ 1.2: {})",
            ours / theirs,
            verdict(ours / theirs <= 1.2)
        ));
    }
}

/// How many calls each round-trip figure is the median of.
const TRIPS: u32 = 200;

/// One trivial command called from the page, `TRIPS` times in a row, in each app: dvclink's
/// `app_info` (no IO) and the bare app's `ready`.
fn round_trips(dvclink: &Subject, bare: &Subject) -> Option<(Duration, Duration)> {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let mut stage = Stage::new("bench-round-trip", "laptop").await;
        let mut app = stage.launch_binary(&dvclink.binary, &[]).await;
        app.screen("home").await;
        let ours = app.round_trip("app_info", TRIPS).await;
        app.close().await;
        let mut app = stage.launch_binary(&bare.binary, &[]).await;
        app.wait_for("h1").await;
        let theirs = app.round_trip("ready", TRIPS).await;
        app.close().await;
        Some((ours, theirs))
    })
}

/// Cold start, memory and size, each against the bare app.
fn report_starts(ours: &[Start], theirs: &[Start], dvclink: &Subject, bare: &Subject) {
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    let ready = |v: &[Start]| v.iter().map(|s| ms(&s.ready)).collect::<Vec<_>>();
    let rss = |v: &[Start]| v.iter().map(|s| s.rss_kib as f64 / 1024.0).collect::<Vec<_>>();
    let pss = |v: &[Start]| v.iter().map(|s| s.pss_kib as f64 / 1024.0).collect::<Vec<_>>();
    let size = |s: &Subject| std::fs::metadata(&s.binary).map(|m| m.len()).unwrap_or_else(|e| panic!("{e}"));
    compare("cold start to the first screen (ms)", &ready(ours), &ready(theirs), Some(1.1));
    compare("resident memory idle, RSS summed (MiB)", &rss(ours), &rss(theirs), Some(1.2));
    compare("resident memory idle, PSS summed (MiB)", &pss(ours), &pss(theirs), None);
    let (our_size, their_size) = (size(dvclink) as f64 / 1048576.0, size(bare) as f64 / 1048576.0);
    let ratio = our_size / their_size;
    say(&format!(
        "binary size (MiB): dvclink {our_size:.2}, bare {their_size:.2}; ratio {ratio:.2} (goal ≤ 1.5: {})",
        verdict(ratio <= 1.5)
    ));
    // Installed beside it, for links (see `src-tauri/src/bin/dvclink-open.rs`).
    let opener = std::fs::metadata(dvclink.binary.with_file_name("dvclink-open")).map_or(0, |m| m.len());
    say(&format!("  dvclink-open beside it (MiB): {:.2}", opener as f64 / 1048576.0));
}

/// Starts `subject` with fresh data directories, waits for its first screen, lets it idle,
/// reads its memory and that of every process it started, and stops them all.
fn start(subject: &Subject) -> Start {
    let dirs = tempfile::tempdir().expect("a temporary directory");
    let sub = |name: &str| dirs.path().join(name);
    let mut command = Command::new(&subject.binary);
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    // The office build needs its portal: the sandbox xtask started, as an office configures it.
    if let Some(port) = std::env::var("DVCLINK_E2E_PORTAL_PORT").ok().filter(|_| subject.name == "dvclink") {
        command.env("DVCLINK_PORTAL_URL", format!("http://127.0.0.1:{port}/portal/api/v1/"));
        command.env("DVCLINK_ISSUER", format!("http://127.0.0.1:{port}/auth/realms/citizen"));
    }
    let began = Instant::now();
    let mut child = command
        .env("XDG_CONFIG_HOME", sub("config"))
        .env("XDG_DATA_HOME", sub("data"))
        .env("XDG_CACHE_HOME", sub("cache"))
        .env("XDG_STATE_HOME", sub("state"))
        .env("BROWSER", "true")
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .env("NO_AT_BRIDGE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{} starts: {e}", subject.binary.display()));
    let stdout = child.stdout.take().expect("piped");
    let (sender, ready) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains(READY) {
                let _ = sender.send(began.elapsed());
            }
        }
    });
    let ready =
        ready.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| panic!("{} never got ready", subject.name));
    std::thread::sleep(IDLE);
    let (rss_kib, pss_kib) = tree(child.id())
        .iter()
        .fold((0, 0), |(rss, pss), pid| (rss + status_kib(*pid, "VmRSS:"), pss + rollup_kib(*pid, "Pss:")));
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
    let _ = child.wait();
    Start { ready, rss_kib, pss_kib }
}

/// `root` and every process below it.
fn tree(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // The fields after the command name, which is in parentheses and may hold spaces.
            let rest = &stat[stat.rfind(')')? + 2..];
            let parent = rest.split(' ').nth(1)?.parse().ok()?;
            Some((pid, parent))
        })
        .collect();
    let mut found = vec![root];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next];
        found.extend(parents.iter().filter(|(_, p)| *p == parent).map(|(pid, _)| *pid));
        next += 1;
    }
    found
}

fn status_kib(pid: u32, key: &str) -> u64 {
    field_kib(&format!("/proc/{pid}/status"), key)
}

fn rollup_kib(pid: u32, key: &str) -> u64 {
    field_kib(&format!("/proc/{pid}/smaps_rollup"), key)
}

fn field_kib(path: &str, key: &str) -> u64 {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines().find_map(|line| line.strip_prefix(key)?.split_whitespace().next()?.parse().ok()).unwrap_or(0)
}

/// One deep-link sign-in: from the callback's launch to the signed-in task screen, and to the
/// progress screen that shows once the running app has the link.
struct LinkRun {
    shown: Duration,
    working: Option<Duration>,
}

/// Signs the linked persona in with VNeID `runs` times in one app and measures, each time, from
/// the operating system running the desktop entry's program, `dvclink-open`, with the callback
/// (as the browser has it do) to the signed-in task screen being in the page.
fn deep_link_runs(runs: usize) -> Vec<LinkRun> {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let who = Persona::by_key("linked").expect("the linked persona");
        let mut stage = Stage::new("bench-deep-link", "laptop").await;
        let mut app = stage.launch(&[]).await;
        app.screen("home").await;
        let mut taken = Vec::new();
        for _ in 0..runs {
            app.click("task-dossiers").await;
            app.screen("signin-choice").await;
            app.click("btn-signin-vneid").await;
            app.screen("vneid-waiting").await;
            let url = app.text_of("#vneid-url").await;
            let back = app.stage().sign_in_on_vneid_page(&url, who.cccd, VNEID_PASSWORD).await;
            app.client.execute(WATCH, Vec::new()).await.expect("the watch is set");
            let sent = SystemTime::now();
            app.stage().open_link(&back);
            let times = app.client.execute_async(SHOWN_AT, Vec::new()).await.expect("the task screen shows");
            let since_sent = |index: usize| {
                let at = times[index].as_f64()?;
                (UNIX_EPOCH + Duration::from_secs_f64(at / 1000.0)).duration_since(sent).ok()
            };
            taken.push(LinkRun { shown: since_sent(1).unwrap_or_default(), working: since_sent(0) });
            app.screen("dossiers").await;
            app.synced().await;
            app.click("btn-sign-out").await;
            app.screen("home").await;
        }
        app.close().await;
        taken
    })
}

/// Notes the wall-clock times at which the sign-in's progress screen (the app's first sign of the
/// link) and the signed-in dossier list enter the page.
const WATCH: &str = "window.__shownAt = null; window.__workingAt = null;
    const seen = (name) => document.querySelector(`[data-screen=\"${name}\"]`) !== null;
    const watch = new MutationObserver(() => {
        if (window.__workingAt === null && seen('vneid-working')) window.__workingAt = Date.now();
        if (seen('dossiers')) { window.__shownAt = Date.now(); watch.disconnect(); }
    });
    watch.observe(document.body, { childList: true, subtree: true, attributes: true });";

/// Answers both times once the list is in.
const SHOWN_AT: &str = "const done = arguments[0];
    const check = () => window.__shownAt !== null ? done([window.__workingAt, window.__shownAt]) : setTimeout(check, 5);
    check();";

fn compare(what: &str, ours: &[f64], theirs: &[f64], goal: Option<f64>) {
    let (our_median, our_min, our_max) = summary(ours);
    let (their_median, their_min, their_max) = summary(theirs);
    let ratio = our_median / their_median;
    let goal = goal.map_or(String::new(), |g| format!(" (goal ≤ {g}: {})", verdict(ratio <= g)));
    say(&format!(
        "{what}: dvclink {our_median:.1} [{our_min:.1}, {our_max:.1}], bare {their_median:.1} \
         [{their_min:.1}, {their_max:.1}]; ratio {ratio:.2}{goal}"
    ));
}

/// Median, min and max.
fn summary(values: &[f64]) -> (f64, f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    (median, sorted[0], sorted[sorted.len() - 1])
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT met" }
}

#[allow(clippy::print_stdout, reason = "a benchmark's report is its output")]
fn say(line: &str) {
    println!("{line}");
}
