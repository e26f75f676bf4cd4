//! The keys that open the chip. BAC derives them from the MRZ's document number (the last 9
//! digits of the CCCD number), birth date and expiry date. The expiry is rarely known at the
//! counter, but a Vietnamese card expires on the holder's birthday at 14, 25, 40 or 60, so a
//! handful of candidates covers almost every card; the date printed on the card is asked for
//! only when none opens it.

use chrono::{Datelike, NaiveDate};
use dvclink_core::cccd::Cccd;

/// The ages at which a card expires, on the holder's birthday.
pub const EXPIRY_AGES: [i32; 4] = [14, 25, 40, 60];

/// The MRZ expiry taken for a card that never expires (issued after 58, «Không thời hạn»). No
/// public description of the card gives it; this is the sandbox's, and tried last.
pub fn no_expiry_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2099, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// What the chip's BAC key is made from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AccessKey<'a> {
    pub number: &'a Cccd,
    pub birth_date: NaiveDate,
    pub expiry: NaiveDate,
}

impl AccessKey<'_> {
    /// The MRZ document number: the last 9 digits of the CCCD number.
    pub fn document_number(&self) -> &str {
        &self.number.as_str()[3..]
    }
}

impl std::fmt::Debug for AccessKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessKey(<redacted>)")
    }
}

/// What the counter knows when it asks for the chip to be opened.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Access<'a> {
    pub number: &'a Cccd,
    /// The citizen's birth date, or the one on their portal account.
    pub birth_date: NaiveDate,
    /// The expiry printed on the card, once asked for.
    pub expiry: Option<NaiveDate>,
}

impl std::fmt::Debug for Access<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Access").field("number", self.number).field("expiry_typed", &self.expiry.is_some()).finish()
    }
}

impl<'a> Access<'a> {
    /// The keys to try, best first. Two birth dates are tried: the one given and, when it is a
    /// different valid date, the one with day and month swapped, the commonest slip on an old
    /// account (05/11 for 11/05). With no expiry typed, each birth date gives the rule's
    /// expiries: first those on or after `today` (a card in use), nearest first, then the past
    /// ones (an expired card), latest first, and last the date of a card with no expiry.
    pub fn candidates(&self, today: NaiveDate) -> Vec<AccessKey<'a>> {
        let mut births = vec![self.birth_date];
        if let Some(swapped) =
            NaiveDate::from_ymd_opt(self.birth_date.year(), self.birth_date.day(), self.birth_date.month())
            && swapped != self.birth_date
        {
            births.push(swapped);
        }
        let mut keys = Vec::new();
        for birth_date in births {
            let expiries = match self.expiry {
                Some(typed) => vec![typed],
                None => {
                    let mut rule = rule_expiries(birth_date, today);
                    rule.push(no_expiry_date());
                    rule
                }
            };
            keys.extend(expiries.into_iter().map(|expiry| AccessKey { number: self.number, birth_date, expiry }));
        }
        keys
    }
}

/// The birthdays at [`EXPIRY_AGES`], coming ones first (nearest first), then past ones (latest
/// first). A 29 February birthday falls on 28 February in other years.
pub fn rule_expiries(birth_date: NaiveDate, today: NaiveDate) -> Vec<NaiveDate> {
    let birthdays: Vec<NaiveDate> = EXPIRY_AGES.iter().filter_map(|age| birthday_at(birth_date, *age)).collect();
    let mut coming: Vec<NaiveDate> = birthdays.iter().copied().filter(|d| *d >= today).collect();
    let mut past: Vec<NaiveDate> = birthdays.iter().copied().filter(|d| *d < today).collect();
    coming.sort();
    past.sort_by(|a, b| b.cmp(a));
    coming.extend(past);
    coming
}

fn birthday_at(birth_date: NaiveDate, age: i32) -> Option<NaiveDate> {
    let year = birth_date.year() + age;
    NaiveDate::from_ymd_opt(year, birth_date.month(), birth_date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, birth_date.month(), birth_date.day() - 1))
}
