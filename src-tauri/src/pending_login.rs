//! The VNeID sign-in that waits for its callback, kept in a file only its owner can read, so
//! that a callback which starts the app (a cold start) still finds it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use dvclink_core::secret::Secret;
use dvclink_core::task::Task;
use dvclink_core::vneid::{LoginSecrets, PendingLogin};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::views::{OpenedIn, SignInPage};

/// The file, or none where nothing is kept (a kiosk, the tests).
#[derive(Debug, Clone, Default)]
pub struct PendingLoginFile {
    path: Option<PathBuf>,
}

/// A started sign-in as kept on disk.
#[derive(Debug, Serialize, Deserialize)]
struct SavedLogin {
    state: String,
    nonce: String,
    verifier: String,
    redirect_uri: Url,
    task: Task,
    started_at: DateTime<Utc>,
    url: String,
    host: String,
}

impl PendingLoginFile {
    pub fn new(path: Option<PathBuf>) -> PendingLoginFile {
        PendingLoginFile { path }
    }

    /// The kept sign-in and its page, if there is one; a file that cannot be read is removed.
    pub fn read(&self) -> Option<(PendingLogin, SignInPage)> {
        let path = self.path.as_deref()?;
        let bytes = std::fs::read(path).ok()?;
        let Ok(saved) = serde_json::from_slice::<SavedLogin>(&bytes) else {
            self.forget();
            return None;
        };
        let page = SignInPage { url: saved.url, host: saved.host, opened_in: OpenedIn::Browser, problem: None };
        let pending = PendingLogin {
            state: saved.state,
            nonce: saved.nonce,
            pkce_verifier: Secret::new(saved.verifier),
            redirect_uri: saved.redirect_uri,
            task: saved.task,
            started_at: saved.started_at,
        };
        Some((pending, page))
    }

    /// Keeps a sign-in just started; a failure is logged, since the sign-in works without it
    /// as long as the app keeps running.
    pub fn save(&self, secrets: &LoginSecrets, redirect_uri: &Url, task: &Task, page: &SignInPage) {
        let Some(path) = &self.path else { return };
        let saved = SavedLogin {
            state: secrets.state.clone(),
            nonce: secrets.nonce.clone(),
            verifier: secrets.pkce_verifier.expose().to_owned(),
            redirect_uri: redirect_uri.clone(),
            task: task.clone(),
            started_at: Utc::now(),
            url: page.url.clone(),
            host: page.host.clone(),
        };
        if let Err(error) = write_private(path, &saved) {
            tracing::warn!(%error, "could not keep the VNeID sign-in for a cold start");
        }
    }

    pub fn forget(&self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Writes a file only its owner can read, through a temporary file and a rename.
fn write_private(path: &Path, value: &impl Serialize) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    let bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    options.open(&tmp)?.write_all(&bytes)?;
    std::fs::rename(&tmp, path)
}
