//! The task screen ("màn hình nghiệp vụ") the user set out for. It is chosen before sign-in,
//! carried through every branch of linking and VNeID sign-in, and is where the user lands.

use serde::{Deserialize, Serialize};

use crate::dossier::DossierCode;
use crate::lang::{Lang, Localized};

/// A screen the app offers once the user is signed in.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Task {
    /// Hồ sơ đã nộp: the dossiers filed so far.
    SubmittedDossiers,
    /// One dossier and its processing steps.
    DossierDetail { code: DossierCode },
    /// Thông tin cá nhân.
    PersonalInfo,
    /// Thông tin cá nhân → Thông tin định danh, where the CCCD is updated later.
    IdentityInfo,
}

impl Task {
    /// Whether the task changes the citizen's identity data, which the portal allows only to a
    /// level 2 electronic identity (Nghị định 69/2024); reading is open to level 1.
    pub fn needs_level_2(&self) -> bool {
        matches!(self, Task::IdentityInfo)
    }
}

impl Localized for Task {
    fn text(&self, lang: Lang) -> String {
        match self {
            Task::SubmittedDossiers => lang.pick("Hồ sơ đã nộp", "Submitted dossiers").to_owned(),
            Task::DossierDetail { code } => match lang {
                Lang::Vi => format!("Hồ sơ {code}"),
                Lang::En => format!("Dossier {code}"),
            },
            Task::PersonalInfo => lang.pick("Thông tin cá nhân", "Personal information").to_owned(),
            Task::IdentityInfo => lang.pick("Thông tin định danh", "Identity information").to_owned(),
        }
    }
}
