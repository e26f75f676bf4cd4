//! Where a laptop keeps the official's VNeID sign-in between runs: the operating system's
//! keychain (Secret Service on Linux, Credential Manager on Windows, Keychain on macOS), never
//! a file. A kiosk keeps nothing. A keychain that cannot be reached only means the official
//! signs in again; it never stops the app.

use std::sync::Arc;

use dvclink_core::port::KeptSignIn;
use dvclink_core::secret::Secret;
use serde::{Deserialize, Serialize};

/// The keychain entry's service name: the app's identifier.
const SERVICE: &str = "vn.gov.dichvucong.dvclink";

/// The keychain entry's user name.
const ENTRY: &str = "vneid-sign-in";

/// One keychain entry, or none (kiosk mode, or no keychain on this machine).
#[derive(Clone)]
pub struct Keychain {
    entry: Option<Arc<keyring::Entry>>,
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
        f.debug_struct("Keychain").field("available", &self.entry.is_some()).finish()
    }
}

impl Keychain {
    /// The system's keychain.
    pub fn system() -> Keychain {
        match keyring::Entry::new(SERVICE, ENTRY) {
            Ok(entry) => Keychain::with_entry(entry),
            Err(error) => {
                tracing::warn!(%error, "no keychain: the sign-in will not be kept between runs");
                Keychain::none()
            }
        }
    }

    /// A given entry; tests pass one of `keyring`'s mock credentials.
    pub fn with_entry(entry: keyring::Entry) -> Keychain {
        Keychain { entry: Some(Arc::new(entry)) }
    }

    /// Keeps nothing.
    pub fn none() -> Keychain {
        Keychain { entry: None }
    }

    pub fn keep(&self, kept: &KeptSignIn, owner: Option<&str>) {
        let Some(entry) = &self.entry else { return };
        let stored = Stored {
            refresh_token: kept.refresh_token.expose().to_owned(),
            nonce: kept.nonce.clone(),
            owner: owner.map(str::to_owned),
        };
        let Ok(text) = serde_json::to_string(&stored) else { return };
        if let Err(error) = entry.set_password(&text) {
            tracing::warn!(%error, "the sign-in could not be kept in the keychain");
        }
    }

    /// The kept sign-in; an unreadable entry is removed.
    pub fn kept(&self) -> Option<KeptVisit> {
        let entry = self.entry.as_ref()?;
        let text = match entry.get_password() {
            Ok(text) => text,
            Err(keyring::Error::NoEntry) => return None,
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

    pub fn forget(&self) {
        let Some(entry) = &self.entry else { return };
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => {}
            Err(error) => tracing::warn!(%error, "the kept sign-in could not be removed from the keychain"),
        }
    }
}
