//! What a citizen does next when a VNeID sign-in cannot go on: the steps a screen shows and a
//! slip prints, written once here so that both say the same. Each names the place to go (the
//! VNeID app, the commune police, the hotline) the way the counter staff would.

use serde::Serialize;

use crate::lang::Lang;
use crate::port::IdpError;
use crate::vneid::{LoginError, VneidRefusal};

/// What to do next, in order.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextStep {
    /// One line: what this is about.
    pub title: String,
    /// The steps, each one sentence.
    pub steps: Vec<String>,
    /// Whether trying again here, now or after a while, can succeed.
    pub retry: bool,
}

impl LoginError {
    /// The steps for failures a citizen can act on; `None` for the rest (a cancelled or expired
    /// sign-in just starts again).
    pub fn next_step(&self, lang: Lang) -> Option<NextStep> {
        match self {
            LoginError::LevelTooLow => Some(level_2(lang)),
            LoginError::Refused { refusal } => Some(refusal.next_step(lang)),
            LoginError::Idp { error: IdpError::Maintenance } => Some(down(lang, true)),
            LoginError::Idp { error: IdpError::Unreachable } => Some(down(lang, false)),
            _ => None,
        }
    }
}

impl VneidRefusal {
    pub fn next_step(self, lang: Lang) -> NextStep {
        let (title, steps): (&str, Vec<(&str, &str)>) = match self {
            VneidRefusal::WebSignInNotAllowed => (
                lang.pick("Cho phép đăng nhập trên web trong ứng dụng VNeID", "Allow web sign-in in the VNeID app"),
                vec![
                    (
                        "Mở ứng dụng VNeID trên điện thoại và đăng nhập.",
                        "Open the VNeID app on your phone and sign in.",
                    ),
                    (
                        "Vào «Cài đặt» (biểu tượng bánh răng), bật «Cho phép đăng nhập trên web» (tên mục có thể khác đôi chút theo phiên bản).",
                        "Go to «Cài đặt» (Settings, the gear icon) and switch on «Cho phép đăng nhập trên web» (Allow web sign-in; the name may differ slightly by version).",
                    ),
                    (
                        "Quay lại đây, đăng nhập qua VNeID lần nữa và quét mã QR mới.",
                        "Come back here, sign in with VNeID again and scan the new QR code.",
                    ),
                    (
                        "Nếu không quét được mã, bạn có thể đăng nhập bằng số định danh và mật khẩu VNeID.",
                        "If scanning does not work, you can sign in with your ID number and VNeID password instead.",
                    ),
                ],
            ),
            VneidRefusal::Locked => (
                lang.pick("Tài khoản VNeID đang tạm khóa", "The VNeID account is locked for now"),
                vec![
                    (
                        "Chờ khoảng 30 phút rồi đăng nhập lại; đừng thử mật khẩu nhiều lần liền nhau.",
                        "Wait about 30 minutes, then sign in again; do not try passwords many times in a row.",
                    ),
                    (
                        "Nếu quên mật khẩu: trong ứng dụng VNeID chọn «Quên mật khẩu» và làm theo hướng dẫn.",
                        "If you forgot the password: in the VNeID app choose «Quên mật khẩu» (Forgot password) and follow the steps.",
                    ),
                    (
                        "Nếu vẫn không mở được, gọi tổng đài VNeID 1900 0368 hoặc đến Công an cấp xã nơi cư trú, mang theo thẻ CCCD.",
                        "If it still stays locked, call the VNeID hotline 1900 0368 or go to the commune police where you live with your CCCD card.",
                    ),
                ],
            ),
            VneidRefusal::NotActivated => (
                lang.pick("Kích hoạt tài khoản định danh điện tử", "Activate your electronic identity account"),
                vec![
                    (
                        "Cài ứng dụng VNeID trên điện thoại, chọn «Kích hoạt tài khoản định danh điện tử».",
                        "Install the VNeID app on your phone and choose «Kích hoạt tài khoản định danh điện tử» (Activate electronic identity account).",
                    ),
                    (
                        "Nhập số định danh cá nhân và số điện thoại đã đăng ký với công an, rồi nhập mã xác thực (OTP) nhận được.",
                        "Enter your personal ID number and the phone number registered with the police, then the one-time code you receive.",
                    ),
                    (
                        "Nếu chưa đăng ký tài khoản định danh điện tử, hãy đến Công an cấp xã nơi cư trú, mang theo thẻ CCCD gắn chip.",
                        "If you never registered an electronic identity, go to the commune police where you live with your chip CCCD card.",
                    ),
                ],
            ),
            VneidRefusal::CodeToOldPhone => (
                lang.pick("Mã xác thực gửi tới số điện thoại cũ", "The one-time code goes to an old phone number"),
                vec![
                    (
                        "Nếu bạn đã đổi số điện thoại: đến Công an cấp xã nơi cư trú với thẻ CCCD gắn chip để đổi số điện thoại đăng ký VNeID, hoặc gọi tổng đài 1900 0368 (thường mất 7–10 ngày).",
                        "If you changed your phone number: go to the commune police where you live with your chip CCCD card to change the number registered with VNeID, or call the hotline 1900 0368 (it usually takes 7–10 days).",
                    ),
                    (
                        "Nếu bạn đã đổi điện thoại nhưng giữ số: đăng nhập ứng dụng VNeID trên điện thoại mới; mỗi tài khoản chỉ dùng trên một thiết bị.",
                        "If you changed phones but kept the number: sign in to the VNeID app on the new phone; an account works on one device at a time.",
                    ),
                    (
                        "Trong lúc chờ, bạn có thể đăng nhập bằng mã QR nếu ứng dụng VNeID vẫn mở được trên điện thoại.",
                        "Meanwhile you can sign in with the QR code if the VNeID app still opens on your phone.",
                    ),
                ],
            ),
        };
        NextStep { title: title.to_owned(), steps: pick_all(lang, &steps), retry: false }
    }
}

fn level_2(lang: Lang) -> NextStep {
    let steps = [
        (
            "Mang thẻ CCCD gắn chip đến Công an cấp xã nơi cư trú và đề nghị nâng tài khoản định danh điện tử lên mức độ 2; cán bộ sẽ chụp ảnh chân dung và lấy vân tay.",
            "Take your chip CCCD card to the commune police where you live and ask to raise your electronic identity to level 2; they take your portrait and fingerprints.",
        ),
        (
            "Mang theo điện thoại đã cài ứng dụng VNeID, với số điện thoại bạn đang dùng.",
            "Bring the phone with the VNeID app, and the phone number you use now.",
        ),
        (
            "Khi được duyệt, kích hoạt mức độ 2 trong ứng dụng VNeID theo tin nhắn nhận được, rồi đăng nhập lại tại đây.",
            "Once approved, activate level 2 in the VNeID app as the message you receive explains, then sign in here again.",
        ),
        (
            "Trong lúc chờ, bạn vẫn xem được «Hồ sơ đã nộp» và «Thông tin cá nhân» với tài khoản mức độ 1.",
            "Meanwhile you can still view «Submitted dossiers» and «Personal information» with a level 1 account.",
        ),
    ];
    NextStep {
        title: lang.pick("Nâng tài khoản VNeID lên mức độ 2", "Raise your VNeID account to level 2").to_owned(),
        steps: pick_all(lang, &steps),
        retry: false,
    }
}

/// VNeID under maintenance, or not answering at all.
fn down(lang: Lang, maintenance: bool) -> NextStep {
    let title = if maintenance {
        lang.pick("Hệ thống VNeID đang bảo trì", "VNeID is under maintenance")
    } else {
        lang.pick("Không kết nối được VNeID", "VNeID cannot be reached")
    };
    let steps = [
        (
            "Bấm «Thử lại» sau ít phút; dữ liệu bạn đã nhập không bị mất.",
            "Press «Try again» in a few minutes; nothing you entered is lost.",
        ),
        (
            "Nếu vẫn không được, hãy quay lại sau hoặc nhờ cán bộ tại quầy hỗ trợ.",
            "If it still fails, come back later or ask the staff at the counter.",
        ),
    ];
    NextStep { title: title.to_owned(), steps: pick_all(lang, &steps), retry: true }
}

fn pick_all(lang: Lang, steps: &[(&str, &str)]) -> Vec<String> {
    steps.iter().map(|(vi, en)| lang.pick(vi, en).to_owned()).collect()
}
