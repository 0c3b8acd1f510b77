//! What makes the log tamper-evident: each row's hash covers every column that matters and the
//! row before it, and the server signs the chain's head with an ed25519 key the operator keeps
//! elsewhere, so even a chain recomputed from scratch no longer matches a signed head.

use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

/// Hash of the (empty) chain before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Lower-case hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.trim();
    if s.len() != N * 2 {
        return None;
    }
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(s.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

/// SHA-256 of the parts joined by newlines, as hex.
pub fn sha256_hex(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update(b"\n");
        }
        h.update(p.as_bytes());
    }
    to_hex(&h.finalize())
}

/// A fresh random salt (16 bytes, hex): stored with the payload and erased with it, so an
/// erased record's hash cannot be matched against guessed records.
pub fn new_salt() -> String {
    let mut b = [0u8; 16];
    getrandom::getrandom(&mut b).expect("the OS has a random source");
    to_hex(&b)
}

/// The hash of a record's payload under its salt.
pub fn payload_hash(salt: &str, payload: &str) -> String {
    sha256_hex(&["crumbs-payload-v2", salt, payload])
}

/// The columns of one row that its hash covers (everything but the erasable payload and salt,
/// which `payload_hash` stands for, and `erased_at`, which an erasure row accounts for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowFields {
    /// Row id: renumbering shows.
    pub id: i64,
    /// `record` or `erasure`.
    pub kind: String,
    /// The consent id (empty for an erasure).
    pub consent_id: String,
    /// Its sequence number (0 for an erasure).
    pub seq: i64,
    /// `ok`, or why the record is flagged (`conflict`, `gap`, `late`).
    pub status: String,
    /// Decision time, Unix seconds.
    pub decided_at: i64,
    /// Arrival time, Unix seconds.
    pub received_at: i64,
    /// The request's `Origin`.
    pub origin: String,
    /// Keyed hash of the sender's address.
    pub ip_hash: String,
    /// [`payload_hash`] of the payload.
    pub payload_hash: String,
}

/// The hash of a row, chained to `prev`.
pub fn row_hash(prev: &str, f: &RowFields) -> String {
    sha256_hex(&[
        "crumbs-row-v2",
        prev,
        &f.id.to_string(),
        &f.kind,
        &f.consent_id,
        &f.seq.to_string(),
        &f.status,
        &f.decided_at.to_string(),
        &f.received_at.to_string(),
        &f.origin,
        &f.ip_hash,
        &f.payload_hash,
    ])
}

/// A signed statement that the chain's row `row` has hash `hash`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedHead {
    /// The last row the head covers.
    pub row: i64,
    /// That row's hash.
    pub hash: String,
    /// When it was signed, Unix seconds.
    pub signed_at: i64,
    /// ed25519 signature of [`SignedHead::message`], hex.
    pub signature: String,
}

/// Why a key could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The file could not be read.
    #[error("{0}: {1}")]
    Read(String, std::io::Error),
    /// It holds no key of the expected form.
    #[error("{0}: expected {1} as 64 hex digits")]
    Form(String, &'static str),
}

impl SignedHead {
    fn message(row: i64, hash: &str, signed_at: i64) -> String {
        format!("crumbs-consent-log head v1\n{row}\n{hash}\n{signed_at}")
    }

    /// Signs the head at `row`.
    pub fn sign(key: &SigningKey, row: i64, hash: &str, signed_at: i64) -> SignedHead {
        let signature = to_hex(&key.sign(Self::message(row, hash, signed_at).as_bytes()).to_bytes());
        SignedHead { row, hash: hash.to_string(), signed_at, signature }
    }

    /// Whether the signature is the key's.
    pub fn verify(&self, key: &VerifyingKey) -> bool {
        from_hex::<64>(&self.signature)
            .map(|s| ed25519_dalek::Signature::from_bytes(&s))
            .is_some_and(|s| key.verify(Self::message(self.row, &self.hash, self.signed_at).as_bytes(), &s).is_ok())
    }

    /// One line of a heads file: `head ROW HASH SIGNED_AT SIGNATURE`.
    pub fn to_line(&self) -> String {
        format!("head {} {} {} {}", self.row, self.hash, self.signed_at, self.signature)
    }

    /// Reads [`SignedHead::to_line`]'s form.
    pub fn from_line(line: &str) -> Option<SignedHead> {
        let mut w = line.split_whitespace();
        if w.next()? != "head" {
            return None;
        }
        let head = SignedHead {
            row: w.next()?.parse().ok()?,
            hash: w.next()?.to_string(),
            signed_at: w.next()?.parse().ok()?,
            signature: w.next()?.to_string(),
        };
        w.next().is_none().then_some(head)
    }
}

fn read_key_file(path: &str) -> Result<String, KeyError> {
    std::fs::read_to_string(path).map_err(|e| KeyError::Read(path.to_string(), e))
}

/// Reads a signing key (the secret seed, hex) from a file.
pub fn read_signing_key(path: &str) -> Result<SigningKey, KeyError> {
    let seed = from_hex::<32>(&read_key_file(path)?).ok_or(KeyError::Form(path.to_string(), "an ed25519 secret key"))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// Reads a public key given as hex, or as the path of a file holding it.
pub fn read_verifying_key(hex_or_path: &str) -> Result<VerifyingKey, KeyError> {
    let text = if from_hex::<32>(hex_or_path).is_some() { hex_or_path.to_string() } else { read_key_file(hex_or_path)? };
    let form = || KeyError::Form(hex_or_path.to_string(), "an ed25519 public key");
    VerifyingKey::from_bytes(&from_hex::<32>(&text).ok_or_else(form)?).map_err(|_| form())
}

/// A new signing key: the secret seed and the public key, both hex.
pub fn generate_key() -> (String, String) {
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed).expect("the OS has a random source");
    let key = SigningKey::from_bytes(&seed);
    (to_hex(&seed), to_hex(key.verifying_key().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_verify_only_under_their_key_and_content() {
        let (secret, public) = generate_key();
        let key = SigningKey::from_bytes(&from_hex::<32>(&secret).unwrap());
        let public = read_verifying_key(&public).unwrap();
        let head = SignedHead::sign(&key, 7, GENESIS, 100);
        assert!(head.verify(&public));
        assert_eq!(SignedHead::from_line(&head.to_line()), Some(head.clone()));
        assert!(!SignedHead { row: 6, ..head.clone() }.verify(&public));
        assert!(!SignedHead { hash: "1".repeat(64), ..head.clone() }.verify(&public));
        let other = read_verifying_key(&generate_key().1).unwrap();
        assert!(!head.verify(&other));
    }

    #[test]
    fn salted_hashes_differ_for_the_same_record() {
        assert_ne!(payload_hash(&new_salt(), "{}"), payload_hash(&new_salt(), "{}"));
    }
}
