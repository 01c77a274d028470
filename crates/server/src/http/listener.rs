//! Accepts connections with the limits a server facing the Internet needs:
//! at most `max_connections` at once (the others wait in the kernel's
//! queue), at most `per_client` from one address (IPv6: one /64) (beyond, a new connection
//! is closed at once; trusted proxies, which carry everyone's connections,
//! are exempt), and a client that does not finish sending its request
//! headers within `read_timeout` — including an idle keep-alive connection
//! waiting for its next request — is disconnected, as is a request body
//! that stalls. A "slowloris" client opening thousands of half-sent
//! requests holds `per_client` slots for `read_timeout`, and everyone else
//! is served meanwhile.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

use super::client_address::{limit_key, TrustedProxies};

/// What one server accepts.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_connections: usize,
    pub per_client: usize,
    pub read_timeout: Duration,
    pub proxies: TrustedProxies,
}

/// Open connections per client address.
#[derive(Default)]
struct PerClient(Mutex<HashMap<IpAddr, usize>>);

impl PerClient {
    fn enter(&self, ip: IpAddr, most: usize) -> bool {
        let mut open = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let count = open.entry(ip).or_default();
        if *count >= most {
            return false;
        }
        *count += 1;
        true
    }

    fn leave(&self, ip: IpAddr) {
        let mut open = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = open.get_mut(&ip) {
            *count -= 1;
            if *count == 0 {
                open.remove(&ip);
            }
        }
    }
}

/// How long requests in progress may finish after the stop signal.
const DRAIN: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` completes, then lets the
/// requests in progress finish (for at most ten seconds).
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
    let app = app.layer(tower_http::timeout::RequestBodyTimeoutLayer::new(limits.read_timeout));
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let per_client = Arc::new(PerClient::default());
    let graceful = GracefulShutdown::new();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.read_timeout);
    builder.http2().timer(TokioTimer::new()).keep_alive_interval(limits.read_timeout).keep_alive_timeout(limits.read_timeout);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot?,
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before
                    // it was accepted: wait a little and go on.
                    tracing::warn!("connexion refusée : {error}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let counted = !limits.proxies.trusts(remote.ip().to_canonical());
        let client = limit_key(remote.ip());
        if counted && !per_client.enter(client, limits.per_client) {
            // Closed at once: this address already holds its share.
            continue;
        }
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(remote));
            app.clone().oneshot(request)
        });
        let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service).into_owned();
        let connection = graceful.watch(connection);
        let per_client = per_client.clone();
        tokio::spawn(async move {
            // Errors here are clients going away or timing out: nothing to do.
            let _ = connection.await;
            if counted {
                per_client.leave(client);
            }
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => tracing::warn!("arrêt : des requêtes en cours ont été interrompues"),
    }
    Ok(())
}
