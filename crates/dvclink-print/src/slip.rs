//! What a slip says, before it is laid out on paper: the next steps after a VNeID failure, the
//! outcome of a visit, and the dossiers with a QR code each. A slip names no one: it is handed
//! to the citizen, but the printer's queue and history are shared.

use dvclink_core::lang::Lang;
use dvclink_core::next_step::NextStep;

/// Where the QR code of a dossier leads: the portal's public look-up page.
pub const LOOKUP_URL: &str = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html";

/// A slip: a title, its blocks in order, and a last line saying when it was printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    pub title: String,
    pub blocks: Vec<Block>,
    pub footer: String,
}

/// One part of a slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Bold, a little larger.
    Heading(String),
    /// A paragraph, wrapped to the paper.
    Text(String),
    /// Numbered steps.
    Steps(Vec<String>),
    /// Label and value pairs, one per line.
    Fields(Vec<(String, String)>),
    /// A QR code with a line under it.
    Qr { data: String, caption: String },
    /// A thin line across.
    Rule,
}

/// How a visit at the counter ended, as the slip tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitOutcome {
    /// The old account now carries the CCCD number.
    Linked,
    /// The account already carried it.
    AlreadyLinked,
    /// The citizen chose to link later.
    Skipped,
    /// The population database did not match: what differs, and what to do.
    NoMatch { detail: String },
}

/// One dossier on the list slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierLine {
    pub code: String,
    pub procedure: String,
    pub status: String,
    pub received: String,
}

impl Slip {
    /// The steps shown on a VNeID failure screen, with what happened above them.
    pub fn next_step(step: &NextStep, what_happened: &str, lang: Lang, printed_at: &str) -> Slip {
        Slip {
            title: lang.pick("Hướng dẫn đăng nhập VNeID", "VNeID sign-in: what to do next").to_owned(),
            blocks: vec![
                Block::Text(what_happened.to_owned()),
                Block::Rule,
                Block::Heading(step.title.clone()),
                Block::Steps(step.steps.clone()),
                Block::Rule,
                Block::Text(
                    lang.pick(
                        "Tổng đài hỗ trợ VNeID: 1900 0368. Cổng Dịch vụ công Quốc gia: dichvucong.gov.vn",
                        "VNeID hotline: 1900 0368. National Public Service Portal: dichvucong.gov.vn",
                    )
                    .to_owned(),
                ),
            ],
            footer: printed(lang, printed_at),
        }
    }

    /// The outcome of linking the old account to the CCCD number.
    pub fn visit(outcome: &VisitOutcome, lang: Lang, printed_at: &str) -> Slip {
        let (heading, lines): (&str, Vec<&str>) = match outcome {
            VisitOutcome::Linked => (
                lang.pick("Đã liên kết tài khoản với số CCCD", "The account is linked to the CCCD number"),
                vec![lang.pick(
                    "Từ nay, hãy đăng nhập Cổng Dịch vụ công bằng tài khoản định danh điện tử VNeID. Hồ sơ cũ của bạn vẫn còn trong tài khoản.",
                    "From now on, sign in to the portal with your VNeID electronic identity. Your past dossiers stay in the account.",
                )],
            ),
            VisitOutcome::AlreadyLinked => (
                lang.pick("Tài khoản đã có số CCCD", "The account already has its CCCD number"),
                vec![lang.pick(
                    "Không cần cập nhật gì thêm. Hãy đăng nhập bằng tài khoản VNeID.",
                    "Nothing more to update. Sign in with your VNeID account.",
                )],
            ),
            VisitOutcome::Skipped => (
                lang.pick("Chưa liên kết số CCCD", "The CCCD number is not linked yet"),
                vec![lang.pick(
                    "Bạn có thể cập nhật sau trong Thông tin cá nhân → Thông tin định danh, hoặc quay lại quầy một cửa.",
                    "You can update it later in Personal information → Identity information, or come back to the counter.",
                )],
            ),
            VisitOutcome::NoMatch { detail } => (
                lang.pick(
                    "Thông tin chưa khớp Cơ sở dữ liệu quốc gia về dân cư",
                    "The details do not match the national population database",
                ),
                vec![detail.as_str()],
            ),
        };
        let mut blocks = vec![Block::Heading(heading.to_owned())];
        blocks.extend(lines.into_iter().map(|line| Block::Text(line.to_owned())));
        blocks.push(Block::Rule);
        blocks.push(Block::Text(
            lang.pick(
                "Cần hỗ trợ: hỏi cán bộ tại bộ phận một cửa, hoặc gọi tổng đài 1900 0368.",
                "Need help: ask the staff at the one-stop office, or call 1900 0368.",
            )
            .to_owned(),
        ));
        Slip {
            title: lang.pick("Kết quả liên kết tài khoản", "Account linking result").to_owned(),
            blocks,
            footer: printed(lang, printed_at),
        }
    }

    /// The dossiers, each with its code, status and a QR code to look it up on the portal.
    pub fn dossiers(dossiers: &[DossierLine], lang: Lang, printed_at: &str) -> Slip {
        let mut blocks = vec![Block::Text(
            lang.pick(
                "Quét mã QR của mỗi hồ sơ để tra cứu trên Cổng Dịch vụ công Quốc gia.",
                "Scan a dossier's QR code to look it up on the National Public Service Portal.",
            )
            .to_owned(),
        )];
        if dossiers.is_empty() {
            blocks.push(Block::Text(lang.pick("Chưa có hồ sơ nào.", "No dossiers yet.").to_owned()));
        }
        for dossier in dossiers {
            blocks.push(Block::Rule);
            blocks.push(Block::Heading(dossier.code.clone()));
            blocks.push(Block::Text(dossier.procedure.clone()));
            blocks.push(Block::Fields(vec![
                (lang.pick("Trạng thái", "Status").to_owned(), dossier.status.clone()),
                (lang.pick("Ngày tiếp nhận", "Received").to_owned(), dossier.received.clone()),
            ]));
            blocks.push(Block::Qr { data: lookup_url(&dossier.code), caption: dossier.code.clone() });
        }
        Slip {
            title: lang.pick("Hồ sơ đã nộp", "Submitted dossiers").to_owned(),
            blocks,
            footer: printed(lang, printed_at),
        }
    }

    /// Every word on the slip, for tests that read a printed page back.
    pub fn words(&self) -> Vec<String> {
        let mut texts = vec![self.title.clone(), self.footer.clone()];
        for block in &self.blocks {
            match block {
                Block::Heading(text) | Block::Text(text) => texts.push(text.clone()),
                Block::Steps(steps) => texts.extend(steps.iter().cloned()),
                Block::Fields(fields) => texts.extend(fields.iter().flat_map(|(k, v)| [k.clone(), v.clone()])),
                Block::Qr { caption, .. } => texts.push(caption.clone()),
                Block::Rule => {}
            }
        }
        texts.iter().flat_map(|text| text.split_whitespace().map(str::to_owned).collect::<Vec<_>>()).collect()
    }
}

/// The portal's look-up page for one dossier.
pub fn lookup_url(code: &str) -> String {
    let code: String = code.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.').collect();
    format!("{LOOKUP_URL}?ma_ho_so={code}")
}

fn printed(lang: Lang, at: &str) -> String {
    match lang {
        Lang::Vi => format!("In lúc {at} · dvclink"),
        Lang::En => format!("Printed {at} · dvclink"),
    }
}
