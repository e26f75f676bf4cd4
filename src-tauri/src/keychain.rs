//! Where a laptop keeps the official's VNeID sign-in between runs: the operating system's
//! keychain (Secret Service on Linux, Credential Manager on Windows, Keychain on macOS), never
//! a file. A kiosk keeps nothing. A keychain that cannot be reached only means the official
//! signs in again; it never stops the app.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use dvclink_core::port::KeptSignIn;
use dvclink_core::secret::Secret;
use keyring_core::{CredentialStore, Entry};
use serde::{Deserialize, Serialize};

/// The keychain entry's service name: the app's identifier.
const SERVICE: &str = "vn.gov.dichvucong.dvclink";

/// The keychain entry's user name.
const ENTRY: &str = "vneid-sign-in";

/// One keychain entry, or none (kiosk mode, or no keychain on this machine).
///
/// The keychain is reached on first use, not when the app starts: on Linux that is a D-Bus call
/// which may start GNOME Keyring, or have it ask for its password. A file beside the cache (the
/// "note", empty) says that a sign-in is kept, so that a laptop with nothing kept does not
/// touch the keychain at start at all.
#[derive(Clone)]
pub struct Keychain {
    place: Option<Arc<Place>>,
}

/// A kept sign-in: what VNeID needs to sign the official in again, and under which key the
/// cache keeps their saved copy, to open while VNeID or the portal cannot be reached.
#[derive(Clone)]
pub struct KeptVisit {
    pub sign_in: KeptSignIn,
    pub owner: Option<String>,
}

/// The entry's content.
#[derive(Serialize, Deserialize)]
struct Stored {
    refresh_token: String,
    nonce: String,
    /// Missing in entries an earlier version kept.
    #[serde(default)]
    owner: Option<String>,
}

impl std::fmt::Debug for KeptVisit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptVisit").field("sign_in", &self.sign_in).field("owner", &self.owner.is_some()).finish()
    }
}

impl std::fmt::Debug for Keychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keychain").field("available", &self.place.is_some()).finish()
    }
}

impl Keychain {
    /// The system's keychain, with its note at `note`.
    pub fn system(note: PathBuf) -> Keychain {
        Keychain::opened_by(Box::new(|| Entry::new_in_store(&system_store()?, SERVICE, ENTRY)), note)
    }

    /// The entry in a given store; tests pass `keyring_core`'s mock store.
    pub fn in_store(store: Arc<CredentialStore>, note: PathBuf) -> Keychain {
        Keychain::opened_by(Box::new(move || Entry::new_in_store(&store, SERVICE, ENTRY)), note)
    }

    /// Keeps nothing.
    pub fn none() -> Keychain {
        Keychain { place: None }
    }

    pub fn keep(&self, kept: &KeptSignIn, owner: Option<&str>) {
        let (Some(place), Some(entry)) = (&self.place, self.entry()) else { return };
        let stored = Stored {
            refresh_token: kept.refresh_token.expose().to_owned(),
            nonce: kept.nonce.clone(),
            owner: owner.map(str::to_owned),
        };
        let Ok(text) = serde_json::to_string(&stored) else { return };
        match entry.set_password(&text) {
            Ok(()) => {
                if let Err(error) = std::fs::write(&place.note, b"") {
                    tracing::warn!(%error, "the note of the kept sign-in could not be written");
                }
            }
            Err(error) => tracing::warn!(%error, "the sign-in could not be kept in the keychain"),
        }
    }

    /// The kept sign-in; an unreadable entry is removed. Without the note, the keychain is not
    /// asked.
    pub fn kept(&self) -> Option<KeptVisit> {
        let place = self.place.as_ref()?;
        if !place.note.exists() {
            return None;
        }
        let text = match self.entry()?.get_password() {
            Ok(text) => text,
            Err(keyring_core::Error::NoEntry) => {
                // Emptied from outside (the keyring's own manager): the note goes too.
                let _ = std::fs::remove_file(&place.note);
                return None;
            }
            Err(error) => {
                tracing::warn!(%error, "the keychain could not be read");
                return None;
            }
        };
        match serde_json::from_str::<Stored>(&text) {
            Ok(stored) => Some(KeptVisit {
                sign_in: KeptSignIn { refresh_token: Secret::new(stored.refresh_token), nonce: stored.nonce },
                owner: stored.owner,
            }),
            Err(_) => {
                self.forget();
                None
            }
        }
    }

    /// Removes the kept sign-in, and its note. The keychain is asked even without the note: an
    /// entry an earlier version kept has none.
    pub fn forget(&self) {
        let Some(place) = &self.place else { return };
        if let Err(error) = std::fs::remove_file(&place.note)
            && error.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(%error, "the note of the kept sign-in could not be removed");
        }
        let Some(entry) = self.entry() else { return };
        match entry.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => {}
            Err(error) => tracing::warn!(%error, "the kept sign-in could not be removed from the keychain"),
        }
    }

    fn opened_by(open: Opener, note: PathBuf) -> Keychain {
        Keychain { place: Some(Arc::new(Place { open, entry: Mutex::new(None), note })) }
    }

    /// The entry, reached on first use and tried again on the next while it cannot be.
    fn entry(&self) -> Option<Arc<Entry>> {
        let place = self.place.as_ref()?;
        let mut entry = crate::lock(&place.entry);
        if entry.is_none() {
            match (place.open)() {
                Ok(opened) => *entry = Some(Arc::new(opened)),
                Err(error) => tracing::warn!(%error, "the keychain cannot be reached: the sign-in is not kept"),
            }
        }
        entry.clone()
    }
}

/// How the entry is reached.
type Opener = Box<dyn Fn() -> keyring_core::Result<Entry> + Send + Sync>;

/// The entry and how to reach it, shared by every copy of a [`Keychain`].
struct Place {
    open: Opener,
    entry: Mutex<Option<Arc<Entry>>>,
    /// Exists while a sign-in is kept.
    note: PathBuf,
}

/// This system's credential store.
fn system_store() -> keyring_core::Result<Arc<CredentialStore>> {
    #[cfg(target_os = "linux")]
    let store: Arc<CredentialStore> = dbus_secret_service_keyring_store::Store::new()?;
    #[cfg(windows)]
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    #[cfg(target_os = "macos")]
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok(store)
}
