//! The chip CCCD card at the counter: a Vietnamese citizen identity card is an ICAO 9303
//! eMRTD. This crate opens it (PACE or BAC, with keys derived from the number and birth date),
//! reads EF.COM, EF.SOD, DG1 and DG13, proves the data genuine by passive authentication
//! against the office's CSCA certificates, and watches PC/SC readers for cards coming and
//! going. No tauri, no UI, no cache: what is read lives as long as the caller keeps it.

mod access;
mod dg13;
mod pcsc;
mod read;
/// pcscd is the Unix PC/SC daemon: the helper that runs one exists there only.
#[cfg(all(feature = "testing", unix))]
pub mod testing;
mod transport;
mod trust;

pub use crate::access::{Access, AccessKey, EXPIRY_AGES, no_expiry_date, rule_expiries};
pub use crate::dg13::{ChipRecord, Dg13Error, Expiry, NO_EXPIRY, parse_date};
pub use crate::pcsc::{PcscCard, ReaderWatch, Readers};
pub use crate::read::{Authenticity, CardError, ChipCard, ChipFile, Progress, Protocol, Refusal, read_card};
pub use crate::transport::{LinkError, Transport};
pub use crate::trust::{Trust, TrustError};
