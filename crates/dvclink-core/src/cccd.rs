//! The 12-digit CCCD number (Căn cước công dân, also the personal identification number): what a
//! user types is checked here before anything is sent to the portal.
//!
//! No check digit has been published, so only the structure is checked (REFERENCE.md §2): three
//! digits of province, one of century and sex, two of birth year, six random digits. An unknown
//! province is a warning, never a refusal: real numbers carry country codes too.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lang::{Lang, Localized};
use crate::profile::Sex;
use crate::province::province_name;

/// A structurally valid CCCD number. Its `Debug` masks the middle digits.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cccd(String);

/// A number that passed the checks, with what the user should still be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedCccd {
    pub cccd: Cccd,
    pub warnings: Vec<CccdWarning>,
}

/// Why a typed number is not a CCCD number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CccdError {
    #[error("no number was entered")]
    Empty,
    #[error("the number contains {found:?}, which is not a digit")]
    NotDigits { found: char },
    #[error("a 9-digit CMND number is not a CCCD number")]
    OldCmnd,
    #[error("a CCCD number has 12 digits, not {len}")]
    WrongLength { len: usize },
    #[error("the number encodes birth year {year}, which has not come yet")]
    BirthYearInFuture { year: i32 },
}

/// Something odd about a number that is still accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CccdWarning {
    /// The first three digits are not in the 2016 province table (a country code, perhaps).
    UnknownProvince { code: String },
}

/// Where a CCCD number disagrees with the birth date or sex on record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CccdMismatch {
    #[error("the number encodes birth year {in_number}, the record says {on_record}")]
    BirthYear { in_number: i32, on_record: i32 },
    #[error("the number encodes sex {in_number:?}, the record says {on_record:?}")]
    Sex { in_number: Sex, on_record: Sex },
}

impl Cccd {
    /// Checks what a user typed. Spaces between digit groups are allowed; `today` bounds the
    /// birth year.
    pub fn parse(input: &str, today: NaiveDate) -> Result<CheckedCccd, CccdError> {
        let cccd = Cccd::from_digits(input)?;
        let year = cccd.birth_year();
        if year > today.year() {
            return Err(CccdError::BirthYearInFuture { year });
        }
        let mut warnings = Vec::new();
        if cccd.province().is_none() {
            warnings.push(CccdWarning::UnknownProvince { code: cccd.province_code().to_owned() });
        }
        Ok(CheckedCccd { cccd, warnings })
    }

    /// Checks length and digits only; for numbers that come from a trusted record rather than
    /// from a keyboard.
    pub fn from_digits(input: &str) -> Result<Cccd, CccdError> {
        let mut digits = String::with_capacity(12);
        for c in crate::text::typed_number(input).chars() {
            if c.is_whitespace() {
                continue;
            }
            if !c.is_ascii_digit() {
                return Err(CccdError::NotDigits { found: c });
            }
            digits.push(c);
        }
        match digits.len() {
            0 => Err(CccdError::Empty),
            9 => Err(CccdError::OldCmnd),
            12 => Ok(Cccd(digits)),
            len => Err(CccdError::WrongLength { len }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code of the province (or country) where the birth was registered.
    pub fn province_code(&self) -> &str {
        &self.0[..3]
    }

    /// The province's name, when the code is in the 2016 table.
    pub fn province(&self) -> Option<&'static str> {
        province_name(self.province_code())
    }

    /// The sex encoded by the fourth digit: even is male.
    pub fn sex(&self) -> Sex {
        if self.digit(3).is_multiple_of(2) { Sex::Male } else { Sex::Female }
    }

    /// The birth year encoded by digits 4 to 6: `1900 + 100 * (d4 / 2) + d5d6`.
    pub fn birth_year(&self) -> i32 {
        let century = i32::from(self.digit(3) / 2);
        let year = i32::from(self.digit(4)) * 10 + i32::from(self.digit(5));
        1900 + 100 * century + year
    }

    /// Compares the number with the birth date and sex on record; each disagreement has its own
    /// error so the user is told which one to check.
    pub fn check_against(&self, birth_date: Option<NaiveDate>, sex: Option<Sex>) -> Result<(), CccdMismatch> {
        if let Some(date) = birth_date
            && date.year() != self.birth_year()
        {
            return Err(CccdMismatch::BirthYear { in_number: self.birth_year(), on_record: date.year() });
        }
        if let Some(on_record) = sex
            && on_record != self.sex()
        {
            return Err(CccdMismatch::Sex { in_number: self.sex(), on_record });
        }
        Ok(())
    }

    /// The number with all but the first three and last two digits hidden.
    pub fn masked(&self) -> String {
        format!("{}*******{}", &self.0[..3], &self.0[10..])
    }

    fn digit(&self, i: usize) -> u8 {
        self.0.as_bytes()[i] - b'0'
    }
}

impl fmt::Debug for Cccd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cccd({})", self.masked())
    }
}

impl Serialize for Cccd {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Cccd {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Cccd, D::Error> {
        let s = String::deserialize(deserializer)?;
        Cccd::from_digits(&s).map_err(serde::de::Error::custom)
    }
}

impl Localized for CccdError {
    fn text(&self, lang: Lang) -> String {
        match self {
            CccdError::Empty => lang
                .pick(
                    "Vui lòng nhập số CCCD gồm 12 chữ số, in ở mặt trước thẻ Căn cước.",
                    "Please enter your 12-digit CCCD number, printed on the front of your ID card.",
                )
                .to_owned(),
            CccdError::NotDigits { found } => match lang {
                Lang::Vi => format!("Số CCCD chỉ gồm chữ số; hãy xóa ký tự «{found}»."),
                Lang::En => format!("A CCCD number has digits only; please remove «{found}»."),
            },
            CccdError::OldCmnd => lang
                .pick(
                    "Đây là số Chứng minh nhân dân cũ (9 số). Hãy nhập số CCCD gồm 12 chữ số.",
                    "This is an old 9-digit CMND number. Please enter your 12-digit CCCD number.",
                )
                .to_owned(),
            CccdError::WrongLength { len } => match lang {
                Lang::Vi => format!("Số CCCD có 12 chữ số, bạn đã nhập {len} chữ số. Hãy kiểm tra lại."),
                Lang::En => format!("A CCCD number has 12 digits; you entered {len}. Please check it."),
            },
            CccdError::BirthYearInFuture { year } => match lang {
                Lang::Vi => {
                    format!("Chữ số thứ 4 đến 6 cho năm sinh {year}, là năm chưa tới. Hãy kiểm tra lại số CCCD.")
                }
                Lang::En => {
                    format!("Digits 4 to 6 give birth year {year}, which has not come yet. Please check the number.")
                }
            },
        }
    }
}

impl Localized for CccdWarning {
    fn text(&self, lang: Lang) -> String {
        match self {
            CccdWarning::UnknownProvince { code } => match lang {
                Lang::Vi => format!(
                    "Mã nơi đăng ký khai sinh «{code}» không có trong danh mục tỉnh, thành. Nếu số này đúng như trên thẻ, bạn vẫn có thể tiếp tục."
                ),
                Lang::En => format!(
                    "The birth-registration code «{code}» is not in the province table. If the number matches your card, you can continue."
                ),
            },
        }
    }
}

impl Localized for CccdMismatch {
    fn text(&self, lang: Lang) -> String {
        match self {
            CccdMismatch::BirthYear { in_number, on_record } => match lang {
                Lang::Vi => format!(
                    "Số CCCD này ứng với năm sinh {in_number}, nhưng tài khoản ghi năm sinh {on_record}. Hãy kiểm tra lại số CCCD trên thẻ."
                ),
                Lang::En => format!(
                    "This CCCD number belongs to someone born in {in_number}, but the account says {on_record}. Please check the number on your card."
                ),
            },
            CccdMismatch::Sex { in_number, on_record } => match lang {
                Lang::Vi => format!(
                    "Số CCCD này ứng với giới tính {}, nhưng tài khoản ghi giới tính {}. Hãy kiểm tra lại số CCCD trên thẻ.",
                    in_number.text(lang),
                    on_record.text(lang)
                ),
                Lang::En => format!(
                    "This CCCD number belongs to a {} person, but the account says {}. Please check the number on your card.",
                    in_number.text(lang).to_lowercase(),
                    on_record.text(lang).to_lowercase()
                ),
            },
        }
    }
}
