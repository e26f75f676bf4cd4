//! Folding Vietnamese text.

use dvclink_core::text::{fold, fold_name};

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
