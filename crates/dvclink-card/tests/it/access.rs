//! Which expiry dates are tried, and in what order.

use chrono::NaiveDate;
use dvclink_card::rule_expiries;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[track_caller]
fn check(birth: NaiveDate, today: NaiveDate, expected: &[NaiveDate]) {
    assert_eq!(rule_expiries(birth, today), expected);
}

#[test]
fn the_rule_birthdays_come_in_order_of_likelihood() {
    // Born 1978: 40 is past, 60 is coming; the coming one first, then the latest past one.
    check(
        date(1978, 5, 11),
        date(2026, 12, 1),
        &[date(2038, 5, 11), date(2018, 5, 11), date(2003, 5, 11), date(1992, 5, 11)],
    );
    // Born 2005: 25 and 40 and 60 are coming, nearest first.
    check(
        date(2005, 1, 2),
        date(2026, 12, 1),
        &[date(2030, 1, 2), date(2045, 1, 2), date(2065, 1, 2), date(2019, 1, 2)],
    );
    // A 29 February birthday expires on 28 February in a common year.
    check(
        date(1996, 2, 29),
        date(2026, 12, 1),
        &[date(2036, 2, 29), date(2056, 2, 29), date(2021, 2, 28), date(2010, 2, 28)],
    );
}

#[test]
fn a_swapped_day_and_month_is_tried_after_the_given_birth_date() {
    let number = dvclink_core::cccd::Cccd::from_digits("038078006789").unwrap();
    let access = dvclink_card::Access { number: &number, birth_date: date(1978, 11, 5), expiry: None };
    let births: Vec<NaiveDate> = access.candidates(date(2026, 12, 1)).iter().map(|key| key.birth_date).collect();
    assert_eq!(births, [[date(1978, 11, 5); 5], [date(1978, 5, 11); 5]].concat());
    let last = access.candidates(date(2026, 12, 1))[4].expiry;
    assert_eq!(last, dvclink_card::no_expiry_date(), "a card with no expiry is tried last");
    // A typed expiry replaces the rule's dates; 25/12 has no swap.
    let access =
        dvclink_card::Access { number: &number, birth_date: date(1978, 12, 25), expiry: Some(date(2036, 3, 1)) };
    let keys: Vec<(NaiveDate, NaiveDate)> =
        access.candidates(date(2026, 12, 1)).iter().map(|k| (k.birth_date, k.expiry)).collect();
    assert_eq!(keys, [(date(1978, 12, 25), date(2036, 3, 1))]);
    assert_eq!(access.candidates(date(2026, 12, 1))[0].document_number(), "078006789");
}
