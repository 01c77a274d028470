//! Organiser accounts: a name and the SHA-256 of a secret, revocable and
//! renewable. The coordinator's own token stays in `meta` (`token.rs`).

use proxinum_core::organiser::OrganiserAccount;
use rusqlite::{params, Connection, OptionalExtension};

/// Adds an organiser; `None` when the name is already taken (any case).
pub fn add(connection: &Connection, name: &str, secret_sha256: &str, stamp: &str) -> rusqlite::Result<Option<i64>> {
    let taken: bool = connection.query_row("SELECT EXISTS(SELECT 1 FROM organisateurs WHERE nom = ?1)", [name], |row| row.get(0))?;
    if taken {
        return Ok(None);
    }
    connection
        .execute("INSERT INTO organisateurs (nom, secret_sha256, cree_le) VALUES (?1, ?2, ?3)", params![name, secret_sha256, stamp])?;
    Ok(Some(connection.last_insert_rowid()))
}

/// Every organiser, by name, with the number of workshops it owns.
pub fn all(connection: &Connection) -> rusqlite::Result<Vec<OrganiserAccount>> {
    let mut statement = connection.prepare(
        "SELECT o.id, o.nom, o.cree_le, o.revoque_le, (SELECT COUNT(*) FROM ateliers a WHERE a.organisateur_id = o.id)
         FROM organisateurs o ORDER BY o.nom",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(OrganiserAccount { id: row.get(0)?, nom: row.get(1)?, cree_le: row.get(2)?, revoque_le: row.get(3)?, ateliers: row.get(4)? })
    })?;
    rows.collect()
}

/// The organiser whose secret has this hash, unless revoked: (id, name).
pub fn by_secret(connection: &Connection, secret_sha256: &str) -> rusqlite::Result<Option<(i64, String)>> {
    connection
        .prepare_cached("SELECT id, nom FROM organisateurs WHERE secret_sha256 = ?1 AND revoque_le IS NULL")?
        .query_row([secret_sha256], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()
}

/// An organiser by number or by name (any case): (id, name).
pub fn find(connection: &Connection, id_or_name: &str) -> rusqlite::Result<Option<(i64, String)>> {
    connection
        .query_row(
            "SELECT id, nom FROM organisateurs WHERE CAST(id AS TEXT) = ?1 OR nom = ?1 ORDER BY id = ?1 DESC LIMIT 1",
            [id_or_name.trim()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
}

/// The organiser's name, if it exists (revoked or not).
pub fn name(connection: &Connection, id: i64) -> rusqlite::Result<Option<String>> {
    connection.query_row("SELECT nom FROM organisateurs WHERE id = ?1", [id], |row| row.get(0)).optional()
}

/// Revokes the secret: false when there is no such organiser.
pub fn revoke(connection: &Connection, id: i64, stamp: &str) -> rusqlite::Result<bool> {
    Ok(connection.execute("UPDATE organisateurs SET revoque_le = COALESCE(revoque_le, ?2) WHERE id = ?1", params![id, stamp])? == 1)
}

/// Replaces the secret (and lifts a revocation): false when there is no
/// such organiser.
pub fn renew(connection: &Connection, id: i64, secret_sha256: &str) -> rusqlite::Result<bool> {
    Ok(connection.execute("UPDATE organisateurs SET secret_sha256 = ?2, revoque_le = NULL WHERE id = ?1", params![id, secret_sha256])? == 1)
}
