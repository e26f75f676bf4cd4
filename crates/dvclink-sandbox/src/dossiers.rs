//! Past dossiers of the sandbox's accounts, in the portal's dossier-interface format, generated
//! deterministically: real-sounding procedures and agencies, every status, processing steps that
//! fit the status.

use chrono::{Datelike, NaiveDateTime, TimeDelta};
use dvclink_core::dossier::DossierStatus;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::wire;

/// A dossier as the portal sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierRecord {
    #[serde(rename = "MaHoSo")]
    pub code: String,
    #[serde(rename = "MaTTHC")]
    pub procedure_code: String,
    #[serde(rename = "TenTTHC")]
    pub procedure_name: String,
    #[serde(rename = "MaLinhVuc")]
    pub field_code: String,
    #[serde(rename = "SoBienNhan")]
    pub receipt_no: Option<String>,
    #[serde(rename = "ChuHoSo")]
    pub owner: String,
    #[serde(rename = "TrichYeuHoSo")]
    pub summary: String,
    #[serde(rename = "NgayTiepNhan", with = "wire::opt_time")]
    pub received_at: Option<NaiveDateTime>,
    #[serde(rename = "NgayHenTra", with = "wire::opt_time")]
    pub due_at: Option<NaiveDateTime>,
    #[serde(rename = "NgayTra", with = "wire::opt_time")]
    pub returned_at: Option<NaiveDateTime>,
    #[serde(rename = "TrangThaiHoSo")]
    pub status: u8,
    #[serde(rename = "DonViXuLy")]
    pub agency: String,
    #[serde(rename = "HinhThuc")]
    pub channel: u8,
    #[serde(rename = "LePhi")]
    pub fees: Vec<FeeRecord>,
    #[serde(rename = "TaiLieuNop")]
    pub attachments: Vec<DocumentRecord>,
    #[serde(rename = "TaiLieuKetQua")]
    pub results: Vec<DocumentRecord>,
    #[serde(rename = "QuaTrinhXuLy")]
    pub steps: Vec<StepRecord>,
    #[serde(rename = "NgayCapNhat", with = "wire::time")]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeRecord {
    #[serde(rename = "TenPhiLePhi")]
    pub name: String,
    #[serde(rename = "SoTien")]
    pub amount: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    #[serde(rename = "TenTaiLieu")]
    pub name: String,
    #[serde(rename = "TenTepDinhKem")]
    pub file_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    #[serde(rename = "NguoiXuLy")]
    pub handler: String,
    #[serde(rename = "PhongBanXuLy")]
    pub department: String,
    #[serde(rename = "ThoiDiemXuLy", with = "wire::time")]
    pub at: NaiveDateTime,
    #[serde(rename = "NoiDungXuLy")]
    pub content: String,
}

/// A procedure: code, name, field code, fee, working days, and the result document.
struct Procedure {
    code: &'static str,
    name: &'static str,
    field: &'static str,
    fee: u64,
    days: i64,
    result: &'static str,
    form: &'static str,
}

const PROCEDURES: [Procedure; 12] = [
    Procedure {
        code: "1.001193",
        name: "Đăng ký khai sinh",
        field: "HT",
        fee: 0,
        days: 1,
        result: "Giấy khai sinh",
        form: "Tờ khai đăng ký khai sinh",
    },
    Procedure {
        code: "1.000894",
        name: "Đăng ký kết hôn",
        field: "HT",
        fee: 0,
        days: 3,
        result: "Giấy chứng nhận kết hôn",
        form: "Tờ khai đăng ký kết hôn",
    },
    Procedure {
        code: "2.000488",
        name: "Cấp Phiếu lý lịch tư pháp",
        field: "LLTP",
        fee: 200_000,
        days: 10,
        result: "Phiếu lý lịch tư pháp số 1",
        form: "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
    },
    Procedure {
        code: "1.004194",
        name: "Đăng ký thường trú",
        field: "CT",
        fee: 20_000,
        days: 7,
        result: "Thông báo kết quả đăng ký thường trú",
        form: "Tờ khai thay đổi thông tin cư trú (CT01)",
    },
    Procedure {
        code: "1.002309",
        name: "Cấp đổi giấy phép lái xe",
        field: "DB",
        fee: 135_000,
        days: 5,
        result: "Giấy phép lái xe",
        form: "Đơn đề nghị đổi giấy phép lái xe",
    },
    Procedure {
        code: "2.000815",
        name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        field: "CTH",
        fee: 2_000,
        days: 1,
        result: "Bản sao có chứng thực",
        form: "Bản chính giấy tờ cần chứng thực",
    },
    Procedure {
        code: "1.000656",
        name: "Đăng ký khai tử",
        field: "HT",
        fee: 0,
        days: 1,
        result: "Trích lục khai tử",
        form: "Tờ khai đăng ký khai tử",
    },
    Procedure {
        code: "1.004873",
        name: "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
        field: "DD",
        fee: 100_000,
        days: 30,
        result: "Giấy chứng nhận quyền sử dụng đất",
        form: "Đơn đăng ký, cấp Giấy chứng nhận",
    },
    Procedure {
        code: "2.000720",
        name: "Đăng ký thành lập hộ kinh doanh",
        field: "KD",
        fee: 100_000,
        days: 3,
        result: "Giấy chứng nhận đăng ký hộ kinh doanh",
        form: "Giấy đề nghị đăng ký hộ kinh doanh",
    },
    Procedure {
        code: "1.009994",
        name: "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        field: "XD",
        fee: 75_000,
        days: 15,
        result: "Giấy phép xây dựng",
        form: "Đơn đề nghị cấp giấy phép xây dựng",
    },
    Procedure {
        code: "1.001978",
        name: "Giải quyết hưởng trợ cấp thất nghiệp",
        field: "VL",
        fee: 0,
        days: 20,
        result: "Quyết định hưởng trợ cấp thất nghiệp",
        form: "Đề nghị hưởng trợ cấp thất nghiệp",
    },
    Procedure {
        code: "1.001766",
        name: "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
        field: "HT",
        fee: 15_000,
        days: 3,
        result: "Trích lục thay đổi hộ tịch",
        form: "Tờ khai đăng ký thay đổi, cải chính hộ tịch",
    },
];

const AGENCIES: [(&str, &str); 10] = [
    ("000.25.11.H26", "UBND phường Trung Hòa, quận Cầu Giấy, Hà Nội"),
    ("000.00.14.H50", "Sở Tư pháp tỉnh Quảng Trị"),
    ("000.00.09.H29", "Sở Giao thông vận tải TP Hồ Chí Minh"),
    ("000.31.20.H17", "UBND xã Đại Đồng, huyện Thạch Thất, Hà Nội"),
    ("000.00.07.H16", "Sở Tài nguyên và Môi trường TP Đà Nẵng"),
    ("000.20.30.H56", "UBND huyện Thọ Xuân, Thanh Hóa"),
    ("000.00.12.H30", "Sở Lao động - Thương binh và Xã hội Hải Phòng"),
    ("000.05.19.H40", "Công an phường Bến Nghé, Quận 1, TP Hồ Chí Minh"),
    ("000.10.22.H37", "UBND TP Nam Định, tỉnh Nam Định"),
    ("000.40.01.H33", "Bộ phận một cửa UBND quận Sơn Trà, Đà Nẵng"),
];

const OFFICERS: [&str; 10] = [
    "Nguyễn Thị Hoa",
    "Trần Văn Hùng",
    "Lê Thị Thu Hà",
    "Phạm Quốc Việt",
    "Đỗ Minh Tâm",
    "Bùi Thị Lan",
    "Võ Thanh Sơn",
    "Hoàng Ngọc Ánh",
    "Đặng Văn Toàn",
    "Ngô Thị Yến",
];

/// Generates `count` dossiers for `owner`, codes numbered from `first_serial`, all before `now`.
/// The first ten take the ten statuses in order so that every status appears.
pub fn generate(owner: &str, seed: u64, first_serial: u32, count: usize, now: NaiveDateTime) -> Vec<DossierRecord> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..count)
        .map(|i| {
            let status = if i < DossierStatus::ALL.len() {
                DossierStatus::ALL[i]
            } else {
                // Most past dossiers are finished.
                match rng.gen_range(0..100) {
                    0..=54 => DossierStatus::Returned,
                    55..=64 => DossierStatus::Processed,
                    65..=74 => DossierStatus::Processing,
                    n => DossierStatus::ALL[(n as usize) % 10],
                }
            };
            one(&mut rng, owner, first_serial + i as u32, status, now)
        })
        .collect()
}

fn one(rng: &mut ChaCha8Rng, owner: &str, serial: u32, status: DossierStatus, now: NaiveDateTime) -> DossierRecord {
    let procedure = &PROCEDURES[rng.gen_range(0..PROCEDURES.len())];
    let (agency_code, agency) = AGENCIES[rng.gen_range(0..AGENCIES.len())];
    let age_days = rng.gen_range(2..2200);
    let received_day = (now - TimeDelta::days(age_days)).date();
    let received_at =
        received_day.and_hms_opt(rng.gen_range(7..11), rng.gen_range(0..60), rng.gen_range(0..60)).unwrap_or(now);
    let due_at = received_at + TimeDelta::days(procedure.days.max(1) + 2);
    let channel = match rng.gen_range(0..10) {
        0..=5 => 2,
        6..=8 => 1,
        _ => 3,
    };
    let code = format!(
        "{agency_code}-{:02}{:02}{:02}-{serial:05}",
        received_day.year() % 100,
        received_day.month(),
        received_day.day()
    );
    let mut steps = Vec::new();
    let mut at = received_at;
    let mut step = |rng: &mut ChaCha8Rng, handler: &str, department: &str, content: &str| {
        at += TimeDelta::minutes(rng.gen_range(30..3 * 24 * 60));
        steps.push(StepRecord {
            handler: handler.to_owned(),
            department: department.to_owned(),
            at,
            content: content.to_owned(),
        });
    };
    let officer = OFFICERS[rng.gen_range(0..OFFICERS.len())];
    let specialist = OFFICERS[rng.gen_range(0..OFFICERS.len())];
    let leader = OFFICERS[rng.gen_range(0..OFFICERS.len())];
    let intake = "Bộ phận tiếp nhận và trả kết quả";
    let expert = "Phòng chuyên môn";
    if channel == 2 {
        step(rng, owner, "Công dân", "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công Quốc gia");
    } else {
        step(rng, officer, intake, "Nhận hồ sơ giấy của công dân");
    }
    use DossierStatus as S;
    match status {
        S::Registered => {}
        S::NotAccepted => step(rng, officer, intake, "Từ chối tiếp nhận: hồ sơ chưa đủ thành phần theo quy định"),
        _ => step(rng, officer, intake, "Tiếp nhận hồ sơ, chuyển phòng chuyên môn xử lý"),
    }
    match status {
        S::Processing | S::AdditionalDocumentsRequested | S::PaymentRequested | S::Processed | S::Returned => {
            step(rng, specialist, expert, "Thẩm định hồ sơ")
        }
        _ => {}
    }
    match status {
        S::AdditionalDocumentsRequested => {
            step(rng, specialist, expert, "Yêu cầu bổ sung: bản sao giấy tờ tùy thân có chứng thực")
        }
        S::PaymentRequested => step(rng, specialist, expert, "Đề nghị công dân nộp phí, lệ phí theo quy định"),
        S::WithdrawalRequested => step(rng, owner, "Công dân", "Công dân đề nghị rút hồ sơ"),
        S::Suspended => step(rng, leader, "Lãnh đạo đơn vị", "Dừng xử lý hồ sơ theo đề nghị của công dân"),
        S::Processed | S::Returned => step(rng, leader, "Lãnh đạo đơn vị", "Phê duyệt kết quả giải quyết"),
        _ => {}
    }
    if status == S::Returned {
        step(rng, officer, intake, "Trả kết quả cho công dân");
    }
    let updated_at = steps.last().map_or(received_at, |s| s.at).min(now);
    for s in &mut steps {
        s.at = s.at.min(now);
    }
    let finished = matches!(status, S::Processed | S::Returned);
    DossierRecord {
        code,
        procedure_code: procedure.code.to_owned(),
        procedure_name: procedure.name.to_owned(),
        field_code: procedure.field.to_owned(),
        receipt_no: (status != S::Registered).then(|| format!("BN{serial:07}")),
        owner: owner.to_owned(),
        summary: format!("{} của ông/bà {owner}", procedure.name),
        received_at: (status != S::Registered).then_some(received_at),
        due_at: (status != S::Registered && status != S::NotAccepted).then_some(due_at),
        returned_at: (status == S::Returned).then_some(updated_at),
        status: status.code(),
        agency: agency.to_owned(),
        channel,
        fees: if procedure.fee > 0 {
            vec![FeeRecord { name: "Lệ phí".to_owned(), amount: procedure.fee }]
        } else {
            vec![]
        },
        attachments: vec![
            DocumentRecord { name: procedure.form.to_owned(), file_name: Some(format!("to-khai-{serial}.pdf")) },
            DocumentRecord {
                name: "Bản sao thẻ Căn cước".to_owned(),
                file_name: Some(format!("can-cuoc-{serial}.pdf")),
            },
        ],
        results: if finished {
            vec![DocumentRecord { name: procedure.result.to_owned(), file_name: Some(format!("ket-qua-{serial}.pdf")) }]
        } else {
            vec![]
        },
        steps,
        updated_at,
    }
}
