//! Small settings: the organiser token's hash, whether the default data was
//! loaded, and the catalog generation (bumped by every change a catalog
//! shows, so a running server notices changes made by the command line).

use rusqlite::{params, Connection, OptionalExtension};

pub fn get(connection: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    connection.query_row("SELECT valeur FROM meta WHERE cle = ?1", [key], |row| row.get(0)).optional()
}

pub fn set(connection: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO meta (cle, valeur) VALUES (?1, ?2) ON CONFLICT(cle) DO UPDATE SET valeur = excluded.valeur",
        params![key, value],
    )?;
    Ok(())
}

const GENERATION: &str = "generation_catalogue";

/// The current catalog generation.
pub fn generation(connection: &Connection) -> rusqlite::Result<u64> {
    Ok(get(connection, GENERATION)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Marks the catalogs as changed; call inside the transaction that changes them.
pub fn bump_generation(connection: &Connection) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO meta (cle, valeur) VALUES (?1, '1')
         ON CONFLICT(cle) DO UPDATE SET valeur = CAST(CAST(valeur AS INTEGER) + 1 AS TEXT)",
        [GENERATION],
    )?;
    Ok(())
}
