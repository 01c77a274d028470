//! Load benchmark of `POST /api/inscriptions` (not a test: it prints figures).
//! Starts the release server on loopback with a fresh database, then for
//! 50 and 200 concurrent clients sends registrations for DURATION seconds
//! and prints throughput and p50/p99 latency, then checks that no seat was
//! oversold. Client and server share this machine's cores.
//!
//! Run: `cargo bench -p proxinum-server --bench charge_inscriptions`
//! (PROXINUM_CHARGE_SECONDES=10 by default).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::json;
use uuid::Uuid;

const TOKEN: &str = "jeton-charge";
const CAPACITY: u32 = 1000;

fn main() {
    let seconds: u64 = std::env::var("PROXINUM_CHARGE_SECONDES").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let dir = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_proxinum"))
        .args([
            "--base",
            dir.path().join("db.sqlite").to_str().unwrap(),
            "servir",
            "--port",
            "0",
            "--jeton",
            TOKEN,
            "--limite-par-minute",
            "0",
            "--connexions-par-client",
            "1000",
            "--connexions-max",
            "1000",
        ])
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .spawn()
        .expect("release server");
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(rest) = line.strip_prefix("Proxinum est prêt : ") {
            break rest.trim_end_matches('/').to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();

    println!("| clients | requêtes | débit (req/s) | p50 (ms) | p99 (ms) | erreurs | places confirmées / capacité |");
    println!("|---:|---:|---:|---:|---:|---:|---|");
    for clients in [50usize, 200] {
        let session = format!("charge-{clients}");
        let start = (chrono::Utc::now() + chrono::Duration::days(30)).naive_utc().date().and_hms_opt(14, 0, 0).unwrap();
        let body = json!({"atelier": {
            "id": session, "territoire": "32", "titre": "Charge", "resume": "Mesure.", "themes": ["Premiers pas"], "publics": ["Tout public"],
            "lieu": {"type": "lieu", "lieu_id": "fs-192"}, "debut": start, "fin": start + chrono::Duration::hours(2),
            "capacite": CAPACITY, "inscription": {"mode": "dans_l_app"}, "organisateur": "Mesure"}});
        let created = agent
            .post(&format!("{url}/api/organisateur/ateliers"))
            .header("Authorization", &format!("Bearer {TOKEN}"))
            .send_json(&body)
            .unwrap();
        assert_eq!(created.status(), 201);

        let barrier = Arc::new(Barrier::new(clients));
        let deadline_after = Duration::from_secs(seconds);
        let workers: Vec<_> = (0..clients)
            .map(|_| {
                let (barrier, url, session) = (barrier.clone(), url.clone(), session.clone());
                std::thread::spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
                    let mut latencies = Vec::new();
                    let mut errors = 0usize;
                    barrier.wait();
                    let deadline = Instant::now() + deadline_after;
                    while Instant::now() < deadline {
                        let body = json!({"id": Uuid::new_v4(), "session_id": session, "prenom": "Jeanne", "nom": "Dupont",
                            "telephone": "0612345678", "places": 1, "consentement": true});
                        let sent = Instant::now();
                        match agent.post(&format!("{url}/api/inscriptions")).send_json(&body) {
                            Ok(r) if r.status() == 201 => latencies.push(sent.elapsed()),
                            _ => errors += 1,
                        }
                    }
                    (latencies, errors)
                })
            })
            .collect();
        let mut latencies = Vec::new();
        let mut errors = 0;
        for worker in workers {
            let (l, e) = worker.join().unwrap();
            latencies.extend(l);
            errors += e;
        }
        latencies.sort();
        let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)].as_secs_f64() * 1000.0;
        let detail: serde_json::Value =
            agent.get(&format!("{url}/api/sessions/{session}")).call().unwrap().into_body().read_json().unwrap();
        let left = detail["places_restantes"].as_u64().unwrap();
        let confirmed = CAPACITY as u64 - left;
        let list: serde_json::Value = agent
            .get(&format!("{url}/api/organisateur/ateliers/{session}/inscriptions"))
            .header("Authorization", &format!("Bearer {TOKEN}"))
            .call()
            .unwrap()
            .into_body()
            .with_config()
            .limit(u64::MAX)
            .read_json()
            .unwrap();
        let confirmed_rows = list.as_array().unwrap().iter().filter(|r| r["statut"] == "confirmee").count() as u64;
        assert_eq!(confirmed, confirmed_rows);
        assert!(confirmed <= CAPACITY as u64, "oversold: {confirmed} > {CAPACITY}");
        println!(
            "| {clients} | {} | {:.0} | {:.2} | {:.2} | {errors} | {confirmed} / {CAPACITY} (0 en trop) |",
            latencies.len(),
            latencies.len() as f64 / seconds as f64,
            pct(0.50),
            pct(0.99)
        );
    }
    let _ = server.kill();
    let _ = server.wait();
}
