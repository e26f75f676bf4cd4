//! Dossier codes, statuses and channels.

use dvclink_core::dossier::{Channel, DossierCode, DossierCodeError, DossierStatus};
use dvclink_core::{Lang, Localized};

fn check(code: &str, expected: Result<(), DossierCodeError>) {
    assert_eq!(DossierCode::new(code).map(|_| ()), expected, "{code:?}");
}

#[test]
fn codes() {
    check("G22.99-240612-0001", Ok(()));
    check("000.00.24.H56-240612-0001", Ok(()));
    check("HS_2024_01", Ok(()));
    check("", Err(DossierCodeError::Empty));
    check(&"A".repeat(65), Err(DossierCodeError::TooLong));
    check("G22 99", Err(DossierCodeError::BadChar(' ')));
    check("G22'; DROP TABLE", Err(DossierCodeError::BadChar('\'')));
    check("Hồ-sơ", Err(DossierCodeError::BadChar('ồ')));
}

#[test]
fn the_ten_statuses() {
    let expected = [
        (1, "Mới đăng ký"),
        (2, "Được tiếp nhận"),
        (3, "Không được tiếp nhận"),
        (4, "Đang xử lý"),
        (5, "Yêu cầu bổ sung giấy tờ"),
        (6, "Yêu cầu thực hiện nghĩa vụ tài chính"),
        (7, "Công dân yêu cầu rút hồ sơ"),
        (8, "Dừng xử lý"),
        (9, "Đã xử lý xong"),
        (10, "Đã trả kết quả"),
    ];
    for (code, label) in expected {
        let status = DossierStatus::from_code(code).unwrap();
        assert_eq!((status.code(), status.text(Lang::Vi).as_str()), (code, label));
        assert_ne!(status.text(Lang::En), label);
    }
    assert_eq!(DossierStatus::from_code(0), None);
    assert_eq!(DossierStatus::from_code(11), None);
}

#[test]
fn channels() {
    let expected = [(1, "Trực tiếp"), (2, "Trực tuyến"), (3, "Bưu chính công ích")];
    for (code, label) in expected {
        let channel = Channel::from_code(code).unwrap();
        assert_eq!((channel.code(), channel.text(Lang::Vi).as_str()), (code, label));
    }
    assert_eq!(Channel::from_code(0), None);
    assert_eq!(Channel::from_code(4), None);
}
