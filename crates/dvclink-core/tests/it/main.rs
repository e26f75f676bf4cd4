//! The core's tests: each feature has one `check` that takes an input and the expected outcome,
//! and a table of cases.

mod card_check;
mod cccd;
mod dossier;
mod fixtures;
mod fuzz;
mod identity;
mod text;
mod vneid;
mod wizard;
