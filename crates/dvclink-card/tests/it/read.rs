//! Whole reads of the sandbox's cards, in-process through the transport trait: every outcome
//! the counter can meet.

use chrono::NaiveDate;
use dvclink_card::{Access, Authenticity, CardError, LinkError, Progress, Refusal, Transport, Trust, read_card};
use dvclink_core::cccd::Cccd;
use dvclink_sandbox::card::{CardFault, Chip};

use crate::{chip, persona, today, trusted};

/// What a read came to, in the few words a test compares.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Read { authenticity: Authenticity, swapped_birth: bool, expired: bool, typed: bool },
    Failed(CardError),
}

struct Case {
    persona: &'static str,
    fault: CardFault,
    /// The birth date the counter gives: the account's unless said.
    birth: Option<NaiveDate>,
    number: Option<&'static str>,
    expiry: Option<NaiveDate>,
    trust: bool,
}

fn case(persona: &'static str, fault: CardFault) -> Case {
    Case { persona, fault, birth: None, number: None, expiry: None, trust: true }
}

#[track_caller]
fn check(case: Case, expected: Outcome) {
    let persona = persona(case.persona);
    let citizen = persona.citizen();
    let number = Cccd::from_digits(case.number.unwrap_or(persona.cccd)).unwrap();
    let access =
        Access { number: &number, birth_date: case.birth.unwrap_or(persona.account_birth_date()), expiry: case.expiry };
    let trust = if case.trust { trusted() } else { Trust::none() };
    let mut steps = Vec::new();
    let result = read_card(chip(&citizen, case.fault), &access, today(), &trust, &mut |step| steps.push(step));
    let outcome = match result {
        Ok(card) => {
            assert_eq!(card.record.number.as_str(), citizen.cccd, "the number comes from the chip");
            assert_eq!(card.record.full_name, citizen.full_name);
            assert_eq!(card.record.birth_date, citizen.birth_date);
            assert_eq!(steps.first(), Some(&Progress::Opening));
            assert_eq!(steps.last(), Some(&Progress::Checking));
            Outcome::Read {
                authenticity: card.authenticity,
                swapped_birth: card.opened_with_birth_date != access.birth_date,
                expired: card.expired,
                typed: card.expiry_was_typed,
            }
        }
        Err(error) => Outcome::Failed(error),
    };
    assert_eq!(outcome, expected);
}

fn read(authenticity: Authenticity) -> Outcome {
    Outcome::Read { authenticity, swapped_birth: false, expired: false, typed: false }
}

#[test]
fn a_good_card_is_genuine_with_trust_and_unverified_without() {
    check(case("match", CardFault::None), read(Authenticity::Genuine));
    check(Case { trust: false, ..case("match", CardFault::None) }, read(Authenticity::Unverified));
    check(case("official", CardFault::None), read(Authenticity::Genuine));
}

#[test]
fn the_mismatch_persona_opens_with_day_and_month_swapped() {
    check(
        case("mismatch", CardFault::None),
        Outcome::Read { authenticity: Authenticity::Genuine, swapped_birth: true, expired: false, typed: false },
    );
}

#[test]
fn forged_cards_are_refused() {
    check(case("match", CardFault::Tampered), Outcome::Failed(CardError::Refused(Refusal::HashMismatch)));
    check(case("match", CardFault::UnknownCsca), Outcome::Failed(CardError::Refused(Refusal::UnknownIssuer)));
    // With no CSCA configured, nobody's signer can be told from the state's: unverified.
    check(Case { trust: false, ..case("match", CardFault::UnknownCsca) }, read(Authenticity::Unverified));
    check(
        Case { trust: false, ..case("match", CardFault::Tampered) },
        Outcome::Failed(CardError::Refused(Refusal::HashMismatch)),
    );
}

#[test]
fn an_expired_card_reads_and_says_so() {
    check(
        case("match", CardFault::Expired),
        Outcome::Read { authenticity: Authenticity::Genuine, swapped_birth: false, expired: true, typed: false },
    );
}

#[test]
fn a_card_with_no_expiry_opens_without_typing() {
    check(case("match", CardFault::NoExpiry), read(Authenticity::Genuine));
}

#[test]
fn an_expiry_off_the_rule_must_be_typed() {
    check(case("match", CardFault::OddExpiry), Outcome::Failed(CardError::Locked));
    let printed = crate::files(&persona("match").citizen(), CardFault::OddExpiry).expiry;
    check(
        Case { expiry: Some(printed), ..case("match", CardFault::OddExpiry) },
        Outcome::Read { authenticity: Authenticity::Genuine, swapped_birth: false, expired: false, typed: true },
    );
}

#[test]
fn what_cannot_open_or_is_no_chip_card_says_so() {
    check(case("match", CardFault::NotIcao), Outcome::Failed(CardError::NotChipCard));
    check(Case { number: Some("079190004329"), ..case("match", CardFault::None) }, Outcome::Failed(CardError::Locked));
    check(
        Case { birth: NaiveDate::from_ymd_opt(1990, 7, 21), ..case("match", CardFault::None) },
        Outcome::Failed(CardError::Locked),
    );
}

/// A card taken off the reader after `left` more answers.
struct TakenAway {
    chip: Chip,
    left: usize,
}

impl Transport for TakenAway {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, LinkError> {
        if self.left == 0 {
            return Err(LinkError::Removed);
        }
        self.left -= 1;
        Ok(self.chip.respond(apdu))
    }
}

#[test]
fn a_card_taken_away_at_any_point_asks_for_a_retry() {
    let persona = persona("match");
    let number = Cccd::from_digits(persona.cccd).unwrap();
    let access = Access { number: &number, birth_date: persona.account_birth_date(), expiry: None };
    let mut whole = 0;
    for left in 0.. {
        let card = TakenAway { chip: chip(&persona.citizen(), CardFault::None), left };
        match read_card(card, &access, today(), &trusted(), &mut |_| {}) {
            Err(error) => assert_eq!(error, CardError::Link(LinkError::Removed), "after {left} answers"),
            Ok(_) => {
                whole = left;
                break;
            }
        }
    }
    assert!(whole > 10, "a read takes more than ten APDUs, took {whole}");
}
