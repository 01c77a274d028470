//! What the département's IT watches, in the Prometheus text format: requests
//! by route and status with their latency, registrations by outcome, catalog
//! builds, syncs of national places, personal data erased by the retention
//! purge. Off by default;
//! `--metriques 127.0.0.1:9464` serves `/metrics` on that address only,
//! never on the public one. Labels carry no personal data: routes are the
//! router's templates (`/api/sessions/{id}`), never the addresses asked.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use metrics::{counter, histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use proxinum_core::registration::RegistrationResult;

use crate::db::registrations::{Outcome, RegisterError};

/// Latency buckets, in seconds: a registration is answered in milliseconds,
/// a catalog build in tenths of a second.
const BUCKETS: [f64; 11] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

/// Installs the process's recorder; until then every count below is a no-op.
pub fn install() -> anyhow::Result<PrometheusHandle> {
    let handle = PrometheusBuilder::new().set_buckets(&BUCKETS)?.install_recorder()?;
    let upkeep = handle.clone();
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(Duration::from_secs(5));
        loop {
            ticker.tick().await;
            upkeep.run_upkeep();
        }
    });
    Ok(handle)
}

/// Serves `GET /metrics` on its own listener.
pub async fn serve(listener: tokio::net::TcpListener, handle: PrometheusHandle) -> anyhow::Result<()> {
    let app = Router::new().route("/metrics", get(move || std::future::ready(handle.render())));
    axum::serve(listener, app).await?;
    Ok(())
}

/// The route a response answered, set by `label_route` inside the routers.
#[derive(Clone)]
struct Route(String);

/// On matched routes only (`route_layer`): remembers the route's template
/// on the response for `track`.
pub async fn label_route(matched: MatchedPath, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.extensions_mut().insert(Route(matched.as_str().to_string()));
    response
}

/// Counts and times every request; what no route matched is the app's
/// files (`fichiers`).
pub async fn track(request: Request, next: Next) -> Response {
    let method = request.method().as_str().to_string();
    let start = Instant::now();
    let response = next.run(request).await;
    let route = response.extensions().get::<Route>().map_or_else(|| "fichiers".to_string(), |r| r.0.clone());
    let status = response.status().as_u16().to_string();
    counter!("proxinum_requetes_total", "route" => route.clone(), "methode" => method, "statut" => status).increment(1);
    histogram!("proxinum_requete_duree_secondes", "route" => route).record(start.elapsed().as_secs_f64());
    response
}

/// A registration's outcome: `confirmee`, `liste_attente`, `rejouee` (the
/// same request again, e.g. an outbox replay), `conflit`, `atelier_inconnu`,
/// `refusee` (closed, cancelled…), `invalide`, `limitee`, `erreur`.
pub fn registration(outcome: &str) {
    counter!("proxinum_inscriptions_total", "resultat" => outcome.to_string()).increment(1);
}

/// The outcome label of what the registrar decided.
pub fn registration_outcome(outcome: &anyhow::Result<Outcome>) -> &'static str {
    match outcome {
        Ok(Ok((result, true))) => status_label(result),
        Ok(Ok((_, false))) => "rejouee",
        Ok(Err(RegisterError::Conflict)) => "conflit",
        Ok(Err(RegisterError::UnknownSession)) => "atelier_inconnu",
        Ok(Err(RegisterError::Refused(..))) => "refusee",
        Err(_) => "erreur",
    }
}

fn status_label(result: &RegistrationResult) -> &'static str {
    match result.statut {
        proxinum_core::registration::RegistrationStatus::ListeAttente => "liste_attente",
        _ => "confirmee",
    }
}

pub fn catalog_built(territory: &str, took: Duration) {
    counter!("proxinum_catalogues_construits_total", "territoire" => territory.to_string()).increment(1);
    histogram!("proxinum_catalogue_construction_secondes").record(took.as_secs_f64());
}

/// A sync of national places: `appliquee`, `inchangee` (304), `essai`,
/// `refusee_fichier`, `refusee_suppressions`, `echec_telechargement`, `erreur`.
pub fn place_sync(outcome: &'static str) {
    counter!("proxinum_synchro_lieux_total", "resultat" => outcome).increment(1);
    if matches!(outcome, "appliquee" | "inchangee") {
        metrics::gauge!("proxinum_synchro_lieux_derniere_reussite_secondes").set(chrono::Utc::now().timestamp() as f64);
    }
}

pub fn purged(erased: usize) {
    counter!("proxinum_inscriptions_anonymisees_total").increment(erased as u64);
}

/// Printed at start so that tests and operators find the address.
pub fn announce(address: SocketAddr) {
    println!("Mesures Prometheus : http://{address}/metrics");
}
