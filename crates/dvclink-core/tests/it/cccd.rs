//! CCCD parsing, structure and cross-checks.

use chrono::NaiveDate;
use dvclink_core::cccd::{Cccd, CccdError, CccdMismatch, CccdWarning};
use dvclink_core::profile::Sex;
use dvclink_core::province::{PROVINCES, province_name};
use dvclink_core::{Lang, Localized};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// Renders what `Cccd::parse` makes of `input`: the digits, sex, birth year, province and
/// warnings, or the error.
fn check(input: &str, expected: &str) {
    let actual = match Cccd::parse(input, today()) {
        Ok(checked) => {
            let warnings: Vec<String> = checked
                .warnings
                .iter()
                .map(|w| match w {
                    CccdWarning::UnknownProvince { code } => format!("unknown province {code}"),
                })
                .collect();
            format!(
                "{} {:?} {} {} [{}]",
                checked.cccd.as_str(),
                checked.cccd.sex(),
                checked.cccd.birth_year(),
                checked.cccd.province().unwrap_or("?"),
                warnings.join(", ")
            )
        }
        Err(error) => format!("error: {error:?}"),
    };
    assert_eq!(actual, expected, "input {input:?}");
}

#[test]
fn parse() {
    check("001099012345", "001099012345 Male 1999 Hà Nội []");
    check("001 099 012 345", "001099012345 Male 1999 Hà Nội []");
    check("  079185000123\t", "079185000123 Female 1985 TP Hồ Chí Minh []");
    check("045303004567", "045303004567 Female 2003 Quảng Trị []");
    check("045203004567", "045203004567 Male 2003 Quảng Trị []");
    check("038226000001", "038226000001 Male 2026 Thanh Hóa []");
    check("096000999999", "096000999999 Male 1900 Cà Mau []");
    check("", "error: Empty");
    check("   ", "error: Empty");
    check("123456789", "error: OldCmnd");
    check("123 456 789", "error: OldCmnd");
    check("00109901234", "error: WrongLength { len: 11 }");
    check("0010990123456", "error: WrongLength { len: 13 }");
    check("00109901234a", "error: NotDigits { found: 'a' }");
    check("001-099-012-345", "error: NotDigits { found: '-' }");
    // Full-width digits, as an East Asian input method types them, are digits.
    check("００１099012345", "001099012345 Male 1999 Hà Nội []");
    check("０７９１８５０００１２３", "079185000123 Female 1985 TP Hồ Chí Minh []");
    check("٠٠١٠٩٩٠١٢٣٤٥", "error: NotDigits { found: '٠' }");
    check("001227000001", "error: BirthYearInFuture { year: 2027 }");
    check("001499000001", "error: BirthYearInFuture { year: 2199 }");
    check("001999000001", "error: BirthYearInFuture { year: 2399 }");
    check("003099012345", "003099012345 Male 1999 ? [unknown province 003]");
    check("840185000001", "840185000001 Female 1985 ? [unknown province 840]");
}

#[test]
fn century_and_sex_digit() {
    let cases = [
        ('0', Sex::Male, 1900),
        ('1', Sex::Female, 1900),
        ('2', Sex::Male, 2000),
        ('3', Sex::Female, 2000),
        ('4', Sex::Male, 2100),
        ('5', Sex::Female, 2100),
        ('6', Sex::Male, 2200),
        ('7', Sex::Female, 2200),
        ('8', Sex::Male, 2300),
        ('9', Sex::Female, 2300),
    ];
    for (digit, sex, century) in cases {
        let cccd = Cccd::from_digits(&format!("001{digit}00123456")).unwrap();
        assert_eq!((cccd.sex(), cccd.birth_year()), (sex, century), "digit {digit}");
    }
}

#[test]
fn province_table() {
    assert_eq!(PROVINCES.len(), 63);
    assert!(PROVINCES.windows(2).all(|w| w[0].0 < w[1].0), "table must stay sorted for lookup");
    for (code, name) in PROVINCES {
        assert_eq!(province_name(code), Some(name));
    }
    for missing in ["000", "003", "097", "100", "01", ""] {
        assert_eq!(province_name(missing), None, "{missing}");
    }
}

fn check_against(number: &str, birth: Option<(i32, u32, u32)>, sex: Option<Sex>, expected: Result<(), CccdMismatch>) {
    let cccd = Cccd::from_digits(number).unwrap();
    let birth = birth.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
    assert_eq!(cccd.check_against(birth, sex), expected, "{number}");
}

#[test]
fn cross_check() {
    check_against("001085000001", Some((1985, 3, 12)), Some(Sex::Male), Ok(()));
    check_against("001185000001", Some((1985, 3, 12)), Some(Sex::Female), Ok(()));
    check_against("001085000001", None, None, Ok(()));
    check_against(
        "001085000001",
        Some((1958, 3, 12)),
        Some(Sex::Male),
        Err(CccdMismatch::BirthYear { in_number: 1985, on_record: 1958 }),
    );
    check_against(
        "001285000001",
        Some((1985, 3, 12)),
        None,
        Err(CccdMismatch::BirthYear { in_number: 2085, on_record: 1985 }),
    );
    check_against(
        "001085000001",
        Some((1985, 3, 12)),
        Some(Sex::Female),
        Err(CccdMismatch::Sex { in_number: Sex::Male, on_record: Sex::Female }),
    );
}

#[test]
fn debug_masks_the_number() {
    let cccd = Cccd::from_digits("001099012345").unwrap();
    assert_eq!(format!("{cccd:?}"), "Cccd(001*******45)");
    assert!(!format!("{cccd:?}").contains("099012"));
}

#[test]
fn serde_round_trip_checks_digits() {
    let cccd = Cccd::from_digits("001099012345").unwrap();
    let json = serde_json::to_string(&cccd).unwrap();
    assert_eq!(json, "\"001099012345\"");
    assert_eq!(serde_json::from_str::<Cccd>(&json).unwrap(), cccd);
    assert!(serde_json::from_str::<Cccd>("\"12345\"").is_err());
}

#[test]
fn messages_say_what_to_do_in_both_languages() {
    let errors = [
        CccdError::Empty,
        CccdError::NotDigits { found: 'x' },
        CccdError::OldCmnd,
        CccdError::WrongLength { len: 10 },
        CccdError::BirthYearInFuture { year: 2099 },
    ];
    for error in errors {
        let vi = error.text(Lang::Vi);
        let en = error.text(Lang::En);
        assert!(vi.contains("CCCD") || vi.contains("số"), "{vi}");
        assert_ne!(vi, en);
    }
    assert!(CccdError::WrongLength { len: 10 }.text(Lang::Vi).contains("10 chữ số"));
    assert!(CccdError::OldCmnd.text(Lang::Vi).contains("Chứng minh nhân dân"));
}
