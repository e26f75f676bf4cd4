//! The portal's wire conventions as the sandbox writes them: compact Vietnam-time timestamps,
//! `dd/MM/yyyy` dates, and JSON error bodies with a code and a Vietnamese message.

use axum::Json;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::{Map, Value, json};

/// The timestamp format of the dossier interface, in Asia/Ho_Chi_Minh.
pub const TIME_FORMAT: &str = "%Y%m%d%H%M%S";
/// The date format of profile fields.
pub const DATE_FORMAT: &str = "%d/%m/%Y";

pub fn format_time(time: &NaiveDateTime) -> String {
    time.format(TIME_FORMAT).to_string()
}

pub fn parse_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, TIME_FORMAT).ok()
}

pub fn format_date(date: &NaiveDate) -> String {
    date.format(DATE_FORMAT).to_string()
}

/// Serde helpers for a required timestamp.
pub mod time {
    use super::*;

    pub fn serialize<S: Serializer>(time: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_time(time))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let text = String::deserialize(d)?;
        parse_time(&text).ok_or_else(|| serde::de::Error::custom("expected yyyyMMddHHmmss"))
    }
}

/// Serde helpers for an optional timestamp.
pub mod opt_time {
    use super::*;

    pub fn serialize<S: Serializer>(time: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => s.serialize_str(&format_time(time)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(text) => {
                parse_time(&text).map(Some).ok_or_else(|| serde::de::Error::custom("expected yyyyMMddHHmmss"))
            }
            None => Ok(None),
        }
    }
}

/// An error answer: a status, a stable `error` code, a Vietnamese `message`, and details.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: Map<String, Value>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: &str) -> ApiError {
        let mut body = Map::new();
        body.insert("error".into(), json!(code));
        body.insert("message".into(), json!(message));
        ApiError { status, body }
    }

    /// Adds a detail field.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> ApiError {
        self.body.insert(key.into(), value.into());
        self
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "invalid_token", "Phiên đăng nhập không hợp lệ hoặc đã hết hạn.")
    }

    pub fn bad_request(message: &str) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_request", message)
    }

    pub fn not_found(code: &str, message: &str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(Value::Object(self.body))).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// The bearer token of a request, if it has one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim()).filter(|t| !t.is_empty())
}
