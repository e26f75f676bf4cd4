//! The synthetic population database and the demo personas.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use dvclink_core::cccd::Cccd;
use dvclink_core::dossier::DossierStatus;
use dvclink_core::province::PROVINCES;
use dvclink_core::text::fold_name;
use dvclink_sandbox::dossiers;
use dvclink_sandbox::persona::{CONFUSABLE_RECORDS, PERSONAS, UNKNOWN_CCCD};
use dvclink_sandbox::population::{Population, cccd_for};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

#[test]
fn ten_thousand_valid_and_varied_citizens() {
    let population = Population::generate(20240612, 10_000);
    assert_eq!(population.len(), 10_000 + PERSONAS.len() + CONFUSABLE_RECORDS.len());
    let mut numbers = HashSet::new();
    let mut provinces = BTreeSet::new();
    let mut with_diacritics = 0;
    for citizen in population.iter() {
        let checked = Cccd::parse(&citizen.cccd, today()).unwrap_or_else(|e| panic!("{}: {e}", citizen.cccd));
        assert!(checked.warnings.is_empty(), "{} has a known province", citizen.cccd);
        let cccd = checked.cccd;
        assert_eq!(cccd.check_against(Some(citizen.birth_date), Some(citizen.sex)), Ok(()), "{}", citizen.cccd);
        assert!(numbers.insert(citizen.cccd.clone()), "{} is unique", citizen.cccd);
        provinces.insert(cccd.province_code().to_owned());
        assert_eq!(citizen.full_name.split(' ').count(), 3, "{}", citizen.full_name);
        if fold_name(&citizen.full_name) != citizen.full_name.to_uppercase() {
            with_diacritics += 1;
        }
    }
    assert_eq!(provinces.len(), PROVINCES.len(), "all 63 province codes appear");
    assert!(with_diacritics > 9_000, "Vietnamese names carry diacritics: {with_diacritics}");
    assert!(population.get(UNKNOWN_CCCD).is_none());
}

#[test]
fn the_same_seed_gives_the_same_people() {
    let a = Population::generate(1, 500);
    let b = Population::generate(1, 500);
    let c = Population::generate(2, 500);
    let numbers = |p: &Population| p.iter().map(|c| c.cccd.clone()).collect::<Vec<_>>();
    assert_eq!(numbers(&a), numbers(&b));
    assert_ne!(numbers(&a), numbers(&c));
}

#[test]
fn personas_are_in_the_population() {
    let population = Population::generate(20240612, 100);
    for persona in PERSONAS {
        let citizen = population.get(persona.cccd).unwrap();
        assert_eq!(citizen.full_name, persona.full_name);
        assert_eq!(citizen.birth_date, persona.birth_date());
        let cccd = Cccd::parse(persona.cccd, today()).unwrap().cccd;
        assert_eq!(cccd.check_against(Some(persona.birth_date()), Some(persona.sex)), Ok(()), "{}", persona.key);
    }
    let mismatch = PERSONAS.iter().find(|p| p.key == "mismatch").unwrap();
    assert_ne!(mismatch.birth_date(), mismatch.account_birth_date());
}

fn check_cccd(province: &str, sex: dvclink_core::profile::Sex, year: i32, serial: u32, expected: &str) {
    assert_eq!(cccd_for(province, sex, year, serial), expected);
}

#[test]
fn numbers_are_built_from_their_parts() {
    use dvclink_core::profile::Sex::{Female, Male};
    check_cccd("001", Male, 1985, 12345, "001085012345");
    check_cccd("079", Female, 1990, 4321, "079190004321");
    check_cccd("045", Male, 2003, 999999, "045203999999");
    check_cccd("045", Female, 2012, 1, "045312000001");
}

#[test]
fn dossiers_take_every_status() {
    let now = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let records = dossiers::generate("Hoàng Thị Mai", 5, 1, 1200, now);
    assert_eq!(records.len(), 1200);
    let statuses: BTreeSet<_> = records.iter().map(|r| r.status).collect();
    assert_eq!(statuses.len(), DossierStatus::ALL.len());
    let codes: HashSet<_> = records.iter().map(|r| r.code.clone()).collect();
    assert_eq!(codes.len(), 1200);
    for record in &records {
        assert!(record.updated_at <= now);
        assert!(record.steps.windows(2).all(|w| w[0].at <= w[1].at), "steps in order");
        assert!(dvclink_core::dossier::DossierCode::new(record.code.clone()).is_ok(), "{}", record.code);
    }
    assert_eq!(dossiers::generate("Hoàng Thị Mai", 5, 1, 50, now), records[..50].to_vec());
}
