//! Workshops, stored whole as JSON with the columns needed to query them.

use proxinum_core::session::{Session, Status};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Inserts or replaces a workshop (inside the caller's transaction).
pub fn upsert(tx: &Transaction, session: &Session, now: &str) -> anyhow::Result<()> {
    tx.execute(
        "INSERT INTO ateliers (id, territoire, donnees, debut, fin, exemple, modifie_le) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET territoire = excluded.territoire, donnees = excluded.donnees, debut = excluded.debut,
             fin = excluded.fin, exemple = excluded.exemple, modifie_le = excluded.modifie_le",
        params![
            session.id,
            session.territoire,
            serde_json::to_string(session)?,
            session.start_utc().to_rfc3339(),
            session.end_utc().to_rfc3339(),
            session.exemple,
            now
        ],
    )?;
    super::meta::bump_generation(tx)?;
    Ok(())
}

pub fn get(connection: &Connection, id: &str) -> anyhow::Result<Option<Session>> {
    let json: Option<String> =
        connection.prepare_cached("SELECT donnees FROM ateliers WHERE id = ?1")?.query_row([id], |row| row.get(0)).optional()?;
    Ok(match json {
        Some(json) => Some(serde_json::from_str(&json)?),
        None => None,
    })
}

/// The workshops of a territory, soonest first.
pub fn of_territory(connection: &Connection, territoire: &str) -> anyhow::Result<Vec<Session>> {
    let mut statement = connection.prepare("SELECT donnees FROM ateliers WHERE territoire = ?1 ORDER BY debut, id")?;
    let rows = statement.query_map([territoire], |row| row.get::<_, String>(0))?;
    rows.map(|row| Ok(serde_json::from_str(&row?)?)).collect()
}

/// Every workshop, soonest first.
pub fn all(connection: &Connection) -> anyhow::Result<Vec<Session>> {
    let mut statement = connection.prepare("SELECT donnees FROM ateliers ORDER BY debut, id")?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    rows.map(|row| Ok(serde_json::from_str(&row?)?)).collect()
}

/// The workshops whose start is between `from` and `to` (RFC 3339, compared
/// as text: offsets differ by at most two hours, so callers ask a wider
/// window and decide exactly with core).
pub fn starting_between(connection: &Connection, from: &str, to: &str) -> anyhow::Result<Vec<Session>> {
    let mut statement = connection.prepare_cached("SELECT donnees FROM ateliers WHERE debut >= ?1 AND debut <= ?2 ORDER BY debut, id")?;
    let rows = statement.query_map([from, to], |row| row.get::<_, String>(0))?;
    rows.map(|row| Ok(serde_json::from_str(&row?)?)).collect()
}

/// Ids of the workshops that ended before `cutoff` (RFC 3339).
pub fn ended_before(connection: &Connection, cutoff: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = connection.prepare("SELECT id FROM ateliers WHERE fin < ?1")?;
    let rows = statement.query_map([cutoff], |row| row.get(0))?;
    rows.collect()
}

/// Removes the invented example workshops, inside the caller's transaction
/// (which removes their registrations first: `workshops::delete_examples`).
pub fn delete_examples(tx: &Transaction) -> anyhow::Result<usize> {
    let removed = tx.execute("DELETE FROM ateliers WHERE exemple = 1", [])?;
    super::meta::bump_generation(tx)?;
    Ok(removed)
}

/// Changes a workshop's status (and dates, when postponed to a known date)
/// inside the caller's transaction; what follows for its registrations is
/// the caller's (`workshops`).
pub fn change_status(
    tx: &Transaction,
    id: &str,
    status: Status,
    new_dates: Option<(chrono::NaiveDateTime, chrono::NaiveDateTime)>,
    now: &str,
) -> anyhow::Result<Option<Session>> {
    let Some(mut session) = get(tx, id)? else { return Ok(None) };
    session.statut = status;
    if let Some((debut, fin)) = new_dates {
        if session.date_initiale.is_none() {
            session.date_initiale = Some(session.debut);
        }
        session.debut = debut;
        session.fin = fin;
    }
    upsert(tx, &session, now)?;
    Ok(Some(session))
}

/// Who owns a workshop: `None` when there is no such workshop,
/// `Some(None)` for the coordinator's, `Some(Some(id))` for an organiser's.
pub fn owner(connection: &Connection, id: &str) -> rusqlite::Result<Option<Option<i64>>> {
    connection.prepare_cached("SELECT organisateur_id FROM ateliers WHERE id = ?1")?.query_row([id], |row| row.get(0)).optional()
}

/// Gives a workshop to an organiser, or back to the coordinator (`None`).
pub fn set_owner(connection: &Connection, id: &str, organiser: Option<i64>) -> rusqlite::Result<bool> {
    Ok(connection.execute("UPDATE ateliers SET organisateur_id = ?2 WHERE id = ?1", params![id, organiser])? == 1)
}

/// An organiser's workshops, soonest first (of one territory when given).
pub fn of_owner(connection: &Connection, organiser: i64, territoire: Option<&str>) -> anyhow::Result<Vec<Session>> {
    let mut statement = connection
        .prepare("SELECT donnees FROM ateliers WHERE organisateur_id = ?1 AND (?2 IS NULL OR territoire = ?2) ORDER BY debut, id")?;
    let rows = statement.query_map(params![organiser, territoire], |row| row.get::<_, String>(0))?;
    rows.map(|row| Ok(serde_json::from_str(&row?)?)).collect()
}
