//! Folding Vietnamese text.

use dvclink_core::text::{fold, fold_name, nfc, typed_number};

fn check(text: &str, folded: &str) {
    assert_eq!(fold(text), folded, "{text}");
}

#[test]
fn folds_every_mark_and_d_with_stroke() {
    check("Đăng ký kết hôn", "dang ky ket hon");
    check("ĐẶNG THỊ ÁNH", "dang thi anh");
    check("Cấp Phiếu lý lịch tư pháp", "cap phieu ly lich tu phap");
    check("Ủy ban nhân dân phường Trung Hòa", "uy ban nhan dan phuong trung hoa");
    check("Bà Rịa–Vũng Tàu", "ba ria–vung tau");
    check("000.25.11.H26-261111-00015", "000.25.11.h26-261111-00015");
    check("ỳýỷỹỵ ÙÚỦŨỤ ƯỪỨỬỮỰ", "yyyyy uuuuu uuuuuu");
    check("", "");
    // Typed decomposed («Unicode tổ hợp»): base letters and combining marks.
    check("Đa\u{306}ng ky\u{301} ke\u{302}\u{301}t ho\u{302}n", "dang ky ket hon");
    check("NGUYE\u{302}\u{303}N", "nguyen");
}

#[test]
fn text_enters_the_app_composed() {
    for (input, composed) in [
        ("Đa\u{306}ng ky\u{301}", "Đăng ký"),
        ("Nguye\u{302}\u{303}n Va\u{306}n An", "Nguyễn Văn An"),
        ("Đăng ký", "Đăng ký"),
        ("Tra\u{302}\u{300}n", "Trần"),
        ("", ""),
    ] {
        assert_eq!(nfc(input), composed, "{input:?}");
    }
}

#[test]
fn number_fields_take_full_width_digits() {
    for (input, typed) in [("０１２３", "0123"), ("123 456", "123 456"), ("１２３４５６", "123456"), ("abc", "abc")]
    {
        assert_eq!(typed_number(input), typed, "{input:?}");
    }
}

#[test]
fn names_as_the_population_database_compares_them() {
    for (name, folded) in [
        ("Nguyễn Văn An", "NGUYEN VAN AN"),
        ("Đặng  Thị   Ánh", "DANG THI ANH"),
        ("  Phạm Minh Đức ", "PHAM MINH DUC"),
        ("Lê Văn Cường", "LE VAN CUONG"),
    ] {
        assert_eq!(fold_name(name), folded);
    }
}
