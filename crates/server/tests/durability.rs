//! A crash in the middle of writes loses no confirmed registration: the
//! server is killed (SIGKILL) during a load, then the file is checked.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use common::*;
use rusqlite::Connection;
use uuid::Uuid;

/// Clients registering continuously until `stop`; the ids the server
/// confirmed (201). A client stops when the server is gone.
struct Load {
    confirmed: Arc<Mutex<Vec<Uuid>>>,
    stop: Arc<AtomicBool>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

fn load(server: &Server, workshop: &str, clients: usize) -> Load {
    let url = Arc::new(format!("{}/api/inscriptions", server.url));
    let confirmed: Arc<Mutex<Vec<Uuid>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let workers = (0..clients)
        .map(|_| {
            let (url, confirmed, stop, workshop) = (url.clone(), confirmed.clone(), stop.clone(), workshop.to_string());
            std::thread::spawn(move || {
                let agent = agent();
                while !stop.load(Ordering::Relaxed) {
                    let id = Uuid::new_v4();
                    let body = serde_json::to_vec(&registration(id, &workshop, 1)).unwrap();
                    let request = ureq::http::Request::builder()
                        .method("POST")
                        .uri(url.as_str())
                        .header("Content-Type", "application/json")
                        .body(body)
                        .unwrap();
                    match agent.run(request) {
                        Ok(response) if response.status() == 201 => confirmed.lock().unwrap().push(id),
                        Ok(_) => {}
                        Err(_) => break, // the server is gone
                    }
                }
            })
        })
        .collect();
    Load { confirmed, stop, workers }
}

#[test]
fn killed_during_a_load_keeps_every_confirmed_registration() {
    let server = Server::start(&["--limite-par-minute", "0"], &[]);
    create_workshop(&server, "atelier-charge", days_from_now(10, 14), Some(100_000));
    let Load { confirmed, stop, workers } = load(&server, "atelier-charge", 8);
    // Let the load run, then kill the server without warning.
    while confirmed.lock().unwrap().len() < 300 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill").args(["-9", &server.pid().to_string()]).status().unwrap();
    assert!(status.success());
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.join().unwrap();
    }
    let confirmed = confirmed.lock().unwrap().clone();
    assert!(confirmed.len() >= 300);

    // Every registration the clients saw confirmed is in the file.
    let connection = Connection::open(server.db_path()).unwrap();
    let integrity: String = connection.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let mut missing = 0;
    for id in &confirmed {
        let found: i64 = connection.query_row("SELECT COUNT(*) FROM inscriptions WHERE id = ?1", [id.to_string()], |r| r.get(0)).unwrap();
        if found != 1 {
            missing += 1;
        }
    }
    assert_eq!(missing, 0, "{missing} confirmed registrations lost out of {}", confirmed.len());
}

/// `sauvegarder` during a registration load gives a consistent copy holding
/// every registration confirmed before it started; `restaurer` puts it in a
/// new base, and refuses what it must refuse.
#[test]
fn a_backup_taken_under_load_restores_every_confirmed_registration() {
    let server = Server::start(&["--limite-par-minute", "0"], &[]);
    create_workshop(&server, "atelier-sauvegarde", days_from_now(10, 14), Some(100_000));
    let Load { confirmed, stop, workers } = load(&server, "atelier-sauvegarde", 4);
    while confirmed.lock().unwrap().len() < 200 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let before = confirmed.lock().unwrap().clone();
    let backup = server.dir.path().join("sauvegarde.sqlite");
    let saved = server.cli(&["sauvegarder", backup.to_str().unwrap()]);
    let during = confirmed.lock().unwrap().len() - before.len();
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.join().unwrap();
    }
    assert!(saved.status.success(), "{}", String::from_utf8_lossy(&saved.stderr));
    assert!(String::from_utf8_lossy(&saved.stdout).starts_with("Sauvegarde écrite"), "{saved:?}");
    assert!(during > 0 || before.len() >= 200, "the load went on while the backup ran");

    let restored = server.dir.path().join("restauree.sqlite");
    let back = cli(&restored, &["restaurer", backup.to_str().unwrap()], &[]);
    assert!(back.status.success(), "{}", String::from_utf8_lossy(&back.stderr));
    let connection = Connection::open(&restored).unwrap();
    let integrity: String = connection.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let missing = before
        .iter()
        .filter(|id| {
            connection.query_row("SELECT COUNT(*) FROM inscriptions WHERE id = ?1", [id.to_string()], |r| r.get::<_, i64>(0)).unwrap() != 1
        })
        .count();
    assert_eq!(missing, 0, "{missing} of {} registrations confirmed before the backup are missing", before.len());

    // What is refused, with the reason.
    let again = cli(&restored, &["restaurer", backup.to_str().unwrap()], &[]);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("--remplacer"), "{again:?}");
    let over = server.cli(&["sauvegarder", backup.to_str().unwrap()]);
    assert!(!over.status.success() && String::from_utf8_lossy(&over.stderr).contains("existe déjà"), "{over:?}");
    let bytes = std::fs::read(&backup).unwrap();
    let damaged = server.dir.path().join("endommagee.sqlite");
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    let refused = cli(&server.dir.path().join("autre.sqlite"), &["restaurer", damaged.to_str().unwrap()], &[]);
    assert!(!refused.status.success(), "{refused:?}");
    assert!(!server.dir.path().join("autre.sqlite").exists(), "a refused restore creates no base");
    let future = server.dir.path().join("future.sqlite");
    std::fs::copy(&backup, &future).unwrap();
    Connection::open(&future).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let unknown = cli(&server.dir.path().join("autre.sqlite"), &["restaurer", future.to_str().unwrap()], &[]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("pas une base Proxinum connue"), "{unknown:?}");
}
