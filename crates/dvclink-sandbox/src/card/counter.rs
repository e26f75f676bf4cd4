//! The sandbox's card counter over HTTP: `GET /sandbox/csca` gives the test CSCA for a training
//! kiosk's `card_trust` folder, and `PUT /sandbox/reader` lays a citizen's card (faulty if asked)
//! on a vpcd reader, or takes it away, as a citizen would at the counter.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use dvclink_card::Expiry;
use serde::Deserialize;
use serde_json::json;

use super::{CardFault, CardFiles, Chip, TestPki, VirtualCard};
use crate::Shared;

/// The PKI, made at first use, and the cards lying on readers.
#[derive(Debug, Default)]
pub(crate) struct Counter {
    pki: OnceLock<TestPki>,
    placed: Mutex<HashMap<SocketAddr, VirtualCard>>,
}

impl Counter {
    fn pki(&self, seed: u64) -> &TestPki {
        self.pki.get_or_init(|| TestPki::from_seed(seed))
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/csca", axum::routing::get(csca)).route("/reader", axum::routing::put(reader))
}

async fn csca(State(shared): State<Arc<Shared>>) -> Response {
    let pem = shared.counter.pki(shared.seed).csca_pem();
    ([(header::CONTENT_TYPE, "application/x-pem-file")], pem).into_response()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Placement {
    /// The vpcd reader's address, a loopback one.
    reader: SocketAddr,
    /// The holder's number; null takes the card away.
    cccd: Option<String>,
    #[serde(default)]
    fault: CardFault,
}

async fn reader(State(shared): State<Arc<Shared>>, Json(placement): Json<Placement>) -> Response {
    if !placement.reader.ip().is_loopback() {
        return (StatusCode::BAD_REQUEST, Json(json!({"error": "the reader must be on a loopback address"})))
            .into_response();
    }
    let taken = shared.counter.placed.lock().ok().and_then(|mut placed| placed.remove(&placement.reader));
    if let Some(card) = taken {
        card.remove();
    }
    let Some(cccd) = placement.cccd else {
        return Json(json!({"placed": false})).into_response();
    };
    let (citizen, today) = {
        let world = shared.world();
        (world.population.get(&cccd).cloned(), world.now().date_naive())
    };
    let Some(citizen) = citizen else {
        return (StatusCode::NOT_FOUND, Json(json!({"error": "no citizen has this number"}))).into_response();
    };
    let Some(files) = CardFiles::make(&citizen, placement.fault, shared.counter.pki(shared.seed), today) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"error": "this card cannot be made"}))).into_response();
    };
    let printed = match files.printed_expiry {
        Expiry::On(day) => day.format("%d/%m/%Y").to_string(),
        Expiry::Never => dvclink_card::NO_EXPIRY.to_owned(),
        Expiry::Unknown => String::new(),
    };
    let seed = shared.seed;
    let reader = placement.reader;
    let inserted = tokio::task::spawn_blocking(move || VirtualCard::insert(reader, Chip::new(files, seed))).await;
    match inserted {
        Ok(Ok(card)) => {
            if let Ok(mut placed) = shared.counter.placed.lock() {
                placed.insert(placement.reader, card);
            }
            Json(json!({"placed": true, "printed_expiry": printed})).into_response()
        }
        _ => (StatusCode::BAD_GATEWAY, Json(json!({"error": "no vpcd reader listens there"}))).into_response(),
    }
}
