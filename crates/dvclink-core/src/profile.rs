//! The portal account and its owner's profile ("Thông tin cá nhân"), with the fields the
//! population database has confirmed marked as verified.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::cccd::Cccd;
use crate::lang::{Lang, Localized};

/// Sex as recorded by the population database and encoded in a CCCD number.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// A correction in Thông tin cá nhân of the details the population database compares. Each
/// field left out stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChange {
    pub full_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
}

impl ProfileChange {
    pub fn is_empty(&self) -> bool {
        self.full_name.is_none() && self.birth_date.is_none() && self.sex.is_none()
    }
}

/// Whether the account belongs to a citizen or to an official; both go through the same linking.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// Công dân.
    Citizen,
    /// Cán bộ, công chức.
    Official,
}

/// Electronic identification level (Nghị định 69/2024/NĐ-CP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityLevel {
    /// Basic details and a portrait.
    Level1,
    /// Adds fingerprints; equal to showing the card in person.
    Level2,
}

/// How the current portal session was opened.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInMethod {
    /// The account the portal itself issued, with password and one-time code.
    PortalAccount,
    /// The national digital identity.
    Vneid,
}

/// A field of the profile, used to say which ones the population database confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileField {
    FullName,
    Cccd,
    BirthDate,
    Sex,
    Ethnicity,
    Nationality,
    HomeTown,
    PermanentAddress,
    CurrentAddress,
}

/// The owner's details as the portal keeps them (REFERENCE.md §3). Its `Debug` lists which fields
/// are present without showing any of them.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Họ và tên.
    pub full_name: String,
    /// Số định danh cá nhân, once linked.
    pub cccd: Option<Cccd>,
    /// Số CMND, the old 9-digit card, when the account still carries it.
    pub cmnd: Option<String>,
    /// Ngày tháng năm sinh.
    pub birth_date: Option<NaiveDate>,
    /// Giới tính.
    pub sex: Option<Sex>,
    /// Dân tộc.
    pub ethnicity: Option<String>,
    /// Quốc tịch.
    pub nationality: Option<String>,
    /// Quê quán.
    pub home_town: Option<String>,
    /// Nơi thường trú.
    pub permanent_address: Option<String>,
    /// Nơi ở hiện nay.
    pub current_address: Option<String>,
    /// Số điện thoại.
    pub phone: Option<String>,
    /// Thư điện tử.
    pub email: Option<String>,
    /// Mã số thuế.
    pub tax_code: Option<String>,
    /// Mã số BHXH.
    pub social_insurance_no: Option<String>,
}

/// A portal account as seen after sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The legacy user name; `None` for an account that only exists through VNeID.
    pub username: Option<String>,
    pub kind: AccountKind,
    pub profile: Profile,
    /// Fields the population database has confirmed (shown with a green mark).
    pub verified: BTreeSet<ProfileField>,
    pub identity_level: Option<IdentityLevel>,
    pub signed_in_with: SignInMethod,
    /// After a VNeID sign-in: whether an old portal account is linked, so its dossiers show.
    pub legacy_linked: bool,
}

impl Account {
    /// Whether the account carries a CCCD number (step 2 of the guide).
    pub fn has_cccd(&self) -> bool {
        self.profile.cccd.is_some()
    }
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let present = |yes: bool| if yes { "<set>" } else { "<none>" };
        f.debug_struct("Profile")
            .field("full_name", &present(!self.full_name.is_empty()))
            .field("cccd", &self.cccd)
            .field("birth_date", &present(self.birth_date.is_some()))
            .field("sex", &present(self.sex.is_some()))
            .finish_non_exhaustive()
    }
}

impl Localized for Sex {
    fn text(&self, lang: Lang) -> String {
        match self {
            Sex::Male => lang.pick("Nam", "Male"),
            Sex::Female => lang.pick("Nữ", "Female"),
        }
        .to_owned()
    }
}

impl Localized for ProfileField {
    fn text(&self, lang: Lang) -> String {
        match self {
            ProfileField::FullName => lang.pick("Họ và tên", "Full name"),
            ProfileField::Cccd => lang.pick("Số định danh cá nhân", "Personal ID number"),
            ProfileField::BirthDate => lang.pick("Ngày tháng năm sinh", "Date of birth"),
            ProfileField::Sex => lang.pick("Giới tính", "Sex"),
            ProfileField::Ethnicity => lang.pick("Dân tộc", "Ethnicity"),
            ProfileField::Nationality => lang.pick("Quốc tịch", "Nationality"),
            ProfileField::HomeTown => lang.pick("Quê quán", "Home town"),
            ProfileField::PermanentAddress => lang.pick("Nơi thường trú", "Permanent address"),
            ProfileField::CurrentAddress => lang.pick("Nơi ở hiện nay", "Current address"),
        }
        .to_owned()
    }
}

impl Localized for IdentityLevel {
    fn text(&self, lang: Lang) -> String {
        match self {
            IdentityLevel::Level1 => lang.pick("Định danh mức độ 1", "Identification level 1"),
            IdentityLevel::Level2 => lang.pick("Định danh mức độ 2", "Identification level 2"),
        }
        .to_owned()
    }
}
