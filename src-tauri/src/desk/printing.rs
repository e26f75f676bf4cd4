//! «In hướng dẫn» and «In kết quả» at the desk: the slip is made from what the desk itself
//! holds (the failed sign-in's next steps, the visit's outcome, the dossiers in the cache), never
//! from text the page sends, and printed through CUPS off the async runtime. A failure leaves
//! the screen as it was, so the slip can be printed again.

use std::sync::Arc;
use std::time::Duration;

use dvclink_core::cccd_link::CccdLink;
use dvclink_core::lang::Localized;
use dvclink_core::refusal::Refusal;
use dvclink_core::vneid::LoginPhase;
use dvclink_core::wizard::{LinkOutcome, WizardStep};
use dvclink_print::{DossierLine, Paper, PrintError, Printer, Slip, SlipFonts, VisitOutcome, render};
use serde::Deserialize;
use ts_rs::TS;

use super::Desk;
use crate::error::IpcError;
use crate::offline::{DossierQuery, vietnam_now};
use crate::views;

/// How long a slip may take to come out before the job is cancelled.
const PATIENCE: Duration = Duration::from_secs(45);

/// The most dossiers one slip lists.
const MOST_DOSSIERS: u32 = 30;

/// The counter's printer and the typeface its slips are set in.
#[derive(Debug, Clone)]
pub struct Printing {
    pub printer: Printer,
    pub fonts: Arc<SlipFonts>,
}

/// `print_slip({ slip })`: which slip to print.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "slip", rename_all = "snake_case")]
pub enum SlipChoice {
    /// The next steps of the VNeID failure on screen («In hướng dẫn»).
    NextStep,
    /// How linking the account ended («In kết quả»).
    Visit,
    /// The dossiers the list shows, with a QR code each («In kết quả» on Hồ sơ đã nộp).
    Dossiers { query: DossierQuery },
}

impl Printing {
    /// The configured printer, if the machine has a font to print Vietnamese with.
    pub fn configured(queue: Option<&str>, paper: Paper) -> Option<Printing> {
        let queue = queue?;
        if cfg!(not(unix)) {
            tracing::warn!("a printer is configured, but slips print through CUPS, which this system does not have");
            return None;
        }
        match SlipFonts::from_system() {
            Ok(fonts) => Some(Printing { printer: Printer::new(queue, paper), fonts: Arc::new(fonts) }),
            Err(error) => {
                tracing::warn!(%error, "a printer is configured but no font can print Vietnamese: printing is off");
                None
            }
        }
    }
}

impl Desk {
    pub async fn print_slip(&self, choice: SlipChoice) -> Result<(), IpcError> {
        let lang = self.lang();
        let refused = |step: &'static str| IpcError::refused(&Refusal { step, event: "print" }, lang);
        let Some(printing) = self.printing.clone() else { return Err(refused("no_printer")) };
        let printed_at = views::time(&vietnam_now());
        let slip = match choice {
            SlipChoice::NextStep => {
                let visit = self.visit.lock().await;
                let LoginPhase::Failed { error, .. } = visit.login.phase() else { return Err(refused("vneid")) };
                let step = error.next_step(lang).ok_or_else(|| refused("failed"))?;
                Slip::next_step(&step, &error.text(lang), lang, &printed_at)
            }
            SlipChoice::Visit => {
                let visit = self.visit.lock().await;
                let outcome = match visit.wizard.as_ref().map(|wizard| wizard.step()) {
                    Some(WizardStep::Done { outcome: LinkOutcome::Linked }) => VisitOutcome::Linked,
                    Some(WizardStep::Done { outcome: LinkOutcome::AlreadyLinked }) => VisitOutcome::AlreadyLinked,
                    Some(WizardStep::Done { outcome: LinkOutcome::Skipped }) => VisitOutcome::Skipped,
                    Some(WizardStep::Cccd(CccdLink::MatchFailed { failure, .. })) => {
                        VisitOutcome::NoMatch { detail: failure.text(lang) }
                    }
                    _ => return Err(refused("wizard")),
                };
                Slip::visit(&outcome, lang, &printed_at)
            }
            SlipChoice::Dossiers { query } => {
                let query = DossierQuery { offset: 0, limit: query.limit.clamp(1, MOST_DOSSIERS), ..query };
                let list = self.dossiers(query).await?;
                let lines: Vec<DossierLine> = list
                    .items
                    .into_iter()
                    .map(|item| DossierLine {
                        code: item.code,
                        procedure: item.procedure_name,
                        status: item.status.label,
                        received: item.received_at.unwrap_or_default(),
                    })
                    .collect();
                Slip::dossiers(&lines, lang, &printed_at)
            }
        };
        let outcome = tokio::task::spawn_blocking(move || {
            let rendered = render(&slip, printing.printer.paper, &printing.fonts)?;
            printing.printer.print(&rendered, PATIENCE)
        })
        .await
        .unwrap_or(Err(PrintError::TimedOut));
        outcome.map_err(|error| {
            tracing::warn!(code = error.code(), "a slip did not print");
            IpcError { code: crate::error::ErrorCode::Error, message: error.text(lang) }
        })
    }
}
