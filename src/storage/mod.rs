//! IndexedDB, and only here. Every record is a JSON string under a string
//! key, written with `serde_json` (the same format as the wire), except the
//! catalogs: the server's compact bytes (`catalog.rs`). A record that no
//! longer parses (corrupted, or from an older shape) is discarded, never
//! trusted, never fatal.
//!
//! Schema versions:
//! 1. `catalogue` (one record, key "courant"), `outbox`, `inscriptions`.
//! 2. `catalogues` keyed by territory (the v1 record is removed: it was
//!    JSON, which the app no longer reads), `disponibilites`, `coordonnees`.
//!    New databases start here directly.

pub mod catalog;
pub mod outbox;
pub mod records;

use std::cell::RefCell;
use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use wasm_bindgen::JsCast;

pub const DB_NAME: &str = "proxinum";
pub const DB_VERSION: u32 = 2;

pub const CATALOGS: &str = "catalogues";
pub const OUTBOX: &str = "outbox";
pub const REGISTRATIONS: &str = "inscriptions";
pub const AVAILABILITY: &str = "disponibilites";
pub const CONTACT: &str = "coordonnees";
/// The v1 store the upgrade to v2 moves.
pub const V1_CATALOG: &str = "catalogue";

/// What can go wrong with the device's storage.
#[derive(Debug, Clone)]
pub struct StorageError(pub String);

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<E> From<E> for StorageError
where
    E: Into<indexed_db_futures::error::Error>,
{
    fn from(error: E) -> Self {
        StorageError(describe(&error.into()))
    }
}

/// An IndexedDB failure in words, for the diagnostic: the exception's name
/// and the browser's message ("QuotaExceededError : …"). Not through
/// `Debug`, which printed the wrappers' structure and, with the value
/// errors that carry a number, linked the standard library's float
/// printing into the wasm (1.8 KiB brotli with the opening's, issue 14).
fn describe(error: &indexed_db_futures::error::Error) -> String {
    use indexed_db_futures::error::Error;
    match error {
        Error::DomException(exception) => {
            let exception: &web_sys::DomException = exception.as_ref().unchecked_ref();
            format!("{} : {}", exception.name(), exception.message())
        }
        Error::Serialisation(_) => "valeur de la base illisible".to_string(),
        Error::MissingData(missing) => missing.to_string(),
        Error::Unknown(error) => error.to_string(),
    }
}

/// Why the database did not open, as [`describe`] says it.
fn describe_opening(error: &indexed_db_futures::error::OpenDbError) -> String {
    use indexed_db_futures::error::OpenDbError;
    match error {
        OpenDbError::Base(error) => describe(error),
        OpenDbError::VersionZero | OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => error.to_string(),
    }
}

pub type Result<T> = std::result::Result<T, StorageError>;

/// The open database, as other modules may hold it without naming IndexedDB.
pub type Db = Database;

thread_local! {
    static DB: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
}

/// The database, opened (and upgraded) on first use.
pub async fn db() -> Result<Rc<Database>> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = Rc::new(open(DB_NAME).await?);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Opens a database of this schema under `name` (tests use their own names).
pub async fn open(name: &str) -> Result<Database> {
    let db = Database::open(name)
        .with_version(DB_VERSION)
        .with_on_upgrade_needed(|_event, db| {
            // Create what is missing rather than trusting the old version
            // number: a database left half-made still ends up complete.
            // The v1 catalog is removed by `catalog::migrate_v1` after
            // opening (a transaction of its own).
            let existing: Vec<String> = db.object_store_names().collect();
            for store in [OUTBOX, REGISTRATIONS, CATALOGS, AVAILABILITY, CONTACT] {
                if !existing.iter().any(|name| name == store) {
                    db.create_object_store(store).build()?;
                }
            }
            Ok(())
        })
        .await
        .map_err(|e| StorageError(format!("ouverture de la base : {}", describe_opening(&e))))?;
    catalog::migrate_v1(&db).await?;
    Ok(db)
}
