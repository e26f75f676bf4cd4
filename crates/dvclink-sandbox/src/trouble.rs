//! What stands in the way of a VNeID sign-in, as people meet it at the counter: a level 1
//! account, web sign-in switched off in the phone app, a lock after five wrong passwords, an
//! account never activated, the one-time code going to an old phone; and VNeID-wide maintenance
//! or slowness. Testers switch each on through `/sandbox/vneid`, and the provider then answers
//! the way it would: the callback carries an `error` the app explains.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Shared;
use crate::page;
use crate::wire::ApiError;

/// Wrong passwords in a row before the account locks.
pub const LOCK_AFTER: u32 = 5;
/// How long a lock lasts.
pub const LOCK_FOR: TimeDelta = TimeDelta::minutes(30);

/// What is wrong with one citizen's VNeID account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountTrouble {
    #[default]
    None,
    /// Signs in, but the ID token says level 1.
    Level1,
    /// «Cho phép đăng nhập trên web» is off: the phone refuses QR codes.
    WebSignInNotAllowed,
    /// Locked for [`LOCK_FOR`], as after five wrong passwords.
    Locked,
    NotActivated,
    /// The one-time code after the password goes to a number the citizen no longer has.
    OldPhone,
}

/// The provider-wide settings and each account's trouble.
#[derive(Debug, Clone, Default)]
pub struct Troubles {
    accounts: HashMap<String, AccountTrouble>,
    failed_passwords: HashMap<String, u32>,
    locked_until: HashMap<String, DateTime<Utc>>,
    /// Every provider page and endpoint answers 503 «Hệ thống đang bảo trì».
    pub maintenance: bool,
    /// Added to every provider answer.
    pub slow_ms: u64,
}

/// What a password sign-in runs into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordOutcome {
    Accepted,
    Wrong,
    Locked,
}

impl Troubles {
    pub fn of(&self, cccd: &str) -> AccountTrouble {
        self.accounts.get(cccd).copied().unwrap_or_default()
    }

    /// Whether the account is locked at `now`.
    pub fn locked(&self, cccd: &str, now: DateTime<Utc>) -> bool {
        self.of(cccd) == AccountTrouble::Locked || self.locked_until.get(cccd).is_some_and(|until| *until > now)
    }

    /// Counts a password attempt: the fifth wrong one in a row locks the account.
    pub fn password(&mut self, cccd: &str, right: bool, now: DateTime<Utc>) -> PasswordOutcome {
        if self.locked(cccd, now) {
            return PasswordOutcome::Locked;
        }
        if right {
            self.failed_passwords.remove(cccd);
            return PasswordOutcome::Accepted;
        }
        let failed = self.failed_passwords.entry(cccd.to_owned()).or_default();
        *failed += 1;
        if *failed >= LOCK_AFTER {
            self.failed_passwords.remove(cccd);
            self.locked_until.insert(cccd.to_owned(), now + LOCK_FOR);
            return PasswordOutcome::Locked;
        }
        PasswordOutcome::Wrong
    }

    fn set(&mut self, cccd: &str, trouble: AccountTrouble) {
        self.failed_passwords.remove(cccd);
        self.locked_until.remove(cccd);
        match trouble {
            AccountTrouble::None => self.accounts.remove(cccd),
            trouble => self.accounts.insert(cccd.to_owned(), trouble),
        };
    }
}

/// `/sandbox/vneid`: the provider-wide settings, and one account's trouble.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/vneid", axum::routing::get(settings).put(set_settings))
        .route("/vneid/accounts/{cccd}", axum::routing::put(set_account))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    #[serde(default)]
    maintenance: bool,
    #[serde(default)]
    slow_ms: u64,
}

async fn settings(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let world = shared.world();
    let troubles = &world.oidc.troubles;
    Json(json!({ "maintenance": troubles.maintenance, "slow_ms": troubles.slow_ms, "accounts": troubles.accounts }))
}

async fn set_settings(State(shared): State<Arc<Shared>>, Json(settings): Json<Settings>) -> Json<Value> {
    let mut world = shared.world();
    world.oidc.troubles.maintenance = settings.maintenance;
    world.oidc.troubles.slow_ms = settings.slow_ms;
    Json(json!({ "maintenance": settings.maintenance, "slow_ms": settings.slow_ms }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountBody {
    trouble: AccountTrouble,
}

async fn set_account(
    State(shared): State<Arc<Shared>>,
    Path(cccd): Path<String>,
    Json(body): Json<AccountBody>,
) -> Result<Json<Value>, ApiError> {
    let mut world = shared.world();
    if world.population.get(&cccd).is_none() {
        return Err(ApiError::not_found("unknown_citizen", "Không có công dân với số định danh này."));
    }
    world.oidc.troubles.set(&cccd, body.trouble);
    Ok(Json(json!({ "cccd": cccd, "trouble": body.trouble })))
}

/// The provider's maintenance and slowness, for every page and endpoint of the realm.
pub(crate) async fn provider_state(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let (maintenance, slow_ms) = {
        let world = shared.world();
        (world.oidc.troubles.maintenance, world.oidc.troubles.slow_ms)
    };
    if slow_ms > 0 {
        tokio::time::sleep(Duration::from_millis(slow_ms)).await;
    }
    if maintenance {
        return page::error_page(StatusCode::SERVICE_UNAVAILABLE, "Hệ thống đang bảo trì. Vui lòng thử lại sau.")
            .into_response();
    }
    next.run(request).await
}
