//! Every message a user can read exists in Vietnamese first and English second; this module
//! names the two languages and the trait that turns a domain value into words.

use serde::{Deserialize, Serialize};

/// The languages the app speaks. Vietnamese is the default everywhere.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Picks the Vietnamese or the English text.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// A value that can explain itself to a citizen: what happened and what to do next.
pub trait Localized {
    fn text(&self, lang: Lang) -> String;
}
