//! dvclink-card's tests: keys, DG13, whole reads against the sandbox's emulated chip, and the
//! same reads through a real pcscd with vpcd.

mod access;
mod dg13;
#[cfg(unix)]
mod pcsc;
mod read;

use chrono::NaiveDate;
use dvclink_card::Trust;
use dvclink_sandbox::card::{CardFault, CardFiles, Chip, TestPki};
use dvclink_sandbox::persona::Persona;
use dvclink_sandbox::population::Citizen;

/// The seed of the sandbox's PKI in these tests.
pub const SEED: u64 = 7;

/// The day the tests read cards on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

pub fn persona(key: &str) -> &'static Persona {
    Persona::by_key(key).unwrap_or_else(|| panic!("no persona {key}"))
}

/// The sandbox's PKI, made once: ECDSA in a debug build is not free.
pub static PKI: std::sync::LazyLock<TestPki> = std::sync::LazyLock::new(|| TestPki::from_seed(SEED));

pub fn files(citizen: &Citizen, fault: CardFault) -> CardFiles {
    CardFiles::make(citizen, fault, &PKI, today()).expect("a card")
}

pub fn chip(citizen: &Citizen, fault: CardFault) -> Chip {
    Chip::new(files(citizen, fault), SEED)
}

/// The office trusts the sandbox's CSCA.
pub fn trusted() -> Trust {
    Trust::from_certificates([PKI.csca_pem().as_bytes()]).expect("the CSCA parses")
}
