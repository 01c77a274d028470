//! The SQLite database (embedded file, WAL): the only place that knows SQL.
//!
//! Writes happen in transactions; with WAL and `synchronous=FULL` every
//! commit is on disk before it is answered, so neither a killed process nor
//! a power cut loses a confirmed registration. Registrations are committed
//! in groups (`registrar`), which keeps the cost of that flush shared
//! (measured with `node scripts/measure.mjs charge`, README "Mesures").
//!
//! Reads that decide nothing (availability, a workshop, a registration's
//! status, catalog builds) go to a small pool of read-only connections:
//! WAL lets them see the last commit without waiting for the writer, so a
//! flood of reads does not delay registrations.

pub mod backup_file;
pub mod journal;
pub mod meta;
pub mod notices;
pub mod organisers;
pub mod places;
pub mod registrations;
pub mod sessions;
pub mod stops;
pub mod synchronisations;

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
    // 2: national place files kept fresh (`places_sync`): one row per address,
    // with what conditional requests need and the last outcome.
    "CREATE TABLE synchronisations (
         url TEXT PRIMARY KEY,
         etag TEXT,
         derniere_modification TEXT,
         verifie_le TEXT,
         applique_le TEXT,
         dernier_essai_le TEXT NOT NULL,
         dernier_resultat TEXT NOT NULL
     );
     CREATE INDEX lieux_fichier ON lieux(fichier, departement);",
    // 3: one account per organiser (only its secret's SHA-256 is kept), the
    // owner of each workshop (none: the coordinator's), and the audit log
    // of every change made through the organiser tools or the command line.
    "CREATE TABLE organisateurs (
         id INTEGER PRIMARY KEY,
         nom TEXT NOT NULL UNIQUE COLLATE NOCASE,
         secret_sha256 TEXT NOT NULL UNIQUE,
         cree_le TEXT NOT NULL,
         revoque_le TEXT
     );
     ALTER TABLE ateliers ADD COLUMN organisateur_id INTEGER REFERENCES organisateurs(id);
     CREATE INDEX ateliers_organisateur ON ateliers(organisateur_id);
     CREATE TABLE journal (
         id INTEGER PRIMARY KEY,
         quand TEXT NOT NULL,
         auteur TEXT NOT NULL,
         organisateur_id INTEGER,
         action TEXT NOT NULL,
         atelier_id TEXT,
         objet TEXT,
         avant TEXT,
         apres TEXT
     );
     CREATE INDEX journal_quand ON journal(quand);",
    // 4: notices to registrants (core::notice), queued in the transaction of
    // the change that causes them; `cle` is the idempotency key (one notice
    // per event). No personal data here: the address is read from the
    // registration when sending, so an erasure stops the notice too.
    "CREATE TABLE avis (
         id INTEGER PRIMARY KEY,
         cle TEXT NOT NULL UNIQUE,
         genre TEXT NOT NULL,
         inscription_id TEXT NOT NULL REFERENCES inscriptions(id),
         atelier_id TEXT NOT NULL,
         cree_le TEXT NOT NULL,
         etat TEXT NOT NULL DEFAULT 'a_envoyer',
         essais INTEGER NOT NULL DEFAULT 0,
         prochain_essai TEXT NOT NULL,
         traite_le TEXT,
         erreur TEXT
     );
     CREATE INDEX avis_a_envoyer ON avis(etat, prochain_essai);
     CREATE INDEX avis_atelier ON avis(atelier_id);",
    // 5: the tours of itinerant places (core::tour::Stop as JSON), replaced
    // whole for a place when its tour is published.
    "CREATE TABLE arrets (
         id INTEGER PRIMARY KEY,
         lieu_id TEXT NOT NULL,
         donnees TEXT NOT NULL
     );
     CREATE INDEX arrets_lieu ON arrets(lieu_id);",
];

/// A shared connection. SQLite allows one writer at a time anyway; one
/// connection behind a mutex keeps every write decision serialised.
#[derive(Clone)]
pub struct Db {
    connection: Arc<Mutex<Connection>>,
    readers: Arc<Readers>,
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
        let readers = Readers::open(path)?;
        Ok(Db { connection: Arc::new(Mutex::new(connection)), readers: Arc::new(readers), queue: Arc::new(tokio::sync::Semaphore::new(1)) })
    }

    /// A read-only connection, for blocking code (catalog builds): the first
    /// free one, or the caller waits for one.
    pub fn reader(&self) -> MutexGuard<'_, Connection> {
        self.readers.any()
    }

    /// Runs a read off the async runtime on a read-only connection, beside
    /// the writer rather than behind it.
    pub async fn read<T: Send + 'static>(&self, work: impl FnOnce(&Connection) -> T + Send + 'static) -> anyhow::Result<T> {
        let turn = self.readers.turns.clone().acquire_owned().await.map_err(|_| anyhow::anyhow!("la file de lecture est fermée"))?;
        let readers = self.readers.clone();
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            work(&readers.any())
        })
        .await
        .map_err(|error| anyhow::anyhow!("la lecture de la base s'est arrêtée : {error}"))
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

/// Read-only connections to the same file.
struct Readers {
    connections: Vec<Mutex<Connection>>,
    /// As many turns as connections: a reader that got a turn finds one free.
    turns: Arc<tokio::sync::Semaphore>,
}

/// Two cores serve the reads of a département; four connections keep
/// them busy while one waits on the disk.
const READERS: usize = 4;

impl Readers {
    fn open(path: &Path) -> anyhow::Result<Readers> {
        let connections = (0..READERS)
            .map(|_| {
                let connection = Connection::open_with_flags(
                    path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .with_context(|| format!("ouverture en lecture de la base {}", path.display()))?;
                connection.busy_timeout(std::time::Duration::from_secs(5))?;
                Ok(Mutex::new(connection))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Readers { connections, turns: Arc::new(tokio::sync::Semaphore::new(READERS)) })
    }

    fn any(&self) -> MutexGuard<'_, Connection> {
        for connection in &self.connections {
            match connection.try_lock() {
                Ok(guard) => return guard,
                Err(std::sync::TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => {}
            }
        }
        // All busy (blocking callers without a turn): wait on one.
        self.connections[0].lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
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

    /// A read is answered while the writer is busy (finding 9 of the
    /// security review: reads used to queue behind registrations), and it
    /// sees what the writer committed.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn reads_do_not_wait_for_the_writer_and_see_its_commits() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("test.sqlite")).unwrap();
        db.run(|c| super::meta::set(c, "essai", "écrit").unwrap()).await;
        let (started, release) = (std::sync::mpsc::channel::<()>(), std::sync::mpsc::channel::<()>());
        let (started_tx, release_rx) = (started.0, release.1);
        let writer = db.clone();
        let busy = tokio::spawn(async move {
            writer
                .run(move |_| {
                    started_tx.send(()).unwrap();
                    // Held until the read below has been answered.
                    release_rx.recv().unwrap();
                })
                .await
        });
        started.1.recv().unwrap();
        // Bounded, so that a read stuck behind the writer fails instead of hanging.
        let read = db.read(|c| super::meta::get(c, "essai").unwrap());
        let seen = tokio::time::timeout(std::time::Duration::from_secs(10), read).await.expect("a read waited for the writer").unwrap();
        assert_eq!(seen.as_deref(), Some("écrit"));
        assert!(!busy.is_finished(), "the read was answered while the writer was busy");
        release.0.send(()).unwrap();
        busy.await.unwrap();
    }

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
