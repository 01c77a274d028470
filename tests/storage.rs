//! The IndexedDB adapter in a real browser (headless Chromium):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p proxinum-app --target wasm32-unknown-unknown`

#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use proxinum_app::storage::{self, records};
use proxinum_core::catalog::{Catalog, CATALOG_FORMAT};
use proxinum_core::catalog_compact;
use proxinum_core::outbox::{Entry, MyRegistration, MyStatus, Operation, Resolution, SessionRef};
use proxinum_core::registration::{RegistrationRequest, RegistrationResult, RegistrationStatus};
use proxinum_core::territory::Territory;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique(name: &str) -> String {
    format!("test-{name}-{}", Uuid::new_v4())
}

fn catalog(code: &str) -> Catalog {
    Catalog {
        format: CATALOG_FORMAT,
        version: "v1".into(),
        territoire: Territory::of_departement(code).unwrap(),
        donnees_du: None,
        mis_a_jour_le: None,
        lieux: vec![],
        ateliers: vec![],
        guides: vec![],
        communes: vec![],
        sources: vec![],
        conservation_jours: 30,
        horaires: Default::default(),
        arrets: Vec::new(),
    }
}

fn entry(now: i64) -> Entry {
    let request = RegistrationRequest {
        id: Uuid::new_v4(),
        session_id: "atelier".into(),
        prenom: "Jeanne".into(),
        nom: "Dupont".into(),
        telephone: Some("+33612345678".into()),
        courriel: None,
        places: 1,
        besoins: None,
        consentement: true,
    };
    let session = SessionRef { id: "atelier".into(), titre: "Atelier".into(), quand: "demain".into(), debut_ms: now + 86_400_000 };
    Entry::register(request, session, now)
}

#[wasm_bindgen_test]
async fn catalog_round_trip() {
    let db = storage::open(&unique("catalog")).await.unwrap();
    // Kept as the server sent it: the compact bytes, with their ETag.
    let bytes = catalog_compact::write(&catalog("32"));
    storage::catalog::save(&db, "32", "\"abc\"".into(), &bytes).await.unwrap();
    let (etag, back) = storage::catalog::load(&db, "32").await.unwrap().expect("stored catalog");
    assert_eq!(etag, "\"abc\"");
    assert_eq!(back, catalog("32"));
    assert!(storage::catalog::load(&db, "82").await.unwrap().is_none());

    // A catalog of another format, or bytes that do not read, are dropped,
    // not misread: the next answer replaces them.
    let mut other_format = catalog("32");
    other_format.format = CATALOG_FORMAT + 1;
    storage::catalog::save(&db, "32", "\"abc\"".into(), &catalog_compact::write(&other_format)).await.unwrap();
    assert!(storage::catalog::load(&db, "32").await.unwrap().is_none());
    storage::catalog::save(&db, "32", "\"abc\"".into(), &bytes[..bytes.len() / 2]).await.unwrap();
    assert!(storage::catalog::load(&db, "32").await.unwrap().is_none());
    assert_eq!(stored_raw(&db, "32").await, None, "removed once found unreadable");

    // An earlier version's copy (JSON text in the record) is not read but
    // removed, and fetched again.
    let earlier = format!(r#"{{"etag":"\"e\"","catalog":{},"recu_le":1.0}}"#, serde_json::to_string(&catalog("32")).unwrap());
    records::put_raw(&db, storage::CATALOGS, "32", &earlier).await.unwrap();
    assert!(storage::catalog::load(&db, "32").await.unwrap().is_none());
    assert_eq!(stored_raw(&db, "32").await, None);
}

/// The record under `key` in the catalogs' store, as text if it is text.
async fn stored_raw(db: &Database, key: &str) -> Option<String> {
    let value = records::get_value::<wasm_bindgen::JsValue>(db, storage::CATALOGS, key).await.unwrap();
    value.map(|v| v.as_string().unwrap_or_else(|| "(objet)".into()))
}

#[wasm_bindgen_test]
async fn a_corrupted_record_is_discarded_not_fatal() {
    let db = storage::open(&unique("corrupt")).await.unwrap();
    records::put_raw(&db, storage::CATALOGS, "32", "{ pas du json").await.unwrap();
    assert!(storage::catalog::load(&db, "32").await.unwrap().is_none());
    // And it is gone, so the next start refetches cleanly.
    let raw: Option<String> = {
        let tx = db.transaction(storage::CATALOGS).build().unwrap();
        tx.object_store(storage::CATALOGS).unwrap().get("32").primitive().unwrap().await.unwrap()
    };
    assert!(raw.is_none());
    records::put_raw(&db, storage::OUTBOX, "inscription:x", "[1, 2").await.unwrap();
    assert!(storage::outbox::entries(&db).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn outbox_round_trip_with_lease() {
    let db = storage::open(&unique("outbox")).await.unwrap();
    let now = 1_000_000;
    let entry = entry(now);
    let mine = MyRegistration::pending(&entry).unwrap();
    storage::outbox::enqueue(&db, &entry, &mine).await.unwrap();
    assert_eq!(storage::outbox::entries(&db).await.unwrap(), vec![entry.clone()]);
    let listed = storage::outbox::my_registrations(&db).await.unwrap();
    assert_eq!(listed[0].statut, MyStatus::EnAttenteEnvoi);

    // The first trigger takes the lease; a second one (another tab) cannot.
    let leased = storage::outbox::take_lease(&db, &entry.cle, now, true).await.unwrap().expect("lease");
    assert!(storage::outbox::take_lease(&db, &entry.cle, now + 10, true).await.unwrap().is_none());

    let Operation::Inscrire { demande } = &leased.operation else { panic!() };
    let result = RegistrationResult { id: demande.id, statut: RegistrationStatus::Confirmee, session_id: "atelier".into(), places: 1 };
    let mut settled = mine.clone();
    settled.apply(&leased.operation, &Resolution::Acceptee { resultat: result }, now + 20);
    storage::outbox::resolve(&db, &entry.cle, Some(&settled)).await.unwrap();
    assert!(storage::outbox::entries(&db).await.unwrap().is_empty());
    assert_eq!(storage::outbox::my_registrations(&db).await.unwrap()[0].statut, MyStatus::Confirmee);
}

/// Withdrawing an unsent registration is one transaction with the lease
/// check: once a sender holds the entry, the withdrawal changes nothing
/// (the app then cancels through the outbox), so the registration is never
/// both withdrawn on the phone and sent to the server.
#[wasm_bindgen_test]
async fn withdrawing_an_unsent_registration_never_races_the_sender() {
    let db = storage::open(&unique("withdraw")).await.unwrap();
    let now = 1_000_000;

    // Waiting: withdrawn, and marked cancelled, together.
    let waiting = entry(now);
    let mine = MyRegistration::pending(&waiting).unwrap();
    storage::outbox::enqueue(&db, &waiting, &mine).await.unwrap();
    let mut cancelled = mine.clone();
    cancelled.statut = MyStatus::Annulee;
    assert!(storage::outbox::withdraw_unsent(&db, &waiting.cle, &cancelled).await.unwrap());
    assert!(storage::outbox::entries(&db).await.unwrap().is_empty());
    assert_eq!(storage::outbox::my_registrations(&db).await.unwrap()[0].statut, MyStatus::Annulee);
    // The sender comes too late: nothing to lease.
    assert!(storage::outbox::take_lease(&db, &waiting.cle, now, true).await.unwrap().is_none());

    // Leased between the resident's tap and the withdrawal: nothing changes.
    let sent = entry(now);
    let other = MyRegistration::pending(&sent).unwrap();
    storage::outbox::enqueue(&db, &sent, &other).await.unwrap();
    storage::outbox::take_lease(&db, &sent.cle, now, true).await.unwrap().expect("lease");
    let mut too_late = other.clone();
    too_late.statut = MyStatus::Annulee;
    assert!(!storage::outbox::withdraw_unsent(&db, &sent.cle, &too_late).await.unwrap());
    assert_eq!(storage::outbox::entries(&db).await.unwrap().len(), 1, "the entry stays with its sender");
    let listed = storage::outbox::my_registrations(&db).await.unwrap();
    assert_eq!(listed.iter().find(|r| r.id == other.id).unwrap().statut, MyStatus::EnAttenteEnvoi);
}

/// Builds a database as version 1 of the schema left it.
async fn make_v1(name: &str, stored: &str, entry: &Entry) {
    let db = Database::open(name)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store(storage::V1_CATALOG).build()?;
            db.create_object_store(storage::OUTBOX).build()?;
            db.create_object_store(storage::REGISTRATIONS).build()?;
            Ok(())
        })
        .await
        .unwrap();
    let tx = db.transaction([storage::V1_CATALOG, storage::OUTBOX]).with_mode(TransactionMode::Readwrite).build().unwrap();
    tx.object_store(storage::V1_CATALOG)
        .unwrap()
        .put(stored.to_string())
        .with_key("courant".to_string())
        .primitive()
        .unwrap()
        .await
        .unwrap();
    tx.object_store(storage::OUTBOX)
        .unwrap()
        .put(serde_json::to_string(entry).unwrap())
        .with_key(entry.cle.clone())
        .primitive()
        .unwrap()
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn upgrade_from_the_previous_schema_version() {
    let name = unique("upgrade");
    let stored = format!(r#"{{"etag":"\"v1\"","catalog":{},"recu_le":2.0}}"#, serde_json::to_string(&catalog("82")).unwrap());
    let pending = entry(5_000);
    make_v1(&name, &stored, &pending).await;

    let db = storage::open(&name).await.unwrap();
    assert_eq!(db.version() as u32, storage::DB_VERSION);
    let names: Vec<String> = db.object_store_names().collect();
    for store in [storage::CATALOGS, storage::AVAILABILITY, storage::CONTACT, storage::OUTBOX, storage::REGISTRATIONS] {
        assert!(names.iter().any(|n| n == store), "{store} missing after upgrade");
    }
    // The pending registration survived. The v1 catalog, JSON this version
    // does not read, is gone: the next answer from the server replaces it.
    assert_eq!(storage::outbox::entries(&db).await.unwrap(), vec![pending]);
    assert!(storage::catalog::load(&db, "82").await.unwrap().is_none());
    let v1: Option<String> = {
        let tx = db.transaction(storage::V1_CATALOG).build().unwrap();
        tx.object_store(storage::V1_CATALOG).unwrap().get("courant").primitive().unwrap().await.unwrap()
    };
    assert_eq!(v1, None);
}
