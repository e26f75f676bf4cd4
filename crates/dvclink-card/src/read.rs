//! Reading a card from first APDU to checked data: is it an ICAO chip at all, which key opens
//! it (PACE where EF.CardAccess offers it, BAC otherwise), EF.COM, EF.SOD, DG1 and DG13 read
//! under secure messaging, and passive authentication. Nothing read is kept beyond the value
//! returned; the caller decides how long that lives.

use chrono::NaiveDate;
use dmrtd::auth::passive::{self, ChainStatus, DataGroup, PassiveAuthError};
use dmrtd::lds::ef::ElementaryFile;
use dmrtd::passport::{Passport, PassportError};
use dmrtd::proto::dba_key::DBAKey;

use crate::access::{Access, AccessKey};
use crate::dg13::{ChipRecord, Expiry};
use crate::transport::{Link, LinkError, Transport};
use crate::trust::Trust;

/// A card read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChipCard {
    pub record: ChipRecord,
    pub authenticity: Authenticity,
    /// The birth date that opened the chip; when it is not the one given, the account's birth
    /// date has day and month swapped.
    pub opened_with_birth_date: NaiveDate,
    /// Whether the expiry was typed because no rule date opened the chip.
    pub expiry_was_typed: bool,
    /// The card's expiry has passed.
    pub expired: bool,
    /// Which way the chip was opened.
    pub protocol: Protocol,
}

/// How far a card was proven genuine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authenticity {
    /// The SOD's document signer chains to a CSCA the office trusts, and every hash matches.
    Genuine,
    /// Every hash matches the SOD and its signature holds, but no CSCA is configured, so who
    /// signed it is unknown. The data may be used; the screen says so.
    Unverified,
}

/// The secure-messaging set-up that opened the chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Bac,
    Pace,
}

/// A step of the read, for the screen's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Trying the keys.
    Opening,
    /// Reading one file; `done` of `total` files read so far.
    Reading { file: ChipFile, done: u8, total: u8 },
    /// Checking signatures and hashes.
    Checking,
}

/// The files read, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChipFile {
    Com,
    Sod,
    Dg1,
    Dg13,
}

/// Why a card gave no usable data. Nothing from the card is kept in any case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    /// The card has no ICAO eMRTD application: a bank card, a health insurance card, an old
    /// card without chip data.
    #[error("the card is not a chip CCCD card")]
    NotChipCard,
    /// No candidate key opened the chip: the number or birth date is wrong, or the expiry
    /// does not follow the age rule and must be typed.
    #[error("no access key opened the chip")]
    Locked,
    #[error(transparent)]
    Link(#[from] LinkError),
    /// The card answered in a way the standard does not allow.
    #[error("the chip answered unexpectedly: {0}")]
    Protocol(String),
    /// The data is not what the card's issuer signed, or not signed by anyone trusted.
    #[error("the card was refused: {0}")]
    Refused(Refusal),
}

/// Why a card was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("a data group does not match its hash in EF.SOD")]
    HashMismatch,
    #[error("the EF.SOD signature does not hold")]
    BadSignature,
    #[error("the document signer does not chain to a trusted CSCA")]
    UnknownIssuer,
    #[error("EF.SOD or DG13 cannot be read")]
    Malformed,
    #[error("DG1 and DG13 disagree")]
    Inconsistent,
}

/// Opens the card with the first key that works, reads it and checks it. `progress` is told
/// each step as it starts.
pub fn read_card<T: Transport>(
    transport: T,
    access: &Access<'_>,
    today: NaiveDate,
    trust: &Trust,
    progress: &mut dyn FnMut(Progress),
) -> Result<ChipCard, CardError> {
    let (link, failure) = Link::new(transport);
    let mut passport = Passport::new(link);
    let fail = |error: PassportError| -> CardError {
        match failure.take() {
            Some(link) => CardError::Link(link),
            None => CardError::Protocol(error.message),
        }
    };

    progress(Progress::Opening);
    // PACE is offered through EF.CardAccess in the master file; a card without it is BAC only.
    let card_access = passport.read_ef_card_access().ok().filter(|access| access.is_pace_info_set());
    if let Some(link) = failure.take() {
        return Err(CardError::Link(link));
    }
    match passport.api_mut().select_emrtd_application() {
        Ok(()) => {}
        Err(error) => {
            if let Some(link) = failure.take() {
                return Err(CardError::Link(link));
            }
            tracing::info!(%error, "the card has no eMRTD application");
            return Err(CardError::NotChipCard);
        }
    }

    let mut opened = None;
    for key in access.candidates(today) {
        if let Some(card_access) = &card_access {
            match passport.start_session_pace(dba_key(&key, true)?, card_access) {
                Ok(()) => {
                    opened = Some((key, Protocol::Pace));
                    break;
                }
                Err(error) => {
                    if let Some(link) = failure.take() {
                        return Err(CardError::Link(link));
                    }
                    tracing::debug!(%error, "PACE did not open the chip; trying BAC");
                    passport.api_mut().clear_sm();
                }
            }
        }
        match passport.start_session(dba_key(&key, false)?) {
            Ok(()) => {
                opened = Some((key, Protocol::Bac));
                break;
            }
            Err(error) => {
                if let Some(link) = failure.take() {
                    return Err(CardError::Link(link));
                }
                tracing::debug!(%error, "a candidate key did not open the chip");
                passport.api_mut().clear_sm();
            }
        }
    }
    let (key, protocol) = opened.ok_or(CardError::Locked)?;

    let total = 4;
    progress(Progress::Reading { file: ChipFile::Com, done: 0, total });
    let com = passport.read_ef_com().map_err(fail)?;
    let listed = com.dg_tags().iter().map(|tag| tag.0).collect::<Vec<_>>();
    if !listed.contains(&0x6D) || !listed.contains(&0x61) {
        return Err(CardError::Refused(Refusal::Malformed));
    }
    progress(Progress::Reading { file: ChipFile::Sod, done: 1, total });
    let sod = passport.read_ef_sod().map_err(fail)?;
    progress(Progress::Reading { file: ChipFile::Dg1, done: 2, total });
    let dg1 = passport.read_ef_dg1().map_err(fail)?;
    progress(Progress::Reading { file: ChipFile::Dg13, done: 3, total });
    let dg13 = passport.read_ef_dg13().map_err(fail)?;

    progress(Progress::Checking);
    let groups = [DataGroup { number: 1, bytes: dg1.to_bytes() }, DataGroup { number: 13, bytes: dg13.to_bytes() }];
    let checked = passive::verify(sod.to_bytes(), &groups, &trust.anchors).map_err(|error| {
        tracing::warn!(%error, "passive authentication refused the card");
        CardError::Refused(match error {
            PassiveAuthError::DataGroupHashMismatch(_) => Refusal::HashMismatch,
            PassiveAuthError::BadDocumentSignature | PassiveAuthError::BadSignedAttributes => Refusal::BadSignature,
            _ => Refusal::Malformed,
        })
    })?;
    let authenticity = match checked.chain {
        ChainStatus::Trusted { .. } => Authenticity::Genuine,
        ChainStatus::Unverified if trust.is_configured() => return Err(CardError::Refused(Refusal::UnknownIssuer)),
        ChainStatus::Unverified => Authenticity::Unverified,
    };

    let record = ChipRecord::parse(dg13.to_bytes()).map_err(|error| {
        tracing::warn!(%error, "DG13 is signed but cannot be read");
        CardError::Refused(Refusal::Malformed)
    })?;
    let mrz = dg1.mrz();
    if !record.number.as_str().ends_with(mrz.document_number()) || record.number.as_str()[3..] != *key.document_number()
    {
        return Err(CardError::Refused(Refusal::Inconsistent));
    }
    let expired = matches!(record.expires, Expiry::On(day) if day < today);
    Ok(ChipCard {
        record,
        authenticity,
        opened_with_birth_date: key.birth_date,
        expiry_was_typed: access.expiry.is_some(),
        expired,
        protocol,
    })
}

fn dba_key(key: &AccessKey<'_>, pace: bool) -> Result<DBAKey, CardError> {
    DBAKey::new(key.document_number(), key.birth_date, key.expiry, pace)
        .map_err(|_| CardError::Protocol("the document number is not MRZ text".to_owned()))
}
