//! Endpoints for testers and tests, under `/sandbox`: the phone's text messages, the QR codes on
//! screen and the "phone" that approves them, the demo personas, fault injection, and changes to
//! an account's dossiers (more of them, a new status, a removal) as agencies make them.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use axum::routing::{get, post};
use axum::{Json, Router};
use dvclink_core::dossier::DossierStatus;
use dvclink_core::lang::{Lang, Localized};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::Shared;
use crate::dossiers::StepRecord;
use crate::faults::FaultSettings;
use crate::page::escape;
use crate::persona::{DEMO_PASSWORD, PERSONAS, UNKNOWN_CCCD};
use crate::population::VNEID_PASSWORD;
use crate::wire::ApiError;

pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/sms", get(sms))
        .route("/phone/approve", post(approve))
        .route("/qr", get(qr_codes))
        .route("/personas", get(personas))
        .route("/faults", get(faults).put(set_faults).delete(clear_faults))
        .route("/accounts/{username}/dossiers", post(generate_dossiers))
        .route("/accounts/{username}/dossiers/{code}", axum::routing::patch(change_dossier).delete(remove_dossier))
}

#[derive(Deserialize)]
struct SmsQuery {
    phone: Option<String>,
}

/// Text messages sent, newest first; `?phone=` keeps one phone's.
async fn sms(State(shared): State<Arc<Shared>>, Query(query): Query<SmsQuery>) -> Json<Value> {
    let world = shared.world();
    let messages: Vec<_> =
        world.sms.iter().rev().filter(|m| query.phone.as_deref().is_none_or(|p| p == m.to)).collect();
    Json(json!(messages))
}

#[derive(Deserialize)]
struct ApproveBody {
    qr: String,
    cccd: String,
}

/// The VNeID phone app of the citizen `cccd` approves the QR code `qr`.
async fn approve(State(shared): State<Arc<Shared>>, Json(body): Json<ApproveBody>) -> Result<Json<Value>, ApiError> {
    shared.world().approve_qr(body.qr.trim(), body.cccd.trim())?;
    Ok(Json(json!({ "approved": true })))
}

/// The QR codes on sign-in pages that are waiting to be scanned, newest first: what a phone
/// pointed at the screen would read.
async fn qr_codes(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let world = shared.world();
    let now = world.now();
    let mut codes: Vec<_> = world
        .oidc
        .qr
        .iter()
        .filter(|(_, qr)| qr.approved_by.is_none() && qr.expires_at > now)
        .map(|(token, qr)| (qr.expires_at, token.clone()))
        .collect();
    codes.sort_by(|a, b| b.cmp(a));
    let list: Vec<Value> = codes
        .into_iter()
        .map(|(expires_at, token)| json!({ "qr": token, "expires_in_secs": (expires_at - now).num_seconds() }))
        .collect();
    Json(json!(list))
}

#[derive(Deserialize)]
struct GenerateBody {
    generate: usize,
}

/// Adds generated dossiers to an account, for sync tests and benchmarks.
async fn generate_dossiers(
    State(shared): State<Arc<Shared>>,
    Path(username): Path<String>,
    Json(body): Json<GenerateBody>,
) -> Result<Json<Value>, ApiError> {
    let mut world = shared.world();
    let account = world.account_by_username(&username).ok_or_else(unknown_account)?;
    if body.generate > 200_000 {
        return Err(ApiError::bad_request("generate at most 200000 at a time"));
    }
    let total = world.generate_dossiers(account, body.generate);
    Ok(Json(json!({ "total": total })))
}

#[derive(Deserialize)]
struct ChangeBody {
    status: u8,
}

/// The agency moves a dossier to another status: a new processing step, a new change time.
async fn change_dossier(
    State(shared): State<Arc<Shared>>,
    Path((username, code)): Path<(String, String)>,
    Json(body): Json<ChangeBody>,
) -> Result<Json<Value>, ApiError> {
    let status = DossierStatus::from_code(body.status).ok_or_else(|| ApiError::bad_request("status is 1 to 10"))?;
    let mut world = shared.world();
    let now = world.clock.vietnam_now();
    let account = world.account_by_username(&username).ok_or_else(unknown_account)?;
    let record = world.accounts[account]
        .dossiers
        .iter_mut()
        .find(|d| d.code == code)
        .ok_or_else(|| ApiError::not_found("dossier_not_found", "Không tìm thấy hồ sơ."))?;
    record.status = status.code();
    record.updated_at = now;
    record.steps.push(StepRecord {
        handler: "Cán bộ thử nghiệm".to_owned(),
        department: "Phòng chuyên môn".to_owned(),
        at: now,
        content: format!("Chuyển trạng thái: {}", status.text(Lang::Vi)),
    });
    Ok(Json(json!(record)))
}

/// The portal stops showing a dossier to this account; the feed reports its removal.
async fn remove_dossier(
    State(shared): State<Arc<Shared>>,
    Path((username, code)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let mut world = shared.world();
    let now = world.clock.vietnam_now();
    let account = world.account_by_username(&username).ok_or_else(unknown_account)?;
    let dossiers = &mut world.accounts[account].dossiers;
    let position = dossiers
        .iter()
        .position(|d| d.code == code)
        .ok_or_else(|| ApiError::not_found("dossier_not_found", "Không tìm thấy hồ sơ."))?;
    dossiers.remove(position);
    world.accounts[account].removed.push((code, now));
    Ok(StatusCode::NO_CONTENT)
}

fn unknown_account() -> ApiError {
    ApiError::not_found("unknown_account", "Không có tài khoản này.")
}

async fn personas() -> Json<Value> {
    let list: Vec<Value> = PERSONAS
        .iter()
        .map(|p| {
            json!({
                "key": p.key,
                "purpose": p.purpose_vi,
                "purpose_en": p.purpose_en,
                "username": p.username,
                "password": DEMO_PASSWORD,
                "phone": p.phone,
                "cccd": p.cccd,
                "full_name": p.full_name,
                "vneid_password": VNEID_PASSWORD,
                "dossiers": p.dossiers,
            })
        })
        .collect();
    Json(json!({ "personas": list, "unknown_cccd": UNKNOWN_CCCD }))
}

async fn faults(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let world = shared.world();
    Json(json!({ "settings": world.faults.settings, "counts": world.faults.counts }))
}

async fn set_faults(
    State(shared): State<Arc<Shared>>,
    Json(settings): Json<FaultSettings>,
) -> Result<Json<Value>, ApiError> {
    settings.validate().map_err(|m| ApiError::bad_request(&m))?;
    let mut world = shared.world();
    world.faults.set(settings);
    world.save();
    Ok(Json(json!({ "settings": world.faults.settings })))
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> StatusCode {
    let mut world = shared.world();
    world.faults.set(FaultSettings::default());
    world.save();
    StatusCode::NO_CONTENT
}

/// The sandbox's front page: what it is and who to sign in as.
pub async fn index(State(shared): State<Arc<Shared>>) -> Html<String> {
    let rows: String = PERSONAS
        .iter()
        .map(|p| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(p.key),
                escape(p.username),
                escape(p.cccd),
                escape(p.phone),
                escape(p.purpose_vi)
            )
        })
        .collect();
    let population = shared.world().population.len();
    Html(format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>dvclink sandbox</title></head>
<body style=\"font-family:sans-serif;max-width:1000px;margin:2em auto\">
<h1>dvclink sandbox: Cổng Dịch vụ công + VNeID + CSDL Dân cư (thử nghiệm)</h1>
<p>Portal API: <code>{base}portal/api/v1/</code> · VNeID issuer: <code>{issuer}</code> · {population} công dân</p>
<p>Mật khẩu tài khoản cổng: <code>{DEMO_PASSWORD}</code> · Mật khẩu VNeID: <code>{VNEID_PASSWORD}</code> ·
Mã OTP: <a href=\"{base}sandbox/sms\">{base}sandbox/sms</a></p>
<table border=\"1\" cellpadding=\"6\"><tr><th>persona</th><th>tài khoản</th><th>CCCD</th><th>điện thoại</th><th>mục đích</th></tr>{rows}</table>
</body></html>",
        base = escape(shared.base.as_str()),
        issuer = escape(shared.issuer.as_str()),
    ))
}
