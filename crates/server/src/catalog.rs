//! Builds each territory's catalog from the database, once per change:
//! places merged and filtered, workshops, guides, communes (with a border
//! margin), sources. Keeps the JSON and the app's compact form, each with
//! its brotli and gzip forms and a strong ETag, and a national index of
//! places for `/api/lieux/proches`.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use proxinum_core::catalog::{default_sources, Catalog, CATALOG_FORMAT};
use proxinum_core::communes::Gazetteer;
use proxinum_core::geo::BoundingBox;
use proxinum_core::hours;
use proxinum_core::import::merge_duplicates;
use proxinum_core::nearest::PlaceIndex;
use proxinum_core::territory::Territory;
use sha2::{Digest, Sha256};

use crate::clock::Clock;
use crate::db::{self, Db};
use crate::defaults;

/// How far beyond its border a territory's communes are shipped: people
/// near a border use the places across it.
const BORDER_MARGIN_KM: f64 = 10.0;

/// A built catalog, ready to send.
pub struct BuiltCatalog {
    pub catalog: Arc<Catalog>,
    /// The territory's places ready to query (server-rendered lists).
    pub index: Arc<PlaceIndex>,
    /// Its communes, searched by the plain commune form.
    pub communes: Arc<Gazetteer>,
    /// The public JSON document (`/api/catalogue/{code}`).
    pub json: Encoded,
    /// The residents' app's compact form (`/api/catalogue/{code}/compact`,
    /// `proxinum_core::catalog_compact`).
    pub compact: Encoded,
}

/// One form of a catalog, ready to send: its tag and its bytes, plain and
/// compressed once for every request.
pub struct Encoded {
    /// A strong ETag (quoted).
    pub etag: String,
    pub plain: Vec<u8>,
    pub brotli: Vec<u8>,
    pub gzip: Vec<u8>,
}

impl Encoded {
    fn new(etag: String, plain: Vec<u8>) -> anyhow::Result<Encoded> {
        Ok(Encoded { etag, brotli: compress_brotli(&plain)?, gzip: compress_gzip(&plain)?, plain })
    }
}

/// How many days of opening hours a catalog carries, from the Monday of the
/// week it is built: an app that stays offline keeps correct hours for at
/// least twelve weeks, then says "à vérifier".
pub const HOURS_DAYS: u32 = 13 * 7;

/// The Monday (Europe/Paris) of the week holding `now`: catalogs are rebuilt
/// when it changes, so that their hours always start this week.
pub fn hours_start(now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    proxinum_core::time::monday_of(proxinum_core::time::in_paris(now).date_naive())
}

/// Territories kept built at once. Those with data are few (32, 82); any
/// other valid code is built on demand, and without this bound a client
/// asking for all 101 départements would keep 101 catalogs in memory.
const MOST_KEPT: usize = 12;

#[derive(Default)]
struct Cache {
    generation: Option<u64>,
    /// First day of the opening hours of what is built.
    hours_from: chrono::NaiveDate,
    territories: HashMap<String, Arc<BuiltCatalog>>,
    /// Least recently used first.
    recent: Vec<String>,
    index: Option<Arc<PlaceIndex>>,
}

impl Cache {
    fn get(&mut self, code: &str) -> Option<Arc<BuiltCatalog>> {
        let built = self.territories.get(code)?.clone();
        self.recent.retain(|c| c != code);
        self.recent.push(code.to_string());
        Some(built)
    }

    fn keep(&mut self, code: &str, built: Arc<BuiltCatalog>) {
        self.territories.insert(code.to_string(), built);
        self.recent.retain(|c| c != code);
        self.recent.push(code.to_string());
        while self.recent.len() > MOST_KEPT {
            let oldest = self.recent.remove(0);
            self.territories.remove(&oldest);
        }
    }
}

/// The catalogs of every territory, rebuilt when the data change.
#[derive(Clone)]
pub struct Catalogs {
    db: Db,
    /// Per-territory recipient of "Signaler une erreur".
    report_contacts: Arc<HashMap<String, String>>,
    retention_days: u32,
    cache: Arc<Mutex<Cache>>,
    /// One build at a time per territory ("single flight"): requests that
    /// arrive during a build wait for it and share its result.
    building: Arc<Mutex<HashMap<String, Arc<Mutex<()>>>>>,
    /// Dates the opening hours each catalog carries.
    clock: Clock,
    /// Catalogs built since start (read by tests).
    builds: Arc<std::sync::atomic::AtomicUsize>,
}

impl Catalogs {
    pub fn new(db: Db, report_contacts: HashMap<String, String>, retention_days: u32, clock: Clock) -> Self {
        Catalogs {
            db,
            report_contacts: Arc::new(report_contacts),
            retention_days,
            cache: Arc::default(),
            building: Arc::default(),
            clock,
            builds: Arc::default(),
        }
    }

    /// How many catalogs were built since start.
    #[cfg(test)]
    fn builds(&self) -> usize {
        self.builds.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Drops what was built if the database changed since (also changes made
    /// by the command line, in another process), or on a new week (opening
    /// hours then start a week later). Blocking.
    fn refresh(&self) -> anyhow::Result<std::sync::MutexGuard<'_, Cache>> {
        let generation = db::meta::generation(&self.db.reader())?;
        let hours_from = hours_start(self.clock.now());
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.generation != Some(generation) || cache.hours_from != hours_from {
            *cache = Cache { generation: Some(generation), hours_from, ..Cache::default() };
        }
        Ok(cache)
    }

    /// The catalog of a département, or `None` for an unknown code. Blocking.
    pub fn get(&self, code: &str) -> anyhow::Result<Option<Arc<BuiltCatalog>>> {
        let Some(mut territory) = Territory::of_departement(code) else { return Ok(None) };
        if let Some(built) = self.refresh()?.get(code) {
            return Ok(Some(built));
        }
        let flight = self.building.lock().unwrap_or_else(|p| p.into_inner()).entry(code.to_string()).or_default().clone();
        let _only_builder = flight.lock().unwrap_or_else(|p| p.into_inner());
        // Built by the request we waited for? If not, build for the week the
        // cache was refreshed for.
        let (generation, hours_from) = {
            let mut cache = self.refresh()?;
            if let Some(built) = cache.get(code) {
                return Ok(Some(built));
            }
            (cache.generation, cache.hours_from)
        };
        if let Some(contact) = self.report_contacts.get(code) {
            territory.courriel_signalement = contact.clone();
        }
        let started = std::time::Instant::now();
        let built = Arc::new(self.build(territory, hours_from)?);
        crate::metrics::catalog_built(code, started.elapsed());
        self.builds.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.keep(code, generation, built.clone())?;
        Ok(Some(built))
    }

    /// Keeps a catalog built from the data of `generation` only if nothing
    /// changed while it was built: a build that read the data just before a
    /// change must not be kept as the new state.
    fn keep(&self, code: &str, generation: Option<u64>, built: Arc<BuiltCatalog>) -> anyhow::Result<()> {
        let mut cache = self.refresh()?;
        if cache.generation == generation {
            cache.keep(code, built);
        }
        Ok(())
    }

    /// Every place, merged, for nearest-place queries. Blocking.
    pub fn index(&self) -> anyhow::Result<Arc<PlaceIndex>> {
        let generation = {
            let cache = self.refresh()?;
            if let Some(index) = &cache.index {
                return Ok(index.clone());
            }
            cache.generation
        };
        let places = db::places::all(&self.db.reader())?;
        let index = Arc::new(PlaceIndex::new(merge_duplicates(places).places));
        let mut cache = self.refresh()?;
        if cache.generation == generation {
            cache.index = Some(index.clone());
        }
        Ok(index)
    }

    fn build(&self, mut territory: Territory, hours_from: chrono::NaiveDate) -> anyhow::Result<BuiltCatalog> {
        let (places, sessions, confirmed, stops) = {
            let connection = self.db.reader();
            (
                db::places::all(&connection)?,
                db::sessions::of_territory(&connection, &territory.code)?,
                db::synchronisations::last_confirmed(&connection, &territory.code)?,
                db::stops::all(&connection)?,
            )
        };
        let lieux: Vec<_> =
            merge_duplicates(places).places.into_iter().filter(|p| p.departement().as_deref() == Some(territory.code.as_str())).collect();
        let gazetteer = defaults::gazetteer();
        territory.emprise =
            BoundingBox::around(gazetteer.communes().iter().filter(|c| c.departement == territory.code).filter_map(|c| c.position()));
        let mut catalog = Catalog {
            format: CATALOG_FORMAT,
            version: String::new(),
            donnees_du: lieux.iter().map(|p| p.date_maj).max(),
            mis_a_jour_le: confirmed.as_deref().and_then(paris_day),
            territoire: territory,
            lieux,
            ateliers: sessions,
            guides: defaults::guides().to_vec(),
            communes: Vec::new(),
            sources: default_sources(),
            conservation_jours: self.retention_days,
            horaires: Default::default(),
            arrets: Vec::new(),
        };
        // By `place`, which knows merged ids too, as the index's `stops_of` does.
        catalog.arrets = stops.into_iter().filter(|s| catalog.place(&s.lieu_id).is_some()).collect();
        catalog.horaires = catalog
            .lieux
            .iter()
            .filter_map(|p| Some((p.id.clone(), hours::parse(p.horaires.as_deref()?)?.calendar(hours_from, HOURS_DAYS))))
            .collect();
        catalog.communes = gazetteer.for_territory(&catalog.territoire.code, BORDER_MARGIN_KM);
        let digest = Sha256::digest(serde_json::to_vec(&catalog)?);
        catalog.version = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        let json = Encoded::new(format!("\"{}\"", catalog.version), serde_json::to_vec(&catalog)?)?;
        // The layout is in the tag: an app holding a copy of another layout
        // gets the new bytes instead of a 304.
        let compact = Encoded::new(
            format!("\"{}-c{}\"", catalog.version, proxinum_core::catalog_compact::LAYOUT),
            proxinum_core::catalog_compact::write(&catalog),
        )?;
        let index = Arc::new(PlaceIndex::with_calendars(catalog.lieux.clone(), &catalog.horaires).with_stops(&catalog.arrets));
        let communes = Arc::new(Gazetteer::new(catalog.communes.clone()));
        Ok(BuiltCatalog { catalog: Arc::new(catalog), index, communes, json, compact })
    }
}

/// The Paris day of a stored RFC 3339 moment.
fn paris_day(stamp: &str) -> Option<chrono::NaiveDate> {
    let moment = chrono::DateTime::parse_from_rfc3339(stamp).ok()?;
    Some(proxinum_core::time::in_paris(moment.with_timezone(&chrono::Utc)).date_naive())
}

fn compress_brotli(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes).context("brotli")?;
    }
    Ok(out)
}

fn compress_gzip(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogs() -> (tempfile::TempDir, Catalogs) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("test.sqlite")).unwrap();
        (dir, Catalogs::new(db, HashMap::new(), 30, Clock::default()))
    }

    /// Eight simultaneous requests for one territory build it once
    /// (review finding 8: it was built eight times).
    #[test]
    fn one_build_for_simultaneous_requests() {
        let (_dir, catalogs) = catalogs();
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let catalogs = catalogs.clone();
                std::thread::spawn(move || catalogs.get("32").unwrap().unwrap().json.etag.clone())
            })
            .collect();
        let etags: Vec<String> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        assert!(etags.windows(2).all(|w| w[0] == w[1]));
        assert_eq!(catalogs.builds(), 1);
    }

    /// A change committed while a catalog is being built is not hidden by
    /// that build: the next request sees it (a sync applied at start-up
    /// while the first visitor's catalog was building stayed invisible
    /// until the next change).
    #[test]
    fn a_change_during_a_build_is_seen_next_time() {
        let (_dir, catalogs) = catalogs();
        let generation = catalogs.refresh().unwrap().generation;
        let stale = Arc::new(catalogs.build(Territory::of_departement("32").unwrap(), hours_start(Clock::default().now())).unwrap());
        db::meta::bump_generation(&catalogs.db.lock()).unwrap();
        catalogs.keep("32", generation, stale).unwrap();
        catalogs.get("32").unwrap().unwrap();
        assert_eq!(catalogs.builds(), 1, "built again after the change");
    }

    /// Asking for every département keeps a bounded number in memory.
    #[test]
    fn a_bounded_number_of_territories_is_kept() {
        let (_dir, catalogs) = catalogs();
        for code in ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15"] {
            catalogs.get(code).unwrap().unwrap();
        }
        assert!(catalogs.cache.lock().unwrap().territories.len() <= MOST_KEPT);
        let before = catalogs.builds();
        catalogs.get("15").unwrap();
        assert_eq!(catalogs.builds(), before, "the most recent stays built");
    }
}
