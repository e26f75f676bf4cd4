//! The deep-link parser on any URL the operating system could hand over: it answers with a link
//! or an error, never a panic. `PROPTEST_CASES=1000000` is the documented long run
//! (SECURITY.md); CI runs the default count.

use dvclink_desktop::deep_link::DeepLink;
use proptest::prelude::*;
use url::Url;

/// Links in the app's scheme and others, with any path and query.
fn link() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        Just("vn.gov.dichvucong.dvclink:".to_owned()),
        Just("vn.gov.dichvucong.dvclink://".to_owned()),
        Just("https://".to_owned()),
        "[a-z][a-z0-9.+-]{0,12}:",
    ];
    let path = prop_oneof![Just("/oauth/callback".to_owned()), "/[a-zA-Z0-9/%._-]{0,20}"];
    let query = prop::collection::vec(
        (
            prop_oneof![Just("code"), Just("state"), Just("error"), Just("error_description"), Just("iss")],
            any::<String>(),
        ),
        0..5,
    );
    (scheme, path, query).prop_map(|(scheme, path, query)| {
        let pairs: Vec<String> = query.into_iter().map(|(k, v)| format!("{k}={}", urlencode(&v))).collect();
        format!("{scheme}{path}?{}", pairs.join("&"))
    })
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

proptest! {
    // Cases from `PROPTEST_CASES`; a failure is reported, not written into the source tree.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn deep_link_parsing_never_panics(text in prop_oneof![link(), any::<String>()]) {
        if let Ok(url) = Url::parse(&text) {
            let _ = DeepLink::try_from(&url);
        }
    }
}
