//! National place data kept fresh: `proxinum import http://…` and
//! `servir --synchroniser-lieux` against a local HTTP server that serves
//! real files (the shipped places of Gers and Tarn-et-Garonne, edited as a
//! new national export would be): a good one, a truncated one, one with half
//! of Gers missing, and the same file again (304).

mod common;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use common::{agent, cli, get, Server};
use proxinum_core::import::{import_file, merge_duplicates, ImportOptions};
use serde_json::Value;
use sha2::Digest;

/// The server's clock in these tests: the day "Mis à jour le" must show.
const NOW: &str = "2026-11-24T09:00:00+01:00";
const TODAY: &str = "2026-11-24";

/// (file, If-None-Match sent, status answered).
type Request = (String, Option<String>, u16);

/// A file server like the national platform's: ETag and Last-Modified, 304
/// to a matching If-None-Match. Files can be replaced while it runs.
#[derive(Clone, Default)]
struct Files {
    files: Arc<Mutex<HashMap<String, Vec<u8>>>>,
    /// Every request, in order.
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Files {
    fn start() -> (Files, String) {
        let files = Files::default();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        listener.set_nonblocking(true).unwrap();
        let state = files.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async move {
                let app = axum::Router::new().route("/{name}", axum::routing::get(serve)).with_state(state);
                axum::serve(tokio::net::TcpListener::from_std(listener).unwrap(), app).await.unwrap();
            });
        });
        (files, url)
    }

    fn put(&self, name: &str, bytes: Vec<u8>) {
        self.files.lock().unwrap().insert(name.to_string(), bytes);
    }

    fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

async fn serve(State(files): State<Files>, Path(name): Path<String>, headers: HeaderMap) -> Response {
    let sent = headers.get("if-none-match").and_then(|v| v.to_str().ok()).map(str::to_string);
    let body = files.files.lock().unwrap().get(&name).cloned();
    let response = match body {
        None => StatusCode::NOT_FOUND.into_response(),
        Some(body) => {
            let etag = format!("\"{:x}\"", sha2::Sha256::digest(&body));
            if sent.as_deref() == Some(etag.as_str()) {
                (StatusCode::NOT_MODIFIED, [("etag", etag)]).into_response()
            } else {
                ([("etag", etag), ("last-modified", "Tue, 24 Nov 2026 07:00:00 GMT".to_string())], body).into_response()
            }
        }
    };
    files.requests.lock().unwrap().push((name, sent, response.status().as_u16()));
    response
}

/// The shipped places file, as records.
fn shipped() -> Vec<Value> {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lieux/gers-tarn-et-garonne.json")).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// The places of Gers as residents see them (duplicates merged), each with
/// the ids of all its records.
fn gers_places(records: &[Value]) -> Vec<(String, String, BTreeSet<String>)> {
    let bytes = serde_json::to_vec(records).unwrap();
    let places = import_file("lieux.json", &bytes, &ImportOptions::default()).places;
    merge_duplicates(places)
        .places
        .into_iter()
        .filter(|p| p.departement().as_deref() == Some("32"))
        .map(|p| (p.id.clone(), p.nom.clone(), std::iter::once(p.id).chain(p.fusion_de).collect()))
        .collect()
}

fn without(records: &[Value], ids: &BTreeSet<String>) -> Vec<Value> {
    records.iter().filter(|r| !ids.contains(r["id"].as_str().unwrap())).cloned().collect()
}

/// A newer export: one place of Gers closed, one opened, one with new hours.
struct NewExport {
    bytes: Vec<u8>,
    closed: (String, String),
    opened: String,
    changed: String,
}

fn new_export() -> NewExport {
    let records = shipped();
    let places = gers_places(&records);
    let (closed_id, closed_name, closed_ids) = places.iter().find(|(_, _, ids)| ids.len() == 1).cloned().unwrap();
    let mut records = without(&records, &closed_ids);
    let mut opened = records.iter().find(|r| r["code_postal"] == "32000").cloned().unwrap();
    opened["id"] = "tiers-lieu-auch-2026".into();
    opened["nom"] = "Tiers-lieu numérique du Garros".into();
    opened["adresse"] = "12 Rue du Garros".into();
    opened["latitude"] = 43.6399.into();
    opened["longitude"] = 0.5871.into();
    opened["date_maj"] = "2026-11-20".into();
    records.push(opened);
    let changed = places.iter().find(|(id, _, ids)| id.starts_with("fs-") && ids.len() == 1 && *id != closed_id).unwrap().0.clone();
    for record in records.iter_mut().filter(|r| r["id"] == changed.as_str()) {
        record["horaires"] = "Mo-Fr 09:00-12:00".into();
    }
    NewExport {
        bytes: serde_json::to_vec_pretty(&records).unwrap(),
        closed: (closed_id, closed_name),
        opened: "tiers-lieu-auch-2026".into(),
        changed,
    }
}

/// Half of Gers's places missing (every other one), the rest unchanged.
fn half_missing() -> (Vec<u8>, usize) {
    let records = shipped();
    let places = gers_places(&records);
    let gone: BTreeSet<String> = places.iter().step_by(2).flat_map(|(_, _, ids)| ids.clone()).collect();
    (serde_json::to_vec(&without(&records, &gone)).unwrap(), places.len().div_ceil(2))
}

fn out(output: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Every stored record: id → (file it came from, data).
fn stored(db: &std::path::Path) -> HashMap<String, (String, Value)> {
    let connection = rusqlite::Connection::open(db).unwrap();
    let mut statement = connection.prepare("SELECT id, fichier, donnees FROM lieux").unwrap();
    statement
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, (row.get::<_, String>(1)?, serde_json::from_str(&row.get::<_, String>(2)?).unwrap())))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn import_from_an_address_applies_a_good_file_refuses_bad_ones_and_asks_again_only_for_changes() {
    let (files, base) = Files::start();
    let export = new_export();
    files.put("lieux.json", export.bytes.clone());
    let source = shipped();
    files.put("tronque.json", export.bytes[..export.bytes.len() / 2].to_vec());
    let (half, half_count) = half_missing();
    files.put("moitie.json", half);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("proxinum.sqlite");
    let env = [("PROXINUM_MAINTENANT", NOW)];
    // A coordinator's own place, imported from a local file: never removed by a sync.
    let own = dir.path().join("notre-liste.json");
    let mut mine = source.iter().find(|r| r["code_postal"] == "32000").cloned().unwrap();
    mine["id"] = "coordination-32-permanence".into();
    mine["adresse"] = "3 Place de la Libération".into();
    mine["latitude"] = 43.6465.into();
    std::fs::write(&own, serde_json::to_vec(&[mine]).unwrap()).unwrap();
    assert!(cli(&db, &["import", own.to_str().unwrap()], &env).status.success());
    let before = stored(&db);

    // A truncated file: refused, nothing changes.
    let truncated = cli(&db, &["import", &format!("{base}/tronque.json")], &env);
    assert!(!truncated.status.success());
    assert!(out(&truncated).contains("ÉCHEC : JSON illisible"), "{}", out(&truncated));
    assert!(out(&truncated).contains("rien n'a été modifié"), "{}", out(&truncated));
    assert_eq!(stored(&db), before);

    // Half of Gers missing: refused, naming the département and the share.
    let refused = cli(&db, &["import", &format!("{base}/moitie.json")], &env);
    assert!(!refused.status.success());
    let text = out(&refused);
    assert!(text.contains(&format!("le fichier retirerait {half_count} des")), "{text}");
    assert!(text.contains("du département 32"), "{text}");
    assert!(text.contains("plus que les 20 % permis"), "{text}");
    assert!(text.contains("--accepter-suppressions"), "{text}");
    assert_eq!(stored(&db), before);

    // A trial says what would happen and stores nothing.
    let trial = cli(&db, &["import", &format!("{base}/lieux.json"), "--essai"], &env);
    assert!(trial.status.success(), "{}", out(&trial));
    assert!(out(&trial).contains("Essai : rien n'a été enregistré."), "{}", out(&trial));
    assert_eq!(stored(&db), before);

    // The good file: the closed place goes, the new one comes, hours change.
    let applied = cli(&db, &["import", &format!("{base}/lieux.json")], &env);
    assert!(applied.status.success(), "{}", out(&applied));
    let text = out(&applied);
    assert!(text.contains("Département 32 : "), "{text}");
    assert!(text.contains("1 retirés"), "{text}");
    let after = stored(&db);
    assert!(!after.contains_key(&export.closed.0), "the closed place is removed");
    assert_eq!(after[&export.opened].0, format!("{base}/lieux.json"));
    assert_eq!(after[&export.changed].1["horaires"], "Mo-Fr 09:00-12:00");
    assert_eq!(after["coordination-32-permanence"], before["coordination-32-permanence"], "a local file's place stays");
    assert!(after.values().all(|(file, _)| file != "gers-tarn-et-garonne.json"), "the shipped records are replaced");

    // The same address again: asked with the ETag, answered 304, nothing to do.
    let again = cli(&db, &["import", &format!("{base}/lieux.json")], &env);
    assert!(again.status.success(), "{}", out(&again));
    assert!(out(&again).contains("Inchangé depuis la dernière synchronisation"), "{}", out(&again));
    let last = files.requests().last().cloned().unwrap();
    assert_eq!(last.0, "lieux.json");
    assert!(last.1.is_some(), "a conditional request");
    assert_eq!(last.2, 304);
    assert_eq!(stored(&db), after);

    // The coordinator decides the half-missing file is right after all.
    let forced = cli(&db, &["import", &format!("{base}/moitie.json"), "--accepter-suppressions"], &env);
    assert!(forced.status.success(), "{}", out(&forced));
    assert!(stored(&db).len() < after.len());
    assert!(stored(&db).contains_key("coordination-32-permanence"));

    // An address that answers an error, and one where nothing listens.
    let missing = cli(&db, &["import", &format!("{base}/absent.json")], &env);
    assert!(out(&missing).contains("téléchargement impossible : l'adresse a répondu 404"), "{}", out(&missing));
    let closed = cli(&db, &["import", "http://127.0.0.1:9/lieux.json"], &env);
    assert!(!closed.status.success());
    assert!(out(&closed).contains("téléchargement impossible"), "{}", out(&closed));
    let not_an_address = cli(&db, &["import", "https://"], &env);
    assert!(out(&not_an_address).contains("adresse https:// attendue"), "{}", out(&not_an_address));
}

/// Waits until the catalog of Gers satisfies `done`.
fn catalog_until(server: &Server, done: impl Fn(&Value) -> bool) -> Value {
    let started = Instant::now();
    loop {
        let catalog = get(&agent(), &format!("{}/api/catalogue/32", server.url), &[]).json();
        if done(&catalog) {
            return catalog;
        }
        // Well before the next sync (a minute later): the first one must show.
        assert!(started.elapsed() < Duration::from_secs(30), "the sync did not happen: {}", catalog["mis_a_jour_le"]);
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn metrics(server: &Server) -> String {
    let url = server.banner.iter().find_map(|l| l.strip_prefix("Mesures Prometheus : ")).unwrap().to_string();
    get(&agent(), &url, &[]).body
}

#[test]
fn the_server_syncs_on_a_schedule_and_shows_when() {
    let (files, base) = Files::start();
    let export = new_export();
    files.put("lieux.json", export.bytes.clone());
    let server = Server::start(
        &["--synchroniser-lieux", &format!("{base}/lieux.json"), "--toutes-les", "1min", "--metriques", "127.0.0.1:0"],
        &[("PROXINUM_MAINTENANT", NOW)],
    );
    let catalog = catalog_until(&server, |c| c["mis_a_jour_le"] == TODAY);
    let ids: BTreeSet<&str> = catalog["lieux"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert!(ids.contains(export.opened.as_str()) && !ids.contains(export.closed.0.as_str()));
    assert_eq!(catalog["donnees_du"], "2026-11-20", "the date of the newest data");
    // Without the markers the server's rendering leaves between text nodes.
    let home = get(&agent(), &format!("{}/", server.url), &[]).body.replace("<!>", "");
    assert!(home.contains("Données du 20 novembre 2026 · Mis à jour le 24 novembre 2026"), "{home}");
    assert!(!home.contains(&export.closed.1), "the closed place is not listed");
    assert!(metrics(&server).contains("proxinum_synchro_lieux_total{resultat=\"appliquee\"} 1"), "{}", metrics(&server));
}

#[test]
fn a_refused_sync_in_the_server_changes_nothing_and_is_counted() {
    let (files, base) = Files::start();
    let (half, _) = half_missing();
    files.put("moitie.json", half);
    let server = Server::start(
        &["--synchroniser-lieux", &format!("{base}/moitie.json"), "--metriques", "127.0.0.1:0"],
        &[("PROXINUM_MAINTENANT", NOW)],
    );
    let started = Instant::now();
    while !metrics(&server).contains("proxinum_synchro_lieux_total{resultat=\"refusee_suppressions\"} 1") {
        assert!(started.elapsed() < Duration::from_secs(60), "{}", metrics(&server));
        std::thread::sleep(Duration::from_millis(200));
    }
    let catalog = get(&agent(), &format!("{}/api/catalogue/32", server.url), &[]).json();
    assert!(catalog.get("mis_a_jour_le").is_none(), "no successful sync");
    assert_eq!(catalog["lieux"].as_array().unwrap().len(), gers_places(&shipped()).len(), "every place still there");
    let connection = rusqlite::Connection::open(server.db_path()).unwrap();
    let reason: String = connection.query_row("SELECT dernier_resultat FROM synchronisations", [], |r| r.get(0)).unwrap();
    assert!(reason.starts_with("fichier refusé : le fichier retirerait"), "{reason}");
    assert_eq!(files.requests().len(), 1);
}
