//! Itinerant services' tours: published through the organiser API, carried
//! by the catalog, and a commune search lists the service at its nearest
//! stop with its next passage; its page lists every stop.

mod common;

use chrono::{Datelike, Duration};
use common::*;
use serde_json::{json, Value};

/// An itinerant place of Gers (its depot in Auch), imported as a
/// coordinator would, from a copy of a shipped record.
fn import_bus(server: &Server) {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lieux/gers-tarn-et-garonne.json")).unwrap();
    let records: Vec<Value> = serde_json::from_slice(&bytes).unwrap();
    let mut bus = records.iter().find(|r| r["code_postal"] == "32000").cloned().unwrap();
    bus["id"] = "bus-numerique-32".into();
    bus["nom"] = "Bus numérique du Gers".into();
    bus["itinerance"] = json!(["Itinérant"]);
    let file = server.dir.path().join("bus.json");
    std::fs::write(&file, serde_json::to_vec(&[bus]).unwrap()).unwrap();
    let imported = server.cli(&["import", file.to_str().unwrap(), "--territoire", "32"]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
}

fn publish(server: &Server, place: &str, body: &Value) -> Reply {
    send(&agent(), "PUT", &format!("{}/api/organisateur/lieux/{place}/arrets", server.url), Some(body), Some(TOKEN))
}

#[test]
fn a_published_tour_puts_the_service_at_its_nearest_stop() {
    let server = Server::start(&[], &[]);
    import_bus(&server);
    let today = proxinum_core::time::in_paris(chrono::Utc::now()).date_naive();
    let day = today + Duration::days(2);
    let weekday = proxinum_core::time::weekday_name(day.weekday());
    let stop = |commune: &str, jour: &str| {
        json!({"commune": commune, "adresse": "Place de la mairie", "jour": jour, "debut": "09:00:00", "fin": "12:00:00",
               "du": today.to_string(), "au": (today + Duration::days(60)).to_string()})
    };

    // Refused with a reason, nothing stored: a fixed place, an unknown one,
    // a day that is not one, a commune that does not exist.
    let fixed = publish(&server, "fs-192", &json!({"arrets": [stop("Mirande", weekday)]}));
    assert_eq!(fixed.status, 422, "{}", fixed.body);
    assert!(fixed.body.contains("n'est pas itinérant"));
    assert_eq!(publish(&server, "inconnu", &json!({"arrets": []})).status, 404);
    let bad = publish(&server, "bus-numerique-32", &json!({"arrets": [stop("Mirande", "mardy"), stop("Nulle-Part-sur-Mer", "lundi")]}));
    assert_eq!(bad.status, 422);
    let fields: Vec<String> = bad.json()["erreurs"].as_array().unwrap().iter().map(|e| e["champ"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["arrets[0].jour", "arrets[1].commune"]);

    // Published: a stop in Mirande (by name) and one in Condom (by INSEE code).
    let published = publish(&server, "bus-numerique-32", &json!({"arrets": [stop("Mirande", weekday), stop("32107", "lundi")]}));
    assert_eq!(published.status, 200, "{}", published.body);
    let stops = published.json();
    assert_eq!(stops[0]["commune"], "Mirande");
    assert_eq!(stops[1]["commune"], "Condom");
    let catalog = get(&agent(), &format!("{}/api/catalogue/32", server.url), &[]).json();
    assert_eq!(catalog["arrets"].as_array().unwrap().len(), 2);
    // Places have no owner: who published is in the coordinator's journal
    // (the refused attempts are not).
    let journal = send(&agent(), "GET", &format!("{}/api/organisateur/journal", server.url), None, Some(TOKEN)).json();
    let tours: Vec<&Value> = journal.as_array().unwrap().iter().filter(|e| e["action"] == "tournee_publiee").collect();
    assert_eq!(tours.len(), 1, "{journal}");
    assert_eq!((tours[0]["auteur"].as_str(), tours[0]["objet"].as_str()), (Some("Coordination"), Some("bus-numerique-32")));

    // Searched from Mirande, the bus comes first, at its stop there.
    let page = get(&agent(), &format!("{}/?commune=Mirande", server.url), &[]);
    assert_eq!(page.status, 200);
    let html = scraper::Html::parse_document(&page.body);
    let first = html.select(&scraper::Selector::parse("ol.card-list > li").unwrap()).next().unwrap();
    let text: String = first.text().collect();
    assert!(text.contains("Bus numérique du Gers"), "{text}");
    assert!(text.contains(&format!("Prochain passage : {weekday} 9h00–12h00 à Place de la mairie, Mirande")), "{text}");
    // Where it stops, not its depot; and no "Fermé" from the depot's hours.
    assert!(text.contains("Mirande · à") && !text.contains("Auch") && !text.contains("Fermé"), "{text}");
    // The map draws it there too: the first place of the list is at the
    // stop, which is Mirande's centre, where the resident's marker is.
    let centre = |selector: &str| {
        let circle = html.select(&scraper::Selector::parse(selector).unwrap()).next().unwrap_or_else(|| panic!("{selector}"));
        (circle.value().attr("cx").unwrap().to_string(), circle.value().attr("cy").unwrap().to_string())
    };
    assert_eq!(centre("g.map-selected > circle"), centre("g.map-me > circle"));
    // Its page lists every stop with the next dates.
    let place = get(&agent(), &format!("{}/lieux/bus-numerique-32", server.url), &[]).body;
    assert!(place.contains("Où et quand il passe"), "{place}");
    assert!(place.contains("Place de la mairie, Condom") && place.contains("le lundi, 9h00–12h00 : "), "{place}");

    // The same from a terminal: a bad file changes nothing and says why.
    let file = server.dir.path().join("tournee.json");
    std::fs::write(&file, serde_json::to_vec(&json!({"arrets": [stop("Mirande", "jeudy")]})).unwrap()).unwrap();
    let refused = server.cli(&["tournee", "bus-numerique-32", file.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("arrets[0].jour"), "{}", String::from_utf8_lossy(&refused.stderr));
    std::fs::write(&file, serde_json::to_vec(&json!({"arrets": [stop("Mirande", "vendredi")]})).unwrap()).unwrap();
    let done = server.cli(&["tournee", "bus-numerique-32", file.to_str().unwrap()]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert!(String::from_utf8_lossy(&done.stdout).contains("1 arrêt(s)"));
    let catalog = get(&agent(), &format!("{}/api/catalogue/32", server.url), &[]).json();
    assert_eq!(catalog["arrets"].as_array().unwrap().len(), 1);
    assert_eq!(catalog["arrets"][0]["jour"], 5);
}
