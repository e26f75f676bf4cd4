//! The stand-in VNeID provider: OpenID Connect discovery, JWKS, an authorization endpoint that
//! serves a real sign-in page (CCCD and password, or a QR code approved from the "phone"), a
//! token endpoint for a public client (PKCE S256 mandatory, single-use codes valid 60 s, exact
//! redirect matching with loopback on any port), userinfo with VNeID's claim names, and
//! end-session. ID tokens are signed RS256 with a key drawn at start.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use dvclink_core::profile::IdentityLevel;
use openidconnect::core::{
    CoreGenderClaim, CoreJsonWebKeySet, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    AccessToken, AdditionalClaims, Audience, AuthenticationContextClass, EndUserUsername, IdToken, IdTokenClaims,
    IssuerUrl, JsonWebKeyId, Nonce, PrivateSigningKey, StandardClaims, SubjectIdentifier,
};
use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use url::Url;

use crate::Shared;
use crate::faults::IdTokenFault;
use crate::page::{self, SignInPage};
use crate::population::{Citizen, VNEID_PASSWORD};
use crate::trouble::{AccountTrouble, PasswordOutcome, Troubles};
use crate::wire::{self, ApiError, bearer};
use crate::world::{Sms, World};

/// How long an authorization code can be redeemed.
pub const CODE_LIFETIME: TimeDelta = TimeDelta::seconds(60);
/// How long a sign-in page stays usable.
const REQUEST_LIFETIME: TimeDelta = TimeDelta::minutes(15);
/// How long a QR code can be scanned.
pub const QR_LIFETIME: TimeDelta = TimeDelta::seconds(120);
const ACCESS_LIFETIME: TimeDelta = TimeDelta::minutes(5);
const REFRESH_LIFETIME: TimeDelta = TimeDelta::hours(8);
/// Where the provider lives under the sandbox's base URL, Keycloak style.
pub const REALM_PATH: &str = "auth/realms/citizen";

/// The app as the provider knows it: a public client (no secret) with its redirect URIs.
#[derive(Debug, Clone)]
pub struct ClientRegistration {
    pub client_id: String,
    pub name: String,
    pub redirect_uris: Vec<String>,
}

impl Default for ClientRegistration {
    fn default() -> ClientRegistration {
        ClientRegistration {
            client_id: "dvclink-desktop".to_owned(),
            name: "dvclink – Liên kết tài khoản Dịch vụ công".to_owned(),
            redirect_uris: vec![
                "vn.gov.dichvucong.dvclink:/oauth/callback".to_owned(),
                "http://127.0.0.1/oauth/callback".to_owned(),
                "http://[::1]/oauth/callback".to_owned(),
            ],
        }
    }
}

/// The signing key and the key set published at the JWKS endpoint.
pub struct Keys {
    signing: CoreRsaPrivateSigningKey,
    jwks: CoreJsonWebKeySet,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(<redacted>)")
    }
}

impl Keys {
    /// Draws a fresh 2048-bit RSA key.
    pub fn generate() -> anyhow::Result<Keys> {
        let key = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048)?;
        let pem = key.to_pkcs1_pem(LineEnding::LF)?;
        let signing = CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new("sandbox-rs256".to_owned())))
            .map_err(anyhow::Error::msg)?;
        let jwks = CoreJsonWebKeySet::new(vec![signing.as_verification_key()]);
        Ok(Keys { signing, jwks })
    }
}

/// The provider's part of the sandbox state.
#[derive(Debug, Default)]
pub struct OidcState {
    /// Sign-in pages that were opened, by request id.
    pub requests: HashMap<String, AuthRequest>,
    /// QR codes, by token.
    pub qr: HashMap<String, QrLogin>,
    pub codes: HashMap<String, CodeGrant>,
    pub access: HashMap<String, TokenGrant>,
    pub refresh: HashMap<String, TokenGrant>,
    /// Issued ID tokens, to find the session behind an `id_token_hint`.
    pub id_tokens: HashMap<String, String>,
    /// What stands in the way of each account's sign-in.
    pub troubles: Troubles,
}

/// What the app asked for when it opened the sign-in page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: String,
    pub created_at: DateTime<Utc>,
    pub qr_token: Option<String>,
    /// The one-time code sent after the password, with the citizen it signs in.
    #[serde(default)]
    pub otp: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct QrLogin {
    pub expires_at: DateTime<Utc>,
    pub approved_by: Option<String>,
    /// The phone refused it: web sign-in is not allowed in its VNeID app.
    pub refused: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CodeGrant {
    pub request: AuthRequest,
    pub cccd: String,
    pub issued_at: DateTime<Utc>,
    pub used: bool,
    /// The provider session the code belongs to; replaying the code revokes it.
    pub sid: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenGrant {
    pub cccd: String,
    pub client_id: String,
    pub nonce: Option<String>,
    pub sid: String,
    pub expires_at: DateTime<Utc>,
}

/// VNeID's own claims, by the names it uses.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VneidClaims {
    #[serde(rename = "TechID")]
    pub tech_id: String,
    #[serde(rename = "LoaiTaiKhoan")]
    pub account_type: String,
    #[serde(rename = "HoVaTen")]
    pub full_name: String,
    #[serde(rename = "SoDinhDanh")]
    pub cccd: String,
    #[serde(rename = "NgayThangNamSinh")]
    pub birth_date: String,
    #[serde(rename = "loginIdp")]
    pub login_idp: String,
    #[serde(rename = "loAs")]
    pub lo_as: String,
    #[serde(rename = "IAL")]
    pub ial: String,
}

impl AdditionalClaims for VneidClaims {}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/protocol/openid-connect/certs", get(certs))
        .route("/protocol/openid-connect/token", post(token))
        .route("/protocol/openid-connect/userinfo", get(userinfo).post(userinfo))
        .route("/protocol/openid-connect/logout", get(logout))
        .route("/protocol/openid-connect/revoke", post(revoke))
}

/// The sign-in page and its forms; these are for people, so faults are never injected here.
pub(crate) fn page_routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/protocol/openid-connect/auth", get(authorize))
        .route("/protocol/openid-connect/auth/login", post(login))
        .route("/protocol/openid-connect/auth/qr", post(reload_qr))
        .route("/protocol/openid-connect/auth/qr-status", get(qr_status))
        .route("/protocol/openid-connect/auth/qr-complete", post(qr_complete))
        .route("/protocol/openid-connect/auth/cancel", get(cancel))
        .route("/protocol/openid-connect/auth/otp", post(otp))
        .route("/protocol/openid-connect/auth/no-code", get(no_code))
}

async fn discovery(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let issuer = shared.issuer.as_str().trim_end_matches('/').to_owned();
    let endpoint = |path: &str| format!("{issuer}/protocol/openid-connect/{path}");
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": endpoint("auth"),
        "token_endpoint": endpoint("token"),
        "userinfo_endpoint": endpoint("userinfo"),
        "jwks_uri": endpoint("certs"),
        "end_session_endpoint": endpoint("logout"),
        "revocation_endpoint": endpoint("revoke"),
        "authorization_response_iss_parameter_supported": true,
        "acr_values_supported": ["LoA1", "LoA2"],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile", "offline_access"],
        "claims_supported": ["sub", "TechID", "LoaiTaiKhoan", "HoVaTen", "SoDinhDanh", "NgayThangNamSinh",
            "loginIdp", "loAs", "IAL", "preferred_username"],
    }))
}

async fn certs(State(shared): State<Arc<Shared>>) -> Json<CoreJsonWebKeySet> {
    Json(shared.keys.jwks.clone())
}

#[derive(Deserialize)]
struct AuthorizeQuery {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

async fn authorize(State(shared): State<Arc<Shared>>, Query(query): Query<AuthorizeQuery>) -> Response {
    let client = &shared.client;
    // Until client and redirect URI are known good, errors are shown here, never redirected.
    if query.client_id.as_deref() != Some(client.client_id.as_str()) {
        return page::error_page(StatusCode::BAD_REQUEST, "Ứng dụng yêu cầu đăng nhập không được đăng ký với VNeID.");
    }
    let Some(redirect_uri) = query.redirect_uri.filter(|uri| redirect_allowed(&client.redirect_uris, uri)) else {
        return page::error_page(StatusCode::BAD_REQUEST, "Địa chỉ quay về của ứng dụng không hợp lệ.");
    };
    let state = query.state.clone();
    let refuse =
        |error: &str, description: &str| redirect_error(&shared, &redirect_uri, state.as_deref(), error, description);
    if query.response_type.as_deref() != Some("code") {
        return refuse("unsupported_response_type", "only the authorization code flow is supported");
    }
    if !query.scope.as_deref().unwrap_or_default().split(' ').any(|s| s == "openid") {
        return refuse("invalid_scope", "scope must include openid");
    }
    let challenge = match (query.code_challenge, query.code_challenge_method.as_deref()) {
        (Some(challenge), Some("S256")) if is_s256_challenge(&challenge) => challenge,
        _ => return refuse("invalid_request", "PKCE with code_challenge_method=S256 is required"),
    };
    let mut world = shared.world();
    let now = world.now();
    let id = world.token(16);
    let request = AuthRequest {
        client_id: client.client_id.clone(),
        redirect_uri,
        state: query.state,
        nonce: query.nonce,
        code_challenge: challenge,
        created_at: now,
        qr_token: None,
        otp: None,
    };
    world.oidc.requests.insert(id.clone(), request);
    world.new_qr(&id);
    render(&shared, &mut world, &id, None, None)
}

#[derive(Deserialize)]
struct LoginForm {
    request: String,
    cccd: String,
    password: String,
}

async fn login(State(shared): State<Arc<Shared>>, Form(form): Form<LoginForm>) -> Response {
    let mut world = shared.world();
    if world.live_request(&form.request).is_none() {
        return page::error_page(
            StatusCode::BAD_REQUEST,
            "Phiên đăng nhập đã hết hạn. Hãy quay lại ứng dụng và bắt đầu lại.",
        );
    }
    let cccd: String = form.cccd.chars().filter(|c| !c.is_whitespace()).collect();
    let now = world.now();
    let Some(citizen) = world.population.get(&cccd) else {
        let problem = "Số định danh cá nhân hoặc mật khẩu không đúng.";
        return render(&shared, &mut world, &form.request, Some(problem), Some(&cccd));
    };
    let activated = citizen.vneid.is_some() && world.oidc.troubles.of(&cccd) != AccountTrouble::NotActivated;
    let outcome = world.oidc.troubles.password(&cccd, form.password == VNEID_PASSWORD, now);
    match outcome {
        PasswordOutcome::Locked => world.refuse(&shared, &form.request, "account_locked"),
        PasswordOutcome::Wrong => {
            let problem = "Số định danh cá nhân hoặc mật khẩu không đúng.";
            render(&shared, &mut world, &form.request, Some(problem), Some(&cccd))
        }
        PasswordOutcome::Accepted if !activated => world.refuse(&shared, &form.request, "account_not_activated"),
        PasswordOutcome::Accepted if world.oidc.troubles.of(&cccd) == AccountTrouble::OldPhone => {
            world.send_otp(&form.request, &cccd);
            otp_page(&shared, &form.request, None)
        }
        PasswordOutcome::Accepted => world.grant_code(&shared, &form.request, cccd),
    }
}

#[derive(Deserialize)]
struct OtpForm {
    request: String,
    code: String,
}

/// The one-time code after the password, as VNeID asks for it.
async fn otp(State(shared): State<Arc<Shared>>, Form(form): Form<OtpForm>) -> Response {
    let mut world = shared.world();
    let expected = world.live_request(&form.request).and_then(|r| r.otp.clone());
    match expected {
        None => page::error_page(
            StatusCode::BAD_REQUEST,
            "Phiên đăng nhập đã hết hạn. Hãy quay lại ứng dụng và bắt đầu lại.",
        ),
        Some((cccd, code)) if code == form.code.trim() => world.grant_code(&shared, &form.request, cccd),
        Some(_) => otp_page(&shared, &form.request, Some("Mã xác thực không đúng.")),
    }
}

/// «Không nhận được mã?»: back to the app, which explains what to do.
async fn no_code(State(shared): State<Arc<Shared>>, Query(form): Query<RequestForm>) -> Response {
    shared.world().refuse(&shared, &form.request, "otp_not_received")
}

fn otp_page(shared: &Shared, request: &str, error: Option<&str>) -> Response {
    let realm = shared.issuer.as_str().trim_end_matches('/').to_owned();
    page::otp_page(&realm, request, error)
}

#[derive(Deserialize)]
struct RequestForm {
    request: String,
}

async fn reload_qr(State(shared): State<Arc<Shared>>, Form(form): Form<RequestForm>) -> Response {
    let mut world = shared.world();
    if world.live_request(&form.request).is_none() {
        return page::error_page(
            StatusCode::BAD_REQUEST,
            "Phiên đăng nhập đã hết hạn. Hãy quay lại ứng dụng và bắt đầu lại.",
        );
    }
    world.new_qr(&form.request);
    render(&shared, &mut world, &form.request, None, None)
}

async fn qr_status(State(shared): State<Arc<Shared>>, Query(form): Query<RequestForm>) -> Response {
    let world = shared.world();
    let status = match world.qr_for(&form.request) {
        None => "unknown",
        Some(qr) if qr.refused => "refused",
        Some(qr) if qr.approved_by.is_some() => "approved",
        Some(qr) if qr.expires_at <= world.now() => "expired",
        Some(_) => "pending",
    };
    let mut response = Json(json!({ "status": status })).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn qr_complete(State(shared): State<Arc<Shared>>, Form(form): Form<RequestForm>) -> Response {
    let mut world = shared.world();
    if world.qr_for(&form.request).is_some_and(|qr| qr.refused) {
        return world.refuse(&shared, &form.request, "web_sign_in_not_allowed");
    }
    let approved = world.qr_for(&form.request).and_then(|qr| qr.approved_by.clone());
    match approved {
        Some(cccd) => world.grant_code(&shared, &form.request, cccd),
        None if world.live_request(&form.request).is_some() => render(
            &shared,
            &mut world,
            &form.request,
            Some("Mã QR chưa được xác nhận trên ứng dụng VNeID. Hãy quét mã và bấm «Xác nhận» trên điện thoại."),
            None,
        ),
        None => page::error_page(
            StatusCode::BAD_REQUEST,
            "Phiên đăng nhập đã hết hạn. Hãy quay lại ứng dụng và bắt đầu lại.",
        ),
    }
}

async fn cancel(State(shared): State<Arc<Shared>>, Query(form): Query<RequestForm>) -> Response {
    let mut world = shared.world();
    match world.oidc.requests.remove(&form.request) {
        Some(request) => redirect_error(
            &shared,
            &request.redirect_uri,
            request.state.as_deref(),
            "access_denied",
            "the user cancelled the sign-in",
        ),
        None => page::error_page(StatusCode::BAD_REQUEST, "Phiên đăng nhập đã kết thúc."),
    }
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    client_id: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
    client_secret: Option<String>,
}

async fn token(State(shared): State<Arc<Shared>>, Form(form): Form<TokenForm>) -> Response {
    let mut world = shared.world();
    let result = match form.grant_type.as_deref() {
        Some("authorization_code") => world.redeem_code(&shared, &form),
        Some("refresh_token") => world.refresh(&shared, &form),
        _ => Err(oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", "grant_type is not supported")),
    };
    let mut response = match result {
        Ok(body) => Json(body).into_response(),
        Err(error) => error.into_response(),
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn userinfo(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let world = shared.world();
    let token = bearer(&headers).ok_or_else(ApiError::unauthorized)?;
    let grant =
        world.oidc.access.get(token).filter(|g| g.expires_at > world.now()).ok_or_else(ApiError::unauthorized)?;
    let citizen = world.population.get(&grant.cccd).ok_or_else(ApiError::unauthorized)?;
    let claims = citizen_claims(citizen);
    let mut value = serde_json::to_value(&claims).map_err(|_| ApiError::unauthorized())?;
    value["sub"] = json!(subject(&citizen.cccd));
    value["preferred_username"] = json!(citizen.cccd);
    Ok(Json(value))
}

#[derive(Deserialize)]
struct RevokeForm {
    token: String,
    client_id: Option<String>,
}

/// Token revocation (RFC 7009): revoking a refresh token ends its whole provider session.
async fn revoke(State(shared): State<Arc<Shared>>, Form(form): Form<RevokeForm>) -> Response {
    if form.client_id.as_deref() != Some(shared.client.client_id.as_str()) {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "unknown client").into_response();
    }
    let mut world = shared.world();
    let sid = world.oidc.refresh.get(&form.token).or_else(|| world.oidc.access.get(&form.token)).map(|g| g.sid.clone());
    if let Some(sid) = sid {
        world.end_provider_session(&sid);
    }
    StatusCode::OK.into_response()
}

#[derive(Deserialize)]
struct LogoutQuery {
    id_token_hint: Option<String>,
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
}

async fn logout(State(shared): State<Arc<Shared>>, Query(query): Query<LogoutQuery>) -> Response {
    let mut world = shared.world();
    if let Some(sid) = query.id_token_hint.as_ref().and_then(|t| world.oidc.id_tokens.get(t).cloned()) {
        world.end_provider_session(&sid);
    }
    match query.post_logout_redirect_uri.filter(|uri| redirect_allowed(&shared.client.redirect_uris, uri)) {
        Some(uri) => {
            let mut url = Url::parse(&uri).unwrap_or_else(|_| unreachable!("allowed redirects parse"));
            if let Some(state) = &query.state {
                url.query_pairs_mut().append_pair("state", state);
            }
            Redirect::to(url.as_str()).into_response()
        }
        None => Html(page::signed_out_page()).into_response(),
    }
}

impl World {
    /// The request behind a sign-in page, while it is still usable.
    fn live_request(&self, id: &str) -> Option<&AuthRequest> {
        self.oidc.requests.get(id).filter(|r| self.now() - r.created_at < REQUEST_LIFETIME)
    }

    fn qr_for(&self, request: &str) -> Option<&QrLogin> {
        let token = self.oidc.requests.get(request)?.qr_token.as_ref()?;
        self.oidc.qr.get(token)
    }

    /// Draws a new QR code for the request; the old one stops working.
    fn new_qr(&mut self, request: &str) {
        let token = self.token(9);
        let expires_at = self.now() + QR_LIFETIME;
        let Some(auth) = self.oidc.requests.get_mut(request) else { return };
        if let Some(old) = auth.qr_token.replace(token.clone()) {
            self.oidc.qr.remove(&old);
        }
        self.oidc.qr.insert(token, QrLogin { expires_at, approved_by: None, refused: false });
    }

    /// The "phone" approves a QR code for the citizen signed in to the VNeID app on it.
    pub fn approve_qr(&mut self, token: &str, cccd: &str) -> Result<(), ApiError> {
        let now = self.now();
        let citizen = self.population.get(cccd).filter(|c| c.vneid.is_some()).ok_or_else(|| {
            ApiError::not_found("unknown_vneid_account", "Không có tài khoản VNeID đã kích hoạt với số định danh này.")
        })?;
        let cccd = citizen.cccd.clone();
        let qr =
            self.oidc.qr.get_mut(token).ok_or_else(|| {
                ApiError::not_found("unknown_qr", "Mã QR không hợp lệ hoặc đã được thay bằng mã mới.")
            })?;
        if qr.expires_at <= now {
            return Err(ApiError::new(
                StatusCode::GONE,
                "qr_expired",
                "Mã QR đã hết hạn. Hãy tải lại mã trên màn hình.",
            ));
        }
        if self.oidc.troubles.of(&cccd) == AccountTrouble::WebSignInNotAllowed {
            qr.refused = true;
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "web_sign_in_not_allowed",
                "Tài khoản chưa bật «Cho phép đăng nhập trên web» trong ứng dụng VNeID.",
            ));
        }
        qr.approved_by = Some(cccd);
        Ok(())
    }

    /// Ends a sign-in without success: back to the app with `error`, which it explains.
    fn refuse(&mut self, shared: &Shared, request_id: &str, error: &str) -> Response {
        let Some(request) = self.oidc.requests.remove(request_id) else {
            return page::error_page(StatusCode::BAD_REQUEST, "Phiên đăng nhập đã kết thúc.");
        };
        if let Some(token) = &request.qr_token {
            self.oidc.qr.remove(token);
        }
        redirect_error(shared, &request.redirect_uri, request.state.as_deref(), error, error)
    }

    /// "Texts" a one-time code to the phone number VNeID has on record, which the citizen in
    /// [`AccountTrouble::OldPhone`] no longer has.
    fn send_otp(&mut self, request_id: &str, cccd: &str) {
        let code = self.six_digits();
        let now = self.now();
        let old_phone = format!("09{}", &cccd[cccd.len().saturating_sub(8)..]);
        let text = format!("Ma xac thuc dang nhap VNeID cua ban la {code}. Khong cung cap ma cho bat ky ai.");
        self.sms.push(Sms { to: old_phone, text, code: code.clone(), sent_at: now });
        if let Some(request) = self.oidc.requests.get_mut(request_id) {
            request.otp = Some((cccd.to_owned(), code));
        }
    }

    /// Finishes a sign-in: a single-use code, sent back to the app's redirect URI.
    fn grant_code(&mut self, shared: &Shared, request_id: &str, cccd: String) -> Response {
        let Some(request) = self.oidc.requests.remove(request_id) else {
            return page::error_page(StatusCode::BAD_REQUEST, "Phiên đăng nhập đã kết thúc.");
        };
        if let Some(token) = &request.qr_token {
            self.oidc.qr.remove(token);
        }
        let code = self.token(24);
        let sid = self.token(12);
        let now = self.now();
        let mut url = Url::parse(&request.redirect_uri).unwrap_or_else(|_| unreachable!("allowed redirects parse"));
        url.query_pairs_mut().append_pair("code", &code);
        if let Some(state) = &request.state {
            url.query_pairs_mut().append_pair("state", state);
        }
        url.query_pairs_mut().append_pair("iss", &issuer(shared));
        self.oidc.codes.insert(code, CodeGrant { request, cccd, issued_at: now, used: false, sid });
        self.save();
        Redirect::to(url.as_str()).into_response()
    }

    fn redeem_code(&mut self, shared: &Shared, form: &TokenForm) -> Result<Value, OAuthError> {
        let client_id = self.public_client(shared, form)?;
        let code = form.code.as_deref().ok_or_else(|| invalid_request("code is required"))?;
        let now = self.now();
        let grant = self.oidc.codes.get_mut(code).ok_or_else(|| invalid_grant("unknown authorization code"))?;
        if grant.used {
            // A replayed code may mean it was stolen: revoke what it gave (RFC 6749 §4.1.2).
            let sid = grant.sid.clone();
            self.end_provider_session(&sid);
            return Err(invalid_grant("authorization code already used"));
        }
        grant.used = true;
        let grant = grant.clone();
        self.save();
        if now - grant.issued_at > CODE_LIFETIME {
            return Err(invalid_grant("authorization code expired"));
        }
        if grant.request.client_id != client_id {
            return Err(invalid_grant("code was issued to another client"));
        }
        if form.redirect_uri.as_deref() != Some(grant.request.redirect_uri.as_str()) {
            return Err(invalid_grant("redirect_uri does not match the authorization request"));
        }
        let verifier = form.code_verifier.as_deref().ok_or_else(|| invalid_request("code_verifier is required"))?;
        if !is_verifier(verifier) {
            return Err(invalid_grant("code_verifier is malformed"));
        }
        if s256(verifier) != grant.request.code_challenge {
            return Err(invalid_grant("PKCE verification failed"));
        }
        self.issue_tokens(shared, &grant.cccd, &client_id, grant.request.nonce.clone(), &grant.sid)
    }

    fn refresh(&mut self, shared: &Shared, form: &TokenForm) -> Result<Value, OAuthError> {
        let client_id = self.public_client(shared, form)?;
        let token = form.refresh_token.as_deref().ok_or_else(|| invalid_request("refresh_token is required"))?;
        let now = self.now();
        // Refresh tokens rotate: each is good once.
        let grant = self
            .oidc
            .refresh
            .remove(token)
            .filter(|g| g.expires_at > now && g.client_id == client_id)
            .ok_or_else(|| invalid_grant("refresh token is not valid"))?;
        self.issue_tokens(shared, &grant.cccd, &client_id, grant.nonce, &grant.sid)
    }

    /// Checks that the caller is the registered public client, which has no secret.
    fn public_client(&self, shared: &Shared, form: &TokenForm) -> Result<String, OAuthError> {
        match &form.client_id {
            Some(id) if *id == shared.client.client_id && form.client_secret.is_none() => Ok(id.clone()),
            _ => Err(oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "unknown client")),
        }
    }

    fn issue_tokens(
        &mut self,
        shared: &Shared,
        cccd: &str,
        client_id: &str,
        nonce: Option<String>,
        sid: &str,
    ) -> Result<Value, OAuthError> {
        let now = self.now();
        let mut citizen = self.population.get(cccd).ok_or_else(|| invalid_grant("unknown subject"))?.clone();
        if self.oidc.troubles.of(cccd) == AccountTrouble::Level1 {
            citizen.vneid = Some(IdentityLevel::Level1);
        }
        let access = self.token(32);
        let refresh = self.token(32);
        let grant = TokenGrant {
            cccd: cccd.to_owned(),
            client_id: client_id.to_owned(),
            nonce: nonce.clone(),
            sid: sid.to_owned(),
            expires_at: now + ACCESS_LIFETIME,
        };
        let spoilt = self.faults.settings.id_token;
        let id_token = id_token(shared, &citizen, client_id, nonce, now, &access, spoilt).map_err(|_| {
            oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error", "could not sign the ID token")
        })?;
        self.oidc.access.insert(access.clone(), grant.clone());
        self.oidc.refresh.insert(refresh.clone(), TokenGrant { expires_at: now + REFRESH_LIFETIME, ..grant });
        self.oidc.id_tokens.insert(id_token.clone(), sid.to_owned());
        self.save();
        Ok(json!({
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": ACCESS_LIFETIME.num_seconds(),
            "refresh_token": refresh,
            "refresh_expires_in": REFRESH_LIFETIME.num_seconds(),
            "id_token": id_token,
            "scope": "openid profile offline_access",
        }))
    }

    /// Revokes every token of a provider session.
    pub fn end_provider_session(&mut self, sid: &str) {
        self.oidc.access.retain(|_, g| g.sid != sid);
        self.oidc.refresh.retain(|_, g| g.sid != sid);
        self.oidc.id_tokens.retain(|_, s| s != sid);
        self.save();
    }

    /// The citizen behind a live VNeID access token, for the portal's VNeID sessions.
    pub fn vneid_subject(&self, access_token: &str) -> Option<String> {
        let grant = self.oidc.access.get(access_token)?;
        (grant.expires_at > self.now()).then(|| grant.cccd.clone())
    }
}

fn render(shared: &Shared, world: &mut World, request: &str, error: Option<&str>, cccd: Option<&str>) -> Response {
    let now = world.now();
    let qr = world.oidc.requests.get(request).and_then(|r| r.qr_token.clone());
    let qr_left =
        qr.as_ref().and_then(|t| world.oidc.qr.get(t)).map_or(0, |q| (q.expires_at - now).num_seconds().max(0));
    let realm = shared.issuer.as_str().trim_end_matches('/').to_owned();
    page::sign_in_page(&SignInPage {
        realm: &realm,
        host: shared.issuer.host_str().unwrap_or_default(),
        port: shared.issuer.port(),
        client_name: &shared.client.name,
        request,
        error,
        cccd: cccd.unwrap_or_default(),
        qr_token: qr.as_deref(),
        qr_url: qr.as_ref().map(|t| format!("{}sandbox/phone/approve?qr={t}", shared.base)),
        qr_seconds_left: qr_left,
    })
}

/// The ID token for `citizen`, with VNeID's claims, signed RS256; spoilt on purpose when the
/// tester asked for it.
fn id_token(
    shared: &Shared,
    citizen: &Citizen,
    client_id: &str,
    nonce: Option<String>,
    now: DateTime<Utc>,
    access: &str,
    spoilt: Option<IdTokenFault>,
) -> anyhow::Result<String> {
    let mut issuer = issuer(shared);
    let mut audience = client_id.to_owned();
    let (mut issued, mut nonce) = (now, nonce);
    match spoilt {
        Some(IdTokenFault::WrongIssuer) => issuer = "https://sso.example.invalid/auth/realms/citizen".to_owned(),
        Some(IdTokenFault::WrongAudience) => audience = "another-client".to_owned(),
        Some(IdTokenFault::Expired) => issued = now - ACCESS_LIFETIME - TimeDelta::minutes(1),
        Some(IdTokenFault::MissingNonce) => nonce = None,
        Some(IdTokenFault::WrongNonce) => nonce = Some("a-nonce-the-app-never-sent".to_owned()),
        Some(IdTokenFault::BadSignature) | None => {}
    }
    let sign = |claims: VneidClaims| -> anyhow::Result<String> {
        let acr = AuthenticationContextClass::new(format!("LoA{}", claims.lo_as));
        let claims = IdTokenClaims::new(
            IssuerUrl::new(issuer.clone())?,
            vec![Audience::new(audience.clone())],
            issued + ACCESS_LIFETIME,
            issued,
            StandardClaims::<CoreGenderClaim>::new(SubjectIdentifier::new(subject(&citizen.cccd)))
                .set_preferred_username(Some(EndUserUsername::new(citizen.cccd.clone()))),
            claims,
        )
        .set_nonce(nonce.clone().map(Nonce::new))
        .set_auth_context_ref(Some(acr))
        .set_auth_time(Some(issued));
        let token: IdToken<VneidClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm> =
            IdToken::new(
                claims,
                &shared.keys.signing,
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                Some(&AccessToken::new(access.to_owned())),
                None,
            )?;
        Ok(token.to_string())
    };
    let genuine = sign(citizen_claims(citizen))?;
    if spoilt != Some(IdTokenFault::BadSignature) {
        return Ok(genuine);
    }
    // Someone else's claims under the genuine token's signature.
    let forged = sign(VneidClaims {
        full_name: "Kẻ Mạo Danh".to_owned(),
        cccd: "001099000001".to_owned(),
        ..citizen_claims(citizen)
    })?;
    let (Some((forged_claims, _)), Some((_, signature))) = (forged.rsplit_once('.'), genuine.rsplit_once('.')) else {
        anyhow::bail!("a signed token has three parts");
    };
    Ok(format!("{forged_claims}.{signature}"))
}

fn citizen_claims(citizen: &Citizen) -> VneidClaims {
    let level = match citizen.vneid {
        Some(IdentityLevel::Level2) => "2",
        _ => "1",
    };
    VneidClaims {
        tech_id: format!("TECH-{}", &subject(&citizen.cccd)[..12]),
        account_type: "CONG_DAN".to_owned(),
        full_name: citizen.full_name.clone(),
        cccd: citizen.cccd.clone(),
        birth_date: wire::format_date(&citizen.birth_date),
        login_idp: "VNeID".to_owned(),
        lo_as: level.to_owned(),
        ial: level.to_owned(),
    }
}

/// A stable pseudonymous subject for a citizen.
fn subject(cccd: &str) -> String {
    let digest = Sha256::digest(format!("vneid-sandbox-subject:{cccd}"));
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// RFC 7636 §4.1: 43 to 128 characters of `[A-Za-z0-9-._~]`.
fn is_verifier(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// An S256 challenge is the base64url of 32 bytes: 43 characters.
fn is_s256_challenge(challenge: &str) -> bool {
    challenge.len() == 43 && challenge.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
}

/// Exact match, except that a registered loopback redirect accepts any port (RFC 8252 §7.3).
pub fn redirect_allowed(registered: &[String], given: &str) -> bool {
    registered.iter().any(|r| r == given || loopback_match(r, given))
}

fn loopback_match(registered: &str, given: &str) -> bool {
    let (Ok(registered), Ok(given)) = (Url::parse(registered), Url::parse(given)) else { return false };
    let loopback = matches!(registered.host_str(), Some("127.0.0.1" | "[::1]"));
    loopback
        && registered.scheme() == "http"
        && given.scheme() == "http"
        && registered.port().is_none()
        && given.host_str() == registered.host_str()
        && given.path() == registered.path()
        && given.query() == registered.query()
        && given.fragment().is_none()
        && given.username().is_empty()
        && given.password().is_none()
}

/// The issuer as the provider names itself, without a trailing slash.
fn issuer(shared: &Shared) -> String {
    shared.issuer.as_str().trim_end_matches('/').to_owned()
}

fn redirect_error(
    shared: &Shared,
    redirect_uri: &str,
    state: Option<&str>,
    error: &str,
    description: &str,
) -> Response {
    let Ok(mut url) = Url::parse(redirect_uri) else {
        return page::error_page(StatusCode::BAD_REQUEST, "Địa chỉ quay về của ứng dụng không hợp lệ.");
    };
    url.query_pairs_mut().append_pair("error", error).append_pair("error_description", description);
    if let Some(state) = state {
        url.query_pairs_mut().append_pair("state", state);
    }
    url.query_pairs_mut().append_pair("iss", &issuer(shared));
    Redirect::to(url.as_str()).into_response()
}

/// A token-endpoint error (RFC 6749 §5.2).
#[derive(Debug)]
struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: &'static str,
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.error, "error_description": self.description }))).into_response()
    }
}

fn oauth_error(status: StatusCode, error: &'static str, description: &'static str) -> OAuthError {
    OAuthError { status, error, description }
}

fn invalid_grant(description: &'static str) -> OAuthError {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", description)
}

fn invalid_request(description: &'static str) -> OAuthError {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_request", description)
}
