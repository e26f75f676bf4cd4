//! The CSCA certificates an office trusts, read from the folder the `card_trust` key names.
//! With none, a card's data can still be used but is shown as unverified.

use std::path::{Path, PathBuf};

use dmrtd::auth::passive::TrustAnchor;

/// The trusted CSCA certificates; empty means "none configured".
#[derive(Debug, Clone, Default)]
pub struct Trust {
    pub(crate) anchors: Vec<TrustAnchor>,
    /// Whether the office configured a folder; a configured folder that could not be read
    /// trusts nobody, so every card is refused rather than waved through as "unverified".
    configured: bool,
}

/// Why the trust folder could not be used. The app refuses to start with it, as with any bad
/// configuration: a kiosk that silently trusted nothing would call forged cards "unverified".
#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    #[error("cannot read the CSCA folder {path}: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("{path} is not a CSCA certificate (DER or PEM)")]
    Certificate { path: PathBuf },
    #[error("the CSCA folder {path} holds no certificate (.cer, .crt, .der or .pem)")]
    Empty { path: PathBuf },
}

impl Trust {
    /// Trusts nothing: every genuine-looking card is "unverified".
    pub fn none() -> Trust {
        Trust::default()
    }

    /// A configured folder that could not be read: every card is refused.
    pub fn unusable() -> Trust {
        Trust { anchors: Vec::new(), configured: true }
    }

    /// Whether a CSCA folder is configured.
    pub fn is_configured(&self) -> bool {
        self.configured
    }

    /// How many CSCA certificates are trusted.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// Trusts the certificates given, each DER or PEM.
    pub fn from_certificates<'a>(certificates: impl IntoIterator<Item = &'a [u8]>) -> Option<Trust> {
        let mut anchors = Vec::new();
        for bytes in certificates {
            anchors.push(TrustAnchor::from_certificate(&der_of(bytes)?).ok()?);
        }
        Some(Trust { configured: !anchors.is_empty(), anchors })
    }

    /// Reads every `.cer`, `.crt`, `.der` and `.pem` file in `folder`; other files are left
    /// alone, so a README beside them does no harm.
    pub fn from_folder(folder: &Path) -> Result<Trust, TrustError> {
        let entries =
            std::fs::read_dir(folder).map_err(|source| TrustError::Folder { path: folder.to_owned(), source })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                path.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| ["cer", "crt", "der", "pem"].contains(&e.to_ascii_lowercase().as_str()))
            })
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(TrustError::Empty { path: folder.to_owned() });
        }
        let mut anchors = Vec::new();
        for path in paths {
            let bytes = std::fs::read(&path).map_err(|source| TrustError::Folder { path: path.clone(), source })?;
            let anchor = der_of(&bytes)
                .and_then(|der| TrustAnchor::from_certificate(&der).ok())
                .ok_or_else(|| TrustError::Certificate { path: path.clone() })?;
            anchors.push(anchor);
        }
        Ok(Trust { anchors, configured: true })
    }
}

/// The DER inside a PEM `CERTIFICATE` block, or the bytes themselves when they are DER.
fn der_of(bytes: &[u8]) -> Option<Vec<u8>> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(bytes.to_vec());
    };
    let begin = "-----BEGIN CERTIFICATE-----";
    let Some(start) = text.find(begin) else {
        return Some(bytes.to_vec());
    };
    let body = &text[start + begin.len()..];
    let end = body.find("-----END CERTIFICATE-----")?;
    let base64: String = body[..end].chars().filter(|c| !c.is_whitespace()).collect();
    base64::Engine::decode(&base64::engine::general_purpose::STANDARD, base64).ok()
}
