//! Capacity is never exceeded: 300 concurrent registrations, duplicates of
//! the same ids mixed in, for a workshop of 12 seats.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Barrier};

use common::*;
use uuid::Uuid;

#[test]
fn three_hundred_concurrent_registrations_for_twelve_seats() {
    // 300 people at once from one address (the test's): above the default
    // share of connections per address, which guards against slow clients.
    let server = Server::start(&["--limite-par-minute", "0", "--connexions-par-client", "1000"], &[]);
    create_workshop(&server, "atelier-12", days_from_now(10, 14), Some(12));
    // 200 distinct people; 100 of them send their request twice.
    let ids: Vec<Uuid> = (0..200).map(|_| Uuid::new_v4()).collect();
    let mut sends: Vec<Uuid> = ids.clone();
    sends.extend(ids.iter().take(100).copied());
    assert_eq!(sends.len(), 300);
    let barrier = Arc::new(Barrier::new(sends.len()));
    let url = Arc::new(format!("{}/api/inscriptions", server.url));
    let handles: Vec<_> = sends
        .into_iter()
        .map(|id| {
            let barrier = barrier.clone();
            let url = url.clone();
            std::thread::spawn(move || {
                let agent = agent();
                barrier.wait();
                let reply = send(&agent, "POST", &url, Some(&registration(id, "atelier-12", 1)), None);
                (id, reply.status, reply.json()["statut"].as_str().unwrap_or("").to_string())
            })
        })
        .collect();
    let results: Vec<(Uuid, u16, String)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(results.iter().all(|(_, status, _)| *status == 201 || *status == 200), "{results:?}");
    assert_eq!(results.iter().filter(|(_, status, _)| *status == 201).count(), 200, "one creation per id");

    // Both sends of a duplicated id got the same answer.
    let mut by_id: HashMap<Uuid, Vec<String>> = HashMap::new();
    for (id, _, statut) in &results {
        by_id.entry(*id).or_default().push(statut.clone());
    }
    assert!(by_id.values().all(|answers| answers.iter().all(|a| a == &answers[0])));

    // The organiser's view: exactly 12 confirmed, 188 waiting, no duplicate rows.
    let list =
        send(&agent(), "GET", &format!("{}/api/organisateur/ateliers/atelier-12/inscriptions", server.url), None, Some(TOKEN)).json();
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 200);
    assert_eq!(rows.iter().filter(|r| r["statut"] == "confirmee").count(), 12);
    assert_eq!(rows.iter().filter(|r| r["statut"] == "liste_attente").count(), 188);
    let detail = get(&agent(), &format!("{}/api/sessions/atelier-12", server.url), &[]).json();
    assert_eq!((detail["places_restantes"].as_u64(), detail["liste_attente"].as_u64()), (Some(0), Some(188)));
}
