//! A desktop of a test's own: an X display (Xvfb) and a D-Bus session bus, so that journeys run
//! side by side as cargo runs tests, each app alone on its bus (a second app on the same bus
//! would hand itself over to the first, as it should) and on its own screen.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};

/// The display and the bus; both end when it is dropped.
#[derive(Debug)]
pub struct Desktop {
    xvfb: Child,
    bus: Child,
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
        Desktop { xvfb, bus, display, bus_address }
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
