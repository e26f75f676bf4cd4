//! A PC/SC daemon of a test's own: pcscd started in its own mount namespace, so that its
//! socket (fixed at /run/pcscd in Debian's build) lives in the test's temp dir, with vpcd as its
//! only reader. A client reaches it by setting `PCSCLITE_CSOCK_NAME` to [`Pcscd::socket`]
//! before its first PC/SC call; a card is laid on the reader by connecting to [`Pcscd::card_port`].
//! Needs root (for the namespace), as CI has; `cargo xtask test` installs pcscd and vpcd.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The environment variable pcsc-lite's client library reads for its socket.
pub const SOCKET_VARIABLE: &str = "PCSCLITE_CSOCK_NAME";

/// A running pcscd, stopped on drop.
#[derive(Debug)]
pub struct Pcscd {
    dir: tempfile::TempDir,
    child: Child,
    port: u16,
}

/// Why the daemon could not be had.
#[derive(Debug, thiserror::Error)]
pub enum PcscdError {
    #[error("{0} is not installed (cargo xtask test installs pcscd and vsmartcard-vpcd)")]
    Missing(&'static str),
    #[error("starting pcscd: {0}")]
    Io(#[from] std::io::Error),
    #[error("pcscd did not come up: {0}")]
    NotReady(String),
}

const VPCD_DRIVER: &str = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";

impl Pcscd {
    /// Starts the daemon and waits until its socket answers.
    pub fn start() -> Result<Pcscd, PcscdError> {
        if !Path::new(VPCD_DRIVER).exists() {
            return Err(PcscdError::Missing("vsmartcard-vpcd"));
        }
        if !Path::new("/usr/sbin/pcscd").exists() {
            return Err(PcscdError::Missing("pcscd"));
        }
        let dir = tempfile::Builder::new().prefix("dvclink-pcscd").tempdir()?;
        let port = free_port_pair()?;
        let conf = dir.path().join("reader.conf.d");
        let run = dir.path().join("run");
        std::fs::create_dir_all(&conf)?;
        std::fs::create_dir_all(&run)?;
        std::fs::write(
            conf.join("vpcd"),
            format!(
                "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:{port}\nLIBPATH {VPCD_DRIVER}\nCHANNELID {port}\n"
            ),
        )?;
        let script = format!(
            "mkdir -p /run/pcscd && mount --bind '{run}' /run/pcscd && exec /usr/sbin/pcscd --foreground --debug --config '{conf}'",
            run = run.display(),
            conf = conf.display()
        );
        let log = std::fs::File::create(dir.path().join("pcscd.log"))?;
        let child = Command::new("unshare")
            .args(["--mount", "--propagation", "private", "sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()?;
        let mut pcscd = Pcscd { dir, child, port };
        pcscd.wait_ready()?;
        Ok(pcscd)
    }

    /// The socket a client names in [`SOCKET_VARIABLE`].
    pub fn socket(&self) -> PathBuf {
        self.dir.path().join("run").join("pcscd.comm")
    }

    /// Where a virtual card connects to lie on the first reader.
    pub fn card_port(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// What pcscd wrote, for a failing test's message.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("pcscd.log")).unwrap_or_default()
    }

    fn wait_ready(&mut self) -> Result<(), PcscdError> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Err(PcscdError::NotReady(format!("it exited ({status}): {}", self.log())));
            }
            // pcscd says so once it has loaded vpcd, which then listens for a card.
            if self.socket().exists() && self.log().contains("daemon ready") {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(PcscdError::NotReady(self.log()));
            }
            std::thread::park_timeout(Duration::from_millis(50));
        }
    }
}

impl Drop for Pcscd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port whose next port is free too: vpcd listens on one per slot, on all interfaces.
fn free_port_pair() -> std::io::Result<u16> {
    for _ in 0..50 {
        let port = TcpListener::bind(("0.0.0.0", 0))?.local_addr()?.port();
        if port < u16::MAX && TcpListener::bind(("0.0.0.0", port + 1)).is_ok() {
            return Ok(port);
        }
    }
    Err(std::io::Error::other("no pair of free ports"))
}
