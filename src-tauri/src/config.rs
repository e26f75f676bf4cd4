//! The app's configuration: which portal and VNeID to talk to, how the sign-in comes back, the
//! mode (kiosk or laptop), the language and the kiosk's idle time-out. It is read from a TOML file (the platform config
//! directory, or `--config PATH`), then environment variables override single keys. With no
//! portal configured the app runs against the embedded sandbox.

use std::path::{Path, PathBuf};

use dvclink_core::Lang;
use dvclink_core::secret::Secret;
use dvclink_print::Paper;
use serde::Deserialize;
use url::Url;

/// The private-use URI scheme the app is registered for (RFC 8252 §7.1); it must equal the
/// scheme in `tauri.conf.json`, which is what the operating system knows.
pub const SCHEME: &str = crate::handoff::IDENTIFIER;

/// The path of the callback, for both redirect kinds.
pub const CALLBACK_PATH: &str = "/oauth/callback";

/// The client id the app is registered under with VNeID.
pub const DEFAULT_CLIENT_ID: &str = "dvclink-desktop";

/// A kiosk session ends after this long without a touch, click or key, unless configured.
pub const DEFAULT_IDLE_TIMEOUT_SECS: u32 = 120;

/// How long before the time-out the warning with «Tiếp tục» shows: WCAG 2.2.1 asks for at
/// least 20 seconds.
pub const IDLE_WARNING_SECS: u32 = 30;

/// The shortest and longest idle time-out a kiosk may be given.
const IDLE_TIMEOUT_RANGE: std::ops::RangeInclusive<u32> = 60..=3600;

/// The level of assurance the app asks VNeID for, unless configured: level 2 (REFERENCE.md §7
/// saw `LoA1` asked for level 1).
pub const DEFAULT_ACR_VALUES: &str = "LoA2";

/// The checked configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppConfig {
    /// The real portal and provider, or `None` for the embedded sandbox.
    pub remote: Option<Remote>,
    pub client_id: String,
    pub redirect: RedirectKind,
    pub mode: Mode,
    pub lang: Lang,
    /// The embedded sandbox's port; 0 picks a free one. Testers set it to read the sandbox's
    /// text messages at a known address.
    pub sandbox_port: u16,
    /// Kiosk mode: seconds without activity before the session ends.
    pub idle_timeout_secs: u32,
    /// The PIN that opens the office's audit log; without one the log cannot be opened here.
    pub officer_pin: Option<Secret>,
    /// The scopes asked of VNeID; `None` lets the app choose (`openid`, and `offline_access`
    /// on a laptop when the provider lists it).
    pub scopes: Option<Vec<String>>,
    /// `acr_values` sent to VNeID; `None` when configured empty.
    pub acr_values: Option<String>,
    /// The CUPS queue of the counter's printer; without one nothing offers to print.
    pub printer: Option<String>,
    /// The paper in it.
    pub paper: Paper,
    /// The folder of CSCA certificates chip cards are checked against; without one a card
    /// whose data holds together is shown as unverified.
    pub card_trust: Option<PathBuf>,
}

/// A real deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    /// The portal API's base URL, such as `https://…/portal/api/v1/`.
    pub portal_url: Url,
    /// The VNeID issuer, such as `https://…/auth/realms/citizen`, exactly as configured: a URL
    /// would give a root issuer a trailing slash the provider does not have.
    pub issuer: String,
}

/// How VNeID sends the user back (RFC 8252 §7.1 or §7.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RedirectKind {
    /// `vn.gov.dichvucong.dvclink:/oauth/callback`, delivered as a deep link.
    Scheme,
    /// `http://127.0.0.1:PORT/oauth/callback`, received by a listener the app opens.
    Loopback,
}

/// Where the app runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// A shared machine at a one-stop office: sign-in in a separate window inside the app.
    Kiosk,
    /// One official's machine: sign-in in the system browser.
    Laptop,
}

/// Why the configuration cannot be used; says which key of which file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{path} is not valid TOML for dvclink: {reason}")]
    Syntax { path: String, reason: String },
    #[error("{key} = {value:?} is not valid: {reason}")]
    Value { key: String, value: String, reason: String },
    #[error("portal_url and issuer go together: set both for a real deployment, or neither for the sandbox")]
    HalfRemote,
    #[error("--config needs a file path after it")]
    MissingPath,
    #[error(
        "portal_url and issuer are not set, and this build of dvclink has no sandbox: set both to the portal and \
         the VNeID issuer the office uses (in config.toml, or DVCLINK_PORTAL_URL and DVCLINK_ISSUER)"
    )]
    NoPortal,
}

/// The file's keys, all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    portal_url: Option<String>,
    issuer: Option<String>,
    client_id: Option<String>,
    redirect: Option<String>,
    mode: Option<String>,
    language: Option<String>,
    sandbox_port: Option<u16>,
    idle_timeout: Option<u32>,
    officer_pin: Option<String>,
    scopes: Option<String>,
    acr_values: Option<String>,
    printer: Option<String>,
    paper: Option<String>,
    card_trust: Option<String>,
}

/// Environment variables that override the file, by key.
pub const ENV_KEYS: [(&str, &str); 12] = [
    ("DVCLINK_OFFICER_PIN", "officer_pin"),
    ("DVCLINK_PORTAL_URL", "portal_url"),
    ("DVCLINK_ISSUER", "issuer"),
    ("DVCLINK_CLIENT_ID", "client_id"),
    ("DVCLINK_REDIRECT", "redirect"),
    ("DVCLINK_MODE", "mode"),
    ("DVCLINK_LANGUAGE", "language"),
    ("DVCLINK_SCOPES", "scopes"),
    ("DVCLINK_ACR_VALUES", "acr_values"),
    ("DVCLINK_PRINTER", "printer"),
    ("DVCLINK_PAPER", "paper"),
    ("DVCLINK_CARD_TRUST", "card_trust"),
];

/// The environment variable that overrides `sandbox_port`.
pub const ENV_SANDBOX_PORT: &str = "DVCLINK_SANDBOX_PORT";

/// The environment variable that overrides `idle_timeout` (seconds).
pub const ENV_IDLE_TIMEOUT: &str = "DVCLINK_IDLE_TIMEOUT";

impl AppConfig {
    /// Reads the configuration for a start with `args` (program name excluded) and the
    /// environment given by `env`. A missing default file is not an error; a missing `--config`
    /// file is.
    pub fn load(args: &[String], env: impl Fn(&str) -> Option<String>) -> Result<AppConfig, ConfigError> {
        let explicit = config_flag(args)?;
        let text = match &explicit {
            Some(path) => Some(read(path)?),
            None => match default_path() {
                Some(path) if path.exists() => Some(read(&path)?),
                _ => None,
            },
        };
        let path = explicit.or_else(default_path).map(|p| p.display().to_string()).unwrap_or_default();
        AppConfig::parse(text.as_deref().unwrap_or(""), &path, env)?.for_build(cfg!(feature = "sandbox"))
    }

    /// The configuration as this build can run it: without a portal only a build with the
    /// embedded sandbox (`--features sandbox`, for development and training) can start.
    pub fn for_build(self, sandbox_built_in: bool) -> Result<AppConfig, ConfigError> {
        if self.remote.is_none() && !sandbox_built_in {
            return Err(ConfigError::NoPortal);
        }
        Ok(self)
    }

    /// Parses the file's text, then applies the environment.
    pub fn parse(text: &str, path: &str, env: impl Fn(&str) -> Option<String>) -> Result<AppConfig, ConfigError> {
        let mut file: FileConfig = toml::from_str(text)
            .map_err(|e| ConfigError::Syntax { path: path.to_owned(), reason: e.message().to_owned() })?;
        for (var, key) in ENV_KEYS {
            let Some(value) = env(var).filter(|v| !v.trim().is_empty()) else { continue };
            let slot = match key {
                "portal_url" => &mut file.portal_url,
                "issuer" => &mut file.issuer,
                "client_id" => &mut file.client_id,
                "redirect" => &mut file.redirect,
                "mode" => &mut file.mode,
                "officer_pin" => &mut file.officer_pin,
                "scopes" => &mut file.scopes,
                "acr_values" => &mut file.acr_values,
                "printer" => &mut file.printer,
                "paper" => &mut file.paper,
                "card_trust" => &mut file.card_trust,
                _ => &mut file.language,
            };
            *slot = Some(value);
        }
        let remote = match (&file.portal_url, &file.issuer) {
            (None, None) => None,
            (Some(portal), Some(issuer)) => {
                service_url("issuer", issuer)?;
                Some(Remote { portal_url: service_url("portal_url", portal)?, issuer: issuer.trim().to_owned() })
            }
            _ => return Err(ConfigError::HalfRemote),
        };
        let client_id = file.client_id.unwrap_or_else(|| DEFAULT_CLIENT_ID.to_owned());
        if client_id.trim().is_empty() {
            return Err(invalid("client_id", &client_id, "must not be empty"));
        }
        let redirect = match file.redirect.as_deref().map(str::trim) {
            None | Some("scheme") => RedirectKind::Scheme,
            Some("loopback") => RedirectKind::Loopback,
            Some(other) => return Err(invalid("redirect", other, "use \"scheme\" or \"loopback\"")),
        };
        let mode = match file.mode.as_deref().map(str::trim) {
            None | Some("laptop") => Mode::Laptop,
            Some("kiosk") => Mode::Kiosk,
            Some(other) => return Err(invalid("mode", other, "use \"kiosk\" or \"laptop\"")),
        };
        let lang = match file.language.as_deref().map(str::trim) {
            None | Some("vi") => Lang::Vi,
            Some("en") => Lang::En,
            Some(other) => return Err(invalid("language", other, "use \"vi\" or \"en\"")),
        };
        let sandbox_port = match env(ENV_SANDBOX_PORT).filter(|v| !v.trim().is_empty()) {
            Some(text) => {
                text.trim().parse().map_err(|_| invalid("sandbox_port", &text, "use a port number from 0 to 65535"))?
            }
            None => file.sandbox_port.unwrap_or(0),
        };
        let idle_timeout_secs = match env(ENV_IDLE_TIMEOUT).filter(|v| !v.trim().is_empty()) {
            Some(text) => text.trim().parse().map_err(|_| idle_invalid(&text))?,
            None => file.idle_timeout.unwrap_or(DEFAULT_IDLE_TIMEOUT_SECS),
        };
        if !IDLE_TIMEOUT_RANGE.contains(&idle_timeout_secs) {
            return Err(idle_invalid(&idle_timeout_secs.to_string()));
        }
        let officer_pin = match file.officer_pin.map(|pin| pin.trim().to_owned()) {
            None => None,
            Some(pin) if (4..=12).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit()) => {
                Some(Secret::new(pin))
            }
            // The value is a secret: the message does not repeat it.
            Some(_) => return Err(invalid("officer_pin", "…", "use 4 to 12 digits")),
        };
        let scopes = match file.scopes.as_deref() {
            None => None,
            Some(text) => {
                let scopes: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
                if !scopes.iter().any(|s| s == "openid") {
                    return Err(invalid("scopes", text, "list the scopes separated by spaces, openid among them"));
                }
                Some(scopes)
            }
        };
        let acr_values = match file.acr_values {
            None => Some(DEFAULT_ACR_VALUES.to_owned()),
            Some(text) if text.trim().is_empty() => None,
            Some(text) => Some(text.split_whitespace().collect::<Vec<_>>().join(" ")),
        };
        let printer = file.printer.map(|queue| queue.trim().to_owned()).filter(|queue| !queue.is_empty());
        if let Some(queue) = &printer
            && !queue.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        {
            return Err(invalid("printer", queue, "use the CUPS queue's name (letters, digits, _ - .)"));
        }
        let paper = match file.paper.as_deref().map(str::trim) {
            None | Some("a4") => Paper::A4,
            Some("receipt80") => Paper::Receipt80,
            Some(other) => return Err(invalid("paper", other, "use \"receipt80\" or \"a4\"")),
        };
        let card_trust =
            file.card_trust.map(|path| path.trim().to_owned()).filter(|p| !p.is_empty()).map(PathBuf::from);
        Ok(AppConfig {
            remote,
            client_id,
            redirect,
            mode,
            lang,
            sandbox_port,
            idle_timeout_secs,
            officer_pin,
            scopes,
            acr_values,
            printer,
            paper,
            card_trust,
        })
    }
}

/// `~/.config/dvclink/config.toml` on Linux, and the equivalent elsewhere.
pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("dvclink").join("config.toml"))
}

/// The path after `--config`, or in `--config=PATH`.
fn config_flag(args: &[String]) -> Result<Option<PathBuf>, ConfigError> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--config" {
            return iter.next().map(|p| Some(PathBuf::from(p))).ok_or(ConfigError::MissingPath);
        }
        if let Some(path) = arg.strip_prefix("--config=") {
            return Ok(Some(PathBuf::from(path)));
        }
    }
    Ok(None)
}

fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path)
        .map_err(|e| ConfigError::Read { path: path.display().to_string(), reason: e.to_string() })
}

/// A service URL: https, or http on a loopback address only.
fn service_url(key: &str, text: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(text.trim()).map_err(|e| invalid(key, text, &e.to_string()))?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "[::1]" | "localhost"));
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err(invalid(key, text, "use https (http only for a loopback test server)")),
    }
}

fn idle_invalid(value: &str) -> ConfigError {
    let (low, high) = (IDLE_TIMEOUT_RANGE.start(), IDLE_TIMEOUT_RANGE.end());
    invalid("idle_timeout", value, &format!("use a number of seconds from {low} to {high}"))
}

fn invalid(key: &str, value: &str, reason: &str) -> ConfigError {
    ConfigError::Value { key: key.to_owned(), value: value.to_owned(), reason: reason.to_owned() }
}
