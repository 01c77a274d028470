//! The worker's functions through the JSON it exchanges, on the cases that
//! `proxinum_core::outbox`'s own tests decide: same lease, same answers.

use proxinum_core::outbox::{Entry, EntryState, MyRegistration, MyStatus, SessionRef};
use proxinum_core::registration::RegistrationRequest;
use serde_json::Value;
use uuid::Uuid;

use super::*;

const DAY: f64 = 86_400_000.0;

fn entry_json(id: Uuid, kiosk: bool) -> String {
    let demande = RegistrationRequest {
        id,
        session_id: "atelier".into(),
        prenom: "Jeanne".into(),
        nom: "Dupont".into(),
        telephone: Some("+33612345678".into()),
        courriel: None,
        places: 2,
        besoins: None,
        consentement: true,
    };
    let atelier = SessionRef { id: "atelier".into(), titre: "Atelier".into(), quand: "demain".into(), debut_ms: DAY as i64 };
    serde_json::to_string(&Entry::register(demande, atelier, 0).on_kiosk(kiosk)).unwrap()
}

fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn the_lease_is_taken_once_and_never_for_a_kiosk() {
    let text = entry_json(Uuid::new_v4(), false);
    let leased = lease(&text, 10.0).expect("due: the worker's trigger is forced");
    let parsed: Entry = serde_json::from_str(&leased).unwrap();
    assert_eq!((parsed.etat, parsed.tentatives), (EntryState::EnCours { depuis: 10 }, 1));
    assert_eq!(lease(&leased, 20.0), None, "the page holds it, or the worker: not twice");
    assert!(waiting(&leased, 20.0), "still to send once the lease ends: the sync is fired again");
    assert!(!waiting(&leased, DAY), "not once the workshop started");
    assert!(!waiting(&entry_json(Uuid::new_v4(), true), 20.0), "a kiosk's: not the worker's");
    assert!(lease(&leased, 10.0 + 30_000.0).is_some(), "a lease left by a closed sender ends");
    assert_eq!(lease(&entry_json(Uuid::new_v4(), true), 10.0), None, "a kiosk's page sends its own");
    assert_eq!(lease(&text, DAY), None, "never sent once the workshop started");
    assert_eq!(lease("{pas du json", 10.0), None);
}

#[test]
fn the_request_is_core_s() {
    let id = Uuid::new_v4();
    let wire = value(&request(&entry_json(id, false)).unwrap());
    assert_eq!(wire["method"], "POST");
    assert_eq!(wire["path"], "/api/inscriptions");
    let body = value(wire["body"].as_str().unwrap());
    assert_eq!((body["id"].as_str().unwrap(), body["places"].as_u64()), (id.to_string().as_str(), Some(2)));
}

#[test]
fn answers_are_judged_as_the_page_judges_them() {
    let id = Uuid::new_v4();
    let leased = lease(&entry_json(id, false), 0.0).unwrap();
    // No answer, 5xx, "try later": kept, lease released, next attempt planned.
    for (status, body) in [(0, ""), (500, "oups"), (503, ""), (429, "")] {
        let outcome = value(&answer(&leased, status, body, 100.0, 0.5).unwrap());
        let kept: Entry = serde_json::from_value(outcome["retry"].clone()).unwrap_or_else(|_| panic!("{status}: {outcome}"));
        assert_eq!((kept.etat, kept.prochain_essai), (EntryState::EnAttente, 100 + 2_000), "{status}");
        assert!(kept.derniere_erreur.is_some());
    }
    // Accepted: the server's status.
    let ok = format!(r#"{{"id":"{id}","statut":"liste_attente","session_id":"atelier","places":2}}"#);
    let done = value(&answer(&leased, 201, &ok, 100.0, 0.5).unwrap());
    assert_eq!(done["done"]["type"], "acceptee");
    assert_eq!(done["done"]["resultat"]["statut"], "liste_attente");
    // Refused (4xx): final, with the server's French message.
    let refused = value(&answer(&leased, 409, r#"{"code":"complet","message":"L'atelier est complet."}"#, 100.0, 0.5).unwrap());
    assert_eq!((refused["done"]["type"].as_str(), refused["done"]["message"].as_str()), (Some("refusee"), Some("L'atelier est complet.")));
    // Invalid: final, with the fields' messages.
    let invalid = value(&answer(&leased, 422, r#"{"erreurs":[{"champ":"nom","message":"Indiquez votre nom."}]}"#, 100.0, 0.5).unwrap());
    assert_eq!(invalid["done"]["type"], "invalide");
}

#[test]
fn an_expired_entry_is_recorded_not_sent() {
    let text = entry_json(Uuid::new_v4(), false);
    assert_eq!(expired(&text, 10.0), None);
    assert_eq!(value(&expired(&text, DAY).unwrap())["type"], "expiree");
    assert_eq!(expired(&entry_json(Uuid::new_v4(), true), DAY), None, "a kiosk's page records its own");
}

#[test]
fn the_record_follows_the_answer() {
    let id = Uuid::new_v4();
    let text = entry_json(id, false);
    assert_eq!(registration_id(&text), Some(id.to_string()));
    let pending = MyRegistration::pending(&serde_json::from_str(&text).unwrap()).unwrap();
    let resolution = format!(r#"{{"type":"acceptee","resultat":{{"id":"{id}","statut":"confirmee","session_id":"atelier","places":2}}}}"#);
    let kept: MyRegistration =
        serde_json::from_str(&settle(&text, &resolution, Some(serde_json::to_string(&pending).unwrap()), 50.0).unwrap()).unwrap();
    assert_eq!((kept.id, kept.statut, kept.places, kept.mis_a_jour), (id, MyStatus::Confirmee, 2, 50));
    // No record on the device: made from the entry.
    let made: MyRegistration = serde_json::from_str(&settle(&text, &resolution, None, 50.0).unwrap()).unwrap();
    assert_eq!(made.statut, MyStatus::Confirmee);
    assert_eq!(settle(&text, "{", None, 50.0), None);
}
