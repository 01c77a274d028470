//! Places as imported, one row per source id. Duplicates across sources are
//! merged when catalogs are built (`core::import::merge_duplicates`), so a
//! later import of another source still merges with what is stored.

use proxinum_core::place::Place;
use rusqlite::{params, Connection};

/// Stores the places of one import in a single transaction: all or nothing.
/// A place with an id already stored replaces it.
pub fn store(connection: &mut Connection, places: &[Place], file: &str, now: &str) -> anyhow::Result<()> {
    let tx = connection.transaction()?;
    upsert(&tx, places, file, now)?;
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

/// Records a sync of national data replaces: the shipped places and those of
/// any national address (`http…`), never those of a coordinator's own file.
const NATIONAL: &str = "(fichier = ?1 OR fichier LIKE 'http://%' OR fichier LIKE 'https://%')";

/// The national records of these départements.
pub fn national(connection: &Connection, seed_file: &str, departements: &[String]) -> anyhow::Result<Vec<Place>> {
    let mut statement = connection.prepare(&format!("SELECT donnees FROM lieux WHERE {NATIONAL} AND departement = ?2 ORDER BY id"))?;
    let mut places = Vec::new();
    for departement in departements {
        for row in statement.query_map(params![seed_file, departement], |row| row.get::<_, String>(0))? {
            places.push(serde_json::from_str(&row?)?);
        }
    }
    Ok(places)
}

/// The départements with records from `url`.
pub fn departements_of(connection: &Connection, url: &str) -> anyhow::Result<Vec<String>> {
    let mut statement =
        connection.prepare("SELECT DISTINCT departement FROM lieux WHERE fichier = ?1 AND departement IS NOT NULL ORDER BY 1")?;
    let rows = statement.query_map([url], |row| row.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces the national records of `departements` by `places` (from `url`),
/// inside the caller's transaction: places gone from the file go.
pub fn replace_national(
    tx: &rusqlite::Transaction<'_>,
    seed_file: &str,
    departements: &[String],
    places: &[Place],
    url: &str,
    now: &str,
) -> anyhow::Result<()> {
    let mut delete = tx.prepare(&format!("DELETE FROM lieux WHERE {NATIONAL} AND departement = ?2"))?;
    for departement in departements {
        delete.execute(params![seed_file, departement])?;
    }
    upsert(tx, places, url, now)?;
    super::meta::bump_generation(tx)?;
    Ok(())
}

/// Writes `places` as coming from `file`; a place with an id already stored replaces it.
fn upsert(tx: &Connection, places: &[Place], file: &str, now: &str) -> anyhow::Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO lieux (id, departement, donnees, fichier, importe_le) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET departement = excluded.departement, donnees = excluded.donnees,
             fichier = excluded.fichier, importe_le = excluded.importe_le",
    )?;
    for place in places {
        insert.execute(params![place.id, place.departement(), serde_json::to_string(place)?, file, now])?;
    }
    Ok(())
}
