//! The stand-in portal's API: sign-in with the old account (password, then a one-time code
//! texted to the account's phone), VNeID sessions, account details, linking a CCCD number
//! against the population database, identity refresh, and the dossier change feed.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use dvclink_core::profile::{AccountKind, IdentityLevel, ProfileField, Sex};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::Shared;
use crate::dossiers::DossierRecord;
use crate::population::Citizen;
use crate::wire::{self, ApiError, bearer};
use crate::world::{AccountProfile, Challenge, Preview, Session, SessionOwner, Sms, World, linked_fields};
use dvclink_core::text::fold_name;

/// Wrong passwords or codes in a row before the account locks.
pub const MAX_ATTEMPTS: u32 = 5;
/// How long a locked account stays locked.
pub const LOCK_TIME: TimeDelta = TimeDelta::minutes(15);
/// How long a one-time code works.
pub const CODE_LIFETIME: TimeDelta = TimeDelta::minutes(5);
/// How long before another code can be sent.
pub const RESEND_AFTER: TimeDelta = TimeDelta::seconds(60);
/// How long a portal session lasts.
pub const SESSION_LIFETIME: TimeDelta = TimeDelta::minutes(30);
const PREVIEW_LIFETIME: TimeDelta = TimeDelta::minutes(10);
const DEFAULT_PAGE: usize = 100;
const MAX_PAGE: usize = 500;

pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/auth/password", post(password))
        .route("/auth/otp", post(otp))
        .route("/auth/otp/resend", post(resend))
        .route("/auth/vneid", post(vneid_session))
        .route("/auth/logout", post(logout))
        .route("/account", get(account))
        .route("/account/profile", axum::routing::patch(update_profile))
        .route("/account/cccd", post(link_cccd))
        .route("/account/identity/lookup", post(identity_lookup))
        .route("/account/identity/confirm", post(identity_confirm))
        .route("/dossiers", get(dossiers))
        .route("/dossiers/{code}", get(dossier))
}

#[derive(Deserialize)]
struct PasswordBody {
    username: String,
    password: String,
}

#[derive(Deserialize)]
struct OtpBody {
    challenge_id: String,
    code: String,
}

#[derive(Deserialize)]
struct ResendBody {
    challenge_id: String,
}

#[derive(Deserialize)]
struct VneidBody {
    access_token: String,
}

/// Thông tin cá nhân's correction: each field left out stays as it is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileBody {
    #[serde(rename = "HoVaTen")]
    full_name: Option<String>,
    #[serde(rename = "NgayThangNamSinh")]
    birth_date: Option<String>,
    #[serde(rename = "GioiTinh")]
    sex: Option<u8>,
}

#[derive(Deserialize)]
struct LinkBody {
    #[serde(rename = "SoDinhDanh")]
    cccd: String,
}

#[derive(Deserialize)]
struct ConfirmBody {
    preview_id: String,
}

#[derive(Deserialize)]
struct FeedQuery {
    limit: Option<String>,
    cursor: Option<String>,
    updated_since: Option<String>,
}

type Answer = Result<Json<Value>, ApiError>;

async fn password(State(shared): State<Arc<Shared>>, Json(body): Json<PasswordBody>) -> Answer {
    shared.world().start_sign_in(&body.username, &body.password).map(Json)
}

async fn otp(State(shared): State<Arc<Shared>>, Json(body): Json<OtpBody>) -> Answer {
    shared.world().finish_sign_in(&body.challenge_id, &body.code).map(Json)
}

async fn resend(State(shared): State<Arc<Shared>>, Json(body): Json<ResendBody>) -> Answer {
    shared.world().resend_code(&body.challenge_id).map(Json)
}

async fn vneid_session(State(shared): State<Arc<Shared>>, Json(body): Json<VneidBody>) -> Answer {
    let mut world = shared.world();
    let cccd = world.vneid_subject(&body.access_token).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_vneid_token",
            "Phiên đăng nhập VNeID không hợp lệ hoặc đã hết hạn.",
        )
    })?;
    Ok(Json(world.open_session(SessionOwner::Vneid { cccd })))
}

async fn logout(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> StatusCode {
    if let Some(token) = bearer(&headers) {
        shared.world().sessions.remove(token);
    }
    StatusCode::NO_CONTENT
}

async fn account(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let world = shared.world();
    let owner = world.session_owner(&headers)?;
    Ok(Json(world.account_json(&owner)))
}

async fn update_profile(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Json(body): Json<ProfileBody>,
) -> Answer {
    let mut world = shared.world();
    let owner = world.session_owner(&headers)?;
    world.update_profile(&owner, body).map(Json)
}

async fn link_cccd(State(shared): State<Arc<Shared>>, headers: HeaderMap, Json(body): Json<LinkBody>) -> Answer {
    let mut world = shared.world();
    let owner = world.session_owner(&headers)?;
    world.link_cccd(&owner, &body.cccd).map(Json)
}

async fn identity_lookup(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Answer {
    let mut world = shared.world();
    let owner = world.session_owner(&headers)?;
    world.identity_lookup(&owner).map(Json)
}

async fn identity_confirm(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Json(body): Json<ConfirmBody>,
) -> Answer {
    let mut world = shared.world();
    let owner = world.session_owner(&headers)?;
    world.identity_confirm(&owner, &body.preview_id).map(Json)
}

async fn dossiers(State(shared): State<Arc<Shared>>, headers: HeaderMap, Query(query): Query<FeedQuery>) -> Answer {
    let world = shared.world();
    let owner = world.session_owner(&headers)?;
    world.dossier_feed(&owner, &query).map(Json)
}

async fn dossier(State(shared): State<Arc<Shared>>, headers: HeaderMap, Path(code): Path<String>) -> Answer {
    let world = shared.world();
    let owner = world.session_owner(&headers)?;
    let not_found = || ApiError::not_found("dossier_not_found", "Không tìm thấy hồ sơ.");
    let account = world.owner_account(&owner).ok_or_else(not_found)?;
    let record = world.accounts[account].dossiers.iter().find(|d| d.code == code).ok_or_else(not_found)?;
    Ok(Json(json!(record)))
}

impl World {
    fn start_sign_in(&mut self, username: &str, password: &str) -> Result<Value, ApiError> {
        let now = self.now();
        let Some(i) = self.account_by_username(username) else {
            // The same answer as a wrong password, so that user names cannot be probed.
            return Err(wrong_credentials(MAX_ATTEMPTS - 1));
        };
        self.check_lock(i)?;
        let account = &mut self.accounts[i];
        if account.password != password {
            account.failed_passwords += 1;
            if account.failed_passwords >= MAX_ATTEMPTS {
                account.locked_until = Some(now + LOCK_TIME);
                return Err(locked(LOCK_TIME));
            }
            return Err(wrong_credentials(MAX_ATTEMPTS - account.failed_passwords));
        }
        account.failed_passwords = 0;
        let id = self.token(16);
        let challenge = Challenge { account: i, code: String::new(), expires_at: now, resend_at: now };
        self.challenges.insert(id.clone(), challenge);
        Ok(self.send_code(&id))
    }

    fn resend_code(&mut self, id: &str) -> Result<Value, ApiError> {
        let challenge = self.challenges.get(id).cloned().ok_or_else(unknown_challenge)?;
        self.check_lock(challenge.account)?;
        let now = self.now();
        if now < challenge.resend_at {
            let wait = (challenge.resend_at - now).num_seconds().max(1);
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "resend_too_early",
                "Vui lòng chờ trước khi yêu cầu mã mới.",
            )
            .with("retry_after", wait));
        }
        Ok(self.send_code(id))
    }

    /// Draws a new code for the challenge, "texts" it, and describes the challenge.
    fn send_code(&mut self, id: &str) -> Value {
        let now = self.now();
        let code = self.six_digits();
        let Some(challenge) = self.challenges.get_mut(id) else { return Value::Null };
        challenge.code = code.clone();
        challenge.expires_at = now + CODE_LIFETIME;
        challenge.resend_at = now + RESEND_AFTER;
        let phone = self.accounts[challenge.account].phone.clone();
        let text = format!(
            "Ma xac thuc dang nhap Cong DVCQG cua ban la {code}. Ma co hieu luc trong {} phut. Khong cung cap ma cho bat ky ai.",
            CODE_LIFETIME.num_minutes()
        );
        tracing::info!(to = %mask_phone(&phone), "sandbox sent a one-time code by text message");
        self.sms.push(Sms { to: phone.clone(), text, code, sent_at: now });
        json!({
            "challenge_id": id,
            "masked_phone": mask_phone(&phone),
            "expires_in": CODE_LIFETIME.num_seconds(),
            "resend_in": RESEND_AFTER.num_seconds(),
        })
    }

    fn finish_sign_in(&mut self, id: &str, code: &str) -> Result<Value, ApiError> {
        let challenge = self.challenges.get(id).cloned().ok_or_else(unknown_challenge)?;
        if let Err(error) = self.check_lock(challenge.account) {
            self.challenges.remove(id);
            return Err(error);
        }
        let now = self.now();
        if now >= challenge.expires_at {
            return Err(ApiError::new(
                StatusCode::GONE,
                "otp_expired",
                "Mã xác thực đã hết hạn. Vui lòng yêu cầu gửi lại mã.",
            ));
        }
        let account = &mut self.accounts[challenge.account];
        if challenge.code != code.trim() {
            account.failed_codes += 1;
            if account.failed_codes >= MAX_ATTEMPTS {
                account.locked_until = Some(now + LOCK_TIME);
                self.challenges.remove(id);
                return Err(locked(LOCK_TIME));
            }
            return Err(ApiError::new(StatusCode::UNAUTHORIZED, "invalid_otp", "Mã xác thực không đúng.")
                .with("attempts_left", MAX_ATTEMPTS - account.failed_codes));
        }
        account.failed_codes = 0;
        self.challenges.remove(id);
        Ok(self.open_session(SessionOwner::Legacy(challenge.account)))
    }

    /// Refuses while the account is locked; clears an expired lock.
    fn check_lock(&mut self, i: usize) -> Result<(), ApiError> {
        let now = self.now();
        let account = &mut self.accounts[i];
        match account.locked_until {
            Some(until) if until > now => Err(locked(until - now)),
            Some(_) => {
                account.locked_until = None;
                account.failed_passwords = 0;
                account.failed_codes = 0;
                Ok(())
            }
            None => Ok(()),
        }
    }

    fn open_session(&mut self, owner: SessionOwner) -> Value {
        let token = self.token(32);
        let expires_at = self.now() + SESSION_LIFETIME;
        self.sessions.insert(token.clone(), Session { owner, expires_at });
        json!({ "access_token": token, "token_type": "Bearer", "expires_in": SESSION_LIFETIME.num_seconds() })
    }

    fn session_owner(&self, headers: &HeaderMap) -> Result<SessionOwner, ApiError> {
        let token = bearer(headers).ok_or_else(ApiError::unauthorized)?;
        let session = self.sessions.get(token).ok_or_else(ApiError::unauthorized)?;
        if session.expires_at <= self.now() {
            return Err(ApiError::unauthorized());
        }
        Ok(session.owner.clone())
    }

    /// The old account whose data this session sees: its own, or the one linked to the VNeID
    /// identity's CCCD. A VNeID identity with no linked account sees none.
    fn owner_account(&self, owner: &SessionOwner) -> Option<usize> {
        match owner {
            SessionOwner::Legacy(i) => Some(*i),
            SessionOwner::Vneid { cccd } => self.account_by_cccd(cccd),
        }
    }

    fn account_json(&self, owner: &SessionOwner) -> Value {
        let (level, method) = match owner {
            SessionOwner::Legacy(_) => (None, "TAI_KHOAN_CONG"),
            SessionOwner::Vneid { cccd } => (self.population.get(cccd).and_then(|c| c.vneid), "VNEID"),
        };
        match (self.owner_account(owner), owner) {
            (Some(i), _) => {
                let account = &self.accounts[i];
                let mut value = profile_json(&account.profile, Some(&account.phone));
                value["TenDangNhap"] = json!(account.username);
                value["LoaiTaiKhoan"] = json!(kind_code(account.kind));
                value["MucDinhDanh"] = json!(level.map(level_code));
                value["PhuongThucDangNhap"] = json!(method);
                value["DaLienKetTaiKhoanCu"] = json!(account.profile.cccd.is_some());
                value
            }
            (None, SessionOwner::Vneid { cccd }) => {
                let profile = self.population.get(cccd).map(record_profile).unwrap_or_default();
                let mut value = profile_json(&profile, None);
                value["TenDangNhap"] = Value::Null;
                value["LoaiTaiKhoan"] = json!("CONG_DAN");
                value["MucDinhDanh"] = json!(level.map(level_code));
                value["PhuongThucDangNhap"] = json!(method);
                value["DaLienKetTaiKhoanCu"] = json!(false);
                value
            }
            (None, SessionOwner::Legacy(_)) => Value::Null,
        }
    }

    /// The portal lets an account not yet linked correct its name, birth date and sex; once
    /// linked they come from the population database and are refused here.
    fn update_profile(&mut self, owner: &SessionOwner, body: ProfileBody) -> Result<Value, ApiError> {
        let SessionOwner::Legacy(i) = *owner else {
            return Err(account_has_cccd());
        };
        if self.accounts[i].profile.cccd.is_some() {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "identity_locked",
                "Tài khoản đã liên kết số định danh: họ tên, ngày sinh, giới tính lấy từ CSDL Quốc gia về Dân cư.",
            ));
        }
        let invalid = |field: &str| {
            ApiError::new(StatusCode::BAD_REQUEST, "invalid_profile", "Thông tin cá nhân không hợp lệ.")
                .with("field", field)
        };
        let birth_date = match body.birth_date {
            Some(text) => {
                let date = NaiveDate::parse_from_str(text.trim(), wire::DATE_FORMAT)
                    .map_err(|_| invalid("NgayThangNamSinh"))?;
                if date > self.now().date_naive() {
                    return Err(invalid("NgayThangNamSinh"));
                }
                Some(date)
            }
            None => None,
        };
        let sex = match body.sex {
            Some(1) => Some(Sex::Male),
            Some(2) => Some(Sex::Female),
            Some(_) => return Err(invalid("GioiTinh")),
            None => None,
        };
        let name = match body.full_name.map(|n| n.split_whitespace().collect::<Vec<_>>().join(" ")) {
            Some(name) if name.is_empty() || name.chars().count() > 100 => return Err(invalid("HoVaTen")),
            other => other,
        };
        let profile = &mut self.accounts[i].profile;
        if let Some(name) = name {
            profile.full_name = dvclink_core::text::nfc(&name);
        }
        if let Some(date) = birth_date {
            profile.birth_date = Some(date);
        }
        if let Some(sex) = sex {
            profile.sex = Some(sex);
        }
        self.save();
        Ok(self.account_json(owner))
    }

    fn link_cccd(&mut self, owner: &SessionOwner, input: &str) -> Result<Value, ApiError> {
        let SessionOwner::Legacy(i) = *owner else {
            return Err(account_has_cccd());
        };
        if self.accounts[i].profile.cccd.is_some() {
            return Err(account_has_cccd());
        }
        let cccd: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if cccd.len() != 12 || !cccd.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid_cccd", "Số CCCD phải gồm 12 chữ số."));
        }
        let citizen = self.population.get(&cccd).ok_or_else(|| {
            ApiError::not_found("cccd_not_found", "Không tìm thấy số định danh cá nhân trong CSDL Quốc gia về Dân cư.")
        })?;
        let profile = &self.accounts[i].profile;
        let mismatch = if fold_name(&profile.full_name) != fold_name(&citizen.full_name) {
            Some("HoVaTen")
        } else if profile.birth_date.is_some_and(|d| d != citizen.birth_date) {
            Some("NgayThangNamSinh")
        } else if profile.sex.is_some_and(|s| s != citizen.sex) {
            Some("GioiTinh")
        } else {
            None
        };
        if let Some(field) = mismatch {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "cccd_mismatch",
                "Thông tin tài khoản không khớp với CSDL Quốc gia về Dân cư.",
            )
            .with("field", field));
        }
        if self.account_by_cccd(&cccd).is_some() {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "cccd_taken",
                "Số định danh cá nhân đã được liên kết với một tài khoản khác.",
            ));
        }
        let profile = &mut self.accounts[i].profile;
        profile.cccd = Some(cccd);
        profile.verified = linked_fields();
        self.save();
        Ok(self.account_json(owner))
    }

    fn identity_lookup(&mut self, owner: &SessionOwner) -> Result<Value, ApiError> {
        let now = self.now();
        let (account, cccd) = match (self.owner_account(owner), owner) {
            (Some(i), _) => (Some(i), self.accounts[i].profile.cccd.clone()),
            (None, SessionOwner::Vneid { cccd }) => (None, Some(cccd.clone())),
            (None, SessionOwner::Legacy(_)) => (None, None),
        };
        let cccd = cccd.ok_or_else(|| {
            ApiError::new(
                StatusCode::CONFLICT,
                "no_cccd",
                "Tài khoản chưa có số định danh cá nhân. Vui lòng cập nhật số CCCD trước.",
            )
        })?;
        let citizen = self.population.get(&cccd).ok_or_else(|| {
            ApiError::not_found("cccd_not_found", "Không tìm thấy số định danh cá nhân trong CSDL Quốc gia về Dân cư.")
        })?;
        let mut profile = record_profile(citizen);
        if let Some(i) = account {
            let current = &self.accounts[i].profile;
            profile.email = current.email.clone();
            profile.cmnd = current.cmnd.clone();
        }
        let phone = account.map(|i| self.accounts[i].phone.clone());
        let id = self.token(16);
        let mut value = profile_json(&profile, phone.as_deref());
        if let Some(i) = account {
            self.previews.insert(id.clone(), Preview { account: i, profile, expires_at: now + PREVIEW_LIFETIME });
        }
        value["preview_id"] = json!(id);
        Ok(value)
    }

    fn identity_confirm(&mut self, owner: &SessionOwner, id: &str) -> Result<Value, ApiError> {
        let now = self.now();
        let unknown = || {
            ApiError::not_found(
                "unknown_preview",
                "Phiên cập nhật đã hết hạn. Vui lòng bấm «Cập nhật từ CSDL Quốc gia về Dân cư» lại.",
            )
        };
        let Some(account) = self.owner_account(owner) else {
            // A VNeID identity without an old account already shows the population record.
            return Ok(self.account_json(owner));
        };
        let preview =
            self.previews.get(id).filter(|p| p.account == account && p.expires_at > now).ok_or_else(unknown)?;
        self.accounts[account].profile = preview.profile.clone();
        self.previews.remove(id);
        self.save();
        Ok(self.account_json(owner))
    }

    fn dossier_feed(&self, owner: &SessionOwner, query: &FeedQuery) -> Result<Value, ApiError> {
        let limit = match &query.limit {
            None => DEFAULT_PAGE,
            Some(text) => text
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_PAGE).contains(n))
                .ok_or_else(|| ApiError::bad_request("limit phải từ 1 đến 500."))?,
        };
        let since = match &query.updated_since {
            None => None,
            Some(text) => Some(
                wire::parse_time(text)
                    .ok_or_else(|| ApiError::bad_request("updated_since phải có dạng yyyyMMddHHmmss."))?,
            ),
        };
        let after = match &query.cursor {
            None => None,
            Some(text) => Some(decode_cursor(text).ok_or_else(|| {
                ApiError::new(StatusCode::BAD_REQUEST, "invalid_cursor", "Con trỏ phân trang không hợp lệ.")
            })?),
        };
        let Some(i) = self.owner_account(owner) else {
            return Ok(json!({ "items": [], "next_cursor": null, "total": 0 }));
        };
        let account = &self.accounts[i];
        // Sorted by change time then code; only the page asked for is turned into JSON.
        let mut feed: Vec<(NaiveDateTime, &str, Option<&DossierRecord>)> = account
            .dossiers
            .iter()
            .map(|d| (d.updated_at, d.code.as_str(), Some(d)))
            .chain(account.removed.iter().map(|(code, at)| (*at, code.as_str(), None)))
            .filter(|(at, _, _)| since.is_none_or(|since| *at >= since))
            .collect();
        feed.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let total = feed.len();
        let start = match &after {
            Some((at, code)) => feed.partition_point(|(t, c, _)| (*t, *c) <= (*at, code.as_str())),
            None => 0,
        };
        let page = &feed[start..(start + limit).min(total)];
        let next = (start + limit < total).then(|| page.last().map(|(at, code, _)| encode_cursor(at, code))).flatten();
        let items: Vec<Value> = page
            .iter()
            .map(|(at, code, record)| match record {
                Some(record) => json!(record),
                None => json!({ "MaHoSo": code, "DaXoa": true, "NgayCapNhat": wire::format_time(at) }),
            })
            .collect();
        Ok(json!({ "items": items, "next_cursor": next, "total": total }))
    }
}

fn encode_cursor(at: &NaiveDateTime, code: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}|{code}", wire::format_time(at)))
}

fn decode_cursor(text: &str) -> Option<(NaiveDateTime, String)> {
    let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (at, code) = text.split_once('|')?;
    Some((wire::parse_time(at)?, code.to_owned()))
}

/// A profile built from a population record, every field confirmed.
fn record_profile(citizen: &Citizen) -> AccountProfile {
    AccountProfile {
        full_name: citizen.full_name.clone(),
        birth_date: Some(citizen.birth_date),
        sex: Some(citizen.sex),
        cccd: Some(citizen.cccd.clone()),
        cmnd: None,
        email: None,
        ethnicity: Some(citizen.ethnicity.clone()),
        nationality: Some(citizen.nationality.clone()),
        home_town: Some(citizen.home_town.clone()),
        permanent_address: Some(citizen.permanent_address.clone()),
        current_address: Some(citizen.current_address.clone()),
        verified: BTreeSet::from([
            ProfileField::FullName,
            ProfileField::Cccd,
            ProfileField::BirthDate,
            ProfileField::Sex,
            ProfileField::Ethnicity,
            ProfileField::Nationality,
            ProfileField::HomeTown,
            ProfileField::PermanentAddress,
            ProfileField::CurrentAddress,
        ]),
    }
}

/// The profile in the portal's field names.
fn profile_json(profile: &AccountProfile, phone: Option<&str>) -> Value {
    json!({
        "HoVaTen": profile.full_name,
        "SoDinhDanh": profile.cccd,
        "SoCMND": profile.cmnd,
        "NgayThangNamSinh": profile.birth_date.as_ref().map(wire::format_date),
        "GioiTinh": profile.sex.map(|s| match s { Sex::Male => 1, Sex::Female => 2 }),
        "DanToc": profile.ethnicity,
        "QuocTich": profile.nationality,
        "QueQuan": profile.home_town,
        "ThuongTru": profile.permanent_address,
        "NoiOHienNay": profile.current_address,
        "SoDienThoai": phone,
        "ThuDienTu": profile.email,
        "MaSoThue": null,
        "MaBHXH": null,
        "DaXacThuc": profile.verified.iter().map(|f| field_code(*f)).collect::<Vec<_>>(),
    })
}

/// The portal's name for a profile field.
pub fn field_code(field: ProfileField) -> &'static str {
    match field {
        ProfileField::FullName => "HoVaTen",
        ProfileField::Cccd => "SoDinhDanh",
        ProfileField::BirthDate => "NgayThangNamSinh",
        ProfileField::Sex => "GioiTinh",
        ProfileField::Ethnicity => "DanToc",
        ProfileField::Nationality => "QuocTich",
        ProfileField::HomeTown => "QueQuan",
        ProfileField::PermanentAddress => "ThuongTru",
        ProfileField::CurrentAddress => "NoiOHienNay",
    }
}

fn kind_code(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::Citizen => "CONG_DAN",
        AccountKind::Official => "CAN_BO",
    }
}

fn level_code(level: IdentityLevel) -> u8 {
    match level {
        IdentityLevel::Level1 => 1,
        IdentityLevel::Level2 => 2,
    }
}

/// `0912345678` → `091****678`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 6))
}

fn wrong_credentials(attempts_left: u32) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.")
        .with("attempts_left", attempts_left)
}

fn locked(remaining: TimeDelta) -> ApiError {
    ApiError::new(StatusCode::LOCKED, "account_locked", "Tài khoản tạm khóa do nhập sai nhiều lần.")
        .with("retry_after", remaining.num_seconds().max(1))
}

fn unknown_challenge() -> ApiError {
    ApiError::not_found("unknown_challenge", "Phiên xác thực không tồn tại hoặc đã kết thúc. Vui lòng đăng nhập lại.")
}

fn account_has_cccd() -> ApiError {
    ApiError::new(StatusCode::CONFLICT, "account_has_cccd", "Tài khoản đã có số định danh cá nhân.")
}
