//! The chip CCCD card at the CCCD field, in the wizard and in Thông tin định danh: which readers
//! there are and whether a card lies on one, and reading it (through `dvclink-card`) to fill the
//! number and hold the card's name, birth date and sex against the account's before «Cập nhật».
//! Nothing read is kept here: the view goes to the screen and the rest is dropped.

use std::sync::Arc;

use chrono::NaiveDate;
use dvclink_cache::AuditOutcome;
use dvclink_card::{
    Access, Authenticity, CardError, ChipFile, LinkError, PcscCard, Progress, Readers, Refusal, Transport, Trust,
    read_card,
};
use dvclink_core::card_check::{self, Difference as D, Holder};
use dvclink_core::cccd::Cccd;
use dvclink_core::lang::{Lang, Localized};
use dvclink_core::profile::{Account, Sex};
use dvclink_core::text::typed_number;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime};
use ts_rs::TS;

use super::{Desk, today};
use crate::contract::{self, CardProgress};
use crate::error::IpcError;

/// Where cards are read: the machine's PC/SC readers, or in tests an emulated chip.
pub trait CardSlot: Send + Sync {
    fn readers(&self) -> Readers;
    fn open(&self, reader: &str) -> Result<Box<dyn Transport + Send>, LinkError>;
}

/// The machine's PC/SC readers.
#[derive(Debug)]
pub struct PcscSlot;

impl CardSlot for PcscSlot {
    fn readers(&self) -> Readers {
        Readers::now()
    }

    fn open(&self, reader: &str) -> Result<Box<dyn Transport + Send>, LinkError> {
        Ok(Box::new(PcscCard::connect(reader)?))
    }
}

/// The counter's card readers and the CSCA certificates the office trusts.
pub struct CardCounter {
    slot: Arc<dyn CardSlot>,
    trust: Arc<Trust>,
    /// One read at a time: a card answers one reader.
    reading: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for CardCounter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardCounter").field("trusted", &self.trust.len()).finish_non_exhaustive()
    }
}

impl CardCounter {
    pub fn new(slot: Arc<dyn CardSlot>, trust: Trust) -> CardCounter {
        CardCounter { slot, trust: Arc::new(trust), reading: tokio::sync::Mutex::new(()) }
    }
}

/// `read_card({ input })`: the number typed so far, and what the counter asks for when the
/// account's details do not open the chip.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CardInput {
    /// The CCCD field's text: its last 9 digits open the chip.
    pub number: String,
    /// The birth date printed on the card, `dd/mm/yyyy`; the account's when absent.
    #[ts(optional)]
    pub birth_date: Option<String>,
    /// The expiry printed on the card, `dd/mm/yyyy`; the age rule's dates when absent.
    #[ts(optional)]
    pub expiry: Option<String>,
}

/// The readers as the screen shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CardReadersView {
    /// The readers' names; empty when there is none (then no screen offers to read a card).
    pub readers: Vec<String>,
    /// Whether a card lies on one of them.
    pub card_present: bool,
}

/// A step of a read, for the progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CardProgressView {
    /// Out of 100.
    pub percent: u8,
    pub label: String,
}

/// What a read came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CardView {
    /// The card was read; its data may be used.
    Read {
        authenticity: CardAuthenticity,
        /// What the authenticity means, one sentence.
        authenticity_note: String,
        /// The card's number, for the CCCD field.
        number: String,
        /// Name, birth date and sex, the account's beside the card's.
        rows: Vec<CardRow>,
        /// Each difference with its next step; empty when all agree.
        advice: Vec<CardAdvice>,
        /// Set when the card's expiry has passed: what to tell the citizen.
        expired: Option<String>,
    },
    /// Nothing from the card is used.
    Failed {
        reason: CardFailure,
        message: String,
        /// For `locked`: the birth date to put in the field, `dd/mm/yyyy`.
        birth_date: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardAuthenticity {
    Genuine,
    Unverified,
}

/// Why nothing from the card can be used; the screen offers what fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardFailure {
    /// No reader, or none with a card: «Đặt thẻ lên đầu đọc».
    NoCard,
    /// A card with no ICAO chip.
    NotChipCard,
    /// No key opened the chip: ask for the birth date and expiry printed on the card.
    Locked,
    /// Taken away, timed out, or the reader failed: «Thử lại».
    Interrupted,
    /// Forged, changed, or from an untrusted issuer.
    Refused,
}

/// One detail, on the account and on the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CardRow {
    pub label: String,
    pub account: String,
    pub card: String,
    pub differs: bool,
}

/// One difference and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CardAdvice {
    pub text: String,
    /// Whether the population database will refuse the link until it is corrected.
    pub blocks_link: bool,
}

impl Desk {
    /// The readers now.
    pub fn card_readers(&self) -> CardReadersView {
        readers_view(&self.card.slot.readers())
    }

    /// Reads the card on the reader and holds it against the account of the CCCD screen.
    pub async fn read_card<R: Runtime>(&self, app: &AppHandle<R>, input: CardInput) -> Result<CardView, IpcError> {
        let lang = self.lang();
        let account = self.card_account().await.ok_or_else(|| IpcError::not_signed_in(lang))?;
        let number = Cccd::from_digits(typed_number(&input.number).trim()).map_err(|_| {
            IpcError::invalid_input(
                lang.pick(
                    "Hãy nhập đủ 12 số CCCD trước: 9 số cuối dùng để mở chip của thẻ.",
                    "Type the 12 digits of the CCCD number first: its last 9 open the card's chip.",
                )
                .to_owned(),
            )
        })?;
        let typed_date = |text: &Option<String>, what_vi: &str, what_en: &str| -> Result<Option<NaiveDate>, IpcError> {
            match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                None => Ok(None),
                Some(text) => dvclink_card::parse_date(text).map(Some).ok_or_else(|| {
                    IpcError::invalid_input(match lang {
                        Lang::Vi => format!("{what_vi} phải có dạng ngày/tháng/năm, ví dụ 11/05/1978."),
                        Lang::En => format!("{what_en} must be day/month/year, such as 11/05/1978."),
                    })
                }),
            }
        };
        let birth_typed = typed_date(&input.birth_date, "Ngày sinh", "The birth date")?;
        let expiry = typed_date(&input.expiry, "Ngày hết hạn", "The expiry date")?;
        let Some(birth_date) = birth_typed.or(account.profile.birth_date) else {
            return Ok(failed(CardFailure::Locked, lang, None, None));
        };
        let readers = self.card.slot.readers();
        let Some(reader) = readers.with_card().map(str::to_owned) else {
            return Ok(failed(CardFailure::NoCard, lang, None, None));
        };
        let _one_read = self.card.reading.lock().await;
        let slot = self.card.slot.clone();
        let trust = self.card.trust.clone();
        let progress_app = app.clone();
        let read = tokio::task::spawn_blocking(move || {
            let transport = slot.open(&reader).map_err(CardError::Link)?;
            let access = Access { number: &number, birth_date, expiry };
            read_card(transport, &access, today(), &trust, &mut |step| {
                contract::emit::<CardProgress, R>(&progress_app, progress_view(step, lang));
            })
        })
        .await
        .map_err(|_| IpcError::internal(lang))?;
        let view = match read {
            Ok(card) => {
                self.log.note(match card.authenticity {
                    Authenticity::Genuine => AuditOutcome::CardGenuine,
                    Authenticity::Unverified => AuditOutcome::CardUnverified,
                });
                read_view(&account, &card, lang)
            }
            Err(error) => {
                if matches!(error, CardError::Refused(_)) {
                    self.log.note(AuditOutcome::CardRefused);
                }
                tracing::info!(%error, "the card gave nothing usable");
                let refusal = match error {
                    CardError::Refused(refusal) => Some(refusal),
                    _ => None,
                };
                failed(failure_of(&error), lang, refusal, Some(date_text(birth_date)))
            }
        };
        Ok(view)
    }

    /// The account of the CCCD screen: the wizard's, or the signed-in person's.
    async fn card_account(&self) -> Option<Account> {
        let visit = self.visit.lock().await;
        if let Some(account) = visit.wizard.as_ref().and_then(|w| w.account()) {
            return Some(account.clone());
        }
        if let Some(update) = &visit.identity {
            return Some(update.account().clone());
        }
        visit.signed_in.as_ref().map(|s| s.account.clone())
    }
}

/// The readers as the screen shows them.
pub fn readers_view(readers: &Readers) -> CardReadersView {
    CardReadersView {
        readers: readers.readers.iter().map(|(name, _)| name.clone()).collect(),
        card_present: readers.with_card().is_some(),
    }
}

fn progress_view(step: Progress, lang: Lang) -> CardProgressView {
    let (percent, vi, en) = match step {
        Progress::Opening => (10, "Đang mở chip của thẻ…", "Opening the card's chip…"),
        Progress::Reading { file, done, total } => {
            let percent = 20 + 60 * done / total.max(1);
            match file {
                ChipFile::Com => (percent, "Đang đọc danh mục dữ liệu…", "Reading the list of data…"),
                ChipFile::Sod => (percent, "Đang đọc chữ ký của thẻ…", "Reading the card's signature…"),
                ChipFile::Dg1 => (percent, "Đang đọc vùng MRZ…", "Reading the MRZ…"),
                ChipFile::Dg13 => (percent, "Đang đọc thông tin công dân…", "Reading the citizen's details…"),
            }
        }
        Progress::Checking => (90, "Đang kiểm tra thẻ thật…", "Checking that the card is genuine…"),
    };
    CardProgressView { percent, label: lang.pick(vi, en).to_owned() }
}

fn read_view(account: &Account, card: &dvclink_card::ChipCard, lang: Lang) -> CardView {
    let record = &card.record;
    let on_account = Holder {
        full_name: account.profile.full_name.clone(),
        birth_date: account.profile.birth_date,
        sex: account.profile.sex,
    };
    let on_card =
        Holder { full_name: record.full_name.clone(), birth_date: Some(record.birth_date), sex: Some(record.sex) };
    let differences = card_check::compare(&on_account, &on_card);
    let differs = |same_detail: fn(&D) -> bool| differences.iter().any(same_detail);
    let blank = lang.pick("(trống)", "(empty)");
    let rows = vec![
        CardRow {
            label: lang.pick("Họ và tên", "Full name").to_owned(),
            account: account.profile.full_name.clone(),
            card: record.full_name.clone(),
            differs: differs(|d| matches!(d, D::Name { .. } | D::NameMarks { .. })),
        },
        CardRow {
            label: lang.pick("Ngày sinh", "Date of birth").to_owned(),
            account: account.profile.birth_date.map_or(blank.to_owned(), date_text),
            card: date_text(record.birth_date),
            differs: differs(|d| matches!(d, D::BirthDate { .. })),
        },
        CardRow {
            label: lang.pick("Giới tính", "Sex").to_owned(),
            account: account.profile.sex.map_or(blank.to_owned(), |s| sex_text(s, lang)),
            card: sex_text(record.sex, lang),
            differs: differs(|d| matches!(d, D::Sex { .. })),
        },
    ];
    let advice = differences.iter().map(|d| CardAdvice { text: d.text(lang), blocks_link: d.blocks_link() }).collect();
    let (authenticity, note) = match card.authenticity {
        Authenticity::Genuine => (
            CardAuthenticity::Genuine,
            lang.pick(
                "Thẻ thật: dữ liệu trong chip do Bộ Công an ký và không bị sửa.",
                "Genuine: the chip's data was signed by the Ministry of Public Security and is unchanged.",
            ),
        ),
        Authenticity::Unverified => (
            CardAuthenticity::Unverified,
            lang.pick(
                "Chưa xác minh được nguồn gốc thẻ: máy này chưa được cài chứng thư CSCA (card_trust). Dữ liệu vẫn dùng được.",
                "The card's origin is not verified: no CSCA certificates are installed here (card_trust). The data may still be used.",
            ),
        ),
    };
    let expired = card.expired.then(|| {
        let until = match record.expires {
            dvclink_card::Expiry::On(day) => date_text(day),
            _ => String::new(),
        };
        match lang {
            Lang::Vi => format!("Thẻ đã hết hạn ngày {until}: công dân cần làm thủ tục cấp đổi thẻ Căn cước."),
            Lang::En => format!("The card expired on {until}: the citizen needs to renew it."),
        }
    });
    CardView::Read {
        authenticity,
        authenticity_note: note.to_owned(),
        number: record.number.as_str().to_owned(),
        rows,
        advice,
        expired,
    }
}

fn failure_of(error: &CardError) -> CardFailure {
    match error {
        CardError::NotChipCard => CardFailure::NotChipCard,
        CardError::Locked => CardFailure::Locked,
        CardError::Link(_) | CardError::Protocol(_) => CardFailure::Interrupted,
        CardError::Refused(_) => CardFailure::Refused,
    }
}

/// A failure's view; `birth_date` is what the chip was tried with, offered again when locked.
fn failed(reason: CardFailure, lang: Lang, refusal: Option<Refusal>, birth_date: Option<String>) -> CardView {
    let message = match reason {
        CardFailure::NoCard => lang.pick(
            "Đặt thẻ CCCD gắn chip lên đầu đọc và giữ yên cho đến khi đọc xong.",
            "Place the chip CCCD card on the reader and keep it still until the reading is done.",
        ),
        CardFailure::NotChipCard => lang.pick(
            "Thẻ này không phải thẻ CCCD gắn chip. Hãy đặt thẻ Căn cước công dân gắn chip lên đầu đọc.",
            "This is not a chip CCCD card. Place the chip citizen identity card on the reader.",
        ),
        CardFailure::Locked => lang.pick(
            "Chưa mở được chip với số CCCD và ngày sinh này. Kiểm tra lại số CCCD, rồi nhập ngày sinh và ngày hết hạn in trên thẻ.",
            "The chip did not open with this number and birth date. Check the CCCD number, then type the birth date and expiry printed on the card.",
        ),
        CardFailure::Interrupted => lang.pick(
            "Thẻ bị nhấc ra hoặc đầu đọc không trả lời. Đặt lại thẻ, giữ yên, rồi bấm «Thử lại».",
            "The card was taken away or the reader did not answer. Place it again, keep it still, and press «Try again».",
        ),
        CardFailure::Refused => match refusal {
            Some(Refusal::UnknownIssuer) => lang.pick(
                "Thẻ bị từ chối: chữ ký của thẻ không thuộc cơ quan cấp thẻ được tin cậy. Không dùng dữ liệu của thẻ này; hãy nhập số CCCD bằng tay và báo cán bộ.",
                "Card refused: its signature is not from a trusted issuer. Its data is not used; type the number and tell an officer.",
            ),
            _ => lang.pick(
                "Thẻ bị từ chối: dữ liệu trong chip đã bị thay đổi sau khi cấp. Không dùng dữ liệu của thẻ này; hãy nhập số CCCD bằng tay và báo cán bộ.",
                "Card refused: the chip's data was changed after issue. Its data is not used; type the number and tell an officer.",
            ),
        },
    };
    let birth_date = birth_date.filter(|_| reason == CardFailure::Locked);
    CardView::Failed { reason, message: message.to_owned(), birth_date }
}

fn date_text(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

fn sex_text(sex: Sex, lang: Lang) -> String {
    match sex {
        Sex::Male => lang.pick("Nam", "Male"),
        Sex::Female => lang.pick("Nữ", "Female"),
    }
    .to_owned()
}
