//! Reading a backup file before it is trusted: SQLite's integrity check, the
//! schema version, Proxinum's tables (for `proxinum sauvegarder` and
//! `proxinum restaurer`).

use std::path::Path;

use anyhow::Context;
use rusqlite::{Connection, OpenFlags};

/// A backup file's health: SQLite's integrity check, a schema this version
/// knows, Proxinum's tables. Returns a short French summary.
pub fn check(path: &Path) -> anyhow::Result<String> {
    let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("{} n'est pas une base SQLite lisible", path.display()))?;
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .with_context(|| format!("{} n'est pas une base SQLite lisible", path.display()))?;
    anyhow::ensure!(integrity == "ok", "{} est endommagée (contrôle d'intégrité : {integrity})", path.display());
    let version: usize = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let known = super::schema_version();
    anyhow::ensure!(
        (1..=known).contains(&version),
        "{} n'est pas une base Proxinum connue (schéma {version}, cette version connaît 1 à {known})",
        path.display()
    );
    let count = |table: &str| -> anyhow::Result<i64> {
        connection
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| row.get(0))
            .with_context(|| format!("{} n'est pas une base Proxinum (table {table} absente)", path.display()))
    };
    let (places, sessions, registrations) = (count("lieux")?, count("ateliers")?, count("inscriptions")?);
    Ok(format!("schéma {version}, {places} lieux, {sessions} ateliers, {registrations} inscriptions"))
}
