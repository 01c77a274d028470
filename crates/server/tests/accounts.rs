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

fn calendar(events: &[(&str, &str, &str)]) -> String {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\n");
    for (uid, start, title) in events {
        text.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Paris:{start}T140000\r\nDTEND;TZID=Europe/Paris:{start}T160000\r\nSUMMARY:{title}\r\nLOCATION:Médiathèque\\, 32700 Lectoure\r\nEND:VEVENT\r\n"
        ));
    }
    text + "END:VCALENDAR\r\n"
}

fn upload(server: &Server, secret: &str, file: &str, apply: bool) -> Reply {
    let body = json!({"fichier": file, "territoire": "32", "organisateur": "Médiathèque de Lectoure", "themes": ["premiers-pas"], "capacite": 8, "appliquer": apply});
    send(&agent(), "POST", &api(server, "/import-ics"), Some(&body), Some(secret))
}

fn plan(reply: &Reply) -> Vec<(String, String, Option<String>)> {
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["lignes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["id"].as_str().unwrap().into(), l["action"].as_str().unwrap().into(), l["raison"].as_str().map(String::from)))
        .collect()
}

#[test]
fn a_calendar_upload_is_previewed_then_imported_and_a_bad_file_changes_nothing() {
    let server = Server::start(&["--limite-par-minute", "0"], &[]);
    let http = agent();
    let organiser = |name: &str| {
        send(&http, "POST", &api(&server, "/organisateurs"), Some(&json!({"nom": name})), Some(TOKEN)).json()["secret"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (a, b) = (organiser("Médiathèque de Lectoure"), organiser("Médiathèque de Nogaro"));
    let file =
        calendar(&[("tablette@lectoure", "20300312", "Découvrir la tablette"), ("vieux@lectoure", "20200312", "Atelier d'autrefois")]);
    let line = |id: &str, action: &str, why: Option<&str>| (id.to_string(), action.to_string(), why.map(String::from));

    // Preview: nothing is written.
    let preview = upload(&server, &a, &file, false);
    assert_eq!(
        plan(&preview),
        vec![line("ics-tablette-lectoure", "creation", None), line("ics-vieux-lectoure", "ignore", Some("il est déjà passé"))]
    );
    assert_eq!(preview.json()["applique"], false);
    assert_eq!(send(&http, "GET", &api(&server, "/ateliers"), None, Some(&a)).json(), json!([]));

    // Applied: created, owned by A, audited.
    assert_eq!(plan(&upload(&server, &a, &file, true))[0], line("ics-tablette-lectoure", "creation", None));
    assert_eq!(ids(&send(&http, "GET", &api(&server, "/ateliers"), None, Some(&a))), vec!["ics-tablette-lectoure"]);
    // The same file again: already up to date. A changed title: an update.
    assert_eq!(plan(&upload(&server, &a, &file, false))[0], line("ics-tablette-lectoure", "ignore", Some("déjà à jour")));
    let renamed = calendar(&[("tablette@lectoure", "20300312", "Découvrir sa tablette")]);
    assert_eq!(plan(&upload(&server, &a, &renamed, true)), vec![line("ics-tablette-lectoure", "mise_a_jour", None)]);
    // Another organiser cannot take it over by importing the same UID.
    let taken = plan(&upload(&server, &b, &renamed, true));
    assert_eq!(
        taken,
        vec![line("ics-tablette-lectoure", "ignore", Some("un atelier de même identifiant appartient à un autre organisateur"))]
    );
    let journal = send(&http, "GET", &api(&server, "/journal"), None, Some(TOKEN)).json();
    let imported: Vec<(String, String)> = journal
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["atelier"] == "ics-tablette-lectoure")
        .map(|e| (e["auteur"].as_str().unwrap().into(), e["action"].as_str().unwrap().into()))
        .collect();
    assert_eq!(
        imported,
        vec![("Médiathèque de Lectoure".to_string(), "modification".to_string()), ("Médiathèque de Lectoure".into(), "creation".into())]
    );

    // A bad file, or missing choices: 400 in French, nothing changed.
    let before = send(&http, "GET", &api(&server, "/ateliers"), None, Some(TOKEN)).body;
    let unreadable = upload(&server, &a, "pas un calendrier", true);
    assert_eq!(unreadable.status, 400);
    assert!(unreadable.json()["message"].as_str().unwrap().starts_with("Fichier refusé, rien n'a changé : "), "{}", unreadable.body);
    let nowhere =
        calendar(&[("x@y", "20300401", "Sans lieu")]).replace("LOCATION:Médiathèque\\, 32700 Lectoure\r\n", "LOCATION:Salle des fêtes\r\n");
    let refused = upload(&server, &a, &nowhere, true);
    assert_eq!(refused.status, 400);
    assert!(refused.json()["message"].as_str().unwrap().contains("événement 1 « Sans lieu »"), "{}", refused.body);
    let mut themeless = json!({"fichier": file, "territoire": "32", "organisateur": "X", "themes": [], "appliquer": true});
    assert_eq!(send(&http, "POST", &api(&server, "/import-ics"), Some(&themeless), Some(&a)).status, 400);
    themeless["themes"] = json!(["pas-un-theme"]);
    let unknown = send(&http, "POST", &api(&server, "/import-ics"), Some(&themeless), Some(&a));
    assert!(unknown.json()["message"].as_str().unwrap().contains("thème « pas-un-theme » inconnu"), "{}", unknown.body);
    assert_eq!(send(&http, "GET", &api(&server, "/ateliers"), None, Some(TOKEN)).body, before);

    // The command line previews and imports the same way.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.ics");
    std::fs::write(&path, calendar(&[("cli@lectoure", "20300320", "Atelier du terminal")])).unwrap();
    let args = [
        "ateliers",
        "importer-ics",
        path.to_str().unwrap(),
        "--territoire",
        "32",
        "--organisateur",
        "Médiathèque",
        "--theme",
        "premiers-pas",
    ];
    let preview = server.cli(&[&args[..], &["--apercu"]].concat());
    assert!(String::from_utf8_lossy(&preview.stdout).contains("1 créé(s), 0 mis à jour, 0 ignoré(s) — aperçu, rien n'a été enregistré"));
    assert_eq!(send(&http, "GET", &api(&server, "/ateliers/ics-cli-lectoure/inscriptions"), None, Some(TOKEN)).status, 404);
    let done = server.cli(&args);
    assert!(
        String::from_utf8_lossy(&done.stdout).contains("Ajouté : ics-cli-lectoure — Atelier du terminal"),
        "{}",
        String::from_utf8_lossy(&done.stdout)
    );
    assert_eq!(send(&http, "GET", &api(&server, "/ateliers/ics-cli-lectoure/inscriptions"), None, Some(TOKEN)).status, 200);
}

fn dated_workshop(id: &str, day: &str, theme: &str, capacity: u32) -> Value {
    json!({"atelier": {
        "id": id, "territoire": "32", "titre": format!("Atelier {id}"), "resume": "Un atelier pour les tests.",
        "themes": [theme], "publics": ["Seniors"], "lieu": {"type": "lieu", "lieu_id": "fs-192"},
        "debut": format!("{day}T10:00:00"), "fin": format!("{day}T12:00:00"),
        "capacite": capacity, "inscription": {"mode": "dans_l_app"}, "organisateur": "Tests"
    }})
}

#[test]
fn the_dashboard_counts_a_seeded_base_and_never_names_anyone() {
    // Seeded on 1 March 2026, read on 1 April: March's workshop is held.
    let march = Server::start(&["--limite-par-minute", "0"], &[("PROXINUM_MAINTENANT", "2026-03-01T12:00:00+01:00")]);
    let http = agent();
    for (id, day, theme) in [
        ("t-mars", "2026-03-10", "Smartphone et tablette"),
        ("t-avril", "2026-04-14", "Démarches en ligne"),
        ("t-annule", "2026-03-20", "Démarches en ligne"),
    ] {
        let created = send(&http, "POST", &api(&march, "/ateliers"), Some(&dated_workshop(id, day, theme, 2)), Some(TOKEN));
        assert_eq!(created.status, 201, "{}", created.body);
    }
    let (first, second, _waiting) = (register(&march, "t-mars"), register(&march, "t-mars"), register(&march, "t-mars"));
    register(&march, "t-avril");
    register(&march, "t-annule");
    for (registration, present) in [(&first, true), (&second, false)] {
        let marked = send(
            &http,
            "PUT",
            &api(&march, &format!("/inscriptions/{registration}/presence")),
            Some(&json!({"present": present})),
            Some(TOKEN),
        );
        assert_eq!(marked.status, 204);
    }
    assert_eq!(send(&http, "POST", &api(&march, "/ateliers/t-annule/annulation"), None, Some(TOKEN)).status, 200);
    let later = tempfile::tempdir().unwrap();
    assert!(march.cli(&["sauvegarder", later.path().join("proxinum.sqlite").to_str().unwrap()]).status.success());
    let april = Server::start_in(later, &[], &[("PROXINUM_MAINTENANT", "2026-04-01T12:00:00+02:00")]);

    let board = send(&http, "GET", &api(&april, "/tableau?territoire=32&du=2026-03-01&au=2026-04-30"), None, Some(TOKEN));
    assert_eq!(board.status, 200, "{}", board.body);
    let d = board.json();
    let totals: Vec<u64> =
        ["ateliers_tenus", "ateliers_a_venir", "ateliers_annules", "inscrits", "liste_attente", "presents", "presences_notees"]
            .iter()
            .map(|k| d[k].as_u64().unwrap())
            .collect();
    // The example workshops of the seeded base fall in the period too: not counted.
    assert_eq!(totals, vec![1, 1, 1, 3, 1, 1, 2]);
    let bars = |key: &str| -> Vec<(String, u64, u64, u64)> {
        d[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["libelle"].as_str().unwrap().into(),
                    b["ateliers"].as_u64().unwrap(),
                    b["inscrits"].as_u64().unwrap(),
                    b["liste_attente"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(bars("par_theme"), vec![("Démarches en ligne".into(), 1, 1, 0), ("Smartphone et tablette".into(), 1, 2, 1)]);
    assert_eq!(bars("par_commune"), vec![("Lectoure".into(), 2, 3, 1)]);
    assert_eq!(bars("par_mois"), vec![("mars 2026".into(), 1, 2, 1), ("avril 2026".into(), 1, 1, 0)]);
    assert_eq!(bars("par_public"), vec![("Seniors".into(), 2, 3, 1)]);
    assert!(!board.body.contains("Jeanne") && !board.body.contains("Dupont"));

    let csv = send(&http, "GET", &api(&april, "/tableau?territoire=32&du=2026-03-01&au=2026-04-30&format=csv"), None, Some(TOKEN));
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv.body.contains("Total;Ateliers tenus;1;;\r\n") && csv.body.contains("Mois;\"mars 2026\";1;2;1\r\n"), "{}", csv.body);
    assert!(!csv.body.contains("Jeanne"));

    // Only the coordinator; a period that ends before it starts, or an unknown territory, is refused.
    let organiser = send(&http, "POST", &api(&april, "/organisateurs"), Some(&json!({"nom": "Médiathèque"})), Some(TOKEN)).json()["secret"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(send(&http, "GET", &api(&april, "/tableau?territoire=32&du=2026-03-01&au=2026-04-30"), None, Some(&organiser)).status, 403);
    assert_eq!(send(&http, "GET", &api(&april, "/tableau?territoire=32&du=2026-05-01&au=2026-04-30"), None, Some(TOKEN)).status, 400);
    assert_eq!(send(&http, "GET", &api(&april, "/tableau?territoire=99&du=2026-03-01&au=2026-04-30"), None, Some(TOKEN)).status, 404);
    let bad_date = send(&http, "GET", &api(&april, "/tableau?territoire=32&du=mars&au=2026-04-30"), None, Some(TOKEN));
    assert_eq!((bad_date.status, bad_date.header("content-type")), (400, Some("application/json")));
}
