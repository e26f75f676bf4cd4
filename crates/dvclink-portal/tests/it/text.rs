//! Text from the portal enters the app composed (NFC), whatever form the portal stored it in.

use dvclink_portal::wire;
use serde_json::json;

fn check(stored: &str, kept: &str) {
    let account = wire::account(json!({
        "TenDangNhap": "tranthibinh",
        "LoaiTaiKhoan": "CONG_DAN",
        "PhuongThucDangNhap": "TAI_KHOAN_CONG",
        "DaLienKetTaiKhoanCu": true,
        "HoVaTen": stored,
        "QueQuan": stored,
    }))
    .expect("an account");
    assert_eq!(account.profile.full_name, kept, "{stored:?}");
    assert_eq!(account.profile.home_town.as_deref(), Some(kept), "{stored:?}");
}

#[test]
fn names_and_places_are_composed() {
    check("Tra\u{302}\u{300}n Thi\u{323} Bi\u{300}nh", "Trần Thị Bình");
    check("Trần Thị Bình", "Trần Thị Bình");
    check("Đo\u{302}ng Anh, Ha\u{300} No\u{323}\u{302}i", "Đông Anh, Hà Nội");
}
