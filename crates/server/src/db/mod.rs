//! The SQLite database (embedded file, WAL): the only place that knows SQL.
//!
//! Writes happen in transactions; with WAL and `synchronous=FULL` every
//! commit is on disk before it is answered, so neither a killed process nor
//! a power cut loses a confirmed registration. Registrations are committed
//! in groups (`registrar`), which keeps the cost of that flush shared
//! (measured with `node scripts/measure.mjs charge`, README "Mesures").

pub mod meta;
pub mod places;
pub mod registrations;
pub mod sessions;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::Context;
use rusqlite::Connection;

/// Schema steps, applied in order; `PRAGMA user_version` counts those done.
const MIGRATIONS: &[&str] = &[
    // 1: places, workshops, registrations, settings.
    "CREATE TABLE meta (
         cle TEXT PRIMARY KEY,
         valeur TEXT NOT NULL
     );
     CREATE TABLE lieux (
         id TEXT PRIMARY KEY,
         departement TEXT,
         donnees TEXT NOT NULL,
         fichier TEXT NOT NULL,
         importe_le TEXT NOT NULL
     );
     CREATE INDEX lieux_departement ON lieux(departement);
     CREATE TABLE ateliers (
         id TEXT PRIMARY KEY,
         territoire TEXT NOT NULL,
         donnees TEXT NOT NULL,
         debut TEXT NOT NULL,
         fin TEXT NOT NULL,
         exemple INTEGER NOT NULL DEFAULT 0,
         modifie_le TEXT NOT NULL
     );
     CREATE INDEX ateliers_territoire ON ateliers(territoire, debut);
     CREATE TABLE inscriptions (
         id TEXT PRIMARY KEY,
         atelier_id TEXT NOT NULL REFERENCES ateliers(id),
         empreinte TEXT NOT NULL,
         prenom TEXT,
         nom TEXT,
         telephone TEXT,
         courriel TEXT,
         besoins TEXT,
         places INTEGER NOT NULL,
         statut TEXT NOT NULL CHECK (statut IN ('confirmee', 'liste_attente', 'annulee')),
         motif TEXT,
         rang INTEGER NOT NULL,
         present INTEGER,
         cree_le TEXT NOT NULL,
         modifie_le TEXT NOT NULL,
         donnees_effacees_le TEXT
     );
     CREATE INDEX inscriptions_atelier ON inscriptions(atelier_id, statut, rang);",
];

/// A shared connection. SQLite allows one writer at a time anyway; one
/// connection behind a mutex keeps every write decision serialised.
#[derive(Clone)]
pub struct Db {
    connection: Arc<Mutex<Connection>>,
    /// Requests take their turn here, first come first served, before they
    /// occupy a blocking thread: a plain mutex wakes waiters in no
    /// particular order, and under load some requests waited many turns.
    queue: Arc<tokio::sync::Semaphore>,
}

impl Db {
    /// Opens (or creates) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> anyhow::Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("création du dossier {}", dir.display()))?;
        }
        let mut connection = Connection::open(path).with_context(|| format!("ouverture de la base {}", path.display()))?;
        connection
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = FULL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA busy_timeout = 5000;",
            )
            .context("réglages SQLite")?;
        migrate(&mut connection)?;
        Ok(Db { connection: Arc::new(Mutex::new(connection)), queue: Arc::new(tokio::sync::Semaphore::new(1)) })
    }

    /// The connection, for one unit of work. Never held across an await.
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written
        // (transactions roll back on drop), so a poisoned lock is usable.
        self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Like `run`, but a panic in the work becomes an error instead of
    /// ending the caller: the registrations writer answers 500 to that
    /// group and goes on with the next one.
    pub async fn try_run<T: Send + 'static>(&self, work: impl FnOnce(&mut Connection) -> T + Send + 'static) -> anyhow::Result<T> {
        let db = self.clone();
        let turn = self.queue.clone().acquire_owned().await.map_err(|_| anyhow::anyhow!("la file de la base est fermée"))?;
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            work(&mut db.lock())
        })
        .await
        .map_err(|error| anyhow::anyhow!("le travail sur la base s'est arrêté : {error}"))
    }

    /// Runs blocking database work off the async runtime.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce(&mut Connection) -> T + Send + 'static) -> T {
        let db = self.clone();
        let turn = self.queue.clone().acquire_owned().await.expect("the database queue is never closed");
        tokio::task::spawn_blocking(move || {
            // Held until the work is done, even if the request was dropped.
            let _turn = turn;
            work(&mut db.lock())
        })
        .await
        .expect("database task panicked")
    }
}

/// The schema version this build writes (and the newest it can read).
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

fn migrate(connection: &mut Connection) -> anyhow::Result<()> {
    let done: usize = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if done > MIGRATIONS.len() {
        anyhow::bail!(
            "cette base a été créée par une version plus récente de Proxinum (schéma {done}, connu : {}) : mettez Proxinum à jour",
            MIGRATIONS.len()
        );
    }
    for (index, step) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = connection.transaction()?;
        tx.execute_batch(step).with_context(|| format!("migration {}", index + 1))?;
        tx.pragma_update(None, "user_version", index + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Now as stored in the database (RFC 3339, UTC).
pub fn timestamp(now: chrono::DateTime<chrono::Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::Db;

    /// A panic in database work is an error for that work only: the next
    /// work runs (the registrations writer relies on it).
    #[tokio::test]
    async fn a_panic_in_work_leaves_the_database_usable() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("test.sqlite")).unwrap();
        let failed = db.try_run(|_| -> u32 { panic!("boom") }).await;
        assert!(failed.is_err());
        let version: u32 = db.try_run(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()).await.unwrap();
        assert!(version > 0);
    }
}
