//! Slips laid out and read back as text, and printed through a real CUPS server of the test's
//! own (its queue backed by Debian's cups-pdf), with the printer's failures.

mod cups;
mod layout;

use std::path::{Path, PathBuf};
use std::process::Command;

use dvclink_core::lang::{Lang, Localized};
use dvclink_core::port::IdpError;
use dvclink_core::vneid::{LoginError, VneidRefusal};
use dvclink_print::{DossierLine, Slip, VisitOutcome};

/// The slips of every kind: the next steps of every VNeID failure a citizen can act on, each
/// outcome of a visit, and a dossier list.
pub fn slips() -> Vec<(String, Slip)> {
    let at = "01/12/2026 09:30";
    let mut failures = vec![
        LoginError::LevelTooLow,
        LoginError::Idp { error: IdpError::Maintenance },
        LoginError::Idp { error: IdpError::Unreachable },
    ];
    failures.extend(VneidRefusal::CODES.iter().map(|(_, refusal)| LoginError::Refused { refusal: *refusal }));
    let mut slips: Vec<(String, Slip)> = failures
        .iter()
        .map(|failure| {
            let step = failure.next_step(Lang::Vi).expect("each has its steps");
            (format!("vneid-{}", failure.code()), Slip::next_step(&step, &failure.text(Lang::Vi), Lang::Vi, at))
        })
        .collect();
    let step = LoginError::LevelTooLow.next_step(Lang::En).unwrap();
    slips
        .push(("vneid-level-en".into(), Slip::next_step(&step, &LoginError::LevelTooLow.text(Lang::En), Lang::En, at)));
    let dossiers: Vec<DossierLine> = (1..=3)
        .map(|n| DossierLine {
            code: format!("G22.99-260{n}01-000{n}"),
            procedure: "Đăng ký kết hôn có yếu tố nước ngoài tại Ủy ban nhân dân cấp xã".into(),
            status: "Đang xử lý".into(),
            received: format!("0{n}/11/2026"),
        })
        .collect();
    let no_match = VisitOutcome::NoMatch {
        detail:
            "Ngày sinh trên tài khoản (05/11/1978) khác thẻ CCCD (11/05/1978): sửa ngày sinh trong Thông tin cá nhân."
                .into(),
    };
    slips.extend([
        ("visit-linked".to_owned(), Slip::visit(&VisitOutcome::Linked, Lang::Vi, at)),
        ("visit-already".to_owned(), Slip::visit(&VisitOutcome::AlreadyLinked, Lang::Vi, at)),
        ("visit-skipped-en".to_owned(), Slip::visit(&VisitOutcome::Skipped, Lang::En, at)),
        ("visit-no-match".to_owned(), Slip::visit(&no_match, Lang::Vi, at)),
        ("dossiers".to_owned(), Slip::dossiers(&dossiers, Lang::Vi, at)),
    ]);
    slips
}

/// The text of a PDF as `pdftotext` reads it, with runs of white space made one space.
pub fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext reads {}", pdf.display());
    String::from_utf8_lossy(&output.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Saves the PDF, and its pages as pictures, beside the UI's screenshots, to look at.
pub fn pictures(pdf: &Path, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/print-slips");
    std::fs::create_dir_all(&dir).expect("the picture folder");
    std::fs::copy(pdf, dir.join(format!("{name}.pdf"))).expect("the PDF beside its pictures");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "110"])
        .arg(pdf)
        .arg(dir.join(name))
        .stderr(std::process::Stdio::null())
        .status();
    assert!(status.is_ok_and(|s| s.success()), "pdftoppm draws {}", pdf.display());
}

/// The pages of a PDF drawn in grey at `dpi`: width, height and one byte per pixel, per page.
pub fn raster(pdf: &Path, dpi: u32) -> Vec<(usize, usize, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", &dpi.to_string()])
        .arg(pdf)
        .arg(&base)
        .stderr(std::process::Stdio::null())
        .status();
    assert!(status.is_ok_and(|s| s.success()), "pdftoppm draws {}", pdf.display());
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    pages
        .iter()
        .map(|page| {
            let bytes = std::fs::read(page).unwrap();
            // A binary PGM: "P5", width, height, 255, one newline, then the pixels.
            let mut fields = Vec::new();
            let mut at = 0;
            while fields.len() < 4 {
                while bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                let start = at;
                while !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
            }
            let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
            (width, height, bytes[at + 1..].to_vec())
        })
        .collect()
}

/// What CUPS wrote looks like what it was given: as many pages, each the same size, with as
/// much ink in each patch of about 2 mm (so that a line missing or moved is caught, while the
/// two may draw the letters' edges differently).
pub fn assert_same_picture(sent: &Path, printed: &Path) {
    const PATCH: usize = 5;
    let (sent, printed) = (raster(sent, 60), raster(printed, 60));
    assert_eq!(sent.len(), printed.len(), "as many pages");
    for ((w1, h1, a), (w2, h2, b)) in sent.iter().zip(&printed) {
        // A4 is 595.3 points wide, which CUPS rounds to 595: a pixel at most.
        assert!(w1.abs_diff(*w2) <= 1 && h1.abs_diff(*h2) <= 1, "the same page size: {w1}×{h1}, {w2}×{h2}");
        let (width, height) = ((*w1).min(*w2), (*h1).min(*h2));
        let ink = |pixels: &[u8], stride: usize, x: usize, y: usize| -> u32 {
            let mut sum = 0;
            for row in y..(y + PATCH).min(height) {
                for col in x..(x + PATCH).min(width) {
                    sum += 255 - u32::from(pixels[row * stride + col]);
                }
            }
            sum / (PATCH * PATCH) as u32
        };
        let (mut inked, mut differing) = (0, 0);
        for y in (0..height).step_by(PATCH) {
            for x in (0..width).step_by(PATCH) {
                let (one, other) = (ink(a, *w1, x, y), ink(b, *w2, x, y));
                inked += usize::from(one > 24);
                differing += usize::from(one.abs_diff(other) > 64);
            }
        }
        assert!(inked > 20, "the slip has ink on it");
        assert!(differing * 20 < inked, "{differing} of {inked} inked patches differ");
    }
}

/// What the QR codes on a PDF's pages say, read by a scanner (zbar) from the pages drawn at
/// 150 dpi, sorted.
pub fn qr_codes(pdf: &Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("page");
    let drawn = Command::new("pdftoppm")
        .args(["-png", "-r", "150"])
        .arg(pdf)
        .arg(&base)
        .stderr(std::process::Stdio::null())
        .status();
    assert!(drawn.is_ok_and(|s| s.success()), "pdftoppm draws {}", pdf.display());
    let mut codes = Vec::new();
    for page in std::fs::read_dir(dir.path()).unwrap() {
        let output =
            Command::new("zbarimg").args(["-q", "--raw"]).arg(page.unwrap().path()).output().expect("zbarimg runs");
        codes.extend(String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned));
    }
    codes.sort();
    codes
}

/// Every word of the slip is on the page.
pub fn assert_words(slip: &Slip, text: &str) {
    for word in slip.words() {
        assert!(text.contains(&word), "{word:?} is missing from {text:?}");
    }
}
