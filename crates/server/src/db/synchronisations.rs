//! What the place syncs remember of each national address: the validators
//! for conditional requests (`ETag`, `Last-Modified`), when the data was last
//! confirmed current, and the last outcome, for the logs and `--help`'s
//! promise that nothing is silently dropped.

use rusqlite::{params, Connection, OptionalExtension};

/// The validators of the last file applied from `url`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

pub fn validators(connection: &Connection, url: &str) -> rusqlite::Result<Validators> {
    Ok(connection
        .query_row("SELECT etag, derniere_modification FROM synchronisations WHERE url = ?1", [url], |row| {
            Ok(Validators { etag: row.get(0)?, last_modified: row.get(1)? })
        })
        .optional()?
        .unwrap_or_default())
}

/// A sync that succeeded: the file was applied (`applied`, with its
/// validators) or the address said it had not changed. Either way the data
/// is confirmed current at `now`.
pub fn succeeded(connection: &Connection, url: &str, applied: Option<&Validators>, now: &str, outcome: &str) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO synchronisations (url, verifie_le, dernier_essai_le, dernier_resultat) VALUES (?1, ?2, ?2, ?3)
         ON CONFLICT(url) DO UPDATE SET verifie_le = ?2, dernier_essai_le = ?2, dernier_resultat = ?3",
        params![url, now, outcome],
    )?;
    if let Some(validators) = applied {
        connection.execute(
            "UPDATE synchronisations SET etag = ?2, derniere_modification = ?3, applique_le = ?4 WHERE url = ?1",
            params![url, validators.etag, validators.last_modified, now],
        )?;
    }
    Ok(())
}

/// A sync that changed nothing (refused file, download failed): only the
/// attempt and its reason are kept; the validators stay those of the last
/// file applied, so the refused file is downloaded and judged again next time.
pub fn failed(connection: &Connection, url: &str, now: &str, reason: &str) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO synchronisations (url, dernier_essai_le, dernier_resultat) VALUES (?1, ?2, ?3)
         ON CONFLICT(url) DO UPDATE SET dernier_essai_le = ?2, dernier_resultat = ?3",
        params![url, now, reason],
    )?;
    Ok(())
}

/// When the places of a département were last confirmed current by a sync
/// (RFC 3339), if any of them comes from one.
pub fn last_confirmed(connection: &Connection, departement: &str) -> rusqlite::Result<Option<String>> {
    connection.query_row(
        "SELECT MAX(s.verifie_le) FROM synchronisations s
         WHERE EXISTS (SELECT 1 FROM lieux l WHERE l.fichier = s.url AND l.departement = ?1)",
        [departement],
        |row| row.get(0),
    )
}
