//! Places as imported, one row per source id. Duplicates across sources are
//! merged when catalogs are built (`core::import::merge_duplicates`), so a
//! later import of another source still merges with what is stored.

use proxinum_core::place::Place;
use rusqlite::{params, Connection};

/// Stores the places of one import in a single transaction: all or nothing.
/// A place with an id already stored replaces it.
pub fn store(connection: &mut Connection, places: &[Place], file: &str, now: &str) -> anyhow::Result<()> {
    let tx = connection.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO lieux (id, departement, donnees, fichier, importe_le) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET departement = excluded.departement, donnees = excluded.donnees,
                 fichier = excluded.fichier, importe_le = excluded.importe_le",
        )?;
        for place in places {
            insert.execute(params![place.id, place.departement(), serde_json::to_string(place)?, file, now])?;
        }
    }
    super::meta::bump_generation(&tx)?;
    tx.commit()?;
    Ok(())
}

/// Every stored place (unmerged).
pub fn all(connection: &Connection) -> anyhow::Result<Vec<Place>> {
    let mut statement = connection.prepare("SELECT donnees FROM lieux ORDER BY id")?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut places = Vec::new();
    for row in rows {
        places.push(serde_json::from_str(&row?)?);
    }
    Ok(places)
}

