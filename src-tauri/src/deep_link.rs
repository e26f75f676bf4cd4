//! Links that reach the app from outside (a second launch, the operating system's URL handler)
//! are parsed here, at the edge, into a [`DeepLink`]; anything else is refused with words for
//! the user and changes nothing.

use dvclink_core::lang::{Lang, Localized};
use dvclink_core::vneid::{Callback, CallbackFormatError};
use url::Url;

use crate::config::{CALLBACK_PATH, SCHEME};

/// A link the app understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeepLink {
    /// VNeID sending the user back: `vn.gov.dichvucong.dvclink:/oauth/callback?code=…&state=…`.
    VneidCallback(Callback),
}

/// Why a link was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeepLinkError {
    #[error("the link is for another application ({scheme})")]
    OtherScheme { scheme: String },
    #[error("the app has nothing at {path}")]
    UnknownPath { path: String },
    #[error("the sign-in result is incomplete: {0}")]
    Malformed(CallbackFormatError),
}

impl TryFrom<&Url> for DeepLink {
    type Error = DeepLinkError;

    fn try_from(url: &Url) -> Result<DeepLink, DeepLinkError> {
        if url.scheme() != SCHEME {
            return Err(DeepLinkError::OtherScheme { scheme: url.scheme().to_owned() });
        }
        // `scheme:/oauth/callback` (RFC 8252's form) and `scheme:///oauth/callback` are the same
        // place; a host (`scheme://oauth/callback`) is not.
        if url.host_str().is_some_and(|h| !h.is_empty()) || url.path() != CALLBACK_PATH {
            let shown = url.as_str().split(['?', '#']).next().unwrap_or_default().to_owned();
            return Err(DeepLinkError::UnknownPath { path: shown });
        }
        Callback::from_url(url).map(DeepLink::VneidCallback).map_err(DeepLinkError::Malformed)
    }
}

impl Localized for DeepLinkError {
    fn text(&self, lang: Lang) -> String {
        match self {
            DeepLinkError::OtherScheme { .. } | DeepLinkError::UnknownPath { .. } => lang.pick(
                "Ứng dụng nhận được một liên kết không phải của dvclink nên đã bỏ qua. Không có gì thay đổi.",
                "The app received a link that is not a dvclink link, so it was ignored. Nothing changed.",
            ),
            DeepLinkError::Malformed(_) => lang.pick(
                "Kết quả đăng nhập VNeID gửi về không đầy đủ nên ứng dụng đã bỏ qua. Nếu bạn đang đăng nhập, hãy hoàn tất trên trang VNeID hoặc bấm «Mở lại trang đăng nhập».",
                "The VNeID sign-in result that came back is incomplete, so the app ignored it. If you are signing in, finish on the VNeID page or press «Open the sign-in page again».",
            ),
        }
        .to_owned()
    }
}
