//! Each slip on each paper: every word readable back from the PDF (so the embedded font maps
//! Vietnamese letters right), nothing past the paper's edge, receipts one strip long.

use std::process::Command;

use dvclink_print::{Paper, Slip, SlipFonts, render};

use crate::{assert_words, pdf_text, pictures, slips};

/// Where the words sit: `(page width, page height, the right edge of the widest word)`.
fn extent(pdf: &std::path::Path) -> (f32, f32, f32) {
    let output = Command::new("pdftotext").args(["-bbox", "-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap();
    let html = String::from_utf8_lossy(&output.stdout);
    let number = |tag: &str, key: &str| -> Vec<f32> {
        html.lines()
            .filter(|line| line.trim_start().starts_with(tag))
            .filter_map(|line| line.split(&format!("{key}=\"")).nth(1)?.split('"').next()?.parse().ok())
            .collect()
    };
    let width = number("<page", "width")[0];
    let height = number("<page", "height")[0];
    let right = number("<word", "xMax").into_iter().fold(0.0, f32::max);
    (width, height, right)
}

fn check(name: &str, slip: &Slip, paper: Paper) {
    let fonts = SlipFonts::from_system().expect("a font with Vietnamese letters (fonts-dejavu-core)");
    let pdf = render(slip, paper, &fonts).unwrap().pdf;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, &pdf).unwrap();
    assert_words(slip, &pdf_text(&path));
    let (width, height, right) = extent(&path);
    let margin = match paper {
        Paper::Receipt80 => 4.0 * 72.0 / 25.4,
        Paper::A4 => 20.0 * 72.0 / 25.4,
    };
    assert!(right <= width - margin + 1.0, "{name}: a word reaches {right} on a page {width} wide");
    match paper {
        Paper::Receipt80 => assert!((width - 226.77).abs() < 0.5 && height > 100.0, "{name}: {width}×{height}"),
        Paper::A4 => assert!((width - 595.27).abs() < 0.5 && (height - 841.89).abs() < 0.5, "{name}: {width}×{height}"),
    }
    assert!(pdf.len() < 120_000, "{name}: the fonts are cut down to the letters used ({} bytes)", pdf.len());
    pictures(&path, name);
}

#[test]
fn every_slip_reads_back_on_both_papers() {
    for (name, slip) in slips() {
        check(&format!("{name}-receipt"), &slip, Paper::Receipt80);
        check(&format!("{name}-a4"), &slip, Paper::A4);
    }
}

/// A word longer than the paper is cut between letters rather than run off the edge, and a
/// long list goes on to a second A4 page.
#[test]
fn long_words_and_long_lists_stay_on_the_paper() {
    use dvclink_core::lang::Lang;
    use dvclink_print::DossierLine;
    let long = "Nghịđịnh69/2024/NĐ-CPquyđịnhvềđịnhdanhvàxácthựcđiệntửchocôngdânViệtNam".repeat(3);
    let slip =
        Slip::visit(&dvclink_print::VisitOutcome::NoMatch { detail: long.clone() }, Lang::Vi, "01/12/2026 09:30");
    let fonts = SlipFonts::from_system().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long-word.pdf");
    std::fs::write(&path, render(&slip, Paper::Receipt80, &fonts).unwrap().pdf).unwrap();
    let (width, _, right) = extent(&path);
    assert!(right <= width - 4.0 * 72.0 / 25.4 + 1.0, "the long word reaches {right} on a page {width} wide");
    let joined: String = pdf_text(&path).split_whitespace().collect();
    assert!(joined.contains(&long), "the long word is all there, cut between letters");
    let many: Vec<DossierLine> = (0..12)
        .map(|n| DossierLine {
            code: format!("H{n:02}.1-2611-0001"),
            procedure: "Cấp giấy xác nhận tình trạng hôn nhân".into(),
            status: "Đã trả kết quả".into(),
            received: "02/11/2026".into(),
        })
        .collect();
    let slip = Slip::dossiers(&many, Lang::Vi, "01/12/2026 09:30");
    let pdf = render(&slip, Paper::A4, &fonts).unwrap().pdf;
    let path = dir.path().join("many.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let pages: u32 = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap();
    assert!(pages >= 3, "12 dossiers with QR codes take several A4 pages, not {pages}");
    assert_words(&slip, &pdf_text(&path));
    pictures(&path, "dossiers-many-a4");
}
