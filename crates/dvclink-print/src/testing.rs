//! A CUPS server of a test's own, for the tests of this crate and of the desktop app: cupsd in
//! the foreground in a temp dir, listening on a socket there, with one queue on Debian's
//! cups-pdf whose PDFs land in the temp dir too. cups-pdf reads a queue's settings only from
//! `/etc/cups`, so that one small file is written there, and removed when the server stops: the
//! tests run as root, as CI does.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::{Paper, Printer};

/// Numbers the servers of one test process, so that their queues (and the settings files
/// cups-pdf reads by queue name) never collide.
static STARTED: AtomicU32 = AtomicU32::new(0);

/// cupsd in the foreground, and the per-queue cups-pdf settings it needs (cups-pdf reads them
/// only from `/etc/cups`; the file is removed when the server stops).
#[derive(Debug)]
pub struct Cups {
    dir: tempfile::TempDir,
    daemon: Child,
    queue: String,
    queue_config: PathBuf,
}

impl Cups {
    pub fn start() -> Cups {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for sub in ["spool", "tmp", "cache", "state", "out", "ppd"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        // Filters run as CUPS's own user, which must reach the temp folder and write in it.
        let open = |path: &Path, mode| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
        open(root, 0o755);
        open(&root.join("tmp"), 0o1777);
        let socket = root.join("cups.sock");
        std::fs::write(
            root.join("cupsd.conf"),
            format!(
                "Listen {}\nLogLevel warn\nWebInterface No\nBrowsing No\nPreserveJobFiles No\n\
                 PreserveJobHistory No\nMaxJobTime 60\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
                socket.display()
            ),
        )
        .unwrap();
        std::fs::write(
            root.join("cups-files.conf"),
            format!(
                "ServerRoot {r}\nRequestRoot {r}/spool\nTempDir {r}/tmp\nCacheDir {r}/cache\nStateDir {r}/state\n\
                 AccessLog {r}/access_log\nErrorLog {r}/error_log\nPageLog {r}/page_log\nSystemGroup root\n",
                r = root.display()
            ),
        )
        .unwrap();
        let queue = format!("dvclink_test_{}_{}", std::process::id(), STARTED.fetch_add(1, Ordering::Relaxed));
        let queue_config = PathBuf::from(format!("/etc/cups/cups-pdf-{queue}.conf"));
        std::fs::write(
            &queue_config,
            format!("Out {}\nLabel 2\nAnonDirName {}\n", root.join("out").display(), root.join("out").display()),
        )
        .expect("the queue's cups-pdf settings (the tests run as root, as CI does)");
        let daemon = Command::new("cupsd")
            .args(["-f", "-c"])
            .arg(root.join("cupsd.conf"))
            .arg("-s")
            .arg(root.join("cups-files.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("cupsd starts");
        let cups = Cups { dir, daemon, queue, queue_config };
        cups.wait_until_running();
        let ppd = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd";
        // `cups-pdf:/NAME` makes cups-pdf read `/etc/cups/cups-pdf-NAME.conf`.
        let device = format!("cups-pdf:/{}", cups.queue);
        cups.admin("lpadmin", &["-p", &cups.queue, "-E", "-v", &device, "-P", ppd]);
        cups
    }

    pub fn queue(&self) -> &str {
        &self.queue
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn socket(&self) -> String {
        self.dir.path().join("cups.sock").display().to_string()
    }

    pub fn printer(&self, paper: Paper) -> Printer {
        Printer::new(self.queue.clone(), paper).on_server(self.socket())
    }

    /// Asks the scheduler until it answers (it binds its socket a moment after starting).
    pub fn wait_until_running(&self) {
        for _ in 0..100 {
            let output = Command::new("lpstat").arg("-r").env("CUPS_SERVER", self.socket()).output().unwrap();
            if String::from_utf8_lossy(&output.stdout).contains("scheduler is running") {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "cupsd did not start: {}",
            std::fs::read_to_string(self.dir.path().join("error_log")).unwrap_or_default()
        );
    }

    /// Runs a CUPS admin tool (`lpadmin`, `cupsenable`, `cupsdisable`) against this server.
    pub fn admin(&self, tool: &str, args: &[&str]) {
        let status = Command::new(tool).args(args).env("CUPS_SERVER", self.socket()).status().unwrap();
        assert!(status.success(), "{tool} {args:?}");
    }

    /// The PDFs cups-pdf has written.
    pub fn printed(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = walk(&self.dir.path().join("out"))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        files
    }

    /// Every file CUPS keeps of its own (spool, cache, state, logs), not the PDFs it printed:
    /// where a kiosk's byte search looks for what a citizen left.
    pub fn kept(&self) -> Vec<PathBuf> {
        walk(self.dir.path()).into_iter().filter(|p| !p.starts_with(self.dir.path().join("out"))).collect()
    }

    /// Job files left in the spool (CUPS names them `c…` and `d…`).
    pub fn spooled(&self) -> Vec<PathBuf> {
        walk(&self.dir.path().join("spool"))
            .into_iter()
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('c') || n.starts_with('d'))
            })
            .collect()
    }
}

impl Drop for Cups {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
        let _ = std::fs::remove_file(&self.queue_config);
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}
