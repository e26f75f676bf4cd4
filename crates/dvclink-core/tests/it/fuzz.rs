//! The CCCD parser on any input a person or a file could give it: it answers, never panics, and
//! what it accepts is twelve digits. `PROPTEST_CASES=1000000` is the documented long run
//! (SECURITY.md); CI runs the default count.

use chrono::NaiveDate;
use dvclink_core::Cccd;
use proptest::prelude::*;

/// Mostly digits and spaces, as typed, with anything else mixed in.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9 ]{0,20}", "[0-9]{9,13}", "[0-9 \\-.]{0,16}", any::<String>(),]
}

proptest! {
    // Cases from `PROPTEST_CASES`; a failure is reported, not written into the source tree.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn cccd_parsing_never_panics(input in typed(), day in 0u32..60_000) {
        let today = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap() + chrono::TimeDelta::days(i64::from(day));
        if let Ok(checked) = Cccd::parse(&input, today) {
            let digits = checked.cccd.as_str();
            prop_assert!(digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit()), "{digits}");
        }
        let _ = Cccd::from_digits(&input);
    }
}
