//! Slow clients cannot exhaust the server ("slowloris", finding 3 of the
//! security review): one address holds at most its share of connections,
//! a request whose headers never end is cut after the read delay, and
//! everyone else is served meanwhile.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use common::*;

/// Starts a request and never finishes its headers.
fn half_request(address: &str) -> Option<TcpStream> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream.write_all(b"GET /api/health HTTP/1.1\r\nHost: proxinum\r\nX-Lent: ").ok()?;
    Some(stream)
}

/// Has the server closed this connection (end of stream or reset) within
/// `wait`? A connection still open just times out.
fn closed_by_server(stream: &mut TcpStream, wait: Duration) -> bool {
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut buffer = [0u8; 256];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            // A 408 or similar answer before closing: keep reading.
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => return false,
            Err(_) => return true,
        }
    }
}

/// A whole request from another loopback address, as another visitor.
fn health_from(source: &str, address: &str) -> String {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket.bind(&source.parse::<SocketAddr>().unwrap().into()).unwrap();
    socket.connect(&address.parse::<SocketAddr>().unwrap().into()).unwrap();
    let mut stream: TcpStream = socket.into();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    stream.write_all(b"GET /api/health HTTP/1.1\r\nHost: proxinum\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn half_sent_requests_are_cut_and_other_visitors_are_served() {
    let server = Server::start(&["--connexions-max", "100", "--connexions-par-client", "10", "--delai-lecture", "2"], &[]);
    let address = server.url.trim_start_matches("http://").to_string();
    let mut slow: Vec<TcpStream> = (0..300).filter_map(|_| half_request(&address)).collect();
    assert_eq!(slow.len(), 300, "the kernel takes the connections");

    // Another visitor is answered while the 300 are open.
    let answer = health_from("127.0.0.2:0", &address);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // Beyond its share, the slow client's connections were closed at once;
    // the others are cut once the read delay has passed.
    let closed = slow.iter_mut().map(|s| closed_by_server(s, Duration::from_secs(15))).filter(|c| *c).count();
    assert_eq!(closed, 300, "every half-sent request ends up closed");

    // The slow client's address is served again afterwards.
    let again = get(&agent(), &format!("{}/api/health", server.url), &[]);
    assert_eq!(again.status, 200);

    // An idle keep-alive connection is closed after the same delay.
    let mut idle = TcpStream::connect(&address).unwrap();
    idle.write_all(b"GET /api/health HTTP/1.1\r\nHost: proxinum\r\n\r\n").unwrap();
    let mut first = [0u8; 12];
    idle.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    assert!(closed_by_server(&mut idle, Duration::from_secs(15)), "an idle connection is not kept for ever");
}
