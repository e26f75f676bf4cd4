//! The CCCD field as both the linking wizard and "Thông tin định danh" use it: what was typed,
//! what is wrong with it, and whether the user has confirmed an unusual number.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cccd::{Cccd, CccdError, CccdMismatch, CccdWarning};
use crate::lang::{Lang, Localized};
use crate::profile::Profile;

/// The CCCD field and its feedback. The typed text is kept through every failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CccdEntry {
    pub input: String,
    pub problem: Option<CccdProblem>,
    pub warnings: Vec<CccdWarning>,
    /// A number whose warnings the user has seen; submitting it again goes ahead.
    #[serde(skip)]
    warned: Option<Cccd>,
}

/// Why a typed number cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CccdProblem {
    Invalid(CccdError),
    Mismatch(CccdMismatch),
}

impl CccdEntry {
    pub fn new(input: impl Into<String>) -> CccdEntry {
        CccdEntry { input: input.into(), ..CccdEntry::default() }
    }

    /// Takes a new submission. Returns the number when it may be sent: valid, consistent with
    /// the profile's birth year and sex, and any warning already shown once.
    pub fn submit(&mut self, input: String, today: NaiveDate, profile: &Profile) -> Option<Cccd> {
        self.input = input;
        self.problem = None;
        let checked = match Cccd::parse(&self.input, today) {
            Ok(checked) => checked,
            Err(error) => {
                self.warnings.clear();
                self.problem = Some(CccdProblem::Invalid(error));
                return None;
            }
        };
        if let Err(mismatch) = checked.cccd.check_against(profile.birth_date, profile.sex) {
            self.warnings.clear();
            self.problem = Some(CccdProblem::Mismatch(mismatch));
            return None;
        }
        let seen = self.warned.as_ref() == Some(&checked.cccd);
        self.warnings = checked.warnings;
        if self.warnings.is_empty() || seen {
            self.warned = None;
            return Some(checked.cccd);
        }
        self.warned = Some(checked.cccd);
        None
    }
}

impl Localized for CccdProblem {
    fn text(&self, lang: Lang) -> String {
        match self {
            CccdProblem::Invalid(error) => error.text(lang),
            CccdProblem::Mismatch(mismatch) => mismatch.text(lang),
        }
    }
}

impl CccdProblem {
    /// A short stable name, for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            CccdProblem::Invalid(CccdError::Empty) => "empty",
            CccdProblem::Invalid(CccdError::NotDigits { .. }) => "not_digits",
            CccdProblem::Invalid(CccdError::OldCmnd) => "old_cmnd",
            CccdProblem::Invalid(CccdError::WrongLength { .. }) => "wrong_length",
            CccdProblem::Invalid(CccdError::BirthYearInFuture { .. }) => "birth_year_in_future",
            CccdProblem::Mismatch(CccdMismatch::BirthYear { .. }) => "birth_year_mismatch",
            CccdProblem::Mismatch(CccdMismatch::Sex { .. }) => "sex_mismatch",
        }
    }
}
