//! Dossiers ("hồ sơ") the user filed, as the portal's dossier interface describes them
//! (REFERENCE.md §4). Times are wall-clock times in Asia/Ho_Chi_Minh, which has no daylight
//! saving, so they compare correctly as they are.

use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Localized};

/// Mã hồ sơ: the code that names a dossier across agencies, such as `G22.99-240612-0001`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "string"))]
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DossierCode(String);

/// Why a string is not a dossier code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DossierCodeError {
    #[error("a dossier code cannot be empty")]
    Empty,
    #[error("a dossier code has at most 64 characters")]
    TooLong,
    #[error("a dossier code has letters, digits, '.', '-' and '_' only, not {0:?}")]
    BadChar(char),
}

/// One dossier with everything the portal tells about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossier {
    /// Mã hồ sơ.
    pub code: DossierCode,
    /// Mã thủ tục hành chính.
    pub procedure_code: String,
    /// Tên thủ tục hành chính.
    pub procedure_name: String,
    /// Mã lĩnh vực.
    pub field_code: Option<String>,
    /// Số biên nhận.
    pub receipt_no: Option<String>,
    /// Chủ hồ sơ.
    pub owner: String,
    /// Trích yếu hồ sơ.
    pub summary: String,
    /// Ngày tiếp nhận.
    pub received_at: Option<NaiveDateTime>,
    /// Ngày hẹn trả.
    pub due_at: Option<NaiveDateTime>,
    /// Ngày trả kết quả.
    pub returned_at: Option<NaiveDateTime>,
    /// Trạng thái hồ sơ.
    pub status: DossierStatus,
    /// Đơn vị xử lý.
    pub agency: String,
    /// Hình thức nộp.
    pub channel: Channel,
    pub fees: Vec<Fee>,
    /// Giấy tờ đính kèm.
    pub attachments: Vec<Document>,
    /// Giấy tờ kết quả.
    pub results: Vec<Document>,
    /// Quá trình xử lý, oldest first.
    #[serde(default)]
    pub steps: Vec<ProcessingStep>,
    /// When the portal last changed this dossier; drives incremental sync.
    pub updated_at: NaiveDateTime,
}

/// Trạng thái hồ sơ: the ten statuses of the portal's dossier interface, by their codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DossierStatus {
    Registered = 1,
    Accepted = 2,
    NotAccepted = 3,
    Processing = 4,
    AdditionalDocumentsRequested = 5,
    PaymentRequested = 6,
    WithdrawalRequested = 7,
    Suspended = 8,
    Processed = 9,
    Returned = 10,
}

/// Hình thức: how the dossier was filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Trực tiếp.
    InPerson = 1,
    /// Trực tuyến.
    Online = 2,
    /// Bưu chính công ích.
    PublicPost = 3,
}

/// A fee or charge on a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    pub name: String,
    /// Amount in đồng.
    pub amount_vnd: u64,
}

/// A document attached to a dossier or issued as its result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub name: String,
    /// The file name the portal keeps it under, when it says.
    pub file_name: Option<String>,
}

/// One step of the processing ("quá trình xử lý").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessingStep {
    /// Người xử lý.
    pub handler: String,
    /// Phòng ban xử lý.
    pub department: String,
    /// Thời điểm xử lý.
    pub at: NaiveDateTime,
    /// Nội dung xử lý.
    pub content: String,
}

/// One entry of the dossier change feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum DossierChange {
    /// A new or changed dossier.
    Upsert(Dossier),
    /// The portal no longer shows this dossier to this user.
    Removed { code: DossierCode, at: NaiveDateTime },
}

/// An opaque position in the change feed, handed back to fetch the next page.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PageCursor(pub String);

/// What to ask the change feed for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DossierQuery {
    /// Continue after this position.
    pub cursor: Option<PageCursor>,
    /// Only changes made at or after this time.
    pub updated_since: Option<NaiveDateTime>,
    /// Page size; the portal may cap it.
    pub limit: Option<u32>,
}

/// One page of the change feed, ordered by change time then code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierPage {
    pub changes: Vec<DossierChange>,
    /// Where the next page starts; `None` on the last page.
    pub next_cursor: Option<PageCursor>,
    /// How many changes the whole feed holds for this query, when the portal says.
    pub total: Option<u64>,
}

impl DossierCode {
    pub fn new(code: impl Into<String>) -> Result<DossierCode, DossierCodeError> {
        let code = code.into();
        if code.is_empty() {
            return Err(DossierCodeError::Empty);
        }
        if code.len() > 64 {
            return Err(DossierCodeError::TooLong);
        }
        if let Some(bad) = code.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))) {
            return Err(DossierCodeError::BadChar(bad));
        }
        Ok(DossierCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DossierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DossierCode({})", self.0)
    }
}

impl fmt::Display for DossierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DossierCode {
    type Error = DossierCodeError;
    fn try_from(value: String) -> Result<DossierCode, DossierCodeError> {
        DossierCode::new(value)
    }
}

impl From<DossierCode> for String {
    fn from(code: DossierCode) -> String {
        code.0
    }
}

impl fmt::Debug for PageCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PageCursor({})", self.0)
    }
}

impl DossierChange {
    pub fn code(&self) -> &DossierCode {
        match self {
            DossierChange::Upsert(dossier) => &dossier.code,
            DossierChange::Removed { code, .. } => code,
        }
    }
}

impl DossierStatus {
    pub const ALL: [DossierStatus; 10] = [
        DossierStatus::Registered,
        DossierStatus::Accepted,
        DossierStatus::NotAccepted,
        DossierStatus::Processing,
        DossierStatus::AdditionalDocumentsRequested,
        DossierStatus::PaymentRequested,
        DossierStatus::WithdrawalRequested,
        DossierStatus::Suspended,
        DossierStatus::Processed,
        DossierStatus::Returned,
    ];

    /// The `TrangThaiHoSo` code.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<DossierStatus> {
        DossierStatus::ALL.get(usize::from(code).checked_sub(1)?).copied()
    }

    /// Whether the dossier is finished with and needs nothing more from anyone.
    pub fn is_final(self) -> bool {
        matches!(self, DossierStatus::NotAccepted | DossierStatus::Returned | DossierStatus::Suspended)
    }
}

impl Localized for DossierStatus {
    fn text(&self, lang: Lang) -> String {
        match self {
            DossierStatus::Registered => lang.pick("Mới đăng ký", "Newly registered"),
            DossierStatus::Accepted => lang.pick("Được tiếp nhận", "Accepted"),
            DossierStatus::NotAccepted => lang.pick("Không được tiếp nhận", "Not accepted"),
            DossierStatus::Processing => lang.pick("Đang xử lý", "Being processed"),
            DossierStatus::AdditionalDocumentsRequested => {
                lang.pick("Yêu cầu bổ sung giấy tờ", "Additional documents requested")
            }
            DossierStatus::PaymentRequested => {
                lang.pick("Yêu cầu thực hiện nghĩa vụ tài chính", "Payment of fees requested")
            }
            DossierStatus::WithdrawalRequested => {
                lang.pick("Công dân yêu cầu rút hồ sơ", "Withdrawal requested by the citizen")
            }
            DossierStatus::Suspended => lang.pick("Dừng xử lý", "Processing stopped"),
            DossierStatus::Processed => lang.pick("Đã xử lý xong", "Processed"),
            DossierStatus::Returned => lang.pick("Đã trả kết quả", "Result returned"),
        }
        .to_owned()
    }
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::InPerson, Channel::Online, Channel::PublicPost];

    /// The `HinhThuc` code.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<Channel> {
        Channel::ALL.get(usize::from(code).checked_sub(1)?).copied()
    }
}

impl Localized for Channel {
    fn text(&self, lang: Lang) -> String {
        match self {
            Channel::InPerson => lang.pick("Trực tiếp", "In person"),
            Channel::Online => lang.pick("Trực tuyến", "Online"),
            Channel::PublicPost => lang.pick("Bưu chính công ích", "Public postal service"),
        }
        .to_owned()
    }
}
