//! The chip card held against the portal account before «Cập nhật»: which of the three details
//! the population database compares (name, birth date, sex) differ, and the exact next step for
//! each. Names are compared twice, as the database does (folded: no marks, one case, single
//! spaces) and exactly, because a difference only in marks still links but is worth fixing.

use chrono::NaiveDate;
use serde::Serialize;

use crate::lang::{Lang, Localized};
use crate::profile::Sex;
use crate::text::{fold_name, nfc};

/// The details both sides have.
#[derive(Clone, PartialEq, Eq)]
pub struct Holder {
    pub full_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
}

impl std::fmt::Debug for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Holder(<redacted>)")
    }
}

/// One detail where the account and the card differ.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum Difference {
    /// The names differ even folded: the population database will refuse the link.
    Name {
        account: String,
        card: String,
    },
    /// The names differ only in marks or spacing: the link goes through, the account is still
    /// worth correcting.
    NameMarks {
        account: String,
        card: String,
    },
    BirthDate {
        account: Option<NaiveDate>,
        card: NaiveDate,
    },
    Sex {
        account: Option<Sex>,
        card: Sex,
    },
}

impl std::fmt::Debug for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Difference::Name { .. } => "Difference::Name",
            Difference::NameMarks { .. } => "Difference::NameMarks",
            Difference::BirthDate { .. } => "Difference::BirthDate",
            Difference::Sex { .. } => "Difference::Sex",
        })
    }
}

impl Difference {
    /// Whether the population database will refuse the link because of it.
    pub fn blocks_link(&self) -> bool {
        !matches!(self, Difference::NameMarks { .. })
    }
}

/// Every difference, in the order the screen lists them.
pub fn compare(account: &Holder, card: &Holder) -> Vec<Difference> {
    let mut differences = Vec::new();
    if fold_name(&account.full_name) != fold_name(&card.full_name) {
        differences.push(Difference::Name { account: nfc(&account.full_name), card: nfc(&card.full_name) });
    } else if spaced(&account.full_name) != spaced(&card.full_name) {
        differences.push(Difference::NameMarks { account: nfc(&account.full_name), card: nfc(&card.full_name) });
    }
    if let Some(on_card) = card.birth_date
        && account.birth_date != Some(on_card)
    {
        differences.push(Difference::BirthDate { account: account.birth_date, card: on_card });
    }
    if let Some(on_card) = card.sex
        && account.sex != Some(on_card)
    {
        differences.push(Difference::Sex { account: account.sex, card: on_card });
    }
    differences
}

/// A name composed (NFC) with single spaces: what is compared exactly.
fn spaced(name: &str) -> String {
    nfc(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn date(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

fn sex(sex: Sex, lang: Lang) -> &'static str {
    match (sex, lang) {
        (Sex::Male, Lang::Vi) => "Nam",
        (Sex::Female, Lang::Vi) => "Nữ",
        (Sex::Male, Lang::En) => "male",
        (Sex::Female, Lang::En) => "female",
    }
}

/// The difference and what to do about it, in one sentence.
impl Localized for Difference {
    fn text(&self, lang: Lang) -> String {
        let none = match lang {
            Lang::Vi => "để trống",
            Lang::En => "nothing",
        };
        match (self, lang) {
            (Difference::Name { account, card }, Lang::Vi) => format!(
                "Tài khoản ghi họ tên «{account}», thẻ ghi «{card}»: hãy sửa họ tên trong Thông tin cá nhân cho giống trên thẻ."
            ),
            (Difference::Name { account, card }, Lang::En) => {
                format!(
                    "Your account says «{account}», your card says «{card}»: correct the name in Thông tin cá nhân."
                )
            }
            (Difference::NameMarks { account, card }, Lang::Vi) => format!(
                "Họ tên trên tài khoản («{account}») chỉ khác dấu so với thẻ («{card}»): vẫn liên kết được, nên sửa lại trong Thông tin cá nhân."
            ),
            (Difference::NameMarks { account, card }, Lang::En) => format!(
                "The name on your account («{account}») differs from your card («{card}») only in its marks: linking works; correct it in Thông tin cá nhân when you can."
            ),
            (Difference::BirthDate { account, card }, Lang::Vi) => format!(
                "Tài khoản ghi ngày sinh {}, thẻ ghi {}: hãy sửa ngày sinh trong Thông tin cá nhân.",
                account.map_or(none.to_owned(), date),
                date(*card)
            ),
            (Difference::BirthDate { account, card }, Lang::En) => format!(
                "Your account says {}, your card says {}: correct the birth date in Thông tin cá nhân.",
                account.map_or(none.to_owned(), date),
                date(*card)
            ),
            (Difference::Sex { account, card }, Lang::Vi) => format!(
                "Tài khoản ghi giới tính {}, thẻ ghi {}: hãy sửa giới tính trong Thông tin cá nhân.",
                account.map_or(none, |s| sex(s, lang)),
                sex(*card, lang)
            ),
            (Difference::Sex { account, card }, Lang::En) => format!(
                "Your account says {}, your card says {}: correct the sex in Thông tin cá nhân.",
                account.map_or(none, |s| sex(s, lang)),
                sex(*card, lang)
            ),
        }
    }
}
