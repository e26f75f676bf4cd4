//! An emulated chip: the card side of ISO 7816-4 and ICAO 9303 as far as a reader of CCCD cards
//! uses it. SELECT of the eMRTD application and of files, READ BINARY by short file identifier
//! or offset, GET CHALLENGE and MUTUAL AUTHENTICATE for BAC, then every command under 3DES
//! secure messaging. The files need secure messaging, as on a real card.

use des::TdesEde2;
use des::cipher::{Block, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use dmrtd::crypto::iso9797::mac_alg3;
use dmrtd::crypto::kdf::DeriveKey;
use dmrtd::proto::dba_key::DBAKey;
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::CardFiles;

const AID: [u8; 7] = [0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01];
const OK: [u8; 2] = [0x90, 0x00];
const NOT_FOUND: [u8; 2] = [0x6A, 0x82];
const SECURITY: [u8; 2] = [0x69, 0x82];
const AUTH_FAILED: [u8; 2] = [0x63, 0x00];
const SM_WRONG: [u8; 2] = [0x69, 0x88];
const WRONG_OFFSET: [u8; 2] = [0x6B, 0x00];
const NO_INS: [u8; 2] = [0x6D, 0x00];
const WRONG_DATA: [u8; 2] = [0x6A, 0x80];

/// One card in a reader: its files and the session a reader has with it.
pub struct Chip {
    files: CardFiles,
    application: bool,
    file: Option<u8>,
    challenge: Option<[u8; 8]>,
    session: Option<Session>,
    rng: ChaCha8Rng,
}

impl std::fmt::Debug for Chip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chip").finish_non_exhaustive()
    }
}

struct Session {
    enc: Vec<u8>,
    mac: Vec<u8>,
    ssc: u64,
}

/// A command APDU, short form.
struct Command {
    cla: u8,
    ins: u8,
    p1: u8,
    p2: u8,
    data: Vec<u8>,
    le: Option<usize>,
}

impl Chip {
    /// A freshly powered card. `seed` drives its challenges and keys.
    pub fn new(files: CardFiles, seed: u64) -> Chip {
        Chip {
            files,
            application: false,
            file: None,
            challenge: None,
            session: None,
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// Power cycled: everything but the files is forgotten.
    pub fn reset(&mut self) {
        self.application = false;
        self.file = None;
        self.challenge = None;
        self.session = None;
    }

    /// The chip's answer to one APDU, data and status word.
    pub fn respond(&mut self, apdu: &[u8]) -> Vec<u8> {
        let Some(command) = parse(apdu) else {
            return WRONG_DATA.to_vec();
        };
        if command.cla & 0x0C == 0x0C {
            let Some(session) = self.session.as_mut() else {
                return SM_WRONG.to_vec();
            };
            let Some(plain) = session.unwrap(&command) else {
                self.session = None;
                return SM_WRONG.to_vec();
            };
            let answer = self.execute(&plain);
            let (data, status) = answer.split_at(answer.len() - 2);
            match self.session.as_mut() {
                Some(session) => session.wrap(data, status),
                None => answer,
            }
        } else {
            // A plain command ends any secure-messaging session, as on a real card.
            self.session = None;
            self.execute(&command)
        }
    }

    fn execute(&mut self, command: &Command) -> Vec<u8> {
        match command.ins {
            0xA4 => self.select(command),
            0xB0 => self.read_binary(command),
            0x84 => {
                let mut challenge = [0u8; 8];
                self.rng.fill_bytes(&mut challenge);
                self.challenge = Some(challenge);
                [challenge.as_slice(), &OK].concat()
            }
            0x82 => self.mutual_authenticate(command),
            _ => NO_INS.to_vec(),
        }
    }

    fn select(&mut self, command: &Command) -> Vec<u8> {
        match (command.p1, command.data.as_slice()) {
            (0x04, data) if data == AID && self.files.icao => {
                self.application = true;
                self.file = None;
                OK.to_vec()
            }
            (0x00, [0x3F, 0x00]) => {
                self.application = false;
                self.file = None;
                OK.to_vec()
            }
            (0x02, [0x01, fid]) if self.application && self.file_bytes(*fid & 0x1F).is_some() => {
                self.file = Some(*fid & 0x1F);
                OK.to_vec()
            }
            _ => NOT_FOUND.to_vec(),
        }
    }

    fn read_binary(&mut self, command: &Command) -> Vec<u8> {
        let (sfi, offset) = if command.p1 & 0x80 != 0 {
            (Some(command.p1 & 0x1F), usize::from(command.p2))
        } else {
            (self.file, (usize::from(command.p1 & 0x7F) << 8) | usize::from(command.p2))
        };
        let Some(sfi) = sfi else {
            return NOT_FOUND.to_vec();
        };
        if !self.application {
            return NOT_FOUND.to_vec();
        }
        if self.session.is_none() {
            return SECURITY.to_vec();
        }
        if self.file_bytes(sfi).is_none() {
            return NOT_FOUND.to_vec();
        }
        self.file = Some(sfi);
        let Some(bytes) = self.file_bytes(sfi) else {
            return NOT_FOUND.to_vec();
        };
        if offset > bytes.len() {
            return WRONG_OFFSET.to_vec();
        }
        let wanted = command.le.unwrap_or(256);
        let end = (offset + wanted).min(bytes.len());
        [&bytes[offset..end], OK.as_slice()].concat()
    }

    fn file_bytes(&self, sfi: u8) -> Option<&[u8]> {
        match sfi {
            0x1E => Some(&self.files.com),
            0x1D => Some(&self.files.sod),
            0x01 => Some(&self.files.dg1),
            0x0D => Some(&self.files.dg13),
            _ => None,
        }
    }

    fn mutual_authenticate(&mut self, command: &Command) -> Vec<u8> {
        let Some(challenge) = self.challenge.take() else {
            return SECURITY.to_vec();
        };
        if command.data.len() != 40 || !self.application {
            return WRONG_DATA.to_vec();
        }
        let Ok(key) = DBAKey::new(self.files.document_number.clone(), self.files.birth_date, self.files.expiry, false)
        else {
            return AUTH_FAILED.to_vec();
        };
        let (k_enc, k_mac) = (key.enc_key(), key.mac_key());
        let (e_ifd, m_ifd) = command.data.split_at(32);
        if mac_alg3(&k_mac, e_ifd, true).ok().as_deref() != Some(m_ifd) {
            return AUTH_FAILED.to_vec();
        }
        let s = des_cbc_decrypt(&k_enc, e_ifd);
        if s[8..16] != challenge {
            return AUTH_FAILED.to_vec();
        }
        let (rnd_ifd, k_ifd) = (&s[0..8], &s[16..32]);
        let mut k_ic = [0u8; 16];
        self.rng.fill_bytes(&mut k_ic);
        let r = [challenge.as_slice(), rnd_ifd, &k_ic].concat();
        let e_ic = des_cbc(&k_enc, &r, false);
        let Ok(m_ic) = mac_alg3(&k_mac, &e_ic, true) else {
            return AUTH_FAILED.to_vec();
        };
        let seed: Vec<u8> = k_ifd.iter().zip(k_ic).map(|(a, b)| a ^ b).collect();
        let mut ssc = [0u8; 8];
        ssc[..4].copy_from_slice(&challenge[4..]);
        ssc[4..].copy_from_slice(&rnd_ifd[4..]);
        self.session = Some(Session {
            enc: DeriveKey::des_ede(&seed, false),
            mac: DeriveKey::iso9797_mac_alg3(&seed),
            ssc: u64::from_be_bytes(ssc),
        });
        [e_ic.as_slice(), &m_ic, &OK].concat()
    }
}

impl Session {
    /// The plain command inside a protected one, once its MAC holds.
    fn unwrap(&mut self, command: &Command) -> Option<Command> {
        self.ssc = self.ssc.wrapping_add(1);
        let mut rest = command.data.as_slice();
        let (mut do87, mut do97, mut mac) = (None, None, None);
        let mut covered = Vec::new();
        while !rest.is_empty() {
            let tag = rest[0];
            let (len, header) = length(&rest[1..])?;
            let end = 1 + header + len;
            let object = rest.get(..end)?;
            let value = &object[1 + header..];
            match tag {
                0x87 => {
                    do87 = Some(value.to_vec());
                    covered.extend_from_slice(object);
                }
                0x97 => {
                    do97 = Some(value.to_vec());
                    covered.extend_from_slice(object);
                }
                0x8E => mac = Some(value.to_vec()),
                _ => return None,
            }
            rest = &rest[end..];
        }
        let header = pad(&[command.cla, command.ins, command.p1, command.p2]);
        let n = [self.ssc.to_be_bytes().as_slice(), &header, &covered].concat();
        if mac_alg3(&self.mac, &n, true).ok()? != mac? {
            return None;
        }
        let data = match do87 {
            Some(value) if value.first() == Some(&0x01) => unpad(&des_cbc_decrypt(&self.enc, &value[1..]))?,
            Some(_) => return None,
            None => Vec::new(),
        };
        let le = do97.map(|le| match le.as_slice() {
            [0] | [] => 256,
            [n] => usize::from(*n),
            [a, b] => (usize::from(*a) << 8) | usize::from(*b),
            _ => 256,
        });
        Some(Command { cla: command.cla & !0x0C, ins: command.ins, p1: command.p1, p2: command.p2, data, le })
    }

    fn wrap(&mut self, data: &[u8], status: &[u8]) -> Vec<u8> {
        self.ssc = self.ssc.wrapping_add(1);
        let mut body = Vec::new();
        if !data.is_empty() {
            let mut value = vec![0x01];
            value.extend(des_cbc(&self.enc, &pad(data), false));
            body.extend(super::der::tlv(0x87, &value));
        }
        body.extend(super::der::tlv(0x99, status));
        let k = [self.ssc.to_be_bytes().as_slice(), &body].concat();
        let mac = mac_alg3(&self.mac, &k, true).unwrap_or_default();
        body.extend(super::der::tlv(0x8E, &mac));
        body.extend_from_slice(&OK);
        body
    }
}

fn parse(apdu: &[u8]) -> Option<Command> {
    let [cla, ins, p1, p2, rest @ ..] = apdu else {
        return None;
    };
    let (data, le) = match rest {
        [] => (Vec::new(), None),
        [le] => (Vec::new(), Some(if *le == 0 { 256 } else { usize::from(*le) })),
        [lc, body @ ..] => {
            let lc = usize::from(*lc);
            let data = body.get(..lc)?.to_vec();
            let le = match &body[lc..] {
                [] => None,
                [le] => Some(if *le == 0 { 256 } else { usize::from(*le) }),
                _ => return None,
            };
            (data, le)
        }
    };
    Some(Command { cla: *cla, ins: *ins, p1: *p1, p2: *p2, data, le })
}

fn length(bytes: &[u8]) -> Option<(usize, usize)> {
    match *bytes.first()? {
        n if n < 0x80 => Some((usize::from(n), 1)),
        0x81 => Some((usize::from(*bytes.get(1)?), 2)),
        0x82 => Some(((usize::from(*bytes.get(1)?) << 8) | usize::from(*bytes.get(2)?), 3)),
        _ => None,
    }
}

/// ISO 9797-1 method 2 padding to 8 bytes.
fn pad(data: &[u8]) -> Vec<u8> {
    let mut out = data.to_vec();
    out.push(0x80);
    while !out.len().is_multiple_of(8) {
        out.push(0);
    }
    out
}

fn unpad(data: &[u8]) -> Option<Vec<u8>> {
    let end = data.iter().rposition(|b| *b != 0)?;
    (data[end] == 0x80).then(|| data[..end].to_vec())
}

/// 3DES-CBC with a zero IV; `padded` adds ISO 9797-1 method 2 padding first.
fn des_cbc(key: &[u8], data: &[u8], padded: bool) -> Vec<u8> {
    let data = if padded { pad(data) } else { data.to_vec() };
    cbc(key, &data, true)
}

fn des_cbc_decrypt(key: &[u8], data: &[u8]) -> Vec<u8> {
    cbc(key, data, false)
}

/// Two-key 3DES in CBC mode with a zero IV, one way or the other; a bad key gives nothing.
fn cbc(key: &[u8], data: &[u8], encrypt: bool) -> Vec<u8> {
    let Ok(cipher) = TdesEde2::new_from_slice(key) else {
        return Vec::new();
    };
    let mut previous = [0u8; 8];
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks(8) {
        let mut block = Block::<TdesEde2>::default();
        block[..chunk.len()].copy_from_slice(chunk);
        if encrypt {
            block.iter_mut().zip(previous).for_each(|(byte, chained)| *byte ^= chained);
            cipher.encrypt_block(&mut block);
            previous.copy_from_slice(&block);
            out.extend_from_slice(&block);
        } else {
            cipher.decrypt_block(&mut block);
            out.extend(block.iter().zip(previous).map(|(byte, chained)| byte ^ chained));
            previous[..chunk.len()].copy_from_slice(chunk);
        }
    }
    out
}

/// The emulated chip is a transport of its own: tests read it in-process, with no reader.
impl dvclink_card::Transport for Chip {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, dvclink_card::LinkError> {
        Ok(self.respond(apdu))
    }
}
