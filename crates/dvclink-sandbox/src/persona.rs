//! The demo personas: fixed people and portal accounts that walk every branch of the guide.
//! README.md lists them for testers; the tests sign in as them.

use chrono::NaiveDate;
use dvclink_core::profile::{AccountKind, IdentityLevel, Sex};

use crate::population::Citizen;

/// The portal password of every demo account.
pub const DEMO_PASSWORD: &str = "Matkhau@123";

/// A valid-looking CCCD number that no citizen has.
pub const UNKNOWN_CCCD: &str = "079190999999";

/// A demo person: their population record and their old portal account.
#[derive(Debug, Clone, Copy)]
pub struct Persona {
    /// Short name used in docs and tests.
    pub key: &'static str,
    /// What this persona demonstrates.
    pub purpose_vi: &'static str,
    pub purpose_en: &'static str,
    pub username: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub kind: AccountKind,
    pub cccd: &'static str,
    pub full_name: &'static str,
    pub sex: Sex,
    /// Birth date in the population database.
    pub born: (i32, u32, u32),
    /// Birth date on the old portal account; differs for the mismatch persona.
    pub account_born: (i32, u32, u32),
    /// Whether the old account already carries the CCCD number.
    pub linked: bool,
    pub dossiers: usize,
    pub vneid: Option<IdentityLevel>,
    pub ethnicity: &'static str,
    pub home_town: &'static str,
    pub address: &'static str,
}

/// An extra old account that holds a persona's number (the "number already taken" case).
#[derive(Debug, Clone, Copy)]
pub struct ExtraAccount {
    pub username: &'static str,
    pub phone: &'static str,
    pub owner: &'static str,
    pub dossiers: usize,
}

/// A population record that differs from a persona in one detail.
#[derive(Debug, Clone, Copy)]
pub struct Confusable {
    pub cccd: &'static str,
    pub full_name: &'static str,
    pub born: (i32, u32, u32),
    pub sex: Sex,
}

/// Population records that exist to produce each match failure on Trần Thị Bình's account:
/// another name, another birth date, another sex.
pub const CONFUSABLE_RECORDS: [Confusable; 3] = [
    Confusable { cccd: "079190004322", full_name: "Trần Thị Bích", born: (1990, 7, 20), sex: Sex::Female },
    Confusable { cccd: "079190004323", full_name: "Trần Thị Bình", born: (1990, 7, 21), sex: Sex::Female },
    Confusable { cccd: "079090004324", full_name: "Trần Thị Bình", born: (1990, 7, 20), sex: Sex::Male },
];

pub const PERSONAS: [Persona; 6] = [
    Persona {
        key: "linked",
        purpose_vi: "Tài khoản đã có số CCCD: đăng nhập xong vào thẳng màn hình nghiệp vụ.",
        purpose_en: "Account already carries a CCCD: goes straight to the task screen.",
        username: "nguyenvanan",
        phone: "0912345678",
        email: "an.nguyen@example.vn",
        kind: AccountKind::Citizen,
        cccd: "001085012345",
        full_name: "Nguyễn Văn An",
        sex: Sex::Male,
        born: (1985, 3, 12),
        account_born: (1985, 3, 12),
        linked: true,
        dossiers: 25,
        vneid: Some(IdentityLevel::Level2),
        ethnicity: "Kinh",
        home_town: "Xã Đại Đồng, Huyện Thạch Thất, Hà Nội",
        address: "Số 18 đường Hoàng Quốc Việt, Phường Nghĩa Đô, Quận Cầu Giấy, Hà Nội",
    },
    Persona {
        key: "match",
        purpose_vi: "Chưa có số CCCD, dữ liệu khớp CSDL Dân cư: «Cập nhật» liên kết thành công.",
        purpose_en: "No CCCD yet, data matches the population database: «Cập nhật» links.",
        username: "tranthibinh",
        phone: "0987654321",
        email: "binh.tran@example.vn",
        kind: AccountKind::Citizen,
        cccd: "079190004321",
        full_name: "Trần Thị Bình",
        sex: Sex::Female,
        born: (1990, 7, 20),
        account_born: (1990, 7, 20),
        linked: false,
        dossiers: 8,
        vneid: Some(IdentityLevel::Level2),
        ethnicity: "Kinh",
        home_town: "Xã Phước Long, Huyện Nhà Bè, TP Hồ Chí Minh",
        address: "Số 25 đường Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP Hồ Chí Minh",
    },
    Persona {
        key: "mismatch",
        purpose_vi: "Chưa có số CCCD, ngày sinh trên tài khoản (05/11/1978) khác CSDL Dân cư (11/05/1978).",
        purpose_en: "No CCCD yet; the account's birth date (05/11/1978) differs from the record (11/05/1978).",
        username: "levancuong",
        phone: "0903111222",
        email: "cuong.le@example.vn",
        kind: AccountKind::Citizen,
        cccd: "038078006789",
        full_name: "Lê Văn Cường",
        sex: Sex::Male,
        born: (1978, 5, 11),
        account_born: (1978, 11, 5),
        linked: false,
        dossiers: 5,
        vneid: Some(IdentityLevel::Level1),
        ethnicity: "Mường",
        home_town: "Xã Yên Sơn, Huyện Thọ Xuân, Thanh Hóa",
        address: "Số 7 đường Lê Lợi, Phường Lam Sơn, TP Thanh Hóa, Thanh Hóa",
    },
    Persona {
        key: "taken",
        purpose_vi: "Chưa có số CCCD, nhưng số CCCD đã liên kết với tài khoản cũ khác (phamduc1982).",
        purpose_en: "No CCCD yet, but the number is already linked to another old account (phamduc1982).",
        username: "phamminhduc",
        phone: "0934555666",
        email: "duc.pham@example.vn",
        kind: AccountKind::Citizen,
        cccd: "031082001122",
        full_name: "Phạm Minh Đức",
        sex: Sex::Male,
        born: (1982, 9, 2),
        account_born: (1982, 9, 2),
        linked: false,
        dossiers: 3,
        vneid: Some(IdentityLevel::Level2),
        ethnicity: "Kinh",
        home_town: "Xã Hưng Long, Huyện An Lão, Hải Phòng",
        address: "Số 120 đường Điện Biên Phủ, Phường Máy Tơ, Quận Ngô Quyền, Hải Phòng",
    },
    Persona {
        key: "many",
        purpose_vi: "Tài khoản đã liên kết, có 1.200 hồ sơ đã nộp ở đủ 10 trạng thái.",
        purpose_en: "Linked account with 1,200 past dossiers in all 10 statuses.",
        username: "hoangthimai",
        phone: "0905777888",
        email: "mai.hoang@example.vn",
        kind: AccountKind::Citizen,
        cccd: "048175003344",
        full_name: "Hoàng Thị Mai",
        sex: Sex::Female,
        born: (1975, 1, 15),
        account_born: (1975, 1, 15),
        linked: true,
        dossiers: 1200,
        vneid: Some(IdentityLevel::Level2),
        ethnicity: "Kinh",
        home_town: "Xã Hòa Bình, Huyện Hòa Vang, Đà Nẵng",
        address: "Số 52 đường Trần Hưng Đạo, Phường An Hải Tây, Quận Sơn Trà, Đà Nẵng",
    },
    Persona {
        key: "official",
        purpose_vi: "Cán bộ chưa có số CCCD, dữ liệu khớp: cán bộ cũng liên kết như công dân.",
        purpose_en: "An official without a CCCD yet, data matches: officials link like citizens.",
        username: "vuquanghuy",
        phone: "0916333444",
        email: "huy.vu@example.gov.vn",
        kind: AccountKind::Official,
        cccd: "036088005566",
        full_name: "Vũ Quang Huy",
        sex: Sex::Male,
        born: (1988, 6, 30),
        account_born: (1988, 6, 30),
        linked: false,
        dossiers: 4,
        vneid: Some(IdentityLevel::Level2),
        ethnicity: "Kinh",
        home_town: "Xã Minh Khai, Huyện Vụ Bản, Nam Định",
        address: "Số 9 đường Hùng Vương, Phường Vị Hoàng, TP Nam Định, Nam Định",
    },
];

/// The old duplicate account of Phạm Minh Đức, which holds his CCCD number.
pub const EXTRA_ACCOUNTS: [ExtraAccount; 1] =
    [ExtraAccount { username: "phamduc1982", phone: "0934000111", owner: "taken", dossiers: 6 }];

impl Persona {
    pub fn birth_date(&self) -> NaiveDate {
        date(self.born)
    }

    pub fn account_birth_date(&self) -> NaiveDate {
        date(self.account_born)
    }

    /// The persona's population record.
    pub fn citizen(&self) -> Citizen {
        Citizen {
            cccd: self.cccd.to_owned(),
            full_name: self.full_name.to_owned(),
            birth_date: self.birth_date(),
            sex: self.sex,
            ethnicity: self.ethnicity.to_owned(),
            nationality: "Việt Nam".to_owned(),
            home_town: self.home_town.to_owned(),
            permanent_address: self.address.to_owned(),
            current_address: self.address.to_owned(),
            vneid: self.vneid,
        }
    }

    pub fn by_key(key: &str) -> Option<&'static Persona> {
        PERSONAS.iter().find(|p| p.key == key)
    }
}

/// The records behind [`CONFUSABLE_RECORDS`], borrowing the rest from Trần Thị Bình.
pub fn confusable_citizens() -> Vec<Citizen> {
    let base = PERSONAS[1].citizen();
    CONFUSABLE_RECORDS
        .iter()
        .map(|record| Citizen {
            cccd: record.cccd.to_owned(),
            full_name: record.full_name.to_owned(),
            birth_date: date(record.born),
            sex: record.sex,
            vneid: None,
            ..base.clone()
        })
        .collect()
}

fn date((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}
