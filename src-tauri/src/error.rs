//! The one error type that crosses IPC: `{code, message}`, the message in the user's language.
//! Codes exist only where the UI acts differently.

use dvclink_core::lang::{Lang, Localized};
use dvclink_core::port::PortalError;
use dvclink_core::refusal::Refusal;
use serde::Serialize;
use ts_rs::TS;

/// What a command answers when it fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, TS)]
#[error("{code:?}: {message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

/// The cases the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Go back to the sign-in choice, keeping the task.
    SessionExpired,
    /// Likewise.
    NotSignedIn,
    /// Show the message with «Thử lại»; keep what was typed.
    Unreachable,
    /// Likewise.
    Maintenance,
    /// The thing asked for does not exist (a dossier code).
    NotFound,
    /// The action does not fit the current step (a second click, a stale screen): reload the view.
    Refused,
    /// A malformed argument; the message says what to fix.
    InvalidInput,
    /// Anything else: show the message.
    Error,
}

impl ErrorCode {
    /// Every code, for the UI's check of what a rejection carries.
    pub const ALL: [ErrorCode; 8] = [
        ErrorCode::SessionExpired,
        ErrorCode::NotSignedIn,
        ErrorCode::Unreachable,
        ErrorCode::Maintenance,
        ErrorCode::NotFound,
        ErrorCode::Refused,
        ErrorCode::InvalidInput,
        ErrorCode::Error,
    ];
}

impl IpcError {
    pub fn portal(error: &PortalError, lang: Lang) -> IpcError {
        let code = match error {
            PortalError::SessionExpired => ErrorCode::SessionExpired,
            PortalError::Unreachable => ErrorCode::Unreachable,
            PortalError::Maintenance => ErrorCode::Maintenance,
            PortalError::NotFound => ErrorCode::NotFound,
            _ => ErrorCode::Error,
        };
        IpcError { code, message: error.text(lang) }
    }

    /// An action that does not fit the current step, such as a second click.
    pub fn refused(refusal: &Refusal, lang: Lang) -> IpcError {
        tracing::debug!(%refusal, "refused an event");
        IpcError {
            code: ErrorCode::Refused,
            message: lang
                .pick(
                    "Thao tác này không còn phù hợp với màn hình hiện tại. Màn hình đã được tải lại.",
                    "This action no longer fits the current screen. The screen was reloaded.",
                )
                .to_owned(),
        }
    }

    pub fn not_signed_in(lang: Lang) -> IpcError {
        IpcError {
            code: ErrorCode::NotSignedIn,
            message: lang.pick("Bạn cần đăng nhập để xem mục này.", "Please sign in to see this.").to_owned(),
        }
    }

    pub fn invalid_input(message: String) -> IpcError {
        IpcError { code: ErrorCode::InvalidInput, message }
    }

    /// Something the user cannot fix, described for the support staff.
    pub fn internal(lang: Lang) -> IpcError {
        IpcError {
            code: ErrorCode::Error,
            message: lang
                .pick(
                    "Ứng dụng gặp sự cố. Hãy thử lại; nếu vẫn lỗi, hãy báo cán bộ hỗ trợ.",
                    "The app ran into a problem. Please try again; if it persists, tell the support staff.",
                )
                .to_owned(),
        }
    }
}
