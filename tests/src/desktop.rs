//! A desktop of a test's own: an X display (Xvfb) and a D-Bus session bus, so that journeys run
//! side by side as cargo runs tests, each app alone on its bus (a second app on the same bus
//! would hand itself over to the first, as it should) and on its own screen; and for a laptop
//! journey a keychain (GNOME Keyring's Secret Service) on that bus.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// The display and the bus; both end when it is dropped.
#[derive(Debug)]
pub struct Desktop {
    xvfb: Child,
    bus: Child,
    keyring: Option<Child>,
    /// `:N`, for `DISPLAY`.
    pub display: String,
    /// For `DBUS_SESSION_BUS_ADDRESS`.
    pub bus_address: String,
}

impl Desktop {
    /// Starts Xvfb on the first free display and a session bus, and waits until both answer.
    pub fn start() -> Desktop {
        let mut xvfb = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts (Debian package xvfb)");
        // Xvfb writes the display's number once it accepts connections.
        let display = format!(":{}", first_line(xvfb.stdout.take()).expect("Xvfb names its display"));
        let mut bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon starts (Debian package dbus-daemon)");
        // The address comes once the bus listens.
        let bus_address = first_line(bus.stdout.take()).expect("dbus-daemon prints its address");
        Desktop { xvfb, bus, keyring: None, display, bus_address }
    }

    /// Starts GNOME Keyring's Secret Service on this desktop's bus, its login keyring created
    /// and unlocked in `dir`, and waits until the bus names it.
    pub fn add_keychain(&mut self, dir: &Path) {
        let runtime = dir.join("runtime");
        std::fs::create_dir_all(&runtime).expect("a runtime directory");
        let private = <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o700);
        std::fs::set_permissions(&runtime, private).expect("the runtime directory is private");
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address)
            .env("HOME", dir)
            .env("XDG_DATA_HOME", dir.join("data"))
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon starts (Debian package gnome-keyring)");
        // `--unlock` reads the login keyring's password from standard input.
        let mut stdin = keyring.stdin.take().expect("piped");
        stdin.write_all(b"dvclink-e2e").expect("the password is written");
        drop(stdin);
        self.keyring = Some(keyring);
        let started = Instant::now();
        while !self.names("org.freedesktop.secrets") {
            assert!(started.elapsed() < Duration::from_secs(20), "the keychain did not join the bus");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Whether a service of `name` is on this desktop's bus.
    fn names(&self, name: &str) -> bool {
        Command::new("dbus-send")
            .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
            .args(["org.freedesktop.DBus.NameHasOwner", &format!("string:{name}")])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address)
            .output()
            .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("boolean true"))
    }

    /// The environment an app on this desktop runs in.
    pub fn env(&self) -> [(String, String); 2] {
        [
            ("DISPLAY".to_owned(), self.display.clone()),
            ("DBUS_SESSION_BUS_ADDRESS".to_owned(), self.bus_address.clone()),
        ]
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        if let Some(keyring) = &mut self.keyring {
            let _ = keyring.kill();
            let _ = keyring.wait();
        }
        for child in [&mut self.bus, &mut self.xvfb] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn first_line(out: Option<ChildStdout>) -> Option<String> {
    let mut line = String::new();
    BufReader::new(out?).read_line(&mut line).ok()?;
    Some(line.trim().to_owned()).filter(|l| !l.is_empty())
}
