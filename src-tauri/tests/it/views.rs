//! Formatting for display.

use dvclink_desktop::signin::{host_of, is_callback};
use dvclink_desktop::views::money;
use url::Url;

#[test]
fn money_in_dong() {
    for (amount, expected) in [(0, "0 đ"), (2_000, "2.000 đ"), (135_000, "135.000 đ"), (1_250_000, "1.250.000 đ")] {
        assert_eq!(money(amount), expected);
    }
}

fn check_callback(target: &str, redirect: &str, expected: bool) {
    let (target, redirect) = (Url::parse(target).unwrap(), Url::parse(redirect).unwrap());
    assert_eq!(is_callback(&target, &redirect), expected, "{target} against {redirect}");
}

#[test]
fn which_navigation_is_the_callback() {
    let scheme = "vn.gov.dichvucong.dvclink:/oauth/callback";
    let loopback = "http://127.0.0.1:41234/oauth/callback";
    check_callback("vn.gov.dichvucong.dvclink:/oauth/callback?code=1&state=2", scheme, true);
    check_callback("vn.gov.dichvucong.dvclink:/other?code=1", scheme, false);
    check_callback("http://127.0.0.1:41234/oauth/callback?code=1&state=2", loopback, true);
    check_callback("http://127.0.0.1:41235/oauth/callback?code=1&state=2", loopback, false);
    check_callback("http://127.0.0.1:41234/auth/realms/citizen/protocol/openid-connect/auth", loopback, false);
    check_callback("https://127.0.0.1:41234/oauth/callback?code=1", loopback, false);
}

#[test]
fn hosts_shown_to_the_user() {
    assert_eq!(host_of(&Url::parse("https://sso.vneid.gov.vn/auth?x=1").unwrap()), "sso.vneid.gov.vn");
    assert_eq!(host_of(&Url::parse("http://127.0.0.1:8787/auth").unwrap()), "127.0.0.1:8787");
}
