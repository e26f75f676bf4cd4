//! Chip CCCD cards for every citizen of the stand-in population database, made and signed with
//! the sandbox's own test PKI, an emulated chip that answers them over ISO 7816 with BAC and
//! secure messaging, and a client of vpcd (the virtual reader of `vsmartcard-vpcd`) that lays a
//! card on a real pcscd's reader. Faulty cards exercise every way a read goes wrong.

mod chip;
pub(crate) mod counter;
mod der;
mod pki;
mod vpcd;

use chrono::{Datelike, Days, NaiveDate};
use dvclink_card::{ChipRecord, Expiry, rule_expiries};
use dvclink_core::cccd::Cccd;
use dvclink_core::profile::Sex;
use serde::{Deserialize, Serialize};

use crate::population::Citizen;

pub use chip::Chip;
pub use pki::TestPki;
pub use vpcd::VirtualCard;

/// What is wrong with a card, for the cards that must fail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardFault {
    /// A card as issued.
    #[default]
    None,
    /// DG13 changed after the card was signed: its hash no longer matches EF.SOD.
    Tampered,
    /// Signed by a document signer under a CSCA nobody trusts.
    UnknownCsca,
    /// A card whose expiry has passed.
    Expired,
    /// An expiry that does not fall on a rule birthday; it must be typed from the card.
    OddExpiry,
    /// A smart card with no ICAO application (a bank card, say).
    NotIcao,
    /// A card with no expiry, «Không thời hạn», as issued after the holder turned 58.
    NoExpiry,
}

/// The files of one card, as the chip holds them.
#[derive(Clone)]
pub struct CardFiles {
    pub com: Vec<u8>,
    pub sod: Vec<u8>,
    pub dg1: Vec<u8>,
    pub dg13: Vec<u8>,
    /// The MRZ values the chip's BAC key is made from.
    pub document_number: String,
    pub birth_date: NaiveDate,
    pub expiry: NaiveDate,
    /// What DG13 says of the expiry, as printed on the card.
    pub printed_expiry: Expiry,
    pub icao: bool,
}

impl std::fmt::Debug for CardFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardFiles").finish_non_exhaustive()
    }
}

impl CardFiles {
    /// The card of `citizen`, as issued by `pki` and faulted as asked. `today` is the sandbox's
    /// date: an expired card expired before it.
    pub fn make(citizen: &Citizen, fault: CardFault, pki: &TestPki, today: NaiveDate) -> Option<CardFiles> {
        let number = Cccd::from_digits(&citizen.cccd).ok()?;
        let salt = citizen.cccd[9..].parse::<u64>().unwrap_or(0);
        let mut issued = NaiveDate::from_ymd_opt(2021, 3, 1)?.checked_add_days(Days::new(salt % 700))?;
        let birthdays = rule_expiries(citizen.birth_date, NaiveDate::MIN);
        let mut expires = birthdays
            .iter()
            .copied()
            .filter(|day| *day > issued.checked_add_days(Days::new(730)).unwrap_or(issued))
            .min()
            .map_or(Expiry::Never, Expiry::On);
        match fault {
            CardFault::Expired => {
                let last = birthdays.iter().copied().filter(|day| *day < today).max()?;
                expires = Expiry::On(last);
                issued = last.with_year(last.year() - 10)?;
            }
            CardFault::OddExpiry => {
                expires = Expiry::On(issued.with_year(issued.year() + 15)?);
            }
            CardFault::NoExpiry => expires = Expiry::Never,
            _ => {}
        }
        let record = ChipRecord {
            number,
            full_name: citizen.full_name.clone(),
            birth_date: citizen.birth_date,
            sex: citizen.sex,
            nationality: Some(citizen.nationality.clone()),
            ethnicity: Some(citizen.ethnicity.clone()),
            religion: Some("Không".to_owned()),
            home_town: Some(citizen.home_town.clone()),
            residence: Some(citizen.permanent_address.clone()),
            marks: Some("Nốt ruồi C:1cm trên trước mép phải".to_owned()),
            issued: Some(issued),
            expires,
            father: Some(parent_name(&citizen.full_name, "Văn", "Hùng")),
            mother: Some(parent_name(&citizen.full_name, "Thị", "Lan")),
            spouse: None,
            old_number: Some(format!("{:09}", salt * 7919 % 1_000_000_000)),
        };
        let expiry = match expires {
            Expiry::On(day) => day,
            _ => dvclink_card::no_expiry_date(),
        };
        let document_number = citizen.cccd[3..].to_owned();
        let dg1 = dg1(&citizen.cccd, &citizen.full_name, citizen.birth_date, citizen.sex, expiry);
        let signed_dg13 = record.encode();
        let signer = if fault == CardFault::UnknownCsca { &pki.rogue_signer } else { &pki.signer };
        let sod = pki::sod(signer, &[(1, &dg1), (13, &signed_dg13)]);
        let dg13 = if fault == CardFault::Tampered {
            // The birth date changed after signing: 11 becomes 12 in field 3.
            let mut changed = record.clone();
            changed.birth_date = changed.birth_date.succ_opt()?;
            changed.encode()
        } else {
            signed_dg13
        };
        let com = com();
        Some(CardFiles {
            com,
            sod,
            dg1,
            dg13,
            document_number,
            birth_date: citizen.birth_date,
            expiry,
            printed_expiry: expires,
            icao: fault != CardFault::NotIcao,
        })
    }
}

/// A parent's name that shares the holder's family name.
fn parent_name(holder: &str, middle: &str, given: &str) -> String {
    let family = holder.split_whitespace().next().unwrap_or("Nguyễn");
    format!("{family} {middle} {given}")
}

fn com() -> Vec<u8> {
    use der::tlv;
    let mut body = Vec::new();
    body.extend(tlv2(0x5F01, b"0107"));
    body.extend(tlv2(0x5F36, b"040000"));
    body.extend(tlv(0x5C, &[0x61, 0x6D]));
    tlv(0x60, &body)
}

/// A TLV with a two-byte tag.
fn tlv2(tag: u16, value: &[u8]) -> Vec<u8> {
    let inner = der::tlv(0, value);
    let mut out = tag.to_be_bytes().to_vec();
    out.extend_from_slice(&inner[1..]);
    out
}

/// DG1: the TD1 MRZ of three lines of 30.
fn dg1(cccd: &str, full_name: &str, birth_date: NaiveDate, sex: Sex, expiry: NaiveDate) -> Vec<u8> {
    let check = |text: &str| dmrtd::lds::mrz::Mrz::calculate_check_digit(text).unwrap_or(0).to_string();
    let document = &cccd[3..];
    let optional = format!("{cccd:<<15}");
    let line1 = format!("IDVNM{document}{}{optional}", check(document));
    let birth = birth_date.format("%y%m%d").to_string();
    let expiry = expiry.format("%y%m%d").to_string();
    let sex = match sex {
        Sex::Male => "M",
        Sex::Female => "F",
    };
    let upper = format!("{birth}{}{sex}{expiry}{}VNM{}", check(&birth), check(&expiry), "<".repeat(11));
    let composite = format!("{}{}{}", &line1[5..30], &upper[0..7], &upper[8..15]);
    let line2 = format!("{upper}{}", check(&composite));
    let folded = dvclink_core::text::fold_name(full_name);
    let mut words = folded.split_whitespace();
    let family = words.next().unwrap_or_default();
    let given: Vec<&str> = words.collect();
    let line3 = format!("{family}<<{}", given.join("<"));
    let line3 = format!("{:<<30}", line3.chars().take(30).collect::<String>());
    let mrz = format!("{line1}{line2}{line3}");
    der::tlv(0x61, &tlv2(0x5F1F, mrz.as_bytes()))
}
