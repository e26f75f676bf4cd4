//! The portal adapter: the [`Portal`] port over HTTP against any base URL, the real portal's or
//! the sandbox's. Only GET calls are retried; a POST that may have reached the portal is
//! reported, and the user decides whether to try again.

use chrono::{TimeDelta, Utc};
use dvclink_core::Cccd;
use dvclink_core::dossier::{Dossier, DossierCode, DossierPage, DossierQuery};
use dvclink_core::port::{
    ChallengeId, IdentityPreview, LinkError, MatchFailure, MatchField, OtpChallenge, Portal, PortalError,
    PortalSession, PreviewId,
};
use dvclink_core::profile::{Account, ProfileChange, Sex, SignInMethod};
use dvclink_core::secret::Secret;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use url::Url;

use crate::http::{self, HttpSettings, RetryPolicy};
use crate::wire::{self, ChallengeWire, ErrorBody, SessionWire};

/// The portal's API at `base` (ending in `/`), such as `https://…/portal/api/v1/`.
#[derive(Debug, Clone)]
pub struct PortalClient {
    base: Url,
    http: reqwest::Client,
    retry: RetryPolicy,
}

/// Why a call did not produce the expected answer.
#[derive(Debug)]
enum Failure {
    /// No answer: refused connection, timeout, dropped connection.
    Unreachable,
    /// An answer with an error status.
    Status(StatusCode, ErrorBody),
    /// An answer that could not be read.
    Unreadable(String),
}

impl PortalClient {
    pub fn new(base: Url, settings: &HttpSettings) -> reqwest::Result<PortalClient> {
        let base = if base.path().ends_with('/') { base } else { Url::parse(&format!("{base}/")).unwrap_or(base) };
        Ok(PortalClient { base, http: http::client(settings)?, retry: settings.retry.clone() })
    }

    /// Sends one call, retrying a GET after transient failures.
    async fn call(
        &self,
        method: Method,
        path: &str,
        session: Option<&PortalSession>,
        query: &[(&str, String)],
        body: Option<Value>,
    ) -> Result<Value, Failure> {
        let attempts = if method == Method::GET { self.retry.attempts.max(1) } else { 1 };
        let mut retry = 0;
        loop {
            let result = self.once(method.clone(), path, session, query, body.as_ref()).await;
            match result {
                Err(failure) if failure.is_transient() && retry + 1 < attempts => {
                    tracing::debug!(path, retry, "retrying a portal call after {failure:?}");
                    tokio::time::sleep(self.retry.delay(retry)).await;
                    retry += 1;
                }
                result => return result,
            }
        }
    }

    async fn once(
        &self,
        method: Method,
        path: &str,
        session: Option<&PortalSession>,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Value, Failure> {
        let url = self.base.join(path).map_err(|e| Failure::Unreadable(e.to_string()))?;
        let mut request = self.http.request(method, url).header("Accept", "application/json");
        if !query.is_empty() {
            request = request.query(query);
        }
        if let Some(session) = session {
            request = request.bearer_auth(session.access_token.expose());
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(|_| Failure::Unreachable)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|_| Failure::Unreachable)?;
        if status.is_success() {
            if bytes.is_empty() {
                return Ok(Value::Null);
            }
            return serde_json::from_slice(&bytes).map_err(|e| Failure::Unreadable(e.to_string()));
        }
        // An error body that cannot be read still has its status.
        let error = serde_json::from_slice::<ErrorBody>(&bytes).unwrap_or_default();
        Err(Failure::Status(status, error))
    }

    fn session(&self, wire: SessionWire, method: SignInMethod) -> Result<PortalSession, PortalError> {
        if wire.access_token.is_empty() || wire.expires_in <= 0 {
            return Err(PortalError::BadResponse { detail: "session: empty token or lifetime".into() });
        }
        Ok(PortalSession {
            access_token: Secret::new(wire.access_token),
            expires_at: Utc::now() + TimeDelta::seconds(wire.expires_in),
            method,
        })
    }
}

impl Failure {
    fn is_transient(&self) -> bool {
        match self {
            Failure::Unreachable | Failure::Unreadable(_) => true,
            Failure::Status(status, _) => status.is_server_error() || *status == StatusCode::TOO_MANY_REQUESTS,
        }
    }

    /// The meaning every endpoint shares; endpoints look at their own codes first.
    fn into_portal_error(self) -> PortalError {
        match self {
            Failure::Unreachable => PortalError::Unreachable,
            Failure::Unreadable(detail) => PortalError::BadResponse { detail },
            Failure::Status(StatusCode::UNAUTHORIZED, _) => PortalError::SessionExpired,
            Failure::Status(StatusCode::LOCKED, body) => {
                PortalError::Locked { retry_after_secs: body.retry_after.unwrap_or(15 * 60) }
            }
            Failure::Status(status, _) if status.is_server_error() => PortalError::Maintenance,
            Failure::Status(StatusCode::NOT_FOUND, _) => PortalError::NotFound,
            Failure::Status(status, body) => PortalError::Refused {
                code: if body.error.is_empty() { status.as_str().to_owned() } else { body.error },
            },
        }
    }

    fn code(&self) -> Option<&str> {
        match self {
            Failure::Status(_, body) => Some(body.error.as_str()),
            _ => None,
        }
    }
}

fn decode<T>(result: Result<T, wire::WireError>) -> Result<T, PortalError> {
    result.map_err(|e| PortalError::BadResponse { detail: e.to_string() })
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, value: Value) -> Result<T, PortalError> {
    serde_json::from_value(value).map_err(|e| PortalError::BadResponse { detail: format!("{what}: {e}") })
}

fn challenge(value: Value) -> Result<OtpChallenge, PortalError> {
    let wire: ChallengeWire = parse("challenge", value)?;
    if wire.challenge_id.is_empty() || wire.expires_in <= 0 {
        return Err(PortalError::BadResponse { detail: "challenge: empty id or lifetime".into() });
    }
    let now = Utc::now();
    Ok(OtpChallenge {
        id: ChallengeId(wire.challenge_id),
        masked_phone: wire.masked_phone,
        expires_at: now + TimeDelta::seconds(wire.expires_in),
        resend_at: now + TimeDelta::seconds(wire.resend_in.max(0)),
    })
}

impl Portal for PortalClient {
    async fn start_sign_in(&self, username: &str, password: &Secret) -> Result<OtpChallenge, PortalError> {
        let body = json!({ "username": username, "password": password.expose() });
        match self.call(Method::POST, "auth/password", None, &[], Some(body)).await {
            Ok(value) => challenge(value),
            Err(Failure::Status(StatusCode::UNAUTHORIZED, body)) => {
                Err(PortalError::WrongCredentials { attempts_left: body.attempts_left })
            }
            Err(failure) => Err(failure.into_portal_error()),
        }
    }

    async fn resend_code(&self, id: &ChallengeId) -> Result<OtpChallenge, PortalError> {
        let body = json!({ "challenge_id": id.0 });
        match self.call(Method::POST, "auth/otp/resend", None, &[], Some(body)).await {
            Ok(value) => challenge(value),
            Err(Failure::Status(StatusCode::TOO_MANY_REQUESTS, body)) => {
                Err(PortalError::ResendTooEarly { retry_after_secs: body.retry_after.unwrap_or(60) })
            }
            Err(Failure::Status(StatusCode::NOT_FOUND, _)) => Err(PortalError::SessionExpired),
            Err(failure) => Err(failure.into_portal_error()),
        }
    }

    async fn finish_sign_in(&self, id: &ChallengeId, code: &Secret) -> Result<PortalSession, PortalError> {
        let body = json!({ "challenge_id": id.0, "code": code.expose() });
        match self.call(Method::POST, "auth/otp", None, &[], Some(body)).await {
            Ok(value) => self.session(parse("session", value)?, SignInMethod::PortalAccount),
            Err(Failure::Status(StatusCode::UNAUTHORIZED, body)) => {
                Err(PortalError::WrongCode { attempts_left: body.attempts_left })
            }
            Err(Failure::Status(StatusCode::GONE, _)) => Err(PortalError::CodeExpired),
            Err(Failure::Status(StatusCode::NOT_FOUND, _)) => Err(PortalError::SessionExpired),
            Err(failure) => Err(failure.into_portal_error()),
        }
    }

    async fn open_vneid_session(&self, vneid_access_token: &Secret) -> Result<PortalSession, PortalError> {
        let body = json!({ "access_token": vneid_access_token.expose() });
        match self.call(Method::POST, "auth/vneid", None, &[], Some(body)).await {
            Ok(value) => self.session(parse("session", value)?, SignInMethod::Vneid),
            Err(failure) => Err(failure.into_portal_error()),
        }
    }

    async fn account(&self, session: &PortalSession) -> Result<Account, PortalError> {
        let value =
            self.call(Method::GET, "account", Some(session), &[], None).await.map_err(Failure::into_portal_error)?;
        decode(wire::account(value))
    }

    async fn update_profile(&self, session: &PortalSession, change: &ProfileChange) -> Result<Account, PortalError> {
        let mut body = serde_json::Map::new();
        if let Some(name) = &change.full_name {
            body.insert("HoVaTen".into(), json!(name));
        }
        if let Some(date) = &change.birth_date {
            body.insert("NgayThangNamSinh".into(), json!(date.format("%d/%m/%Y").to_string()));
        }
        if let Some(sex) = change.sex {
            body.insert(
                "GioiTinh".into(),
                json!(match sex {
                    Sex::Male => 1,
                    Sex::Female => 2,
                }),
            );
        }
        let value = self
            .call(Method::PATCH, "account/profile", Some(session), &[], Some(Value::Object(body)))
            .await
            .map_err(Failure::into_portal_error)?;
        decode(wire::account(value))
    }

    async fn link_cccd(&self, session: &PortalSession, cccd: &Cccd) -> Result<Account, LinkError> {
        let body = json!({ "SoDinhDanh": cccd.as_str() });
        match self.call(Method::POST, "account/cccd", Some(session), &[], Some(body)).await {
            Ok(value) => decode(wire::account(value)).map_err(|error| LinkError::Portal { error }),
            Err(failure) => Err(link_failure(failure)),
        }
    }

    async fn lookup_identity(&self, session: &PortalSession) -> Result<IdentityPreview, PortalError> {
        match self.call(Method::POST, "account/identity/lookup", Some(session), &[], None).await {
            Ok(value) => decode(wire::preview(value)),
            Err(failure) if failure.code() == Some("no_cccd") => Err(PortalError::NoCccd),
            Err(failure) => Err(failure.into_portal_error()),
        }
    }

    async fn confirm_identity(&self, session: &PortalSession, preview: &PreviewId) -> Result<Account, PortalError> {
        let body = json!({ "preview_id": preview.0 });
        let value = self
            .call(Method::POST, "account/identity/confirm", Some(session), &[], Some(body))
            .await
            .map_err(Failure::into_portal_error)?;
        decode(wire::account(value))
    }

    async fn dossier_page(&self, session: &PortalSession, query: &DossierQuery) -> Result<DossierPage, PortalError> {
        let mut params = Vec::new();
        if let Some(limit) = query.limit {
            params.push(("limit", limit.to_string()));
        }
        if let Some(cursor) = &query.cursor {
            params.push(("cursor", cursor.0.clone()));
        }
        if let Some(since) = &query.updated_since {
            params.push(("updated_since", wire::format_time(since)));
        }
        let value = self
            .call(Method::GET, "dossiers", Some(session), &params, None)
            .await
            .map_err(Failure::into_portal_error)?;
        decode(wire::dossier_page(value))
    }

    async fn dossier(&self, session: &PortalSession, code: &DossierCode) -> Result<Dossier, PortalError> {
        // Dossier codes are letters, digits, '.', '-' and '_', so they are safe in a path.
        let path = format!("dossiers/{}", code.as_str());
        let value =
            self.call(Method::GET, &path, Some(session), &[], None).await.map_err(Failure::into_portal_error)?;
        decode(wire::dossier(value))
    }

    async fn sign_out(&self, session: &PortalSession) -> Result<(), PortalError> {
        match self.call(Method::POST, "auth/logout", Some(session), &[], None).await {
            Ok(_) | Err(Failure::Status(StatusCode::UNAUTHORIZED, _)) => Ok(()),
            Err(failure) => Err(failure.into_portal_error()),
        }
    }
}

fn link_failure(failure: Failure) -> LinkError {
    let field = match &failure {
        Failure::Status(_, body) => body.field.as_deref(),
        _ => None,
    };
    let failure_kind = match (failure.code(), field) {
        (Some("cccd_not_found"), _) => Some(MatchFailure::UnknownNumber),
        (Some("cccd_taken"), _) => Some(MatchFailure::Taken),
        (Some("cccd_mismatch"), Some("HoVaTen")) => Some(MatchFailure::Mismatch(MatchField::FullName)),
        (Some("cccd_mismatch"), Some("NgayThangNamSinh")) => Some(MatchFailure::Mismatch(MatchField::BirthDate)),
        (Some("cccd_mismatch"), Some("GioiTinh")) => Some(MatchFailure::Mismatch(MatchField::Sex)),
        (Some("account_has_cccd"), _) => return LinkError::AlreadyHasCccd,
        _ => None,
    };
    match failure_kind {
        Some(failure) => LinkError::Match { failure },
        None => LinkError::Portal { error: failure.into_portal_error() },
    }
}
