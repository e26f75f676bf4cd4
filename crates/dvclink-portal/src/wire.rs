//! The portal's JSON, read strictly: every field is checked and turned into a domain type, and
//! anything malformed becomes an error naming the field, never a panic.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use dvclink_core::Cccd;
use dvclink_core::dossier::{
    Channel, Document, Dossier, DossierChange, DossierCode, DossierPage, DossierStatus, Fee, PageCursor, ProcessingStep,
};
use dvclink_core::port::{IdentityPreview, PreviewId};
use dvclink_core::profile::{Account, AccountKind, IdentityLevel, Profile, ProfileField, Sex, SignInMethod};
use dvclink_core::text::nfc;
use serde::Deserialize;
use serde_json::Value;

/// A field that did not hold what the portal promised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct WireError {
    pub field: &'static str,
    pub problem: String,
}

/// The body of an error answer.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    #[serde(default)]
    pub attempts_left: Option<u32>,
    #[serde(default)]
    pub retry_after: Option<u64>,
    #[serde(default)]
    pub field: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ChallengeWire {
    pub challenge_id: String,
    pub masked_phone: String,
    pub expires_in: i64,
    pub resend_in: i64,
}

#[derive(Debug, Deserialize)]
pub struct SessionWire {
    pub access_token: String,
    pub expires_in: i64,
}

#[derive(Debug, Deserialize)]
struct ProfileWire {
    #[serde(rename = "HoVaTen")]
    full_name: String,
    #[serde(rename = "SoDinhDanh")]
    cccd: Option<String>,
    #[serde(rename = "SoCMND")]
    cmnd: Option<String>,
    #[serde(rename = "NgayThangNamSinh")]
    birth_date: Option<String>,
    #[serde(rename = "GioiTinh")]
    sex: Option<u8>,
    #[serde(rename = "DanToc")]
    ethnicity: Option<String>,
    #[serde(rename = "QuocTich")]
    nationality: Option<String>,
    #[serde(rename = "QueQuan")]
    home_town: Option<String>,
    #[serde(rename = "ThuongTru")]
    permanent_address: Option<String>,
    #[serde(rename = "NoiOHienNay")]
    current_address: Option<String>,
    #[serde(rename = "SoDienThoai")]
    phone: Option<String>,
    #[serde(rename = "ThuDienTu")]
    email: Option<String>,
    #[serde(rename = "MaSoThue")]
    tax_code: Option<String>,
    #[serde(rename = "MaBHXH")]
    social_insurance_no: Option<String>,
    #[serde(rename = "DaXacThuc", default)]
    verified: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct AccountWire {
    #[serde(rename = "TenDangNhap")]
    username: Option<String>,
    #[serde(rename = "LoaiTaiKhoan")]
    kind: String,
    #[serde(rename = "MucDinhDanh")]
    level: Option<u8>,
    #[serde(rename = "PhuongThucDangNhap")]
    method: String,
    #[serde(rename = "DaLienKetTaiKhoanCu")]
    linked: bool,
    #[serde(flatten)]
    profile: ProfileWire,
}

#[derive(Debug, Deserialize)]
struct PreviewWire {
    preview_id: String,
    #[serde(flatten)]
    profile: ProfileWire,
}

#[derive(Debug, Deserialize)]
struct FeedWire {
    items: Vec<Value>,
    next_cursor: Option<String>,
    total: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct TombstoneWire {
    #[serde(rename = "MaHoSo")]
    code: String,
    #[serde(rename = "NgayCapNhat")]
    at: String,
}

#[derive(Debug, Deserialize)]
struct DossierWire {
    #[serde(rename = "MaHoSo")]
    code: String,
    #[serde(rename = "MaTTHC")]
    procedure_code: String,
    #[serde(rename = "TenTTHC")]
    procedure_name: String,
    #[serde(rename = "MaLinhVuc")]
    field_code: Option<String>,
    #[serde(rename = "SoBienNhan")]
    receipt_no: Option<String>,
    #[serde(rename = "ChuHoSo")]
    owner: String,
    #[serde(rename = "TrichYeuHoSo", default)]
    summary: String,
    #[serde(rename = "NgayTiepNhan")]
    received_at: Option<String>,
    #[serde(rename = "NgayHenTra")]
    due_at: Option<String>,
    #[serde(rename = "NgayTra")]
    returned_at: Option<String>,
    #[serde(rename = "TrangThaiHoSo")]
    status: u8,
    #[serde(rename = "DonViXuLy")]
    agency: String,
    #[serde(rename = "HinhThuc")]
    channel: u8,
    #[serde(rename = "LePhi", default)]
    fees: Vec<FeeWire>,
    #[serde(rename = "TaiLieuNop", default)]
    attachments: Vec<DocumentWire>,
    #[serde(rename = "TaiLieuKetQua", default)]
    results: Vec<DocumentWire>,
    #[serde(rename = "QuaTrinhXuLy", default)]
    steps: Vec<StepWire>,
    #[serde(rename = "NgayCapNhat")]
    updated_at: String,
}

#[derive(Debug, Deserialize)]
struct FeeWire {
    #[serde(rename = "TenPhiLePhi")]
    name: String,
    #[serde(rename = "SoTien")]
    amount: u64,
}

#[derive(Debug, Deserialize)]
struct DocumentWire {
    #[serde(rename = "TenTaiLieu")]
    name: String,
    #[serde(rename = "TenTepDinhKem")]
    file_name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct StepWire {
    #[serde(rename = "NguoiXuLy")]
    handler: String,
    #[serde(rename = "PhongBanXuLy")]
    department: String,
    #[serde(rename = "ThoiDiemXuLy")]
    at: String,
    #[serde(rename = "NoiDungXuLy")]
    content: String,
}

/// Reads an account answer.
pub fn account(value: Value) -> Result<Account, WireError> {
    let wire: AccountWire = from_value("account", value)?;
    let kind = match wire.kind.as_str() {
        "CONG_DAN" => AccountKind::Citizen,
        "CAN_BO" => AccountKind::Official,
        other => return Err(bad("LoaiTaiKhoan", format!("unknown account type {other:?}"))),
    };
    let identity_level = match wire.level {
        None => None,
        Some(1) => Some(IdentityLevel::Level1),
        Some(2) => Some(IdentityLevel::Level2),
        Some(other) => return Err(bad("MucDinhDanh", format!("unknown level {other}"))),
    };
    let signed_in_with = match wire.method.as_str() {
        "TAI_KHOAN_CONG" => SignInMethod::PortalAccount,
        "VNEID" => SignInMethod::Vneid,
        other => return Err(bad("PhuongThucDangNhap", format!("unknown sign-in method {other:?}"))),
    };
    let (profile, verified) = profile(wire.profile)?;
    Ok(Account {
        username: wire.username,
        kind,
        profile,
        verified,
        identity_level,
        signed_in_with,
        legacy_linked: wire.linked,
    })
}

/// Reads an identity lookup answer.
pub fn preview(value: Value) -> Result<IdentityPreview, WireError> {
    let wire: PreviewWire = from_value("identity", value)?;
    if wire.preview_id.is_empty() {
        return Err(bad("preview_id", "empty".into()));
    }
    let (profile, verified) = profile(wire.profile)?;
    Ok(IdentityPreview { id: PreviewId(wire.preview_id), profile, verified })
}

/// Reads a page of the dossier change feed.
pub fn dossier_page(value: Value) -> Result<DossierPage, WireError> {
    let wire: FeedWire = from_value("feed", value)?;
    let changes = wire.items.into_iter().map(change).collect::<Result<Vec<_>, _>>()?;
    Ok(DossierPage {
        changes,
        next_cursor: wire.next_cursor.filter(|c| !c.is_empty()).map(PageCursor),
        total: wire.total,
    })
}

/// Reads one dossier.
pub fn dossier(value: Value) -> Result<Dossier, WireError> {
    let wire: DossierWire = from_value("dossier", value)?;
    Ok(Dossier {
        code: code(&wire.code)?,
        procedure_code: wire.procedure_code,
        procedure_name: wire.procedure_name,
        field_code: wire.field_code,
        receipt_no: wire.receipt_no,
        owner: wire.owner,
        summary: wire.summary,
        received_at: opt_time("NgayTiepNhan", wire.received_at)?,
        due_at: opt_time("NgayHenTra", wire.due_at)?,
        returned_at: opt_time("NgayTra", wire.returned_at)?,
        status: DossierStatus::from_code(wire.status)
            .ok_or_else(|| bad("TrangThaiHoSo", format!("unknown status {}", wire.status)))?,
        agency: wire.agency,
        channel: Channel::from_code(wire.channel)
            .ok_or_else(|| bad("HinhThuc", format!("unknown channel {}", wire.channel)))?,
        fees: wire.fees.into_iter().map(|f| Fee { name: f.name, amount_vnd: f.amount }).collect(),
        attachments: wire.attachments.into_iter().map(document).collect(),
        results: wire.results.into_iter().map(document).collect(),
        steps: wire
            .steps
            .into_iter()
            .map(|s| {
                Ok(ProcessingStep {
                    handler: s.handler,
                    department: s.department,
                    at: time("ThoiDiemXuLy", &s.at)?,
                    content: s.content,
                })
            })
            .collect::<Result<_, WireError>>()?,
        updated_at: time("NgayCapNhat", &wire.updated_at)?,
    })
}

/// The portal's timestamp format, `yyyyMMddHHmmss` in Vietnam time.
pub fn format_time(time: &NaiveDateTime) -> String {
    time.format("%Y%m%d%H%M%S").to_string()
}

fn change(value: Value) -> Result<DossierChange, WireError> {
    if value.get("DaXoa").and_then(Value::as_bool) == Some(true) {
        let wire: TombstoneWire = from_value("removed dossier", value)?;
        return Ok(DossierChange::Removed { code: code(&wire.code)?, at: time("NgayCapNhat", &wire.at)? });
    }
    dossier(value).map(DossierChange::Upsert)
}

fn profile(wire: ProfileWire) -> Result<(Profile, BTreeSet<ProfileField>), WireError> {
    let cccd = match wire.cccd {
        Some(text) => Some(Cccd::from_digits(&text).map_err(|e| bad("SoDinhDanh", e.to_string()))?),
        None => None,
    };
    let birth_date = match wire.birth_date {
        Some(text) => Some(
            NaiveDate::parse_from_str(&text, "%d/%m/%Y")
                .map_err(|_| bad("NgayThangNamSinh", "not dd/MM/yyyy".into()))?,
        ),
        None => None,
    };
    let sex = match wire.sex {
        None => None,
        Some(1) => Some(Sex::Male),
        Some(2) => Some(Sex::Female),
        Some(other) => return Err(bad("GioiTinh", format!("unknown code {other}"))),
    };
    // Fields this version does not know are left unmarked rather than refused.
    let verified = wire.verified.iter().filter_map(|name| field(name)).collect();
    let profile = Profile {
        full_name: wire.full_name,
        cccd,
        cmnd: wire.cmnd,
        birth_date,
        sex,
        ethnicity: wire.ethnicity,
        nationality: wire.nationality,
        home_town: wire.home_town,
        permanent_address: wire.permanent_address,
        current_address: wire.current_address,
        phone: wire.phone,
        email: wire.email,
        tax_code: wire.tax_code,
        social_insurance_no: wire.social_insurance_no,
    };
    Ok((profile, verified))
}

fn field(name: &str) -> Option<ProfileField> {
    Some(match name {
        "HoVaTen" => ProfileField::FullName,
        "SoDinhDanh" => ProfileField::Cccd,
        "NgayThangNamSinh" => ProfileField::BirthDate,
        "GioiTinh" => ProfileField::Sex,
        "DanToc" => ProfileField::Ethnicity,
        "QuocTich" => ProfileField::Nationality,
        "QueQuan" => ProfileField::HomeTown,
        "ThuongTru" => ProfileField::PermanentAddress,
        "NoiOHienNay" => ProfileField::CurrentAddress,
        _ => return None,
    })
}

fn document(wire: DocumentWire) -> Document {
    Document { name: wire.name, file_name: wire.file_name }
}

fn code(text: &str) -> Result<DossierCode, WireError> {
    DossierCode::new(text).map_err(|e| bad("MaHoSo", e.to_string()))
}

fn time(field: &'static str, text: &str) -> Result<NaiveDateTime, WireError> {
    NaiveDateTime::parse_from_str(text, "%Y%m%d%H%M%S")
        .map_err(|_| bad(field, format!("{text:?} is not yyyyMMddHHmmss")))
}

fn opt_time(field: &'static str, text: Option<String>) -> Result<Option<NaiveDateTime>, WireError> {
    text.map(|t| time(field, &t)).transpose()
}

/// Reads a portal answer, every text in it normalised (NFC) first: names and dossier fields
/// are compared, searched and shown in one form whatever form the portal stored them in.
fn from_value<T: serde::de::DeserializeOwned>(what: &'static str, mut value: Value) -> Result<T, WireError> {
    normalise(&mut value);
    serde_json::from_value(value).map_err(|e| bad(what, e.to_string()))
}

fn normalise(value: &mut Value) {
    match value {
        Value::String(text) => *text = nfc(text),
        Value::Array(items) => items.iter_mut().for_each(normalise),
        Value::Object(fields) => fields.values_mut().for_each(normalise),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn bad(field: &'static str, problem: String) -> WireError {
    WireError { field, problem }
}
