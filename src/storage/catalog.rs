//! The territory's catalog, kept with its ETag so the next visit asks the
//! server only "has it changed?".
//!
//! The catalog is kept as the server's text (a raw JSON value inside the
//! record), never serialised by the app: the record's shape is unchanged,
//! and the wasm carries no serialiser for the catalog's many types.

use indexed_db_futures::database::Database;
use proxinum_core::catalog::{Catalog, CATALOG_FORMAT};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{records, Result, StorageError, CATALOGS, V1_CATALOG};

/// A stored catalog.
#[derive(Serialize, Deserialize)]
struct StoredCatalog {
    etag: String,
    catalog: Box<RawValue>,
    /// When it was received (ms since epoch).
    recu_le: f64,
}

/// The stored catalog of a territory and its ETag, if readable and of the
/// current format; anything else is removed, so the next answer replaces it.
pub async fn load(db: &Database, territory: &str) -> Result<Option<(String, Catalog)>> {
    let Some(stored) = records::get::<StoredCatalog>(db, CATALOGS, territory).await? else { return Ok(None) };
    match serde_json::from_str::<Catalog>(stored.catalog.get()) {
        Ok(catalog) if catalog.format == CATALOG_FORMAT => Ok(Some((stored.etag, catalog))),
        _ => {
            records::delete(db, CATALOGS, territory).await?;
            Ok(None)
        }
    }
}

/// Keeps the server's answer `text` for `territory`.
pub async fn save(db: &Database, territory: &str, etag: String, text: String) -> Result<()> {
    let catalog = RawValue::from_string(text).map_err(|e| StorageError(e.to_string()))?;
    let stored = StoredCatalog { etag, catalog, recu_le: js_sys::Date::now() };
    records::put(db, CATALOGS, territory, &stored).await
}

/// v1 kept one catalog under the key "courant": file it under its territory.
pub async fn migrate_v1(db: &Database) -> Result<()> {
    let names: Vec<String> = db.object_store_names().collect();
    if !names.iter().any(|n| n == V1_CATALOG) {
        return Ok(());
    }
    let old: Option<StoredCatalog> = records::get(db, V1_CATALOG, "courant").await?;
    if let Some(old) = old {
        if let Ok(catalog) = serde_json::from_str::<Catalog>(old.catalog.get()) {
            let territory = catalog.territoire.code;
            if load(db, &territory).await?.is_none() {
                records::put(db, CATALOGS, &territory, &old).await?;
            }
        }
        records::delete(db, V1_CATALOG, "courant").await?;
    }
    Ok(())
}
