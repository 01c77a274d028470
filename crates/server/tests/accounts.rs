//! Organiser accounts over real HTTP and the command line: each organiser
//! sees and changes only its own workshops by every route, a revoked secret
//! gets 401, the coordinator sees all, and every change is in the audit log
//! without a resident's personal data.

mod common;

use common::*;
use serde_json::{json, Value};

fn api(server: &Server, path: &str) -> String {
    format!("{}/api/organisateur{path}", server.url)
}

/// The secret printed by `organisateurs ajouter`/`renouveler` (its last line).
fn printed_secret(output: &std::process::Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).lines().last().unwrap().trim().to_string()
}

fn workshop_body(id: &str) -> Value {
    let start = days_from_now(12, 10);
    json!({"atelier": {
        "id": id, "territoire": "32", "titre": format!("Atelier {id}"), "resume": "Un atelier pour les tests.",
        "themes": ["Premiers pas"], "publics": ["Tout public"], "lieu": {"type": "lieu", "lieu_id": "fs-192"},
        "debut": start.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "fin": (start + chrono::Duration::hours(2)).format("%Y-%m-%dT%H:%M:%S").to_string(),
        "capacite": 8, "inscription": {"mode": "dans_l_app"}, "organisateur": "Tests"
    }})
}

fn ids(reply: &Reply) -> Vec<String> {
    reply.json().as_array().unwrap().iter().map(|w| w["atelier"]["id"].as_str().unwrap().to_string()).collect()
}

fn register(server: &Server, workshop: &str) -> String {
    let id = uuid::Uuid::new_v4();
    let reply = post_with(&agent(), &format!("{}/api/inscriptions", server.url), &registration(id, workshop, 1), &[]);
    assert_eq!(reply.status, 201, "{}", reply.body);
    id.to_string()
}

#[test]
fn each_organiser_sees_and_changes_only_its_own_workshops() {
    let server = Server::start(&["--limite-par-minute", "0"], &[]);
    let http = agent();
    let a = printed_secret(&server.cli(&["organisateurs", "ajouter", "Médiathèque de Fleurance"]));
    let added = send(&http, "POST", &api(&server, "/organisateurs"), Some(&json!({"nom": "France services Lectoure"})), Some(TOKEN));
    assert_eq!(added.status, 201, "{}", added.body);
    let b = added.json()["secret"].as_str().unwrap().to_string();
    let b_id = added.json()["id"].as_i64().unwrap();
    assert_ne!(a, b);

    assert_eq!(send(&http, "POST", &api(&server, "/ateliers"), Some(&workshop_body("atelier-a")), Some(&a)).status, 201);
    assert_eq!(send(&http, "POST", &api(&server, "/ateliers"), Some(&workshop_body("atelier-b")), Some(&b)).status, 201);
    let registration_a = register(&server, "atelier-a");

    // Who is who.
    assert_eq!(
        send(&http, "GET", &api(&server, "/compte"), None, Some(&a)).json(),
        json!({"role": "organisateur", "nom": "Médiathèque de Fleurance", "id": 1})
    );
    assert_eq!(send(&http, "GET", &api(&server, "/compte"), None, Some(TOKEN)).json()["role"], "coordination");

    // B's list shows only B's workshop; the coordinator's shows all.
    assert_eq!(ids(&send(&http, "GET", &api(&server, "/ateliers"), None, Some(&b))), vec!["atelier-b"]);
    assert_eq!(ids(&send(&http, "GET", &api(&server, "/ateliers?territoire=32"), None, Some(&b))), vec!["atelier-b"]);
    let all = ids(&send(&http, "GET", &api(&server, "/ateliers"), None, Some(TOKEN)));
    assert!(all.contains(&"atelier-a".to_string()) && all.contains(&"atelier-b".to_string()) && all.len() > 2, "{all:?}");

    // B on A's workshop and registration: 404 by every route, and nothing changes.
    let postponement = json!({"debut": null, "fin": null});
    let mut replaced = workshop_body("atelier-a")["atelier"].clone();
    replaced["titre"] = json!("Pris par B");
    let tries: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", "/ateliers/atelier-a/inscriptions".into(), None),
        ("GET", "/ateliers/atelier-a/inscriptions.csv".into(), None),
        ("PUT", "/ateliers/atelier-a".into(), Some(replaced)),
        ("POST", "/ateliers/atelier-a/annulation".into(), None),
        ("POST", "/ateliers/atelier-a/report".into(), Some(postponement)),
        ("PUT", format!("/inscriptions/{registration_a}/presence"), Some(json!({"present": true}))),
        ("DELETE", format!("/inscriptions/{registration_a}/donnees"), None),
    ];
    for (method, path, body) in &tries {
        let reply = send(&http, method, &api(&server, path), body.as_ref(), Some(&b));
        assert_eq!(reply.status, 404, "B {method} {path}: {}", reply.body);
    }
    let rows = send(&http, "GET", &api(&server, "/ateliers/atelier-a/inscriptions"), None, Some(&a));
    assert_eq!(rows.status, 200);
    assert_eq!(rows.json()[0]["prenom"], "Jeanne", "B's attempts changed nothing");
    assert_eq!(rows.json()[0]["present"], Value::Null);
    let catalog = get(&http, &format!("{}/api/catalogue/32", server.url), &[]).json();
    let a_now = catalog["ateliers"].as_array().unwrap().iter().find(|s| s["id"] == "atelier-a").unwrap().clone();
    assert_eq!((a_now["titre"].as_str(), a_now["statut"].as_str()), (Some("Atelier atelier-a"), Some("programmee")));

    // A on its own: allowed. The coordinator on anyone's: allowed.
    assert_eq!(
        send(&http, "PUT", &api(&server, &format!("/inscriptions/{registration_a}/presence")), Some(&json!({"present": true})), Some(&a))
            .status,
        204
    );
    assert_eq!(send(&http, "GET", &api(&server, "/ateliers/atelier-b/inscriptions.csv"), None, Some(TOKEN)).status, 200);
    assert_eq!(send(&http, "GET", &api(&server, "/ateliers/atelier-a/inscriptions"), None, Some(TOKEN)).status, 200);

    // The coordinator's tools are not an organiser's.
    for path in ["/organisateurs", "/journal"] {
        assert_eq!(send(&http, "GET", &api(&server, path), None, Some(&b)).status, 403, "{path}");
    }
    assert_eq!(send(&http, "POST", &api(&server, "/organisateurs"), Some(&json!({"nom": "Intrus"})), Some(&b)).status, 403);
    assert_eq!(
        send(&http, "PUT", &api(&server, "/ateliers/atelier-a/organisateur"), Some(&json!({"organisateur": b_id})), Some(&b)).status,
        403
    );

    // Revoked: 401 everywhere. Renewed: the old secret stays refused, the new one works.
    assert_eq!(send(&http, "POST", &api(&server, &format!("/organisateurs/{b_id}/revocation")), None, Some(TOKEN)).status, 204);
    assert_eq!(send(&http, "GET", &api(&server, "/ateliers"), None, Some(&b)).status, 401);
    let renewed = send(&http, "POST", &api(&server, &format!("/organisateurs/{b_id}/secret")), None, Some(TOKEN));
    assert_eq!(renewed.status, 200);
    let b2 = renewed.json()["secret"].as_str().unwrap().to_string();
    assert_eq!(send(&http, "GET", &api(&server, "/ateliers"), None, Some(&b)).status, 401);
    assert_eq!(ids(&send(&http, "GET", &api(&server, "/ateliers"), None, Some(&b2))), vec!["atelier-b"]);
    let cli_revoked = server.cli(&["organisateurs", "revoquer", "Médiathèque de Fleurance"]);
    assert!(cli_revoked.status.success());
    assert_eq!(send(&http, "GET", &api(&server, "/ateliers"), None, Some(&a)).status, 401);

    // Existing workshops are the coordinator's until given to someone.
    let example = all.iter().find(|id| !id.starts_with("atelier-")).unwrap().clone();
    assert_eq!(
        send(&http, "PUT", &api(&server, &format!("/ateliers/{example}/organisateur")), Some(&json!({"organisateur": b_id})), Some(TOKEN))
            .status,
        204
    );
    let mine = ids(&send(&http, "GET", &api(&server, "/ateliers"), None, Some(&b2)));
    assert_eq!(mine.len(), 2, "{mine:?}");
    assert!(mine.contains(&example));
    assert_eq!(
        send(&http, "PUT", &api(&server, "/ateliers/nulle-part/organisateur"), Some(&json!({"organisateur": null})), Some(TOKEN)).status,
        404
    );

    // Names: taken (any case) or unreadable are refused with a reason.
    let taken = send(&http, "POST", &api(&server, "/organisateurs"), Some(&json!({"nom": "france services lectoure"})), Some(TOKEN));
    assert_eq!(taken.status, 409, "{}", taken.body);
    assert_eq!(send(&http, "POST", &api(&server, "/organisateurs"), Some(&json!({"nom": "x"})), Some(TOKEN)).status, 400);
    let listed = send(&http, "GET", &api(&server, "/organisateurs"), None, Some(TOKEN)).json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert!(!listed.to_string().contains(&b2), "a secret is never listed");
    let cli_list = server.cli(&["organisateurs", "lister"]);
    let text = String::from_utf8_lossy(&cli_list.stdout);
    assert!(text.contains("Médiathèque de Fleurance · 1 atelier(s) · révoqué le"), "{text}");
    assert!(text.contains("France services Lectoure · 2 atelier(s) · actif"), "{text}");
}

#[test]
fn every_change_is_in_the_audit_log_without_personal_data() {
    let server = Server::start(&["--limite-par-minute", "0"], &[]);
    let http = agent();
    let added = send(&http, "POST", &api(&server, "/organisateurs"), Some(&json!({"nom": "Médiathèque d'Auch"})), Some(TOKEN));
    let (a, a_id) = (added.json()["secret"].as_str().unwrap().to_string(), added.json()["id"].as_i64().unwrap());
    assert_eq!(send(&http, "POST", &api(&server, "/ateliers"), Some(&workshop_body("journal-a")), Some(&a)).status, 201);
    let mut edited = workshop_body("journal-a")["atelier"].clone();
    edited["titre"] = json!("Atelier renommé");
    assert_eq!(send(&http, "PUT", &api(&server, "/ateliers/journal-a"), Some(&edited), Some(&a)).status, 200);
    let registration = register(&server, "journal-a");
    assert_eq!(
        send(&http, "PUT", &api(&server, &format!("/inscriptions/{registration}/presence")), Some(&json!({"present": false})), Some(&a))
            .status,
        204
    );
    assert_eq!(send(&http, "DELETE", &api(&server, &format!("/inscriptions/{registration}/donnees")), None, Some(&a)).status, 204);
    let later = days_from_now(20, 14);
    let dates = json!({"debut": later.format("%Y-%m-%dT%H:%M:%S").to_string(), "fin": (later + chrono::Duration::hours(2)).format("%Y-%m-%dT%H:%M:%S").to_string()});
    assert_eq!(send(&http, "POST", &api(&server, "/ateliers/journal-a/report"), Some(&dates), Some(&a)).status, 200);
    assert_eq!(
        send(&http, "PUT", &api(&server, "/ateliers/journal-a/organisateur"), Some(&json!({"organisateur": null})), Some(TOKEN)).status,
        204
    );
    assert_eq!(send(&http, "POST", &api(&server, "/ateliers/journal-a/annulation"), None, Some(TOKEN)).status, 200);
    assert_eq!(send(&http, "POST", &api(&server, &format!("/organisateurs/{a_id}/revocation")), None, Some(TOKEN)).status, 204);
    assert_eq!(send(&http, "POST", &api(&server, &format!("/organisateurs/{a_id}/secret")), None, Some(TOKEN)).status, 200);
    create_workshop(&server, "journal-b", days_from_now(9, 9), Some(4));
    assert!(server.cli(&["ateliers", "annuler", "journal-b"]).status.success());

    let journal = send(&http, "GET", &api(&server, "/journal"), None, Some(TOKEN));
    assert_eq!(journal.status, 200);
    let entries: Vec<Value> = journal.json().as_array().unwrap().iter().rev().cloned().collect();
    let said: Vec<(String, String, Option<String>)> = entries
        .iter()
        .map(|e| (e["auteur"].as_str().unwrap().into(), e["action"].as_str().unwrap().into(), e["atelier"].as_str().map(String::from)))
        .collect();
    let who = |a: &str, b: &str, c: Option<&str>| (a.to_string(), b.to_string(), c.map(String::from));
    assert_eq!(
        said,
        vec![
            who("Coordination", "organisateur_ajoute", None),
            who("Médiathèque d'Auch", "creation", Some("journal-a")),
            who("Médiathèque d'Auch", "modification", Some("journal-a")),
            who("Médiathèque d'Auch", "presence", Some("journal-a")),
            who("Médiathèque d'Auch", "effacement", Some("journal-a")),
            who("Médiathèque d'Auch", "report", Some("journal-a")),
            who("Coordination", "attribution", Some("journal-a")),
            who("Coordination", "annulation", Some("journal-a")),
            who("Coordination", "organisateur_revoque", None),
            who("Coordination", "organisateur_renouvele", None),
            who("Coordination", "creation", Some("journal-b")),
            who("Ligne de commande", "annulation", Some("journal-b")),
        ]
    );
    // Before and after of the workshop's fields.
    let renamed = &entries[2]["changements"];
    assert_eq!(renamed, &json!([{"champ": "titre", "avant": "Atelier journal-a", "apres": "Atelier renommé"}]));
    let postponed: Vec<&str> = entries[5]["changements"].as_array().unwrap().iter().map(|c| c["champ"].as_str().unwrap()).collect();
    assert_eq!(postponed, vec!["date_initiale", "debut", "fin", "statut"]);
    assert_eq!(entries[7]["changements"], json!([{"champ": "statut", "avant": "reportee", "apres": "annulee"}]));
    assert_eq!(entries[6]["objet"], "Coordination");
    // A registration is named by its identifier, never by the person.
    assert_eq!(entries[3]["objet"], format!("inscription {registration} : absente"));
    for personal in ["Jeanne", "Dupont", "06 12", "+33612345678"] {
        assert!(!journal.body.contains(personal), "{personal} in the audit log");
    }
    let cli = String::from_utf8_lossy(&server.cli(&["organisateurs", "journal", "--limite", "3"]).stdout).to_string();
    assert!(cli.contains("Ligne de commande · Atelier annulé · journal-b"), "{cli}");
    assert!(cli.contains("3 entrée(s)."), "{cli}");
}
