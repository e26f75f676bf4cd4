//! The sandbox's own document PKI: a test CSCA and the document signer it certifies, both made
//! from the seed, so the same seed gives the same certificates. A second, unknown CSCA signs
//! the card that must be refused as from an untrusted issuer.

use p256::ecdsa::signature::Signer;
use p256::ecdsa::{DerSignature, SigningKey};
use sha2::{Digest, Sha256};

use super::der::{bits, explicit, int, name, octets, oid, seq, set, small_int, tlv, utc_time};

pub const OID_ECDSA_SHA256: &[u64] = &[1, 2, 840, 10045, 4, 3, 2];
const OID_EC_PUBLIC_KEY: &[u64] = &[1, 2, 840, 10045, 2, 1];
const OID_P256: &[u64] = &[1, 2, 840, 10045, 3, 1, 7];

/// A key and the certificate that names it.
pub struct Issuer {
    pub key: SigningKey,
    pub certificate: Vec<u8>,
    pub name: Vec<u8>,
    /// The Name of who signed the certificate.
    pub issuer_name: Vec<u8>,
    pub serial: Vec<u8>,
}

impl std::fmt::Debug for Issuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issuer").finish_non_exhaustive()
    }
}

/// The CSCA the sandbox serves at `/sandbox/csca`, its document signer, and a CSCA nobody
/// trusts with a signer of its own.
#[derive(Debug)]
pub struct TestPki {
    pub csca: Issuer,
    pub signer: Issuer,
    pub rogue_signer: Issuer,
}

impl TestPki {
    pub fn from_seed(seed: u64) -> TestPki {
        let csca = self_signed(seed, "CSCA Việt Nam (sandbox dvclink)", 1);
        let signer = issued_by(&csca, seed, "Document Signer CCCD (sandbox dvclink)", 2);
        let rogue = self_signed(seed, "CSCA không được tin cậy (sandbox dvclink)", 3);
        let rogue_signer = issued_by(&rogue, seed, "Document Signer CCCD (sandbox dvclink)", 4);
        TestPki { csca, signer, rogue_signer }
    }

    /// The CSCA certificate as PEM, what an office puts in its `card_trust` folder.
    pub fn csca_pem(&self) -> String {
        use base64::Engine;
        let body = base64::engine::general_purpose::STANDARD.encode(&self.csca.certificate);
        let lines: Vec<&str> = body.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect();
        format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", lines.join("\n"))
    }
}

/// ECDSA P-256 with SHA-256, as DER.
pub fn sign(key: &SigningKey, message: &[u8]) -> Vec<u8> {
    let signature: DerSignature = key.sign(message);
    signature.as_bytes().to_vec()
}

fn key_from(seed: u64, label: u8) -> SigningKey {
    let mut counter = 0u8;
    loop {
        let bytes = Sha256::new().chain_update(seed.to_be_bytes()).chain_update([label, counter]).finalize();
        if let Ok(key) = SigningKey::from_slice(&bytes) {
            return key;
        }
        counter += 1;
    }
}

fn self_signed(seed: u64, common_name: &str, label: u8) -> Issuer {
    let key = key_from(seed, label);
    let subject = name(common_name);
    let serial = vec![label];
    let certificate = certificate(&key, &subject, &serial, &subject, &key, true);
    Issuer { key, certificate, issuer_name: subject.clone(), name: subject, serial }
}

fn issued_by(issuer: &Issuer, seed: u64, common_name: &str, label: u8) -> Issuer {
    let key = key_from(seed, label);
    let subject = name(common_name);
    let serial = vec![label];
    let certificate = certificate(&key, &subject, &serial, &issuer.name, &issuer.key, false);
    Issuer { key, certificate, name: subject, issuer_name: issuer.name.clone(), serial }
}

fn certificate(
    key: &SigningKey,
    subject: &[u8],
    serial: &[u8],
    issuer: &[u8],
    signed_by: &SigningKey,
    ca: bool,
) -> Vec<u8> {
    let algorithm = seq(&[&oid(OID_ECDSA_SHA256)]);
    let point = key.verifying_key().to_sec1_point(false);
    let public_key = seq(&[&seq(&[&oid(OID_EC_PUBLIC_KEY), &oid(OID_P256)]), &bits(point.as_bytes())]);
    let validity = seq(&[&utc_time("200101000000Z"), &utc_time("491231235959Z")]);
    let constraints = if ca { seq(&[&tlv(0x01, &[0xFF])]) } else { seq(&[]) };
    let extensions = explicit(3, &seq(&[&seq(&[&oid(&[2, 5, 29, 19]), &tlv(0x01, &[0xFF]), &octets(&constraints)])]));
    let tbs = seq(&[
        &explicit(0, &small_int(2)),
        &int(serial),
        &algorithm,
        issuer,
        &validity,
        subject,
        &public_key,
        &extensions,
    ]);
    let signature = sign(signed_by, &tbs);
    seq(&[&tbs, &algorithm, &bits(&signature)])
}

/// EF.SOD: the LDS security object over the given data groups, signed by `signer`.
pub fn sod(signer: &Issuer, groups: &[(u8, &[u8])]) -> Vec<u8> {
    let sha256 = seq(&[&oid(&[2, 16, 840, 1, 101, 3, 4, 2, 1])]);
    let hashes: Vec<Vec<u8>> =
        groups.iter().map(|(number, bytes)| seq(&[&small_int(*number), &octets(&Sha256::digest(bytes))])).collect();
    let hashes: Vec<&[u8]> = hashes.iter().map(Vec::as_slice).collect();
    let security_object = seq(&[&small_int(0), &sha256, &seq(&hashes)]);
    let lds_oid = oid(&[2, 23, 136, 1, 1, 1]);
    let attributes = [
        seq(&[&oid(&[1, 2, 840, 113549, 1, 9, 3]), &set(&[&lds_oid])]),
        seq(&[&oid(&[1, 2, 840, 113549, 1, 9, 4]), &set(&[&octets(&Sha256::digest(&security_object))])]),
    ]
    .concat();
    let signature = sign(&signer.key, &set(&[&attributes]));
    let signer_info = seq(&[
        &small_int(1),
        &seq(&[&signer.issuer_name, &int(&signer.serial)]),
        &sha256,
        &explicit(0, &attributes),
        &seq(&[&oid(OID_ECDSA_SHA256)]),
        &octets(&signature),
    ]);
    let signed_data = seq(&[
        &small_int(3),
        &set(&[&sha256]),
        &seq(&[&lds_oid, &explicit(0, &octets(&security_object))]),
        &explicit(0, &signer.certificate),
        &set(&[&signer_info]),
    ]);
    let content_info = seq(&[&oid(&[1, 2, 840, 113549, 1, 7, 2]), &explicit(0, &signed_data)]);
    tlv(0x77, &content_info)
}
