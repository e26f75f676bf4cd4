//! The few DER shapes the test PKI writes: certificates and EF.SOD's CMS SignedData. Written
//! out here rather than through an X.509 builder, because the sandbox needs exactly these
//! fixed structures and nothing else; dvclink-card reads them with dmrtd like any real card.

/// A TLV with a one-byte tag.
pub fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = value.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(value);
    out
}

pub fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

pub fn set(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x31, &parts.concat())
}

/// A non-negative INTEGER.
pub fn int(value: &[u8]) -> Vec<u8> {
    let trimmed: Vec<u8> = {
        let skip = value.iter().take_while(|b| **b == 0).count().min(value.len().saturating_sub(1));
        value[skip..].to_vec()
    };
    let mut body = Vec::new();
    if trimmed.first().is_some_and(|b| b & 0x80 != 0) {
        body.push(0);
    }
    body.extend(trimmed);
    tlv(0x02, &body)
}

pub fn small_int(value: u8) -> Vec<u8> {
    int(&[value])
}

pub fn octets(value: &[u8]) -> Vec<u8> {
    tlv(0x04, value)
}

pub fn bits(value: &[u8]) -> Vec<u8> {
    let mut body = vec![0];
    body.extend_from_slice(value);
    tlv(0x03, &body)
}

/// An OBJECT IDENTIFIER from its arcs.
pub fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &arc in &arcs[2..] {
        let mut chunk = vec![(arc & 0x7F) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            chunk.push(0x80 | (rest & 0x7F) as u8);
            rest >>= 7;
        }
        chunk.reverse();
        body.extend(chunk);
    }
    tlv(0x06, &body)
}

/// A context-specific constructed tag, `[n]`.
pub fn explicit(n: u8, value: &[u8]) -> Vec<u8> {
    tlv(0xA0 | n, value)
}

pub fn utc_time(text: &str) -> Vec<u8> {
    tlv(0x17, text.as_bytes())
}

/// A Name of country and common name.
pub fn name(common_name: &str) -> Vec<u8> {
    let country = set(&[&seq(&[&oid(&[2, 5, 4, 6]), &tlv(0x13, b"VN")])]);
    let common = set(&[&seq(&[&oid(&[2, 5, 4, 3]), &tlv(0x0C, common_name.as_bytes())])]);
    seq(&[&country, &common])
}
