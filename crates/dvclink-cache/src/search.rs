//! What Hồ sơ đã nộp can be asked: free text, statuses, a date range, an order, a page.

use chrono::NaiveDate;
use dvclink_core::dossier::DossierStatus;

/// The search and filters of Hồ sơ đã nộp.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DossierFilter {
    /// Free text over code, procedure, agency and summary; empty for everything.
    pub text: String,
    /// Only these statuses; empty for all.
    pub statuses: Vec<DossierStatus>,
    /// Received on or after this day.
    pub from: Option<NaiveDate>,
    /// Received on or before this day.
    pub to: Option<NaiveDate>,
    pub order: Order,
    pub offset: u32,
    pub limit: u32,
}

/// Sort by the day the dossier was received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    NewestFirst,
    OldestFirst,
}
