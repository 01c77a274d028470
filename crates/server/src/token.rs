//! The organisers' secret token: given at start (`--jeton`) or generated and
//! printed once; only its SHA-256 is stored. Compared in constant time.

use rand::RngCore;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::db::meta;

const KEY: &str = "jeton_organisateur_sha256";

pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A new random token (256 bits, hexadecimal).
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Stores the hash of `token`.
pub fn store(connection: &Connection, token: &str) -> rusqlite::Result<()> {
    meta::set(connection, KEY, &hash(token))
}

pub fn stored_hash(connection: &Connection) -> rusqlite::Result<Option<String>> {
    meta::get(connection, KEY)
}

/// Makes sure a token exists. Returns a newly generated one (to print once),
/// or `None` when one was given or already stored.
pub fn ensure(connection: &Connection, given: Option<&str>) -> rusqlite::Result<Option<String>> {
    if let Some(token) = given {
        store(connection, token)?;
        return Ok(None);
    }
    if stored_hash(connection)?.is_some() {
        return Ok(None);
    }
    let token = generate();
    store(connection, &token)?;
    Ok(Some(token))
}

/// True when `candidate` is the organisers' token.
pub fn matches(stored_hash: &str, candidate: &str) -> bool {
    hash(candidate).as_bytes().ct_eq(stored_hash.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_and_compares() {
        let token = generate();
        assert_eq!(token.len(), 64);
        let stored = hash(&token);
        assert!(matches(&stored, &token));
        assert!(!matches(&stored, "autre"));
    }
}
