//! The coordinators' command line on a real database file.

mod common;

use std::path::PathBuf;

use common::cli;

/// A real data file of `tests/data/` as a file the command line can read,
/// under its own name (which tells its format and date); large files are
/// kept gzipped in the repository and unpacked into `dir`.
fn shared(path: &str, dir: &std::path::Path) -> PathBuf {
    use std::io::Read;
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data").join(path);
    if source.exists() {
        return source;
    }
    let gzipped = std::fs::File::open(source.with_file_name(format!("{}.gz", source.file_name().unwrap().to_str().unwrap()))).unwrap();
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(gzipped).read_to_end(&mut bytes).unwrap();
    let target = dir.join(source.file_name().unwrap());
    std::fs::write(&target, bytes).unwrap();
    target
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn places_count(db: &std::path::Path) -> i64 {
    let connection = rusqlite::Connection::open(db).unwrap();
    connection.query_row("SELECT COUNT(*) FROM lieux", [], |r| r.get(0)).unwrap()
}

#[test]
fn import_reports_and_stores_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("proxinum.sqlite");

    let national = cli(
        &db,
        &["import", shared("lieux/france/france-services_2022-12-01_france.csv", dir.path()).to_str().unwrap(), "--territoire", "31"],
        &[],
    );
    assert!(national.status.success(), "{}", stderr(&national));
    let report = stdout(&national);
    assert!(report.contains("Format : liste France Services (CSV)"), "{report}");
    assert!(report.contains("Lus : 2683"), "{report}");
    let before = places_count(&db);
    assert!(before > 98, "the default 98 places plus Haute-Garonne's");

    // A truncated file: the report says why, and nothing changes.
    let source = std::fs::read(shared("lieux/sources/cnfs_2023-01_dep32-82.json", dir.path())).unwrap();
    let truncated = dir.path().join("tronque.json");
    std::fs::write(&truncated, &source[..source.len() / 3]).unwrap();
    let refused = cli(&db, &["import", truncated.to_str().unwrap()], &[]);
    assert!(!refused.status.success());
    assert!(stdout(&refused).contains("ÉCHEC : JSON illisible"), "{}", stdout(&refused));
    assert!(stderr(&refused).contains("rien n'a été modifié"));
    assert_eq!(places_count(&db), before);

    let example =
        cli(&db, &["import", shared("schema/lieux-mediation-numerique-v1.0.2.exemple-valide.csv", dir.path()).to_str().unwrap()], &[]);
    assert!(example.status.success());
    assert!(stdout(&example).contains("gardés : 1"));
    assert_eq!(places_count(&db), before + 1);
}

#[test]
fn workshops_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("proxinum.sqlite");
    let listed = cli(&db, &["ateliers", "lister", "--territoire", "32"], &[]);
    assert!(stdout(&listed).contains("[EXEMPLE]"));
    assert!(stdout(&listed).contains("sng-2025-12-08-mirande-inclusion [passé]"));

    let ics = dir.path().join("programme.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\nBEGIN:VEVENT\r\nUID:abc@exemple.fr\r\nDTSTAMP:20260101T000000Z\r\n\
DTSTART;TZID=Europe/Paris:20300312T140000\r\nDTEND;TZID=Europe/Paris:20300312T160000\r\nSUMMARY:Découvrir la tablette\r\n\
LOCATION:Médiathèque\\, 32700 Lectoure\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let imported = cli(
        &db,
        &[
            "ateliers",
            "importer-ics",
            ics.to_str().unwrap(),
            "--territoire",
            "32",
            "--organisateur",
            "Médiathèque",
            "--theme",
            "smartphone-et-tablette",
            "--capacite",
            "8",
        ],
        &[],
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        stdout(&imported).contains("Ajouté : ics-abc-exemple-fr — Découvrir la tablette (mardi 12 mars 2030, de 14h00 à 16h00)"),
        "{}",
        stdout(&imported)
    );

    let cancelled = cli(&db, &["ateliers", "annuler", "ics-abc-exemple-fr"], &[]);
    assert!(stdout(&cancelled).contains("Annulé"));
    let unknown = cli(&db, &["ateliers", "annuler", "nope"], &[]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("atelier « nope » introuvable"));

    let removed = cli(&db, &["ateliers", "supprimer-exemples"], &[]);
    assert!(stdout(&removed).contains("supprimé"));
    assert!(!stdout(&cli(&db, &["ateliers", "lister"], &[])).contains("[EXEMPLE]"));

    let export = cli(&db, &["inscriptions", "exporter", "sng-2025-12-08-mirande-inclusion"], &[]);
    assert!(export.status.success());
    assert!(export.stdout.starts_with(b"\xEF\xBB\xBFStatut;Rang;"));
}

#[test]
fn help_explains_every_setting() {
    let dir = tempfile::tempdir().unwrap();
    let help = cli(&dir.path().join("x.sqlite"), &["servir", "--help"], &[]);
    let text = stdout(&help);
    for flag in ["--adresse", "--port", "--dist", "--jeton", "--retention-jours", "--limite-par-minute", "--base", "PROXINUM_PORT"] {
        assert!(text.contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn a_port_in_use_gets_a_clear_message() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let output = cli(&dir.path().join("x.sqlite"), &["servir", "--port", &port, "--jeton", "t"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(&format!("le port {port} est déjà utilisé")), "{}", stderr(&output));
}
