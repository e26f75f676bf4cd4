//! `cargo xtask bench`: the time from a card laid on the reader to its data checked, through the
//! real PC/SC stack (pcsc → pcscd → vpcd → the sandbox's emulated chip), against a baseline of
//! the same read in-process with no stack at all. The goal is 2 s for the whole. It also counts
//! the bytes that cross the reader, to say what a real contactless reader's bit rate adds.
//!
//! pcsc-lite's client reads its socket from the environment once per process, so the PC/SC
//! reads run in a child of this benchmark, pointed at a pcscd of the benchmark's own.

#![allow(clippy::print_stdout, reason = "a benchmark reports on standard output")]

use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dvclink_card::testing::{Pcscd, SOCKET_VARIABLE};
use dvclink_card::{Access, LinkError, PcscCard, ReaderWatch, Readers, Transport, Trust, read_card};
use dvclink_core::cccd::Cccd;
use dvclink_sandbox::card::{CardFault, CardFiles, Chip, TestPki, VirtualCard};
use dvclink_sandbox::persona::Persona;

const RUNS: usize = 10;
const CHILD: &str = "DVCLINK_CARD_BENCH_CHILD";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
}

fn card() -> CardFiles {
    let persona = Persona::by_key("mismatch").expect("the persona");
    CardFiles::make(&persona.citizen(), CardFault::None, &TestPki::from_seed(7), today()).expect("a card")
}

fn trust() -> Trust {
    Trust::from_certificates([TestPki::from_seed(7).csca_pem().as_bytes()]).expect("the CSCA")
}

/// Counts what crosses the reader: APDUs and their bytes, both ways.
struct Counted {
    chip: Chip,
    apdus: usize,
    bytes: usize,
}

impl Transport for Counted {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, LinkError> {
        let answer = self.chip.respond(apdu);
        self.apdus += 1;
        self.bytes += apdu.len() + answer.len();
        Ok(answer)
    }
}

fn main() {
    if std::env::var(CHILD).is_ok() {
        child();
        return;
    }
    let persona = Persona::by_key("mismatch").expect("the persona");
    let number = Cccd::from_digits(persona.cccd).expect("a number");
    let access = Access { number: &number, birth_date: persona.account_birth_date(), expiry: None };
    let trust = trust();

    // The baseline: the same read with the chip in-process.
    let mut baseline = Vec::new();
    let (mut apdus, mut bytes) = (0, 0);
    for _ in 0..RUNS {
        let mut counted = Counted { chip: Chip::new(card(), 7), apdus: 0, bytes: 0 };
        let started = Instant::now();
        read_card(&mut counted, &access, today(), &trust, &mut |_| {}).expect("the read");
        baseline.push(started.elapsed());
        (apdus, bytes) = (counted.apdus, counted.bytes);
    }

    let pcscd = Pcscd::start().expect("pcscd starts");
    let output = Command::new(std::env::current_exe().expect("this benchmark"))
        .env(SOCKET_VARIABLE, pcscd.socket())
        .env(CHILD, pcscd.card_port().to_string())
        .output()
        .expect("the child runs");
    assert!(output.status.success(), "{}\n{}", String::from_utf8_lossy(&output.stderr), pcscd.log());
    let stack: Vec<Duration> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_prefix("placed-to-checked-us ")?.parse().ok())
        .map(Duration::from_micros)
        .collect();
    assert_eq!(stack.len(), RUNS, "every run reported");
    let noticed: Vec<Duration> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_prefix("seen-us ")?.split_whitespace().next()?.parse().ok())
        .map(Duration::from_micros)
        .collect();

    let median = |runs: &[Duration]| {
        let mut sorted = runs.to_vec();
        sorted.sort();
        sorted[sorted.len() / 2]
    };
    let (ours, base) = (median(&stack), median(&baseline));
    let worst = stack.iter().max().copied().unwrap_or_default();
    println!("card read, {RUNS} runs, medians:");
    println!(
        "  placed on the reader to data checked, through pcscd and vpcd: {:.0} ms (worst {:.0} ms)",
        ms(ours),
        ms(worst)
    );
    println!("    of which pcscd noticing the card (its polling of the reader): {:.0} ms", ms(median(&noticed)));
    println!("  the same read in-process, no PC/SC (baseline): {:.1} ms", ms(base));
    println!(
        "  ratio {:.1}; goal: placed to checked within 2000 ms: {}",
        ms(ours) / ms(base).max(0.001),
        if worst <= Duration::from_secs(2) { "met" } else { "NOT met" }
    );
    println!("  {apdus} APDUs, {bytes} bytes across the reader");
    for kbit in [106.0, 212.0, 424.0] {
        println!("  at {kbit} kbit/s the bytes alone take {:.0} ms", bytes as f64 * 8.0 / kbit);
    }
}

/// Lays the card down RUNS times and times each read from the moment it lies there.
fn child() {
    let Ok(port) = std::env::var(CHILD) else { return };
    let reader = port.parse().expect("the reader's address");
    let persona = Persona::by_key("mismatch").expect("the persona");
    let number = Cccd::from_digits(persona.cccd).expect("a number");
    let access = Access { number: &number, birth_date: persona.account_birth_date(), expiry: None };
    let trust = trust();
    let (sender, receiver) = std::sync::mpsc::channel::<Readers>();
    let _watch = ReaderWatch::spawn(move |readers| {
        let _ = sender.send(readers);
    });
    let wait_until = |present: bool| loop {
        let readers = receiver.recv_timeout(Duration::from_secs(10)).expect("the watch reports");
        if !readers.readers.is_empty() && readers.with_card().is_some() == present {
            return readers;
        }
    };
    wait_until(false);
    for _ in 0..RUNS {
        let chip = Chip::new(card(), 7);
        let placed = Instant::now();
        let laid = VirtualCard::insert(reader, chip).expect("laid on the reader");
        let readers = wait_until(true);
        let name = readers.with_card().expect("a card").to_owned();
        let seen = placed.elapsed();
        let card = PcscCard::connect(&name).expect("connects");
        let connected = placed.elapsed();
        read_card(card, &access, today(), &trust, &mut |_| {}).expect("the read");
        println!("placed-to-checked-us {}", placed.elapsed().as_micros());
        println!("seen-us {} connected-us {}", seen.as_micros(), connected.as_micros());
        laid.remove();
        wait_until(false);
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
