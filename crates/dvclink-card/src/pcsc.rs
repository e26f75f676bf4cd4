//! PC/SC, the one way every desktop system talks to card readers (pcsc-lite on Linux, WinSCard
//! on Windows, CryptoTokenKit on macOS): the readers there are, a watch that reports readers and
//! cards coming and going, and a connected card as a [`Transport`].

use std::ffi::CString;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use pcsc::{Context, Disposition, Protocols, ReaderState, Scope, ShareMode, State};

use crate::transport::{LinkError, Transport};

/// The readers as they stand: each one's name and whether a card lies on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Readers {
    pub readers: Vec<(String, bool)>,
}

impl Readers {
    /// The readers now; none when PC/SC is not running or has no reader.
    pub fn now() -> Readers {
        let Ok(context) = Context::establish(Scope::User) else {
            return Readers::default();
        };
        let mut states: Vec<ReaderState> = match context.list_readers_owned() {
            Ok(names) => names.into_iter().map(|name| ReaderState::new(name, State::UNAWARE)).collect(),
            Err(_) => return Readers::default(),
        };
        if context.get_status_change(Duration::ZERO, &mut states).is_err() {
            return Readers::default();
        }
        Readers::from_states(&states)
    }

    /// The first reader with a card on it.
    pub fn with_card(&self) -> Option<&str> {
        self.readers.iter().find(|(_, card)| *card).map(|(name, _)| name.as_str())
    }

    fn from_states(states: &[ReaderState]) -> Readers {
        Readers {
            readers: states
                .iter()
                .filter(|state| state.name() != pcsc::PNP_NOTIFICATION())
                .map(|state| {
                    (state.name().to_string_lossy().into_owned(), state.event_state().contains(State::PRESENT))
                })
                .collect(),
        }
    }
}

/// A thread that reports every change of readers and cards until dropped.
pub struct ReaderWatch {
    stop: Arc<AtomicBool>,
    context: Arc<std::sync::Mutex<Option<Context>>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for ReaderWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReaderWatch").finish_non_exhaustive()
    }
}

/// How long one wait for a change lasts before the watch checks whether it is to stop.
const WAIT_STEP: Duration = Duration::from_millis(500);

/// How long the watch waits before asking PC/SC again when it is not running.
const NO_SERVICE_RETRY: Duration = Duration::from_secs(2);

impl ReaderWatch {
    /// Starts watching; `on_change` gets the readers first as they are, then at each change.
    pub fn spawn(on_change: impl Fn(Readers) + Send + 'static) -> ReaderWatch {
        let stop = Arc::new(AtomicBool::new(false));
        let context = Arc::new(std::sync::Mutex::new(None));
        let thread = {
            let (stop, context) = (stop.clone(), context.clone());
            std::thread::Builder::new()
                .name("card-readers".into())
                .spawn(move || watch(&stop, &context, &on_change))
                .ok()
        };
        ReaderWatch { stop, context, thread }
    }
}

impl Drop for ReaderWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Ok(context) = self.context.lock()
            && let Some(context) = context.as_ref()
        {
            let _ = context.cancel();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn watch(stop: &AtomicBool, shared: &std::sync::Mutex<Option<Context>>, on_change: &dyn Fn(Readers)) {
    let mut last: Option<Readers> = None;
    let mut report = |readers: Readers| {
        if last.as_ref() != Some(&readers) {
            on_change(readers.clone());
            last = Some(readers);
        }
    };
    while !stop.load(Ordering::SeqCst) {
        let Ok(context) = Context::establish(Scope::User) else {
            report(Readers::default());
            wait(stop, NO_SERVICE_RETRY);
            continue;
        };
        if let Ok(mut slot) = shared.lock() {
            *slot = Some(context.clone());
        }
        let mut states = vec![ReaderState::new(pcsc::PNP_NOTIFICATION(), State::UNAWARE)];
        loop {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            // The reader list is read again at every change: a plugged reader shows up through
            // the PnP notification, an unplugged one as an unknown or unavailable reader.
            let names = context.list_readers_owned().unwrap_or_default();
            states.retain(|state| {
                state.name() == pcsc::PNP_NOTIFICATION()
                    || (names.iter().any(|name| name.as_c_str() == state.name())
                        && !state.event_state().intersects(State::UNKNOWN | State::IGNORE))
            });
            for name in names {
                if !states.iter().any(|state| state.name() == name.as_c_str()) {
                    states.push(ReaderState::new(name, State::UNAWARE));
                }
            }
            for state in &mut states {
                state.sync_current_state();
            }
            // A bounded wait: a stop asked for between two waits is seen within it.
            match context.get_status_change(WAIT_STEP, &mut states) {
                Ok(()) => report(Readers::from_states(&states)),
                Err(pcsc::Error::Timeout) => {}
                Err(pcsc::Error::Cancelled) => return,
                Err(error) => {
                    tracing::info!(%error, "PC/SC stopped answering; watching again");
                    report(Readers::default());
                    break;
                }
            }
        }
        if let Ok(mut slot) = shared.lock() {
            *slot = None;
        }
        wait(stop, NO_SERVICE_RETRY);
    }
}

/// Waits up to `limit`, returning early when asked to stop.
fn wait(stop: &AtomicBool, limit: Duration) {
    let step = Duration::from_millis(100);
    let mut waited = Duration::ZERO;
    while waited < limit && !stop.load(Ordering::SeqCst) {
        std::thread::park_timeout(step);
        waited += step;
    }
}

/// A card connected through PC/SC, exclusively for the read.
pub struct PcscCard {
    card: Option<pcsc::Card>,
    buffer: Vec<u8>,
}

impl std::fmt::Debug for PcscCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PcscCard").finish_non_exhaustive()
    }
}

impl PcscCard {
    /// Connects to the card on `reader`.
    pub fn connect(reader: &str) -> Result<PcscCard, LinkError> {
        let context = Context::establish(Scope::User).map_err(|_| LinkError::Reader)?;
        let name = CString::new(reader).map_err(|_| LinkError::Reader)?;
        let card = context.connect(&name, ShareMode::Exclusive, Protocols::ANY).map_err(link_error)?;
        Ok(PcscCard { card: Some(card), buffer: vec![0; pcsc::MAX_BUFFER_SIZE_EXTENDED] })
    }
}

impl Transport for PcscCard {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, LinkError> {
        let card = self.card.as_ref().ok_or(LinkError::Removed)?;
        card.transmit(apdu, &mut self.buffer).map(<[u8]>::to_vec).map_err(link_error)
    }
}

impl Drop for PcscCard {
    fn drop(&mut self) {
        // Reset the chip on the way out: its secure-messaging session ends with the read.
        if let Some(card) = self.card.take() {
            let _ = card.disconnect(Disposition::ResetCard);
        }
    }
}

fn link_error(error: pcsc::Error) -> LinkError {
    match error {
        pcsc::Error::RemovedCard | pcsc::Error::NoSmartcard | pcsc::Error::ResetCard | pcsc::Error::UnpoweredCard => {
            LinkError::Removed
        }
        pcsc::Error::Timeout => LinkError::Timeout,
        _ => LinkError::Reader,
    }
}
