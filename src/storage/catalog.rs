//! The territory's catalog, kept with its ETag so the next visit asks the
//! server only "has it changed?".

use indexed_db_futures::database::Database;
use proxinum_core::catalog::{Catalog, CATALOG_FORMAT};
use serde::{Deserialize, Serialize};

use super::{records, Result, CATALOGS, V1_CATALOG};

/// A stored catalog.
#[derive(Serialize, Deserialize)]
pub struct StoredCatalog {
    pub etag: String,
    pub catalog: Catalog,
    /// When it was received (ms since epoch).
    pub recu_le: f64,
}

/// The stored catalog of a territory, if readable and of the current format.
pub async fn load(db: &Database, territory: &str) -> Result<Option<StoredCatalog>> {
    let stored: Option<StoredCatalog> = records::get(db, CATALOGS, territory).await?;
    match stored {
        Some(s) if s.catalog.format == CATALOG_FORMAT => Ok(Some(s)),
        Some(_) => {
            records::delete(db, CATALOGS, territory).await?;
            Ok(None)
        }
        None => Ok(None),
    }
}

pub async fn save(db: &Database, stored: &StoredCatalog) -> Result<()> {
    records::put(db, CATALOGS, &stored.catalog.territoire.code, stored).await
}

/// v1 kept one catalog under the key "courant": file it under its territory.
pub async fn migrate_v1(db: &Database) -> Result<()> {
    let names: Vec<String> = db.object_store_names().collect();
    if !names.iter().any(|n| n == V1_CATALOG) {
        return Ok(());
    }
    let old: Option<StoredCatalog> = records::get(db, V1_CATALOG, "courant").await?;
    if let Some(old) = old {
        if load(db, &old.catalog.territoire.code).await?.is_none() {
            save(db, &old).await?;
        }
        records::delete(db, V1_CATALOG, "courant").await?;
    }
    Ok(())
}
