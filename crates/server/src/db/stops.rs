//! The tours of itinerant places: each stop kept whole as JSON. Publishing
//! a tour replaces the place's stops in one transaction, and the catalogs
//! are rebuilt with them.

use proxinum_core::tour::Stop;
use rusqlite::{params, Connection, Transaction};

/// Replaces the stops of `place_id` (inside the caller's transaction).
pub fn replace(tx: &Transaction, place_id: &str, stops: &[Stop]) -> anyhow::Result<()> {
    tx.execute("DELETE FROM arrets WHERE lieu_id = ?1", [place_id])?;
    for stop in stops {
        tx.execute("INSERT INTO arrets (lieu_id, donnees) VALUES (?1, ?2)", params![place_id, serde_json::to_string(stop)?])?;
    }
    super::meta::bump_generation(tx)?;
    Ok(())
}

/// Every stop, in publishing order.
pub fn all(connection: &Connection) -> anyhow::Result<Vec<Stop>> {
    let mut statement = connection.prepare_cached("SELECT donnees FROM arrets ORDER BY id")?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    rows.map(|row| Ok(serde_json::from_str(&row?)?)).collect()
}
