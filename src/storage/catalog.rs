//! The territory's catalog, kept with its ETag so the next visit asks the
//! server only "has it changed?".
//!
//! The catalog is kept as the server's compact bytes
//! (`proxinum_core::catalog_compact`), never written by the app: the one
//! store whose records are not JSON strings but `{etag, octets, recu_le}`
//! objects holding a `Uint8Array`, read back with one copy and no text
//! decoding. A record the app cannot read — damaged, of another layout, or
//! an earlier version's JSON copy — is removed, and the catalog fetched
//! again.

use indexed_db_futures::database::Database;
use js_sys::{Object, Reflect, Uint8Array};
use proxinum_core::catalog::Catalog;
use proxinum_core::catalog_compact;
use wasm_bindgen::{JsCast, JsValue};

use super::{records, Result, StorageError, CATALOGS, V1_CATALOG};

const ETAG: &str = "etag";
const BYTES: &str = "octets";
const RECEIVED: &str = "recu_le";

/// The stored catalog of a territory and its ETag, if readable and of the
/// current layout and format; anything else is removed, so the next answer
/// replaces it.
pub async fn load(db: &Database, territory: &str) -> Result<Option<(String, Catalog)>> {
    let Some(record) = records::get_value::<JsValue>(db, CATALOGS, territory).await? else { return Ok(None) };
    let field = |name: &str| Reflect::get(&record, &JsValue::from_str(name)).ok();
    let etag = field(ETAG).and_then(|v| v.as_string());
    let bytes = field(BYTES).and_then(|v| v.dyn_into::<Uint8Array>().ok()).map(|array| array.to_vec());
    match (etag, bytes.map(|bytes| catalog_compact::read(&bytes))) {
        (Some(etag), Some(Ok(catalog))) => Ok(Some((etag, catalog))),
        _ => {
            records::delete(db, CATALOGS, territory).await?;
            Ok(None)
        }
    }
}

/// Keeps the server's answer `bytes` for `territory`.
pub async fn save(db: &Database, territory: &str, etag: String, bytes: &[u8]) -> Result<()> {
    let record = Object::new();
    let set = |name: &str, value: &JsValue| {
        Reflect::set(&record, &JsValue::from_str(name), value).map_err(|_| StorageError(format!("champ {name} du catalogue")))
    };
    set(ETAG, &JsValue::from_str(&etag))?;
    set(BYTES, &Uint8Array::from(bytes).into())?;
    set(RECEIVED, &JsValue::from_f64(js_sys::Date::now()))?;
    records::put_value(db, CATALOGS, territory, JsValue::from(record)).await
}

/// v1 kept one catalog under the key "courant", as JSON this version no
/// longer reads: it is removed, and the territory's catalog fetched again
/// (the update that brought this version needed the network moments
/// before). The store itself stays, empty, as the upgrade left it.
pub async fn migrate_v1(db: &Database) -> Result<()> {
    let names: Vec<String> = db.object_store_names().collect();
    if names.iter().any(|n| n == V1_CATALOG) {
        records::delete(db, V1_CATALOG, "courant").await?;
    }
    Ok(())
}
