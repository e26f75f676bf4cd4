//! DG13 read and written, and the card's parsers fed anything.

use dmrtd::lds::df1::efdg1::EfDG1;
use dvclink_card::{ChipRecord, Dg13Error, Expiry};
use dvclink_sandbox::card::CardFault;
use dvclink_sandbox::persona::PERSONAS;
use proptest::prelude::*;

use crate::files;

static CARD: std::sync::LazyLock<dvclink_sandbox::card::CardFiles> =
    std::sync::LazyLock::new(|| files(&PERSONAS[1].citizen(), CardFault::None));

#[test]
fn every_persona_card_reads_back_as_written() {
    for persona in PERSONAS {
        let citizen = persona.citizen();
        let record = ChipRecord::parse(&files(&citizen, CardFault::None).dg13).expect("DG13 parses");
        assert_eq!(record.number.as_str(), citizen.cccd);
        assert_eq!(record.full_name, citizen.full_name);
        assert_eq!(record.birth_date, citizen.birth_date);
        assert_eq!(record.sex, citizen.sex);
        assert_eq!(record.residence.as_deref(), Some(citizen.permanent_address.as_str()));
        assert!(record.father.is_some() && record.mother.is_some());
        assert_eq!(ChipRecord::parse(&record.encode()), Ok(record));
    }
}

#[track_caller]
fn check(bytes: &[u8], expected: Result<(), Dg13Error>) {
    assert_eq!(ChipRecord::parse(bytes).map(drop), expected);
}

#[test]
fn a_broken_dg13_names_what_is_wrong() {
    let citizen = PERSONAS[2].citizen();
    let mut record = ChipRecord::parse(&files(&citizen, CardFault::None).dg13).unwrap();
    check(&[0x6D, 0x00], Err(Dg13Error::Missing(1)));
    check(&[0x61, 0x00], Err(Dg13Error::Malformed));
    check(&[0x6D, 0x05, 0x30], Err(Dg13Error::Malformed));
    record.expires = Expiry::Never;
    check(&record.encode(), Ok(()));
    // A name in decomposed letters (NFD, «Unicode tổ hợp») is kept composed.
    record.full_name = "Le\u{302} Va\u{306}n Cu\u{31b}o\u{31b}\u{300}ng".to_owned();
    let parsed = ChipRecord::parse(&record.encode()).unwrap();
    assert_eq!(parsed.full_name, "Lê Văn Cường");
}

proptest! {
    #[test]
    fn dg13_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = ChipRecord::parse(&bytes);
        let mut framed = vec![0x6D, bytes.len().min(127) as u8];
        framed.extend(bytes.iter().take(127));
        let _ = ChipRecord::parse(&framed);
    }

    #[test]
    fn a_mutated_card_never_panics_the_parsers(position in 0usize..4000, value in any::<u8>(), truncate in any::<bool>()) {
        let card = &*CARD;
        let mutate = |bytes: &[u8]| {
            let mut bytes = bytes.to_vec();
            let at = position % bytes.len();
            if truncate { bytes.truncate(at) } else { bytes[at] = value }
            bytes
        };
        let _ = ChipRecord::parse(&mutate(&card.dg13));
        let _ = EfDG1::from_bytes(mutate(&card.dg1));
        let dg1 = mutate(&card.dg1);
        let groups = [dmrtd::auth::passive::DataGroup { number: 1, bytes: &dg1 }];
        let _ = dmrtd::auth::passive::verify(&mutate(&card.sod), &groups, &[]);
    }
}
