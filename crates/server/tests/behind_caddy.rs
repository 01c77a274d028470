//! The real Caddy (Debian's) in front of the server, as `deploy/Caddyfile`
//! puts it: the app loads through it, the rate limit counts each visitor by
//! the address Caddy forwards, a visitor cannot choose that address through
//! Caddy, and a client connecting to the server directly cannot either.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use uuid::Uuid;

struct Caddy {
    child: Child,
    address: String,
}

impl Drop for Caddy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Caddy with the reverse proxy of deploy/Caddyfile, on plain HTTP on
/// loopback (TLS would need a public name).
fn start_caddy(dir: &std::path::Path, upstream: &str) -> Caddy {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = dir.join("Caddyfile");
    std::fs::write(
        &config,
        format!(
            "{{\n\tadmin off\n\tauto_https off\n}}\n\nhttp://127.0.0.1:{port} {{\n\tencode zstd gzip\n\treverse_proxy {upstream}\n}}\n"
        ),
    )
    .unwrap();
    let child = Command::new("caddy")
        .args(["run", "--adapter", "caddyfile", "--config"])
        .arg(&config)
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env("HOME", dir)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("caddy.log")).unwrap())
        .spawn()
        .expect("caddy is installed by scripts/install.sh --browser (Debian package)");
    let address = format!("127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(&address).is_err() {
        assert!(Instant::now() < deadline, "caddy did not start:\n{}", std::fs::read_to_string(dir.join("caddy.log")).unwrap_or_default());
        std::thread::sleep(Duration::from_millis(100));
    }
    Caddy { child, address }
}

/// One HTTP/1.1 request from a chosen loopback address; the status code.
fn request_from(
    source: &str,
    to: &str,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
    headers: &[(&str, &str)],
) -> (u16, String) {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket.bind(&format!("{source}:0").parse::<SocketAddr>().unwrap().into()).unwrap();
    socket.connect(&to.parse::<SocketAddr>().unwrap().into()).unwrap();
    let mut stream: TcpStream = socket.into();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let body = body.map(|b| serde_json::to_vec(b).unwrap()).unwrap_or_default();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {to}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    if !body.is_empty() {
        head.push_str("Content-Type: application/json\r\n");
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}

/// The Caddyfile the README tells a département to install is valid for
/// Debian's Caddy.
#[test]
fn the_deployment_caddyfile_is_valid() {
    let adapted = Command::new("caddy")
        .args(["adapt", "--adapter", "caddyfile", "--config", concat!(env!("CARGO_MANIFEST_DIR"), "/../../deploy/Caddyfile")])
        .output()
        .expect("caddy is installed by scripts/install.sh --browser");
    assert!(adapted.status.success(), "{}", String::from_utf8_lossy(&adapted.stderr));
    let json = String::from_utf8_lossy(&adapted.stdout);
    assert!(json.contains("reverse_proxy") && json.contains("127.0.0.1:8080"), "{json}");
}

#[test]
fn behind_caddy_each_visitor_is_counted_and_nobody_can_pass_for_another() {
    // Limit 2 per minute; only 127.0.0.1 (where Caddy connects from) is trusted.
    let server = Server::start(&["--limite-par-minute", "2", "--proxys-de-confiance", "127.0.0.1"], &[]);
    create_workshop(&server, "atelier-caddy", days_from_now(10, 14), None);
    let caddy = start_caddy(server.dir.path(), server.url.trim_start_matches("http://"));

    // The app and the API load through Caddy.
    let (status, page) = request_from("127.0.0.2", &caddy.address, "GET", "/lieux/fs-192", None, &[]);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("France services Lectoure"), "the server's page through Caddy");
    let (status, _) = request_from("127.0.0.2", &caddy.address, "GET", "/api/catalogue/32", None, &[]);
    assert_eq!(status, 200);

    let register = |source: &str, headers: &[(&str, &str)]| {
        request_from(source, &caddy.address, "POST", "/api/inscriptions", Some(&registration(Uuid::new_v4(), "atelier-caddy", 1)), headers)
            .0
    };
    // Visitor .2 uses its two registrations; a forged X-Forwarded-For does
    // not get it more (Caddy replaces it with the real address).
    assert_eq!([register("127.0.0.2", &[]), register("127.0.0.2", &[])], [201, 201]);
    assert_eq!(register("127.0.0.2", &[("X-Forwarded-For", "198.51.100.9")]), 429);
    // Visitor .3, behind the same proxy, is not blocked by visitor .2.
    assert_eq!(register("127.0.0.3", &[]), 201);

    // Straight to the server from an untrusted address: the header is ignored.
    let direct = |headers: &[(&str, &str)]| {
        request_from(
            "127.0.0.4",
            server.url.trim_start_matches("http://"),
            "POST",
            "/api/inscriptions",
            Some(&registration(Uuid::new_v4(), "atelier-caddy", 1)),
            headers,
        )
        .0
    };
    assert_eq!([direct(&[]), direct(&[])], [201, 201]);
    assert_eq!(direct(&[("X-Forwarded-For", "198.51.100.10")]), 429, "a direct client cannot choose its address");
    drop(caddy);
}
