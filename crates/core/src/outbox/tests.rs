use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;

const DAY: Millis = 86_400_000;

fn atelier(debut_ms: Millis) -> SessionRef {
    SessionRef { id: "atelier".into(), titre: "Atelier".into(), quand: "demain".into(), debut_ms }
}

fn demande(id: Uuid) -> RegistrationRequest {
    RegistrationRequest {
        id,
        session_id: "atelier".into(),
        prenom: "Jeanne".into(),
        nom: "Dupont".into(),
        telephone: Some("+33612345678".into()),
        courriel: None,
        places: 1,
        besoins: None,
        consentement: true,
    }
}

fn ok(id: Uuid, statut: &str) -> Reply {
    Reply::Http { status: 201, body: format!(r#"{{"id":"{id}","statut":"{statut}","session_id":"atelier","places":1}}"#) }
}

#[test]
fn confirmed_after_network_failures() {
    let id = Uuid::new_v4();
    let mut entry = Entry::register(demande(id), atelier(10 * DAY), 0);
    assert!(entry.begin(0, false));
    assert!(!entry.begin(1, true), "the lease forbids a second send");
    assert_eq!(entry.finish(Reply::Network("offline".into()), 100, 0.5), Step::Retry);
    assert_eq!(entry.prochain_essai, 100 + 2_000);
    assert!(!entry.is_due(1_000, false), "backoff holds the timer");
    assert!(entry.is_due(1_000, true), "the online event does not wait");
    assert!(entry.begin(2_100, false));
    assert_eq!(entry.finish(Reply::Http { status: 503, body: String::new() }, 2_200, 0.5), Step::Retry);
    assert_eq!(entry.prochain_essai, 2_200 + 4_000);
    assert!(entry.begin(6_200, false));
    let Step::Done(Resolution::Acceptee { resultat }) = entry.finish(ok(id, "confirmee"), 6_300, 0.5) else { panic!() };
    assert_eq!(resultat.statut, RegistrationStatus::Confirmee);
}

#[test]
fn refusals_are_final_and_explained() {
    let id = Uuid::new_v4();
    let mut entry = Entry::register(demande(id), atelier(DAY), 0);
    entry.begin(0, true);
    let body = r#"{"code":"annule","message":"Cet atelier est annulé."}"#.to_string();
    assert_eq!(
        entry.finish(Reply::Http { status: 409, body }, 10, 0.0),
        Step::Done(Resolution::Refusee { code: "annule".into(), message: "Cet atelier est annulé.".into() })
    );
    let mut entry = Entry::register(demande(id), atelier(DAY), 0);
    entry.begin(0, true);
    let body = r#"{"erreurs":[{"champ":"telephone","message":"Ce numéro n'est pas valide."}]}"#.to_string();
    assert!(matches!(entry.finish(Reply::Http { status: 422, body }, 10, 0.0), Step::Done(Resolution::Invalide { .. })));
    // 429 is "later", not "no".
    let mut entry = Entry::register(demande(id), atelier(DAY), 0);
    entry.begin(0, true);
    assert_eq!(entry.finish(Reply::Http { status: 429, body: String::new() }, 10, 0.0), Step::Retry);
}

#[test]
fn expires_when_the_workshop_starts_unless_in_flight() {
    let mut entry = Entry::register(demande(Uuid::new_v4()), atelier(1_000), 0);
    assert_eq!(entry.expire(999), None);
    assert_eq!(entry.expire(1_000), Some(Step::Done(Resolution::Expiree)));
    assert!(!entry.is_due(1_000, true), "never sent late");
    let mut in_flight = Entry::register(demande(Uuid::new_v4()), atelier(1_000), 0);
    in_flight.begin(900, false);
    assert_eq!(in_flight.expire(1_000), None, "the answer decides");
    let _ = &mut entry;
}

#[test]
fn a_lost_request_is_sent_again_after_its_lease() {
    let mut entry = Entry::register(demande(Uuid::new_v4()), atelier(10 * DAY), 0);
    assert!(entry.begin(0, false));
    // The tab was closed mid-request: nobody calls finish.
    assert!(!entry.begin(LEASE_MS - 1, true));
    assert!(entry.begin(LEASE_MS, true));
    assert_eq!(entry.tentatives, 2);
}

#[test]
fn backoff_grows_and_is_capped() {
    assert_eq!(backoff(1, 0.5), 2_000);
    assert_eq!(backoff(2, 0.5), 4_000);
    assert_eq!(backoff(30, 0.5), BACKOFF_MAX_MS);
    assert_eq!(backoff(1, 0.0), 1_600);
    assert_eq!(backoff(1, 0.999_999), 2_399);
}

#[test]
fn my_registration_follows_its_entries() {
    let id = Uuid::new_v4();
    let entry = Entry::register(demande(id), atelier(DAY), 0);
    let mut mine = MyRegistration::pending(&entry).unwrap();
    assert_eq!(mine.statut.label(), "En attente d'envoi");
    let Operation::Inscrire { .. } = &entry.operation else { panic!() };
    let accepted = Resolution::Acceptee {
        resultat: RegistrationResult { id, statut: RegistrationStatus::ListeAttente, session_id: "atelier".into(), places: 1 },
    };
    mine.apply(&entry.operation, &accepted, 10);
    assert_eq!(mine.statut, MyStatus::ListeAttente);
    // A cancellation that expires restores the waiting-list status.
    let cancel = Entry::cancel(id, atelier(DAY), 20);
    mine.mark_cancelling(20);
    assert_eq!(mine.statut, MyStatus::AnnulationEnAttente);
    mine.apply(&cancel.operation, &Resolution::Expiree, DAY);
    assert_eq!(mine.statut, MyStatus::ListeAttente);
}

#[test]
fn the_request_is_written_once_for_page_and_worker() {
    let id = Uuid::new_v4();
    let register = Entry::register(demande(id), atelier(DAY), 0).operation.request();
    assert_eq!((register.method, register.path.as_str()), ("POST", "/api/inscriptions"));
    let body: RegistrationRequest = serde_json::from_str(register.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, demande(id));
    let cancel = Entry::cancel(id, atelier(DAY), 0).operation.request();
    assert_eq!((cancel.method, cancel.path), ("DELETE", format!("/api/inscriptions/{id}")));
    assert_eq!(cancel.body, None);
}

#[test]
fn a_kiosk_entry_is_sent_by_its_page_only() {
    let entry = Entry::register(demande(Uuid::new_v4()), atelier(DAY), 0);
    assert!(entry.worker_may_send());
    let kiosk = entry.clone().on_kiosk(true);
    assert!(!kiosk.worker_may_send());
    // Entries stored before the flag existed read as not from a kiosk, and
    // an ordinary entry is stored as before.
    let text = serde_json::to_string(&entry).unwrap();
    assert!(!text.contains("kiosque"));
    assert_eq!(serde_json::from_str::<Entry>(&text).unwrap(), entry);
    let kiosk_text = serde_json::to_string(&kiosk).unwrap();
    assert!(serde_json::from_str::<Entry>(&kiosk_text).unwrap().kiosque);
}

#[test]
fn the_record_kept_once_an_entry_is_resolved() {
    let id = Uuid::new_v4();
    let entry = Entry::register(demande(id), atelier(DAY), 0);
    let accepted = Resolution::Acceptee {
        resultat: RegistrationResult { id, statut: RegistrationStatus::Confirmee, session_id: "atelier".into(), places: 1 },
    };
    // No record on the device (a kiosk, or one lost): made from the entry.
    let made = MyRegistration::settled(None, &entry, &accepted, 5).unwrap();
    assert_eq!((made.id, made.statut.clone(), made.mis_a_jour), (id, MyStatus::Confirmee, 5));
    // The device's record is the one updated (a pending cancellation's
    // previous status is what an expiry restores).
    let mut current = made.clone();
    current.mark_cancelling(6);
    let cancel = Entry::cancel(id, atelier(DAY), 6);
    let kept = MyRegistration::settled(Some(current), &cancel, &Resolution::Expiree, DAY).unwrap();
    assert_eq!(kept.statut, MyStatus::Confirmee);
    // A cancellation with no record makes none: nothing to show.
    assert_eq!(MyRegistration::settled(None, &cancel, &Resolution::Expiree, DAY), None);
}

// --- Property: whatever the sequence of failures, retries, reloads and
// triggers, no entry is lost and none is registered twice. ---

#[derive(Debug, Clone)]
enum Event {
    Submit,
    /// A trigger (forced or timer) with the server's behaviour for this send.
    Trigger {
        forced: bool,
        outcome: ServerOutcome,
    },
    /// Two triggers at the same instant (online event + timer).
    DoubleTrigger(ServerOutcome),
    /// The page reloads while requests are in flight: their answers are lost.
    Reload,
    Wait(Millis),
}

#[derive(Debug, Clone, Copy)]
enum ServerOutcome {
    Ok,
    /// The server stored it, but the answer never came back.
    OkButLost,
    Unreachable,
    Error500,
}

fn events() -> impl Strategy<Value = Vec<Event>> {
    let outcome = prop_oneof![
        Just(ServerOutcome::Ok),
        Just(ServerOutcome::OkButLost),
        Just(ServerOutcome::Unreachable),
        Just(ServerOutcome::Error500)
    ];
    let event = prop_oneof![
        1 => Just(Event::Submit),
        4 => (any::<bool>(), outcome.clone()).prop_map(|(forced, outcome)| Event::Trigger { forced, outcome }),
        1 => outcome.prop_map(Event::DoubleTrigger),
        1 => Just(Event::Reload),
        2 => (0i64..120_000).prop_map(Event::Wait),
    ];
    proptest::collection::vec(event, 1..80)
}

/// The device: outbox entries (persisted), "Mes inscriptions", in-flight sends.
#[derive(Default)]
struct Device {
    outbox: BTreeMap<String, Entry>,
    mine: BTreeMap<Uuid, MyRegistration>,
    in_flight: Vec<String>,
}

/// A server that stores registrations by id, idempotently.
#[derive(Default)]
struct Server {
    stored: BTreeMap<Uuid, usize>,
}

impl Server {
    fn receive(&mut self, id: Uuid) {
        // Exactly-once at the server: a replay returns the stored result.
        self.stored.entry(id).or_insert(1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_entry_lost_or_duplicated(script in events()) {
        let mut device = Device::default();
        let mut server = Server::default();
        let mut now: Millis = 0;
        let mut submitted: BTreeSet<Uuid> = BTreeSet::new();
        let workshop_start = 10 * DAY;

        let send = |device: &mut Device, server: &mut Server, key: &str, forced: bool, outcome: ServerOutcome, now: Millis| -> Result<bool, TestCaseError> {
            let Some(entry) = device.outbox.get_mut(key) else { return Ok(false) };
            if !entry.begin(now, forced) {
                return Ok(false);
            }
            let id = entry.registration_id();
            match outcome {
                ServerOutcome::Ok => {
                    server.receive(id);
                    let step = entry.finish(ok(id, "confirmee"), now, 0.5);
                    if let Step::Done(resolution) = step {
                        let entry = device.outbox.remove(key).unwrap();
                        device.mine.get_mut(&id).unwrap().apply(&entry.operation, &resolution, now);
                    }
                }
                ServerOutcome::OkButLost => {
                    server.receive(id);
                    device.in_flight.push(key.to_string());
                }
                ServerOutcome::Unreachable => {
                    prop_assert_eq!(entry.finish(Reply::Network("hors ligne".into()), now, 0.3), Step::Retry);
                }
                ServerOutcome::Error500 => {
                    prop_assert_eq!(entry.finish(Reply::Http { status: 500, body: String::new() }, now, 0.7), Step::Retry);
                }
            }
            Ok(true)
        };

        for event in script {
            match event {
                Event::Submit => {
                    let id = Uuid::new_v4();
                    let entry = Entry::register(demande(id), atelier(workshop_start), now);
                    device.mine.insert(id, MyRegistration::pending(&entry).unwrap());
                    device.outbox.insert(entry.cle.clone(), entry);
                    submitted.insert(id);
                }
                Event::Trigger { forced, outcome } => {
                    let keys: Vec<String> = device.outbox.keys().cloned().collect();
                    for key in keys {
                        send(&mut device, &mut server, &key, forced, outcome, now)?;
                    }
                }
                Event::DoubleTrigger(outcome) => {
                    let keys: Vec<String> = device.outbox.keys().cloned().collect();
                    for key in keys {
                        let first = send(&mut device, &mut server, &key, true, outcome, now)?;
                        // The second trigger at the same instant must not send
                        // an entry whose first send is still unanswered.
                        let still_sending = device.outbox.get(&key).is_some_and(|e| matches!(e.etat, EntryState::EnCours { .. }));
                        let second = send(&mut device, &mut server, &key, true, outcome, now)?;
                        if first && still_sending {
                            prop_assert!(!second, "sent twice at the same time");
                        }
                    }
                }
                Event::Reload => device.in_flight.clear(),
                Event::Wait(ms) => now += ms,
            }
            // Expiry sweep, as the app does on every trigger.
            let expired: Vec<String> = device.outbox.iter().filter(|(_, e)| e.expire(now).is_some()).map(|(k, _)| k.clone()).collect();
            for key in expired {
                let entry = device.outbox.remove(&key).unwrap();
                device.mine.get_mut(&entry.registration_id()).unwrap().apply(&entry.operation, &Resolution::Expiree, now);
            }
        }

        // Nothing lost: every submission is still pending, or resolved.
        for id in &submitted {
            let mine = &device.mine[id];
            let pending = device.outbox.contains_key(&format!("inscription:{id}"));
            match mine.statut {
                MyStatus::EnAttenteEnvoi => prop_assert!(pending, "{id} vanished"),
                MyStatus::Confirmee => {
                    prop_assert!(!pending);
                    prop_assert_eq!(server.stored.get(id), Some(&1));
                }
                MyStatus::Expiree => prop_assert!(!pending),
                ref other => prop_assert!(false, "unexpected {:?}", other),
            }
        }
        // Nothing duplicated: the server holds each id at most once, and
        // only ids that were submitted.
        prop_assert!(server.stored.keys().all(|id| submitted.contains(id)));
        prop_assert!(server.stored.values().all(|count| *count == 1));
    }
}
