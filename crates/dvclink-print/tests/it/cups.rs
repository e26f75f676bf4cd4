//! Slips printed through a CUPS server of the test's own (`dvclink_print::testing::Cups`) are
//! read back from the PDF cups-pdf writes; a stopped queue, a missing queue and a server that is
//! not there each give their own error; and no job file stays behind.

use std::path::PathBuf;
use std::time::Duration;

use dvclink_print::testing::Cups;
use dvclink_print::{Block, JOB_TITLE, Paper, PrintError, Printer, PrinterState, SlipFonts, render};

use crate::{assert_same_picture, assert_words, pdf_text, pictures, qr_codes, slips};

/// Every slip on both papers through CUPS and Debian's cups-pdf. The words are read from the
/// PDF handed to CUPS (cups-pdf's PostScript step turns the letters into pictures that no longer
/// say which letters they are); what cups-pdf wrote is compared with it drawn, page by page.
#[test]
fn slips_print_through_cups_and_come_out_as_sent() {
    let cups = Cups::start();
    let fonts = SlipFonts::from_system().unwrap();
    let sent_dir = tempfile::tempdir().unwrap();
    assert_eq!(cups.printer(Paper::A4).state().unwrap(), PrinterState::Ready);
    for (name, slip) in slips() {
        for (paper, suffix) in [(Paper::Receipt80, "receipt"), (Paper::A4, "a4")] {
            let before = cups.printed().len();
            let rendered = render(&slip, paper, &fonts).unwrap();
            let sent = sent_dir.path().join(format!("{name}-{suffix}.pdf"));
            std::fs::write(&sent, &rendered.pdf).unwrap();
            assert_words(&slip, &pdf_text(&sent));
            cups.printer(paper).print(&rendered, Duration::from_secs(30)).expect("the slip prints");
            let printed = cups.printed();
            assert_eq!(printed.len(), before + 1, "one PDF per slip");
            let newest = printed.iter().max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok()).unwrap();
            let file_name = newest.file_name().unwrap().to_string_lossy().into_owned();
            assert!(file_name.contains(JOB_TITLE), "the job is titled {JOB_TITLE}: {file_name}");
            pictures(newest, &format!("cups-{name}-{suffix}"));
            assert_same_picture(&sent, newest);
            // The QR codes on what came out scan to each dossier's look-up page.
            let mut expected: Vec<String> = slip
                .blocks
                .iter()
                .filter_map(|block| match block {
                    Block::Qr { data, .. } => Some(data.clone()),
                    _ => None,
                })
                .collect();
            expected.sort();
            assert_eq!(qr_codes(newest), expected, "{name}-{suffix}");
        }
    }
    assert_eq!(cups.spooled(), Vec::<PathBuf>::new(), "no job file stays in the spool");
}

/// A stopped queue (out of paper), a queue that does not exist and a CUPS that is not there.
#[test]
fn printer_failures_are_named_and_leave_no_job() {
    let cups = Cups::start();
    let fonts = SlipFonts::from_system().unwrap();
    let (_, slip) = slips().remove(0);
    let rendered = render(&slip, Paper::Receipt80, &fonts).unwrap();
    let check = |printer: Printer, expected: &str| {
        let error = printer.print(&rendered, Duration::from_secs(30)).unwrap_err();
        assert_eq!(error.code(), expected, "{error}");
    };
    cups.admin("cupsdisable", &["-r", "media-empty", cups.queue()]);
    let stopped = cups.printer(Paper::Receipt80).state().unwrap();
    assert!(matches!(&stopped, PrinterState::Stopped { reason } if reason.contains("media-empty")), "{stopped:?}");
    check(cups.printer(Paper::Receipt80), "printer_stopped");
    check(Printer::new("khong_co_may_in", Paper::A4).on_server(cups.socket()), "no_printer");
    let gone = cups.dir().join("no-such.sock").display().to_string();
    check(Printer::new(cups.queue().to_owned(), Paper::A4).on_server(gone), "printing_unavailable");
    assert!(cups.printed().is_empty(), "nothing came out");
    assert_eq!(cups.spooled(), Vec::<PathBuf>::new(), "no job waits to come out later");

    // Paper in again: the same slip prints.
    cups.admin("cupsenable", &[cups.queue()]);
    cups.printer(Paper::Receipt80).print(&rendered, Duration::from_secs(30)).unwrap();
    assert_eq!(cups.printed().len(), 1);
    let message = dvclink_core::lang::Localized::text(
        &PrintError::Stopped { reason: "media-empty".into() },
        dvclink_core::lang::Lang::Vi,
    );
    assert!(message.contains("giấy"), "{message}");
}
