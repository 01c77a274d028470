//! Shared helpers: a real `proxinum` server on loopback with its own SQLite
//! file, and a small HTTP client.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

pub const TOKEN: &str = "jeton-de-test-0123456789";

pub struct Server {
    pub url: String,
    pub dir: tempfile::TempDir,
    /// What the server printed before it was ready.
    pub banner: Vec<String>,
    child: Child,
}

impl Server {
    /// Starts a server with a fresh database; `env` adds environment variables.
    pub fn start(extra_args: &[&str], env: &[(&str, &str)]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        Self::start_in(dir, extra_args, env)
    }

    pub fn start_in(dir: tempfile::TempDir, extra_args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_proxinum"));
        command
            .args(["--base", dir.path().join("proxinum.sqlite").to_str().unwrap(), "servir", "--port", "0", "--jeton", TOKEN])
            .args(["--dist", dir.path().join("dist").to_str().unwrap()])
            .args(extra_args)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(if std::env::var_os("PROXINUM_TEST_LOG").is_some() { Stdio::inherit() } else { Stdio::null() });
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start proxinum");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let mut banner = Vec::new();
        let url = loop {
            let line = lines.next().expect("server output").expect("readable output");
            if let Some(rest) = line.strip_prefix("Proxinum est prêt : ") {
                break rest.trim_end_matches('/').to_string();
            }
            banner.push(line);
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { url, dir, banner, child }
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("proxinum.sqlite")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server (already killed, or killed now) and hands back its
    /// directory, database included, for a restart with `start_in`.
    pub fn into_dir(mut self) -> tempfile::TempDir {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::replace(&mut self.dir, tempfile::tempdir().unwrap())
    }

    /// Runs a command of the CLI on the same database.
    pub fn cli(&self, args: &[&str]) -> std::process::Output {
        cli(&self.db_path(), args, &[])
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn cli(db: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_proxinum"));
    command.arg("--base").arg(db).args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run proxinum")
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(30))).build().into()
}

/// A response: status, headers we care about, body as text.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn reply(response: ureq::http::Response<ureq::Body>) -> Reply {
    let status = response.status().as_u16();
    let headers = response.headers().iter().map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string())).collect();
    let body = response.into_body().read_to_string().unwrap_or_default();
    Reply { status, headers, body }
}

pub fn get(agent: &ureq::Agent, url: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = agent.get(url);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    reply(request.call().expect("GET"))
}

/// A GET whose body is bytes (the compact catalog): status, headers, body.
pub fn get_bytes(agent: &ureq::Agent, url: &str, headers: &[(&str, &str)]) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut request = agent.get(url);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = request.call().expect("GET");
    let status = response.status().as_u16();
    let names = response.headers().iter().map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string())).collect();
    (status, names, response.into_body().read_to_vec().unwrap_or_default())
}

pub fn send(agent: &ureq::Agent, method: &str, url: &str, body: Option<&Value>, token: Option<&str>) -> Reply {
    let mut request = ureq::http::Request::builder().method(method).uri(url);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => request.header("Content-Type", "application/json").body(serde_json::to_vec(body).unwrap()).unwrap(),
        None => request.body(Vec::new()).unwrap(),
    };
    reply(agent.run(request).expect("request"))
}

/// A JSON POST with extra headers (e.g. `X-Forwarded-For`).
pub fn post_with(agent: &ureq::Agent, url: &str, body: &Value, headers: &[(&str, &str)]) -> Reply {
    let mut request = ureq::http::Request::builder().method("POST").uri(url).header("Content-Type", "application/json");
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    reply(agent.run(request.body(serde_json::to_vec(body).unwrap()).unwrap()).expect("request"))
}

/// Creates a workshop through the organiser API, `days` from now, with
/// `capacity` seats, at France services Lectoure.
pub fn create_workshop(server: &Server, id: &str, start: chrono::NaiveDateTime, capacity: Option<u32>) -> Value {
    let body = json!({
        "atelier": {
            "id": id,
            "territoire": "32",
            "titre": "Atelier de test",
            "resume": "Un atelier pour les tests.",
            "themes": ["Premiers pas"],
            "publics": ["Tout public"],
            "lieu": {"type": "lieu", "lieu_id": "fs-192"},
            "debut": start.format("%Y-%m-%dT%H:%M:%S").to_string(),
            "fin": (start + chrono::Duration::hours(2)).format("%Y-%m-%dT%H:%M:%S").to_string(),
            "capacite": capacity,
            "inscription": {"mode": "dans_l_app"},
            "organisateur": "Tests"
        }
    });
    let reply = send(&agent(), "POST", &format!("{}/api/organisateur/ateliers", server.url), Some(&body), Some(TOKEN));
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.json()
}

/// A valid registration body.
pub fn registration(id: uuid::Uuid, session: &str, places: u32) -> Value {
    json!({
        "id": id,
        "session_id": session,
        "prenom": "Jeanne",
        "nom": "Dupont",
        "telephone": "06 12 34 56 78",
        "places": places,
        "consentement": true
    })
}

/// Paris wall-clock time `days` from now at `hour`:00.
pub fn days_from_now(days: i64, hour: u32) -> chrono::NaiveDateTime {
    let today = proxinum_core::time::in_paris(chrono::Utc::now()).date_naive();
    (today + chrono::Duration::days(days)).and_hms_opt(hour, 0, 0).unwrap()
}
