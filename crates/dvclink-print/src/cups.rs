//! Printing through the machine's CUPS with its own tools (`lpstat`, `lp`, `cancel`), as any
//! program there does: the queue's state before printing, the PDF sent on standard input (no
//! file is written), and the job followed until it is done, so that a printer that stops (out of
//! paper, offline) is reported and its job cancelled, never left to print later for someone else.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::PrintError;
use crate::pdf::{Paper, Rendered};

/// The job title CUPS keeps in its history: it names nobody.
pub const JOB_TITLE: &str = "dvclink";

/// How often a job is looked at while it prints.
const POLL: Duration = Duration::from_millis(150);

/// One CUPS queue and the paper in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    pub queue: String,
    pub paper: Paper,
    /// A CUPS server other than the machine's default (`CUPS_SERVER`), for tests.
    server: Option<String>,
}

/// What the queue says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterState {
    Ready,
    /// Disabled, with the reason CUPS gives (out of paper, offline, stopped by hand).
    Stopped {
        reason: String,
    },
    /// No queue of that name.
    Missing,
}

impl Printer {
    pub fn new(queue: impl Into<String>, paper: Paper) -> Printer {
        Printer { queue: queue.into(), paper, server: None }
    }

    /// Talks to the CUPS server at `server` (a socket path or host:port) instead of the default.
    pub fn on_server(mut self, server: impl Into<String>) -> Printer {
        self.server = Some(server.into());
        self
    }

    /// The queue's state now.
    pub fn state(&self) -> Result<PrinterState, PrintError> {
        // A queue of a scheduler that is not running reads as missing; ask the scheduler first.
        let scheduler = self.run("lpstat", &["-r"], None)?;
        if !String::from_utf8_lossy(&scheduler.stdout).contains("scheduler is running") {
            return Err(PrintError::Unavailable { detail: "the CUPS scheduler is not running".to_owned() });
        }
        let output = self.run("lpstat", &["-p", &self.queue], None)?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() || stdout.trim().is_empty() {
            if stderr.contains("Invalid destination") || stderr.contains("does not exist") {
                return Ok(PrinterState::Missing);
            }
            return Err(PrintError::Unavailable { detail: stderr.trim().to_owned() });
        }
        if stdout.contains(" disabled ") {
            let reason = stdout.lines().skip(1).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>();
            return Ok(PrinterState::Stopped { reason: reason.join(" ") });
        }
        Ok(PrinterState::Ready)
    }

    /// Prints `slip` and waits up to `patience` for CUPS to finish the job. A job that cannot
    /// finish (the queue stopped, or it takes too long) is cancelled, so that it never comes out
    /// later in front of someone else.
    pub fn print(&self, slip: &Rendered, patience: Duration) -> Result<(), PrintError> {
        match self.state()? {
            PrinterState::Ready => {}
            PrinterState::Missing => return Err(PrintError::NoPrinter),
            PrinterState::Stopped { reason } => return Err(PrintError::Stopped { reason }),
        }
        let media = format!("media={}", slip.media);
        let args = ["-d", self.queue.as_str(), "-t", JOB_TITLE, "-o", media.as_str(), "-"];
        let output = self.run("lp", &args, Some(&slip.pdf))?;
        if !output.status.success() {
            return Err(PrintError::Refused { detail: String::from_utf8_lossy(&output.stderr).trim().to_owned() });
        }
        // "request id is QUEUE-12 (1 file(s))"
        let stdout = String::from_utf8_lossy(&output.stdout);
        let job = stdout
            .split_whitespace()
            .find(|word| word.starts_with(&format!("{}-", self.queue)))
            .ok_or_else(|| PrintError::Refused { detail: stdout.trim().to_owned() })?
            .to_owned();
        let started = Instant::now();
        loop {
            if !self.pending(&job)? {
                tracing::info!(queue = %self.queue, "slip printed");
                return Ok(());
            }
            if let PrinterState::Stopped { reason } = self.state()? {
                self.cancel(&job);
                return Err(PrintError::Stopped { reason });
            }
            if started.elapsed() > patience {
                self.cancel(&job);
                return Err(PrintError::TimedOut);
            }
            std::thread::sleep(POLL);
        }
    }

    /// Whether the job is still waiting or printing.
    fn pending(&self, job: &str) -> Result<bool, PrintError> {
        let output = self.run("lpstat", &["-W", "not-completed", "-o", &self.queue], None)?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        Ok(stdout.lines().any(|line| line.split_whitespace().next() == Some(job)))
    }

    fn cancel(&self, job: &str) {
        if self.run("cancel", &[job], None).is_err() {
            tracing::warn!(queue = %self.queue, "a stopped print job could not be cancelled");
        }
    }

    /// Runs a CUPS tool in the C locale, whose output is the one read here.
    fn run(&self, tool: &str, args: &[&str], input: Option<&[u8]>) -> Result<Output, PrintError> {
        let mut command = Command::new(tool);
        command.args(args).env("LC_ALL", "C").env("LANG", "C");
        if let Some(server) = &self.server {
            command.env("CUPS_SERVER", server);
        }
        command.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let unavailable = |e: std::io::Error| PrintError::Unavailable { detail: format!("{tool}: {e}") };
        let mut child = command.spawn().map_err(unavailable)?;
        if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
            stdin.write_all(bytes).map_err(unavailable)?;
        }
        child.wait_with_output().map_err(unavailable)
    }
}
