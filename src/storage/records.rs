//! Reading and writing JSON records in one store, discarding those that do
//! not parse; and the one read and write of a value every store goes through.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::primitive::{TryFromJs, TryToJs};
use indexed_db_futures::transaction::TransactionMode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Result;

/// The value stored under `key` as IndexedDB keeps it (a JSON string, or
/// the catalogs' objects), or `None`.
pub async fn get_value<T: TryFromJs>(db: &Database, store: &str, key: &str) -> Result<Option<T>> {
    let tx = db.transaction(store).build()?;
    Ok(tx.object_store(store)?.get(key).primitive()?.await?)
}

/// The record under `key`, or `None` (absent, or unreadable and removed).
pub async fn get<T: DeserializeOwned>(db: &Database, store: &str, key: &str) -> Result<Option<T>> {
    let Some(text) = get_value::<String>(db, store, key).await? else { return Ok(None) };
    match serde_json::from_str(&text) {
        Ok(value) => Ok(Some(value)),
        Err(_) => {
            delete(db, store, key).await?;
            Ok(None)
        }
    }
}

/// Every readable record of a store; unreadable ones are removed.
pub async fn all<T: DeserializeOwned>(db: &Database, store: &str) -> Result<Vec<(String, T)>> {
    let (keys, values): (Vec<String>, Vec<String>) = {
        let tx = db.transaction(store).build()?;
        let object_store = tx.object_store(store)?;
        let keys: Vec<String> = object_store.get_all_keys::<String>().primitive()?.await?.collect::<std::result::Result<_, _>>()?;
        let values: Vec<String> = object_store.get_all::<String>().primitive()?.await?.collect::<std::result::Result<_, _>>()?;
        (keys, values)
    };
    let mut out = Vec::new();
    for (key, text) in keys.into_iter().zip(values) {
        match serde_json::from_str(&text) {
            Ok(value) => out.push((key, value)),
            Err(_) => delete(db, store, &key).await?,
        }
    }
    Ok(out)
}

/// Writes `value` under `key`, committing before returning.
pub async fn put<T: Serialize>(db: &Database, store: &str, key: &str, value: &T) -> Result<()> {
    let text = serde_json::to_string(value).map_err(|e| super::StorageError(e.to_string()))?;
    put_value(db, store, key, text).await
}

/// Writes a value as IndexedDB keeps it under `key`, committing before
/// returning: the one write every record goes through.
pub async fn put_value<T: TryToJs>(db: &Database, store: &str, key: &str, value: T) -> Result<()> {
    let tx = db.transaction(store).with_mode(TransactionMode::Readwrite).build()?;
    tx.object_store(store)?.put(value).with_key(key.to_string()).primitive()?.await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete(db: &Database, store: &str, key: &str) -> Result<()> {
    let tx = db.transaction(store).with_mode(TransactionMode::Readwrite).build()?;
    tx.object_store(store)?.delete(key.to_string()).primitive()?.await?;
    tx.commit().await?;
    Ok(())
}

pub async fn clear(db: &Database, store: &str) -> Result<()> {
    let tx = db.transaction(store).with_mode(TransactionMode::Readwrite).build()?;
    tx.object_store(store)?.clear()?.await?;
    tx.commit().await?;
    Ok(())
}

/// Writes raw text under a key (tests use it to store corrupted records).
pub async fn put_raw(db: &Database, store: &str, key: &str, text: &str) -> Result<()> {
    put_value(db, store, key, text.to_string()).await
}
