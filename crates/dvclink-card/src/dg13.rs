//! DG13, the data group Vietnam adds to the ICAO files: the holder's record as the population
//! database printed it on the card, in numbered fields. No public crate parses it; the layout
//! here is the one public readers of the card describe (see ARCHITECTURE.md).
//!
//! The file is `6D L { 30 L { 02 01 n, value… } … }`: a SEQUENCE per field, opened by the field's
//! number as an INTEGER, then the value as one string, or for the parents one SEQUENCE per
//! parent. Dates are written `dd/mm/yyyy`; a card with no expiry says so in words.

use std::fmt;

use chrono::NaiveDate;
use dmrtd::lds::tlv::{DecodedTv, Tlv};
use dvclink_core::cccd::Cccd;
use dvclink_core::profile::Sex;

/// The holder's record from DG13. Only the four fields the portal compares are required; the
/// others are kept when the card has them, and shown only for this visit.
#[derive(Clone, PartialEq, Eq)]
pub struct ChipRecord {
    /// Field 1: the 12-digit number.
    pub number: Cccd,
    /// Field 2: the full name, with its marks.
    pub full_name: String,
    /// Field 3.
    pub birth_date: NaiveDate,
    /// Field 4: «Nam» or «Nữ».
    pub sex: Sex,
    /// Field 5.
    pub nationality: Option<String>,
    /// Field 6.
    pub ethnicity: Option<String>,
    /// Field 7.
    pub religion: Option<String>,
    /// Field 8: quê quán.
    pub home_town: Option<String>,
    /// Field 9: nơi thường trú.
    pub residence: Option<String>,
    /// Field 10: đặc điểm nhận dạng.
    pub marks: Option<String>,
    /// Field 11.
    pub issued: Option<NaiveDate>,
    /// Field 12.
    pub expires: Expiry,
    /// Field 13, first name.
    pub father: Option<String>,
    /// Field 13, second name.
    pub mother: Option<String>,
    /// Field 14, when the card has it.
    pub spouse: Option<String>,
    /// Field 16: the old 9-digit CMND number.
    pub old_number: Option<String>,
}

/// When the card stops being valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    On(NaiveDate),
    /// «Không thời hạn»: a card issued after the holder turned 58.
    Never,
    /// The card does not say.
    Unknown,
}

/// Why a DG13 could not be read. It names the field, never its value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Dg13Error {
    #[error("DG13 is not a well-formed TLV")]
    Malformed,
    #[error("DG13 lacks field {0}")]
    Missing(u8),
    #[error("DG13 field {0} is not valid")]
    Invalid(u8),
}

/// The words DG13 uses for a card with no expiry.
pub const NO_EXPIRY: &str = "Không thời hạn";

const TAG_DG13: u32 = 0x6D;
const TAG_SEQUENCE: u32 = 0x30;
const TAG_INTEGER: u32 = 0x02;
const TAG_UTF8: u32 = 0x0C;
const TAG_PRINTABLE: u32 = 0x13;

impl ChipRecord {
    /// Reads the file as the chip returns it, tag 6D included.
    pub fn parse(bytes: &[u8]) -> Result<ChipRecord, Dg13Error> {
        let outer = Tlv::decode(bytes).map_err(|_| Dg13Error::Malformed)?;
        if outer.tag.value != TAG_DG13 {
            return Err(Dg13Error::Malformed);
        }
        let mut fields: Vec<(u8, Vec<String>)> = Vec::new();
        collect_fields(&outer.value, &mut fields, 0)?;
        let text =
            |n: u8| fields.iter().find(|(number, _)| *number == n).and_then(|(_, values)| values.first().cloned());
        let all = |n: u8| fields.iter().find(|(number, _)| *number == n).map(|(_, values)| values.clone());
        let number = text(1).ok_or(Dg13Error::Missing(1))?;
        let number = Cccd::from_digits(number.trim()).map_err(|_| Dg13Error::Invalid(1))?;
        let full_name = text(2).filter(|n| !n.trim().is_empty()).ok_or(Dg13Error::Missing(2))?;
        let birth_date = parse_date(&text(3).ok_or(Dg13Error::Missing(3))?).ok_or(Dg13Error::Invalid(3))?;
        let sex = match dvclink_core::text::nfc(text(4).ok_or(Dg13Error::Missing(4))?.trim()).as_str() {
            "Nam" => Sex::Male,
            "Nữ" => Sex::Female,
            _ => return Err(Dg13Error::Invalid(4)),
        };
        let issued = match text(11) {
            Some(date) => Some(parse_date(&date).ok_or(Dg13Error::Invalid(11))?),
            None => None,
        };
        let expires = match text(12) {
            None => Expiry::Unknown,
            Some(words) if words.trim() == NO_EXPIRY => Expiry::Never,
            Some(date) => Expiry::On(parse_date(&date).ok_or(Dg13Error::Invalid(12))?),
        };
        let parents = all(13).unwrap_or_default();
        Ok(ChipRecord {
            number,
            full_name: dvclink_core::text::nfc(full_name.trim()),
            birth_date,
            sex,
            nationality: text(5),
            ethnicity: text(6),
            religion: text(7),
            home_town: text(8),
            residence: text(9),
            marks: text(10),
            issued,
            expires,
            father: parents.first().cloned().filter(|p| !p.is_empty()),
            mother: parents.get(1).cloned().filter(|p| !p.is_empty()),
            spouse: text(14),
            old_number: text(16),
        })
    }

    /// Writes the file as a card carries it; the sandbox's cards are made with it.
    pub fn encode(&self) -> Vec<u8> {
        let date = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
        let mut body = Vec::new();
        let mut field = |n: u8, value: Vec<u8>| {
            let mut inner = Tlv::encode(TAG_INTEGER, &[n]);
            inner.extend(value);
            body.extend(Tlv::encode(TAG_SEQUENCE, &inner));
        };
        let utf8 = |text: &str| Tlv::encode(TAG_UTF8, text.as_bytes());
        field(1, Tlv::encode(TAG_PRINTABLE, self.number.as_str().as_bytes()));
        field(2, utf8(&self.full_name));
        field(3, Tlv::encode(TAG_PRINTABLE, date(self.birth_date).as_bytes()));
        field(
            4,
            utf8(match self.sex {
                Sex::Male => "Nam",
                Sex::Female => "Nữ",
            }),
        );
        let optional = [
            (5, &self.nationality),
            (6, &self.ethnicity),
            (7, &self.religion),
            (8, &self.home_town),
            (9, &self.residence),
            (10, &self.marks),
        ];
        for (n, value) in optional {
            if let Some(value) = value {
                field(n, utf8(value));
            }
        }
        if let Some(issued) = self.issued {
            field(11, Tlv::encode(TAG_PRINTABLE, date(issued).as_bytes()));
        }
        match self.expires {
            Expiry::On(day) => field(12, Tlv::encode(TAG_PRINTABLE, date(day).as_bytes())),
            Expiry::Never => field(12, utf8(NO_EXPIRY)),
            Expiry::Unknown => {}
        }
        if self.father.is_some() || self.mother.is_some() {
            let mut parents = Vec::new();
            for parent in [&self.father, &self.mother] {
                parents.extend(Tlv::encode(TAG_SEQUENCE, &utf8(parent.as_deref().unwrap_or(""))));
            }
            field(13, parents);
        }
        if let Some(spouse) = &self.spouse {
            field(14, utf8(spouse));
        }
        if let Some(old) = &self.old_number {
            field(16, Tlv::encode(TAG_PRINTABLE, old.as_bytes()));
        }
        Tlv::encode(TAG_DG13, &body)
    }
}

/// Everything on the card is personal: Debug shows the masked number and nothing else.
impl fmt::Debug for ChipRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChipRecord").field("number", &self.number).finish_non_exhaustive()
    }
}

/// Reads `dd/mm/yyyy`, the way the card writes dates.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%d/%m/%Y").ok()
}

/// Walks the TLVs under `bytes`; a SEQUENCE opened by a small INTEGER is a field, whose strings
/// (nested ones included, for the parents) are its values in order.
fn collect_fields(bytes: &[u8], fields: &mut Vec<(u8, Vec<String>)>, depth: u8) -> Result<(), Dg13Error> {
    for item in items(bytes, depth)? {
        if item.tag.value != TAG_SEQUENCE {
            continue;
        }
        match Tlv::decode(&item.value).ok() {
            Some(first) if first.tag.value == TAG_INTEGER && first.value.len() == 1 => {
                let number = first.value[0];
                let mut values = Vec::new();
                collect_strings(&item.value[first.encoded_len..], &mut values, depth + 1)?;
                if !fields.iter().any(|(n, _)| *n == number) {
                    fields.push((number, values));
                }
            }
            _ => collect_fields(&item.value, fields, depth + 1)?,
        }
    }
    Ok(())
}

fn collect_strings(bytes: &[u8], values: &mut Vec<String>, depth: u8) -> Result<(), Dg13Error> {
    for item in items(bytes, depth)? {
        match item.tag.value {
            TAG_UTF8 | TAG_PRINTABLE => values.push(String::from_utf8(item.value).map_err(|_| Dg13Error::Malformed)?),
            TAG_SEQUENCE => collect_strings(&item.value, values, depth + 1)?,
            _ => {}
        }
    }
    Ok(())
}

/// The TLVs one after another in `bytes`, `depth` levels down; too deep or cut short is malformed.
fn items(bytes: &[u8], depth: u8) -> Result<Vec<DecodedTv>, Dg13Error> {
    if depth > 4 {
        return Err(Dg13Error::Malformed);
    }
    let mut items = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let item = Tlv::decode(rest).map_err(|_| Dg13Error::Malformed)?;
        if item.encoded_len == 0 || item.encoded_len > rest.len() {
            return Err(Dg13Error::Malformed);
        }
        rest = &rest[item.encoded_len..];
        items.push(item);
    }
    Ok(items)
}
