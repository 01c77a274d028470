//! National place data kept fresh: downloads a national export (conditional
//! request, so an unchanged file costs one small answer), reads it with the
//! same importer as `proxinum import`, and replaces the national places of
//! the départements it covers — or changes nothing, with the reason, when
//! the file does not read as a whole or would remove too many places
//! (`core::import::sync`). Used by `proxinum import https://…` and by
//! `servir --synchroniser-lieux`.

use std::time::Duration;

use proxinum_core::import::sync::{check_removals, TerritoryChange, TooManyRemovals};
use proxinum_core::import::{import_file, ImportOptions, ImportReport};

use crate::clock::Clock;
use crate::db::synchronisations::{self, Validators};
use crate::db::{self, Db};
use crate::defaults;

/// The national export is tens of megabytes; far more is not a place file.
const MAX_BYTES: u64 = 512 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(300);

/// One sync, as asked.
#[derive(Debug, Clone)]
pub struct Source {
    /// `https://…` (or `http://…` on a local network).
    pub url: String,
    /// Only this département (`--territoire`); otherwise every département
    /// of the file and those this address filled before.
    pub territoire: Option<String>,
    pub max_removed_percent: u32,
    /// Applies the file even when it removes more than the share allowed
    /// (a coordinator's decision, after reading the refusal).
    pub accept_removals: bool,
    /// Reads and judges the file, stores nothing.
    pub dry_run: bool,
}

/// What a sync did.
#[derive(Debug)]
pub enum Outcome {
    /// The address answered 304: the places are confirmed current.
    Unchanged,
    /// The file replaced the national places of these départements.
    Applied { report: ImportReport, changes: Vec<TerritoryChange>, stored: usize },
    /// `dry_run`: what applying would do.
    Judged { report: ImportReport, changes: Vec<TerritoryChange> },
}

/// Why a sync changed nothing.
#[derive(Debug)]
pub enum Failure {
    Download(String),
    Unreadable(Box<ImportReport>),
    NoPlace(Box<ImportReport>),
    TooManyRemovals(Box<ImportReport>, TooManyRemovals),
    Database(anyhow::Error),
}

impl Failure {
    /// The `resultat` label of `proxinum_synchro_lieux_total`.
    pub fn label(&self) -> &'static str {
        match self {
            Failure::Download(_) => "echec_telechargement",
            Failure::Unreadable(_) | Failure::NoPlace(_) => "refusee_fichier",
            Failure::TooManyRemovals(..) => "refusee_suppressions",
            Failure::Database(_) => "erreur",
        }
    }

    /// The import report, when the file was read.
    pub fn report(&self) -> Option<&ImportReport> {
        match self {
            Failure::Unreadable(report) | Failure::NoPlace(report) | Failure::TooManyRemovals(report, _) => Some(report.as_ref()),
            Failure::Download(_) | Failure::Database(_) => None,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Download(reason) => write!(f, "téléchargement impossible : {reason}"),
            Failure::Unreadable(report) => {
                let reason = report.erreur_fatale.as_deref().unwrap_or("fichier illisible");
                write!(f, "fichier refusé : {reason}")
            }
            Failure::NoPlace(_) => write!(f, "fichier refusé : aucun lieu valide"),
            Failure::TooManyRemovals(_, removals) => write!(f, "fichier refusé : {removals}"),
            Failure::Database(error) => write!(f, "erreur de la base : {error:#}"),
        }
    }
}

impl Outcome {
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Unchanged => "inchangee",
            Outcome::Applied { .. } => "appliquee",
            Outcome::Judged { .. } => "essai",
        }
    }
}

/// Runs one sync. Blocking (download and database): call it off the async
/// runtime. Every outcome is recorded for the address and counted in the
/// metrics; a failure changes no place.
pub fn run(db: &Db, clock: &Clock, source: &Source) -> Result<Outcome, Failure> {
    let result = attempt(db, clock, source);
    crate::metrics::place_sync(match &result {
        Ok(outcome) => outcome.label(),
        Err(failure) => failure.label(),
    });
    if let Err(failure) = &result {
        if !source.dry_run && !matches!(failure, Failure::Database(_)) {
            let now = db::timestamp(clock.now());
            if let Err(error) = synchronisations::failed(&db.lock(), &source.url, &now, &failure.to_string()) {
                tracing::error!("synchronisation des lieux : le résultat n'a pas pu être noté : {error:#}");
            }
        }
    }
    result
}

fn attempt(db: &Db, clock: &Clock, source: &Source) -> Result<Outcome, Failure> {
    let known = synchronisations::validators(&db.reader(), &source.url).map_err(|e| Failure::Database(e.into()))?;
    // A trial judges the file itself, whatever was applied before.
    let asked = if source.dry_run || source.accept_removals { Validators::default() } else { known };
    let (bytes, validators) = match download(&source.url, &asked)? {
        Download::NotModified => {
            let now = db::timestamp(clock.now());
            let connection = db.lock();
            synchronisations::succeeded(&connection, &source.url, None, &now, "inchangee")
                .and_then(|()| db::meta::bump_generation(&connection))
                .map_err(|e| Failure::Database(e.into()))?;
            return Ok(Outcome::Unchanged);
        }
        Download::File { bytes, validators } => (bytes, validators),
    };
    let options = ImportOptions { territoire: source.territoire.clone(), date_liste: None, communes: Some(defaults::shared_gazetteer()) };
    let outcome = import_file(file_name(&source.url), &bytes, &options);
    drop(bytes);
    if outcome.report.is_fatal() {
        return Err(Failure::Unreadable(Box::new(outcome.report)));
    }
    let places: Vec<_> = outcome.places.into_iter().filter(|p| p.departement().is_some()).collect();
    if places.is_empty() {
        return Err(Failure::NoPlace(Box::new(outcome.report)));
    }
    let scope = {
        let connection = db.reader();
        let mut scope: Vec<String> = match &source.territoire {
            Some(code) => vec![code.clone()],
            None => {
                let mut codes = db::places::departements_of(&connection, &source.url).map_err(Failure::Database)?;
                codes.extend(places.iter().filter_map(|p| p.departement()));
                codes
            }
        };
        scope.sort();
        scope.dedup();
        scope
    };
    let before = db::places::national(&db.reader(), defaults::PLACES_FILE, &scope).map_err(Failure::Database)?;
    let max_percent = if source.accept_removals { 100 } else { source.max_removed_percent };
    let changes = match check_removals(&before, &places, max_percent) {
        Ok(changes) => changes,
        Err(removals) => return Err(Failure::TooManyRemovals(Box::new(outcome.report), removals)),
    };
    if source.dry_run {
        return Ok(Outcome::Judged { report: outcome.report, changes });
    }
    let now = db::timestamp(clock.now());
    let mut connection = db.lock();
    let stored = places.len();
    let applied = (|| -> anyhow::Result<()> {
        let tx = connection.transaction()?;
        db::places::replace_national(&tx, defaults::PLACES_FILE, &scope, &places, &source.url, &now)?;
        synchronisations::succeeded(&tx, &source.url, Some(&validators), &now, "appliquee")?;
        tx.commit()?;
        Ok(())
    })();
    applied.map_err(Failure::Database)?;
    Ok(Outcome::Applied { report: outcome.report, changes, stored })
}

enum Download {
    NotModified,
    File { bytes: Vec<u8>, validators: Validators },
}

fn download(url: &str, known: &Validators) -> Result<Download, Failure> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(TIMEOUT))
        .user_agent(concat!("proxinum/", env!("CARGO_PKG_VERSION"), " (synchronisation des lieux)"))
        .build()
        .into();
    let mut request = agent.get(url);
    if let Some(etag) = &known.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(date) = &known.last_modified {
        request = request.header("If-Modified-Since", date);
    }
    let mut response = request.call().map_err(|e| Failure::Download(e.to_string()))?;
    match response.status().as_u16() {
        304 => return Ok(Download::NotModified),
        200 => {}
        status => return Err(Failure::Download(format!("l'adresse a répondu {status}"))),
    }
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(|e| Failure::Download(format!("fichier reçu en partie : {e}")))?;
    Ok(Download::File { bytes, validators })
}

/// The last segment of the address's path: the importer reads a France
/// Services list's date from it.
fn file_name(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/').find(|s| !s.is_empty()).unwrap_or(path)
}

/// `servir --synchroniser-lieux`: a sync now, then every `every`. Never ends.
pub async fn every(db: Db, clock: Clock, source: Source, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    loop {
        ticker.tick().await;
        let (db, source) = (db.clone(), source.clone());
        let url = source.url.clone();
        match tokio::task::spawn_blocking(move || run(&db, &clock, &source)).await {
            Ok(Ok(Outcome::Applied { changes, stored, .. })) => {
                let summary: Vec<String> = changes.iter().map(ToString::to_string).collect();
                tracing::info!(%url, stored, "lieux synchronisés : {}", summary.join(" ; "));
            }
            Ok(Ok(outcome)) => tracing::info!(%url, "lieux synchronisés : {}", outcome.label()),
            Ok(Err(failure)) => tracing::warn!(%url, "synchronisation des lieux : {failure} ; rien n'a été modifié"),
            Err(error) => tracing::error!(%url, "synchronisation des lieux arrêtée : {error}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_of_addresses() {
        assert_eq!(file_name("https://exemple.fr/donnees/lieux.csv?v=2"), "lieux.csv");
        assert_eq!(file_name("https://exemple.fr/r/0a1b/"), "0a1b");
        assert_eq!(file_name("https://www.data.gouv.fr/fr/datasets/r/f6a6c6f3"), "f6a6c6f3");
    }
}
