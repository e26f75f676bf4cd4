//! A stand-in for the systems dvclink talks to and cannot reach from here: the National Public
//! Service Portal, the VNeID identity provider, and the national population database. It speaks
//! real HTTP, so the app and its tests use the same client code as against a real deployment.
//!
//! Run it as a binary (`dvclink-sandbox --port N --data DIR`) or start it in-process with
//! [`Sandbox::start`], as the desktop app does when no real portal is configured.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use axum::serve::Listener;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use url::Url;

pub mod card;
pub mod clock;
pub mod dossiers;
mod faults;
mod page;
pub mod persona;
pub mod population;
mod portal;
mod tester;
#[cfg(feature = "testing")]
pub mod testing;
mod trouble;
mod vneid;
mod wire;
mod world;

pub use crate::faults::{FaultSettings, IdTokenFault};
pub use crate::vneid::ClientRegistration;

use crate::clock::{Clock, SystemClock};
use crate::vneid::Keys;
use crate::world::World;

/// How to set up a sandbox.
#[derive(Clone)]
pub struct SandboxConfig {
    /// Seeds the population and dossiers; the same seed gives the same data.
    pub seed: u64,
    /// How many citizens to generate besides the personas.
    pub citizens: usize,
    /// Where account changes are kept across restarts; `None` keeps them in memory.
    pub data_dir: Option<PathBuf>,
    pub clock: Arc<dyn Clock>,
    /// The app as registered with the identity provider.
    pub client: ClientRegistration,
}

impl Default for SandboxConfig {
    fn default() -> SandboxConfig {
        SandboxConfig {
            seed: 20240612,
            citizens: 10_000,
            data_dir: None,
            clock: Arc::new(SystemClock),
            client: ClientRegistration::default(),
        }
    }
}

impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("seed", &self.seed)
            .field("citizens", &self.citizens)
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

/// A running sandbox.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    base: Url,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

/// What every handler reaches: the state and the fixed facts of this instance.
struct Shared {
    world: Mutex<World>,
    keys: Keys,
    base: Url,
    issuer: Url,
    client: ClientRegistration,
    /// The seed the test PKI is made from.
    seed: u64,
    /// The card counter: the test PKI and the cards on vpcd readers.
    counter: card::counter::Counter,
}

impl Shared {
    /// The state, even if a handler panicked while holding it.
    fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Sandbox {
    /// Binds `addr` (port 0 picks a free one) and serves until stopped. It returns once the
    /// port is bound. The signing key and the population (about a tenth of a second's work) are
    /// made when the first connection comes, so that an app that embeds a sandbox and has not
    /// used it yet starts without that work; that first connection waits for them.
    pub async fn start(config: SandboxConfig, addr: SocketAddr) -> anyhow::Result<Sandbox> {
        let mut listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let base = Url::parse(&format!("http://{addr}/"))?;
        let issuer = base.join(vneid::REALM_PATH)?;
        let (shutdown, mut stopped) = oneshot::channel::<()>();
        let shared_base = base.clone();
        let task = tokio::spawn(async move {
            let first = tokio::select! {
                first = Listener::accept(&mut listener) => first,
                _ = &mut stopped => return Ok(()),
            };
            let keys = tokio::task::spawn_blocking(Keys::generate);
            let client = config.client.clone();
            let seed = config.seed;
            let world =
                tokio::task::spawn_blocking(move || World::new(&config)).await.map_err(std::io::Error::other)?;
            let keys = keys.await.map_err(std::io::Error::other)?.map_err(std::io::Error::other)?;
            let shared = Arc::new(Shared {
                world: Mutex::new(world),
                keys,
                base: shared_base,
                issuer,
                client,
                seed,
                counter: card::counter::Counter::default(),
            });
            axum::serve(FirstThen { first: Some(first), listener }, router(shared))
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        tracing::info!(%addr, "sandbox listening");
        Ok(Sandbox { addr, base, shutdown: Some(shutdown), task })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn base_url(&self) -> Url {
        self.base.clone()
    }

    /// The portal API's base URL.
    pub fn portal_url(&self) -> Url {
        self.base.join("portal/api/v1/").unwrap_or_else(|_| self.base.clone())
    }

    /// The identity provider's issuer.
    pub fn issuer(&self) -> Url {
        self.base.join(vneid::REALM_PATH).unwrap_or_else(|_| self.base.clone())
    }

    /// Stops serving and waits for open connections to finish.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        (&mut self.task).await??;
        Ok(())
    }

    /// Serves until the server fails; for the binary.
    pub async fn wait(mut self) -> anyhow::Result<()> {
        (&mut self.task).await??;
        Ok(())
    }
}

/// The listener after its first connection: that one, then the rest.
struct FirstThen {
    first: Option<(TcpStream, SocketAddr)>,
    listener: TcpListener,
}

impl Listener for FirstThen {
    type Io = TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (TcpStream, SocketAddr) {
        match self.first.take() {
            Some(first) => first,
            None => Listener::accept(&mut self.listener).await,
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        Listener::local_addr(&self.listener)
    }
}

fn router(shared: Arc<Shared>) -> Router {
    let faults = from_fn_with_state(shared.clone(), faults::inject);
    let portal = portal::routes().layer(faults.clone());
    let troubles = from_fn_with_state(shared.clone(), trouble::provider_state);
    let realm = vneid::routes().layer(faults).merge(vneid::page_routes()).layer(troubles);
    Router::new()
        .route("/", get(tester::index))
        .nest("/portal/api/v1", portal)
        .nest(&format!("/{}", vneid::REALM_PATH), realm)
        .nest("/sandbox", tester::routes().merge(trouble::routes()).merge(card::counter::routes()))
        .with_state(shared)
}
