//! Fault injection for reliability and security tests, set at run time through
//! `/sandbox/faults`: added latency, server errors, answers that hang past the client's
//! time-out, truncated bodies and dropped connections, each at a chosen rate, and ID tokens
//! that fail one of the client's checks on purpose.
//! Faults apply to the portal API and the provider's machine endpoints, never to the sign-in
//! page or the tester endpoints.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::Shared;
use crate::wire::ApiError;

/// How long a held-back answer waits when the settings do not say.
const DEFAULT_HANG_MS: u64 = 30_000;

/// What to inject; rates are between 0 and 1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultSettings {
    /// Added to every answer.
    pub latency_ms: u64,
    /// Answer 503 "Hệ thống đang bảo trì".
    pub error_rate: f64,
    /// Hold the answer back for `hang_ms`, so that the client times out.
    pub timeout_rate: f64,
    /// How long a held-back answer waits; 30 s when not set.
    pub hang_ms: Option<u64>,
    /// Answer with the body cut in half.
    pub truncate_rate: f64,
    /// Close the connection without an answer.
    pub drop_rate: f64,
    /// Seeds the draws, for a repeatable run.
    pub seed: Option<u64>,
    /// Every ID token the provider issues is spoilt this way.
    pub id_token: Option<IdTokenFault>,
}

/// How the provider spoils an ID token: one line of the attack matrix each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdTokenFault {
    /// The claims were changed after signing (another citizen's number and name).
    BadSignature,
    /// Signed with the right key but naming another issuer.
    WrongIssuer,
    /// Issued to another client.
    WrongAudience,
    /// Expired a minute before it was issued to the app.
    Expired,
    /// Carries no nonce.
    MissingNonce,
    /// Carries a nonce the app never sent.
    WrongNonce,
}

/// How many requests met each fault since the settings were last changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FaultCounts {
    pub requests: u64,
    pub errors: u64,
    pub timed_out: u64,
    pub truncated: u64,
    pub dropped: u64,
}

/// The current settings, their random source and their counts.
#[derive(Debug)]
pub struct Faults {
    pub settings: FaultSettings,
    pub counts: FaultCounts,
    rng: StdRng,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    Error,
    Hang,
    Truncate,
    Drop,
}

impl Default for Faults {
    fn default() -> Faults {
        Faults { settings: FaultSettings::default(), counts: FaultCounts::default(), rng: StdRng::seed_from_u64(0) }
    }
}

impl FaultSettings {
    /// Refuses rates outside 0..=1 and rates that add up to more than 1.
    pub fn validate(&self) -> Result<(), String> {
        let rates = [self.error_rate, self.timeout_rate, self.truncate_rate, self.drop_rate];
        if rates.iter().any(|r| !(0.0..=1.0).contains(r)) {
            return Err("each rate must be between 0 and 1".to_owned());
        }
        if rates.iter().sum::<f64>() > 1.0 + f64::EPSILON {
            return Err("the rates must add up to at most 1".to_owned());
        }
        Ok(())
    }
}

impl Faults {
    pub fn set(&mut self, settings: FaultSettings) {
        self.rng = match settings.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_entropy(),
        };
        self.settings = settings;
        self.counts = FaultCounts::default();
    }

    fn draw(&mut self) -> (Duration, Fault) {
        let s = &self.settings;
        let roll: f64 = self.rng.r#gen();
        let bands = [
            (s.error_rate, Fault::Error),
            (s.timeout_rate, Fault::Hang),
            (s.truncate_rate, Fault::Truncate),
            (s.drop_rate, Fault::Drop),
        ];
        let mut bound = 0.0;
        let mut fault = Fault::None;
        for (rate, candidate) in bands {
            bound += rate;
            if roll < bound {
                fault = candidate;
                break;
            }
        }
        self.counts.requests += 1;
        match fault {
            Fault::Error => self.counts.errors += 1,
            Fault::Hang => self.counts.timed_out += 1,
            Fault::Truncate => self.counts.truncated += 1,
            Fault::Drop => self.counts.dropped += 1,
            Fault::None => {}
        }
        let latency = match fault {
            Fault::Hang => Duration::from_millis(s.latency_ms + s.hang_ms.unwrap_or(DEFAULT_HANG_MS)),
            _ => Duration::from_millis(s.latency_ms),
        };
        (latency, fault)
    }
}

/// The middleware that applies the current settings to one request.
pub(crate) async fn inject(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let (latency, fault) = shared.world().faults.draw();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match fault {
        // A held-back answer still comes, after the client stopped waiting.
        Fault::None | Fault::Hang => next.run(request).await,
        Fault::Error => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "maintenance",
            "Hệ thống đang bảo trì. Vui lòng thử lại sau.",
        )
        .into_response(),
        Fault::Drop => {
            // A body that fails at once makes the server abort the connection mid-answer.
            let failing = futures_util::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped by fault injection"))
            });
            Response::builder()
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CONTENT_LENGTH, "4096")
                .body(Body::from_stream(failing))
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        Fault::Truncate => {
            let response = next.run(request).await;
            let (mut parts, body) = response.into_parts();
            let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
            let cut = bytes.slice(..bytes.len() / 2);
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(cut))
        }
    }
}
