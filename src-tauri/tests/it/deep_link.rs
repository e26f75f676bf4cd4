//! Parsing links at the edge.

use dvclink_core::Secret;
use dvclink_core::vneid::{Callback, CallbackFormatError, CallbackResult};
use dvclink_desktop::deep_link::{DeepLink, DeepLinkError};
use url::Url;

fn check(link: &str, expected: Result<DeepLink, DeepLinkError>) {
    let url = Url::parse(link).unwrap();
    assert_eq!(DeepLink::try_from(&url), expected, "{link}");
}

fn callback(state: &str, code: &str) -> DeepLink {
    DeepLink::VneidCallback(Callback {
        state: state.into(),
        issuer: None,
        result: CallbackResult::Code(Secret::new(code)),
    })
}

#[test]
fn links() {
    check("vn.gov.dichvucong.dvclink:/oauth/callback?code=c1&state=s1", Ok(callback("s1", "c1")));
    check("vn.gov.dichvucong.dvclink:///oauth/callback?code=c1&state=s1", Ok(callback("s1", "c1")));
    check(
        "vn.gov.dichvucong.dvclink:/oauth/callback?error=access_denied&state=s1",
        Ok(DeepLink::VneidCallback(Callback {
            state: "s1".into(),
            issuer: None,
            result: CallbackResult::Error { error: "access_denied".into(), description: None },
        })),
    );
    check(
        "vn.gov.dichvucong.dvclink:/oauth/callback?code=c1",
        Err(DeepLinkError::Malformed(CallbackFormatError::MissingState)),
    );
    check(
        "vn.gov.dichvucong.dvclink:/oauth/callback?state=s1",
        Err(DeepLinkError::Malformed(CallbackFormatError::MissingCode)),
    );
    check(
        "vn.gov.dichvucong.dvclink:/oauth/callback?code=a&code=b&state=s",
        Err(DeepLinkError::Malformed(CallbackFormatError::Repeated)),
    );
    check(
        "vn.gov.dichvucong.dvclink:/admin?code=c1&state=s1",
        Err(DeepLinkError::UnknownPath { path: "vn.gov.dichvucong.dvclink:/admin".into() }),
    );
    check(
        "vn.gov.dichvucong.dvclink://oauth/callback?code=c1&state=s1",
        Err(DeepLinkError::UnknownPath { path: "vn.gov.dichvucong.dvclink://oauth/callback".into() }),
    );
    check(
        "https://evil.example/oauth/callback?code=c1&state=s1",
        Err(DeepLinkError::OtherScheme { scheme: "https".into() }),
    );
    check("other.app:/oauth/callback?code=c1&state=s1", Err(DeepLinkError::OtherScheme { scheme: "other.app".into() }));
}

#[test]
fn the_scheme_is_the_one_the_operating_system_knows() {
    let conf: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    let schemes = &conf["plugins"]["deep-link"]["desktop"]["schemes"];
    assert_eq!(schemes, &serde_json::json!([dvclink_desktop::config::SCHEME]));
}

#[test]
fn the_desktop_entry_hands_links_to_the_app() {
    let template = include_str!("../../dvclink.desktop");
    assert!(template.lines().any(|l| l.starts_with("Exec=") && l.ends_with(" %u")), "{template}");
    let mime = format!("MimeType=x-scheme-handler/{};", dvclink_desktop::config::SCHEME);
    assert!(template.lines().any(|l| l == mime), "{template}");
    let conf: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    assert_eq!(conf["bundle"]["linux"]["deb"]["desktopTemplate"], "dvclink.desktop");
}
