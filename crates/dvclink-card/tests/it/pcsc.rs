//! Reads through the real stack: pcsc → pcscd → vpcd → the sandbox's card on a TCP socket,
//! exactly as from a USB reader. pcsc-lite's client picks its socket once per process, from
//! the environment, so the reading side runs as a child of this test binary.

use std::process::Command;

use dvclink_card::testing::{Pcscd, SOCKET_VARIABLE};
use dvclink_card::{Access, Readers, read_card};
use dvclink_core::cccd::Cccd;
use dvclink_sandbox::card::{CardFault, VirtualCard};

use crate::{chip, persona, today, trusted};

/// Set in the child: what it is to do.
const CHILD: &str = "DVCLINK_CARD_TEST_CHILD";

/// The child: reports the readers, then reads the card on the first one that has one. Its
/// standard output is its report to the parent.
#[test]
#[allow(clippy::print_stdout)]
fn child_reads_the_card_on_the_reader() {
    let Ok(what) = std::env::var(CHILD) else {
        return;
    };
    let (persona_key, expect_card) = what.split_once(':').map(|(p, c)| (p.to_owned(), c == "card")).unwrap();
    // The watch reports the readers as they are, then each change: wait for the card to be seen.
    let (sender, receiver) = std::sync::mpsc::channel();
    let watch = dvclink_card::ReaderWatch::spawn(move |readers| {
        let _ = sender.send(readers);
    });
    let readers = loop {
        let readers: Readers = receiver.recv_timeout(std::time::Duration::from_secs(10)).expect("the watch reports");
        if !readers.readers.is_empty() && readers.with_card().is_some() == expect_card {
            break readers;
        }
    };
    drop(watch);
    println!("\nreaders: {:?}", readers.readers.iter().map(|(name, card)| (name.as_str(), *card)).collect::<Vec<_>>());
    let Some(reader) = readers.with_card() else {
        println!("outcome: no card");
        return;
    };
    let persona = persona(&persona_key);
    let number = Cccd::from_digits(persona.cccd).unwrap();
    let access = Access { number: &number, birth_date: persona.account_birth_date(), expiry: None };
    let card = dvclink_card::PcscCard::connect(reader).expect("connects");
    match read_card(card, &access, today(), &trusted(), &mut |_| {}) {
        Ok(card) => println!("outcome: {:?} {}", card.authenticity, card.record.number.as_str() == persona.cccd),
        Err(error) => println!("outcome: {error}"),
    }
}

fn child(pcscd: &Pcscd, persona: &str, card: bool) -> String {
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "pcsc::child_reads_the_card_on_the_reader", "--nocapture", "--test-threads=1"])
        .env(SOCKET_VARIABLE, pcscd.socket())
        .env(CHILD, format!("{persona}:{}", if card { "card" } else { "empty" }))
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{stdout}\n{}\n{}", String::from_utf8_lossy(&output.stderr), pcscd.log());
    stdout.lines().filter(|l| l.starts_with("readers:") || l.starts_with("outcome:")).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_card_on_a_pcscd_reader_is_read_and_proven_genuine() {
    let pcscd = Pcscd::start().expect("pcscd starts");
    assert_eq!(
        child(&pcscd, "match", false),
        "readers: [(\"Virtual PCD 00 00\", false), (\"Virtual PCD 00 01\", false)]\noutcome: no card"
    );
    let card = VirtualCard::insert(pcscd.card_port(), chip(&persona("mismatch").citizen(), CardFault::None))
        .expect("laid on the reader");
    assert_eq!(
        child(&pcscd, "mismatch", true),
        "readers: [(\"Virtual PCD 00 00\", true), (\"Virtual PCD 00 01\", false)]\noutcome: Genuine true"
    );
    assert!(card.answered() > 10);
    card.remove();
    // The card is gone once pcscd says so; only then is the next one laid down.
    assert!(child(&pcscd, "match", false).ends_with("outcome: no card"));
    let card = VirtualCard::insert(pcscd.card_port(), chip(&persona("match").citizen(), CardFault::Tampered))
        .expect("laid on the reader");
    assert!(
        child(&pcscd, "match", true)
            .ends_with("outcome: the card was refused: a data group does not match its hash in EF.SOD")
    );
    drop(card);
}
