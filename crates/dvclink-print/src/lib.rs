//! The slips dvclink prints at the counter: what to do next after a VNeID failure, the outcome
//! of a visit, and the dossiers with a QR code each; laid out for an 80 mm receipt printer or
//! A4, and printed through the machine's CUPS. No tauri, no UI: the desktop shell says what to
//! print and shows the outcome.

mod cups;
mod font;
mod pdf;
mod slip;
/// CUPS is a Unix server: the helper that runs one exists there only.
#[cfg(all(feature = "testing", unix))]
pub mod testing;

use dvclink_core::lang::{Lang, Localized};

pub use crate::cups::{JOB_TITLE, Printer, PrinterState};
pub use crate::font::{Font, SlipFonts};
pub use crate::pdf::{Paper, Rendered, render};
pub use crate::slip::{Block, DossierLine, LOOKUP_URL, Slip, VisitOutcome, lookup_url};

/// Why a slip was not printed. Nothing is lost: the screen stays, and «In» can be pressed again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    #[error("no font with Vietnamese letters was found")]
    NoFont,
    #[error("the configured printer queue does not exist")]
    NoPrinter,
    #[error("the printer is stopped: {reason}")]
    Stopped { reason: String },
    #[error("the printer did not finish in time")]
    TimedOut,
    #[error("CUPS cannot be reached: {detail}")]
    Unavailable { detail: String },
    #[error("CUPS refused the job: {detail}")]
    Refused { detail: String },
}

impl PrintError {
    /// A short stable name, for the UI and for logs.
    pub fn code(&self) -> &'static str {
        match self {
            PrintError::NoFont => "no_font",
            PrintError::NoPrinter => "no_printer",
            PrintError::Stopped { .. } => "printer_stopped",
            PrintError::TimedOut => "printer_timed_out",
            PrintError::Unavailable { .. } => "printing_unavailable",
            PrintError::Refused { .. } => "print_refused",
        }
    }
}

impl Localized for PrintError {
    fn text(&self, lang: Lang) -> String {
        match self {
            PrintError::Stopped { reason } => match lang {
                Lang::Vi => format!(
                    "Máy in đang dừng ({reason}). Hãy kiểm tra giấy, nắp và đèn báo của máy in, hoặc nhờ cán bộ, rồi bấm «In» lại."
                ),
                Lang::En => format!(
                    "The printer has stopped ({reason}). Check its paper, cover and lights, or ask the staff, then press «Print» again."
                ),
            },
            PrintError::TimedOut => lang
                .pick(
                    "Máy in không in xong kịp và lệnh in đã được hủy. Hãy kiểm tra máy in rồi bấm «In» lại.",
                    "The printer did not finish in time and the job was cancelled. Check the printer, then press «Print» again.",
                )
                .to_owned(),
            PrintError::NoPrinter | PrintError::Unavailable { .. } => lang
                .pick(
                    "Không tìm thấy máy in của quầy. Hãy báo cán bộ kiểm tra máy in; hướng dẫn vẫn hiện trên màn hình.",
                    "The counter's printer cannot be found. Ask the staff to check it; the guidance stays on the screen.",
                )
                .to_owned(),
            PrintError::NoFont | PrintError::Refused { .. } => lang
                .pick(
                    "Không in được phiếu này. Hãy báo cán bộ; hướng dẫn vẫn hiện trên màn hình.",
                    "This slip could not be printed. Please tell the staff; the guidance stays on the screen.",
                )
                .to_owned(),
        }
    }
}
