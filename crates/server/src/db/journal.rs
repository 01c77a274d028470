//! The audit log: one row per change, written in the same transaction as
//! the change. Workshop fields before and after are kept as JSON; a
//! registration is named by its identifier only (no personal data).

use rusqlite::{params, Connection};

/// A change to record.
pub struct NewEntry<'a> {
    pub stamp: &'a str,
    /// "Coordination", "Ligne de commande" or the organiser's name.
    pub author: &'a str,
    pub organiser_id: Option<i64>,
    /// `AuditAction` in its wire form ("annulation"…).
    pub action: &'a str,
    pub workshop_id: Option<&'a str>,
    pub object: Option<&'a str>,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub fn record(connection: &Connection, entry: &NewEntry) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO journal (quand, auteur, organisateur_id, action, atelier_id, objet, avant, apres)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![entry.stamp, entry.author, entry.organiser_id, entry.action, entry.workshop_id, entry.object, entry.before, entry.after],
    )?;
    Ok(())
}

/// A recorded change, as stored.
pub struct Row {
    pub stamp: String,
    pub author: String,
    pub action: String,
    pub workshop_id: Option<String>,
    pub object: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The latest `limit` changes, newest first.
pub fn latest(connection: &Connection, limit: usize) -> rusqlite::Result<Vec<Row>> {
    let mut statement =
        connection.prepare("SELECT quand, auteur, action, atelier_id, objet, avant, apres FROM journal ORDER BY id DESC LIMIT ?1")?;
    let rows = statement.query_map([limit as i64], |row| {
        Ok(Row {
            stamp: row.get(0)?,
            author: row.get(1)?,
            action: row.get(2)?,
            workshop_id: row.get(3)?,
            object: row.get(4)?,
            before: row.get(5)?,
            after: row.get(6)?,
        })
    })?;
    rows.collect()
}
