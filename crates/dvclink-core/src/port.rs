//! The two external systems the app talks to, as traits: the portal (Cổng Dịch vụ công Quốc
//! gia) and the identity provider (VNeID). The HTTP adapters live in `dvclink-portal`; tests use
//! fakes. Every failure a user can meet is a variant here, with words for the user.

use std::collections::BTreeSet;
use std::fmt;
use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::cccd::Cccd;
use crate::dossier::{Dossier, DossierCode, DossierPage, DossierQuery};
use crate::lang::{Lang, Localized};
use crate::profile::{Account, IdentityLevel, Profile, ProfileChange, ProfileField, SignInMethod};
use crate::secret::Secret;

/// The National Public Service Portal.
pub trait Portal: Send + Sync {
    /// Checks user name and password; on success the portal texts a one-time code to the phone
    /// registered on the account.
    fn start_sign_in(
        &self,
        username: &str,
        password: &Secret,
    ) -> impl Future<Output = Result<OtpChallenge, PortalError>> + Send;

    /// Sends a new one-time code; the old one stops working.
    fn resend_code(&self, challenge: &ChallengeId) -> impl Future<Output = Result<OtpChallenge, PortalError>> + Send;

    /// Completes the password sign-in with the one-time code.
    fn finish_sign_in(
        &self,
        challenge: &ChallengeId,
        code: &Secret,
    ) -> impl Future<Output = Result<PortalSession, PortalError>> + Send;

    /// Opens a portal session for a VNeID identity, given VNeID's access token.
    fn open_vneid_session(
        &self,
        vneid_access_token: &Secret,
    ) -> impl Future<Output = Result<PortalSession, PortalError>> + Send;

    fn account(&self, session: &PortalSession) -> impl Future<Output = Result<Account, PortalError>> + Send;

    /// Thông tin cá nhân: corrects the name, birth date or sex of an account not yet linked to a
    /// CCCD number (a linked account's details come from the population database).
    fn update_profile(
        &self,
        session: &PortalSession,
        change: &ProfileChange,
    ) -> impl Future<Output = Result<Account, PortalError>> + Send;

    /// Links a CCCD number to the signed-in account, matched against the population database.
    fn link_cccd(
        &self,
        session: &PortalSession,
        cccd: &Cccd,
    ) -> impl Future<Output = Result<Account, LinkError>> + Send;

    /// "Cập nhật từ CSDL Quốc gia về Dân cư": fetches the population record for the account's
    /// CCCD, without changing anything yet.
    fn lookup_identity(
        &self,
        session: &PortalSession,
    ) -> impl Future<Output = Result<IdentityPreview, PortalError>> + Send;

    /// Keeps the details of a preview ("Cập nhật").
    fn confirm_identity(
        &self,
        session: &PortalSession,
        preview: &PreviewId,
    ) -> impl Future<Output = Result<Account, PortalError>> + Send;

    /// One page of the dossier change feed.
    fn dossier_page(
        &self,
        session: &PortalSession,
        query: &DossierQuery,
    ) -> impl Future<Output = Result<DossierPage, PortalError>> + Send;

    fn dossier(
        &self,
        session: &PortalSession,
        code: &DossierCode,
    ) -> impl Future<Output = Result<Dossier, PortalError>> + Send;

    fn sign_out(&self, session: &PortalSession) -> impl Future<Output = Result<(), PortalError>> + Send;
}

/// The national digital identity's OpenID Connect provider.
pub trait IdentityProvider: Send + Sync {
    /// Where to send the user to sign in.
    fn authorization_url(&self, request: &AuthorizationRequest) -> impl Future<Output = Result<Url, IdpError>> + Send;

    /// Redeems the code from the callback and verifies the ID token (signature, issuer,
    /// audience, expiry and nonce).
    fn exchange_code(&self, exchange: &CodeExchange) -> impl Future<Output = Result<VneidTokens, IdpError>> + Send;

    /// Trades a kept refresh token for fresh tokens and verifies the new ID token against the
    /// nonce of the sign-in it came from. Refresh tokens rotate: the old one is spent.
    fn refresh(&self, kept: &KeptSignIn) -> impl Future<Output = Result<VneidTokens, IdpError>> + Send;

    /// Ends the provider's session so the next person at the machine starts afresh.
    fn end_session(&self, tokens: &VneidTokens) -> impl Future<Output = Result<(), IdpError>> + Send;
}

/// What a laptop keeps of a VNeID sign-in to resume it at the next start, in the OS keychain.
#[derive(Clone, PartialEq, Eq)]
pub struct KeptSignIn {
    pub refresh_token: Secret,
    /// The nonce of the first sign-in: refreshed ID tokens carry it again.
    pub nonce: String,
}

impl fmt::Debug for KeptSignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeptSignIn").field("refresh_token", &self.refresh_token).finish_non_exhaustive()
    }
}

/// A one-time code was sent; this is what the user is told about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpChallenge {
    pub id: ChallengeId,
    /// The phone number the code went to, with most digits hidden.
    pub masked_phone: String,
    pub expires_at: DateTime<Utc>,
    /// A new code can be asked for from this time.
    pub resend_at: DateTime<Utc>,
}

/// Names one pending one-time-code sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChallengeId(pub String);

/// A signed-in portal session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalSession {
    pub access_token: Secret,
    pub expires_at: DateTime<Utc>,
    pub method: SignInMethod,
}

/// Names one identity lookup, so that "Cập nhật" keeps exactly what was shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PreviewId(pub String);

/// The population record for the account's CCCD, as "Cập nhật từ CSDL" shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityPreview {
    pub id: PreviewId,
    pub profile: Profile,
    /// Fields confirmed by the population database.
    pub verified: BTreeSet<ProfileField>,
}

/// What the app asks the provider for when a VNeID sign-in starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationRequest {
    pub state: String,
    pub nonce: String,
    /// The PKCE verifier; the adapter sends only its S256 challenge.
    pub pkce_verifier: Secret,
    pub redirect_uri: Url,
}

/// What redeeming an authorization code takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeExchange {
    pub code: Secret,
    pub pkce_verifier: Secret,
    pub nonce: String,
    pub redirect_uri: Url,
    /// The callback's `iss` parameter (RFC 9207), checked by the adapter against the issuer.
    pub issuer: Option<String>,
}

/// Tokens from VNeID and the identity its verified ID token names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VneidTokens {
    pub access_token: Secret,
    pub id_token: Secret,
    pub refresh_token: Option<Secret>,
    pub identity: VneidIdentity,
}

/// The claims VNeID vouches for (REFERENCE.md §3). Its `Debug` hides the person.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VneidIdentity {
    /// `sub`.
    pub subject: String,
    /// `HoVaTen`.
    pub full_name: String,
    /// `SoDinhDanh`.
    pub cccd: Option<Cccd>,
    /// `NgayThangNamSinh`.
    pub birth_date: Option<NaiveDate>,
    /// `loAs` / `IAL`.
    pub level: Option<IdentityLevel>,
    /// `LoaiTaiKhoan`.
    pub account_type: Option<String>,
}

impl fmt::Debug for VneidIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VneidIdentity").field("cccd", &self.cccd).field("level", &self.level).finish_non_exhaustive()
    }
}

/// Everything that can go wrong talking to the portal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PortalError {
    #[error("wrong user name or password")]
    WrongCredentials { attempts_left: Option<u32> },
    #[error("account locked for {retry_after_secs} s")]
    Locked { retry_after_secs: u64 },
    #[error("wrong one-time code")]
    WrongCode { attempts_left: Option<u32> },
    #[error("one-time code expired")]
    CodeExpired,
    #[error("a new code can be sent in {retry_after_secs} s")]
    ResendTooEarly { retry_after_secs: u64 },
    #[error("session expired")]
    SessionExpired,
    #[error("not found")]
    NotFound,
    #[error("the account has no CCCD number yet")]
    NoCccd,
    #[error("the portal cannot be reached")]
    Unreachable,
    #[error("the portal is under maintenance")]
    Maintenance,
    #[error("the portal refused the request: {code}")]
    Refused { code: String },
    #[error("the portal answered with something unreadable: {detail}")]
    BadResponse { detail: String },
}

/// Why a CCCD number could not be linked ("Cập nhật").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LinkError {
    #[error("population database: {failure}")]
    Match { failure: MatchFailure },
    #[error("the account already carries a CCCD number")]
    AlreadyHasCccd,
    #[error(transparent)]
    Portal { error: PortalError },
}

/// How the population database refused a CCCD number. None of them reveals the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", content = "field", rename_all = "snake_case")]
pub enum MatchFailure {
    #[error("no citizen has this number")]
    UnknownNumber,
    #[error("the number's record differs in {0:?}")]
    Mismatch(MatchField),
    #[error("the number is linked to another account")]
    Taken,
}

/// The account detail that disagrees with the population record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchField {
    FullName,
    BirthDate,
    Sex,
}

/// Everything that can go wrong with the identity provider.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IdpError {
    #[error("VNeID cannot be reached")]
    Unreachable,
    #[error("VNeID is under maintenance")]
    Maintenance,
    #[error("VNeID's configuration is unusable: {detail}")]
    Discovery { detail: String },
    #[error("VNeID refused the code: {error}")]
    TokenRefused { error: String },
    #[error("VNeID's ID token is not acceptable: {problem:?}")]
    IdToken { problem: IdTokenProblem },
    /// The callback names another issuer, or none where the provider promised to (RFC 9207):
    /// the answer may come from a provider the user was lured to.
    #[error("the sign-in result does not come from the configured VNeID issuer")]
    CallbackIssuer,
    #[error("VNeID answered with something unreadable: {detail}")]
    BadResponse { detail: String },
}

/// Why an ID token was refused; each is one line of the attack matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdTokenProblem {
    Missing,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    Expired,
    /// The token carries no nonce, so it cannot be tied to this sign-in.
    NonceMissing,
    /// The token carries another sign-in's nonce.
    NonceMismatch,
    /// Any other failed check, named.
    Invalid(String),
}

impl PortalError {
    /// A short stable name, for the UI and for logs.
    pub fn code(&self) -> &'static str {
        match self {
            PortalError::WrongCredentials { .. } => "wrong_credentials",
            PortalError::Locked { .. } => "locked",
            PortalError::WrongCode { .. } => "wrong_code",
            PortalError::CodeExpired => "code_expired",
            PortalError::ResendTooEarly { .. } => "resend_too_early",
            PortalError::SessionExpired => "session_expired",
            PortalError::NotFound => "not_found",
            PortalError::NoCccd => "no_cccd",
            PortalError::Unreachable => "unreachable",
            PortalError::Maintenance => "maintenance",
            PortalError::Refused { .. } => "refused",
            PortalError::BadResponse { .. } => "bad_response",
        }
    }
}

impl IdpError {
    /// A short stable name, for the UI and for logs.
    pub fn code(&self) -> &'static str {
        match self {
            IdpError::Unreachable => "unreachable",
            IdpError::Maintenance => "maintenance",
            IdpError::Discovery { .. } => "discovery",
            IdpError::TokenRefused { .. } => "token_refused",
            IdpError::IdToken { .. } => "id_token",
            IdpError::CallbackIssuer => "callback_issuer",
            IdpError::BadResponse { .. } => "bad_response",
        }
    }
}

impl MatchFailure {
    /// A short stable name, for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            MatchFailure::UnknownNumber => "unknown_number",
            MatchFailure::Mismatch(MatchField::FullName) => "mismatch_full_name",
            MatchFailure::Mismatch(MatchField::BirthDate) => "mismatch_birth_date",
            MatchFailure::Mismatch(MatchField::Sex) => "mismatch_sex",
            MatchFailure::Taken => "taken",
        }
    }
}

impl Localized for PortalError {
    fn text(&self, lang: Lang) -> String {
        match self {
            PortalError::WrongCredentials { attempts_left } => match (lang, attempts_left) {
                (Lang::Vi, Some(n)) => format!(
                    "Tên đăng nhập hoặc mật khẩu không đúng. Bạn còn {n} lần thử trước khi tài khoản bị tạm khóa."
                ),
                (Lang::Vi, None) => "Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra và nhập lại.".to_owned(),
                (Lang::En, Some(n)) => format!(
                    "Wrong user name or password. {n} attempts left before the account is locked for a while."
                ),
                (Lang::En, None) => "Wrong user name or password. Please check and try again.".to_owned(),
            },
            PortalError::Locked { retry_after_secs } => {
                let minutes = retry_after_secs.div_ceil(60).max(1);
                match lang {
                    Lang::Vi => format!(
                        "Tài khoản tạm khóa do nhập sai nhiều lần. Hãy thử lại sau {minutes} phút, hoặc nhờ cán bộ một cửa hỗ trợ."
                    ),
                    Lang::En => format!(
                        "The account is locked after too many wrong attempts. Try again in {minutes} minutes, or ask the desk officer."
                    ),
                }
            }
            PortalError::WrongCode { attempts_left } => match (lang, attempts_left) {
                (Lang::Vi, Some(n)) => format!("Mã xác thực không đúng. Bạn còn {n} lần thử."),
                (Lang::Vi, None) => "Mã xác thực không đúng. Hãy nhập lại mã trong tin nhắn.".to_owned(),
                (Lang::En, Some(n)) => format!("Wrong verification code. {n} attempts left."),
                (Lang::En, None) => "Wrong verification code. Please type the code from the text message.".to_owned(),
            },
            PortalError::CodeExpired => lang
                .pick(
                    "Mã xác thực đã hết hạn. Hãy bấm «Gửi lại mã» để nhận mã mới.",
                    "The verification code has expired. Press «Send a new code» to get a new one.",
                )
                .to_owned(),
            PortalError::ResendTooEarly { retry_after_secs } => match lang {
                Lang::Vi => format!("Bạn có thể yêu cầu mã mới sau {retry_after_secs} giây."),
                Lang::En => format!("You can ask for a new code in {retry_after_secs} seconds."),
            },
            PortalError::SessionExpired => lang
                .pick(
                    "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.",
                    "Your session has expired. Please sign in again.",
                )
                .to_owned(),
            PortalError::NotFound => lang
                .pick(
                    "Không tìm thấy thông tin yêu cầu trên Cổng Dịch vụ công.",
                    "The portal has no such record.",
                )
                .to_owned(),
            PortalError::NoCccd => lang
                .pick(
                    "Tài khoản chưa có số CCCD. Hãy nhập số CCCD trước.",
                    "The account has no CCCD number yet. Please enter it first.",
                )
                .to_owned(),
            PortalError::Unreachable => lang
                .pick(
                    "Kết nối tới Cổng Dịch vụ công thất bại. Hãy kiểm tra mạng rồi thử lại; thông tin bạn đã nhập vẫn được giữ.",
                    "Could not connect to the portal. Check the network and try again; what you typed is kept.",
                )
                .to_owned(),
            PortalError::Maintenance => lang
                .pick(
                    "Hệ thống đang bảo trì. Vui lòng thử lại sau ít phút; thông tin bạn đã nhập vẫn được giữ.",
                    "The system is under maintenance. Please try again in a few minutes; what you typed is kept.",
                )
                .to_owned(),
            PortalError::Refused { .. } | PortalError::BadResponse { .. } => lang
                .pick(
                    "Cổng Dịch vụ công trả lời không như mong đợi. Hãy thử lại; nếu vẫn lỗi, hãy báo cán bộ hỗ trợ.",
                    "The portal gave an unexpected answer. Please try again; if it persists, tell the support staff.",
                )
                .to_owned(),
        }
    }
}

impl Localized for MatchFailure {
    fn text(&self, lang: Lang) -> String {
        match self {
            MatchFailure::UnknownNumber => lang.pick(
                "Không tìm thấy số CCCD này trong CSDL Quốc gia về Dân cư. Hãy đối chiếu từng chữ số với thẻ Căn cước; nếu số đúng, hãy liên hệ Công an xã, phường nơi cư trú.",
                "This CCCD number is not in the national population database. Compare each digit with your ID card; if it is right, contact the police office where you live.",
            ),
            MatchFailure::Mismatch(MatchField::FullName) => lang.pick(
                "Họ và tên trên tài khoản không khớp với CSDL Quốc gia về Dân cư. Hãy kiểm tra số CCCD; nếu số đúng, hãy sửa họ tên trong Thông tin cá nhân cho giống trên thẻ Căn cước.",
                "The full name on the account does not match the population database. Check the CCCD number; if it is right, correct your name in Personal information to match your ID card.",
            ),
            MatchFailure::Mismatch(MatchField::BirthDate) => lang.pick(
                "Ngày sinh trên tài khoản không khớp với CSDL Quốc gia về Dân cư. Hãy kiểm tra số CCCD; nếu số đúng, hãy sửa ngày sinh trong Thông tin cá nhân cho giống trên thẻ Căn cước.",
                "The date of birth on the account does not match the population database. Check the CCCD number; if it is right, correct your date of birth in Personal information to match your ID card.",
            ),
            MatchFailure::Mismatch(MatchField::Sex) => lang.pick(
                "Giới tính trên tài khoản không khớp với CSDL Quốc gia về Dân cư. Hãy kiểm tra số CCCD; nếu số đúng, hãy sửa giới tính trong Thông tin cá nhân cho giống trên thẻ Căn cước.",
                "The sex on the account does not match the population database. Check the CCCD number; if it is right, correct it in Personal information to match your ID card.",
            ),
            MatchFailure::Taken => lang.pick(
                "Số CCCD này đã được liên kết với một tài khoản khác. Nếu bạn có tài khoản cũ khác, hãy đăng nhập bằng tài khoản đó; nếu không, hãy gọi tổng đài 18001096 để được hỗ trợ.",
                "This CCCD number is already linked to another account. If you have another old account, sign in with it; otherwise call the 18001096 helpline.",
            ),
        }
        .to_owned()
    }
}

impl Localized for LinkError {
    fn text(&self, lang: Lang) -> String {
        match self {
            LinkError::Match { failure } => failure.text(lang),
            LinkError::AlreadyHasCccd => lang
                .pick(
                    "Tài khoản này đã có số CCCD; không cần cập nhật lại.",
                    "This account already carries a CCCD number; nothing to update.",
                )
                .to_owned(),
            LinkError::Portal { error } => error.text(lang),
        }
    }
}

impl Localized for IdpError {
    fn text(&self, lang: Lang) -> String {
        match self {
            IdpError::Unreachable => lang.pick(
                "Kết nối tới hệ thống VNeID thất bại. Hãy kiểm tra mạng rồi thử lại sau ít phút.",
                "Could not connect to VNeID. Check the network and try again in a few minutes.",
            ),
            IdpError::Maintenance => lang.pick(
                "Hệ thống VNeID đang bảo trì. Vui lòng thử lại sau.",
                "VNeID is under maintenance. Please try again later.",
            ),
            IdpError::TokenRefused { .. } => lang.pick(
                "Phiên đăng nhập VNeID không còn hiệu lực. Hãy đăng nhập VNeID lại từ đầu.",
                "The VNeID sign-in is no longer valid. Please sign in with VNeID again.",
            ),
            IdpError::IdToken { .. } | IdpError::CallbackIssuer => lang.pick(
                "Không xác minh được kết quả đăng nhập VNeID, nên ứng dụng đã từ chối để bảo vệ bạn. Hãy đăng nhập VNeID lại.",
                "The VNeID sign-in result could not be verified, so the app refused it to protect you. Please sign in with VNeID again.",
            ),
            IdpError::Discovery { .. } | IdpError::BadResponse { .. } => lang.pick(
                "Hệ thống VNeID trả lời không như mong đợi. Hãy thử lại; nếu vẫn lỗi, hãy báo cán bộ hỗ trợ.",
                "VNeID gave an unexpected answer. Please try again; if it persists, tell the support staff.",
            ),
        }
        .to_owned()
    }
}
