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
    let json: Option<String> = connection.prepare_cached("SELECT donnees FROM ateliers WHERE id = ?1")?.query_row([id], |row| row.get(0)).optional()?;
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

/// Ids of the workshops that ended before `cutoff` (RFC 3339).
pub fn ended_before(connection: &Connection, cutoff: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = connection.prepare("SELECT id FROM ateliers WHERE fin < ?1")?;
    let rows = statement.query_map([cutoff], |row| row.get(0))?;
    rows.collect()
}

/// Removes the invented example workshops and their test registrations.
pub fn delete_examples(connection: &mut Connection) -> anyhow::Result<usize> {
    let tx = connection.transaction()?;
    tx.execute("DELETE FROM inscriptions WHERE atelier_id IN (SELECT id FROM ateliers WHERE exemple = 1)", [])?;
    let removed = tx.execute("DELETE FROM ateliers WHERE exemple = 1", [])?;
    super::meta::bump_generation(&tx)?;
    tx.commit()?;
    Ok(removed)
}

/// Changes a workshop's status (and dates, when postponed to a known date);
/// a cancelled workshop cancels its registrations.
pub fn change_status(
    connection: &mut Connection,
    id: &str,
    status: Status,
    new_dates: Option<(chrono::NaiveDateTime, chrono::NaiveDateTime)>,
    now: &str,
) -> anyhow::Result<Option<Session>> {
    let tx = connection.transaction()?;
    let Some(mut session) = get(&tx, id)? else { return Ok(None) };
    session.statut = status;
    if let Some((debut, fin)) = new_dates {
        if session.date_initiale.is_none() {
            session.date_initiale = Some(session.debut);
        }
        session.debut = debut;
        session.fin = fin;
    }
    upsert(&tx, &session, now)?;
    if status == Status::Annulee {
        super::registrations::cancel_all_of_session(&tx, id, "atelier_annule", now)?;
    }
    tx.commit()?;
    Ok(Some(session))
}
