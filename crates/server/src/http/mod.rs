//! The HTTP side: the JSON API (documented by OpenAPI, generated from the
//! handlers) and the app's files, with security headers on every answer.

mod catalog;
pub mod client_address;
mod cors;
mod error;
mod extract;
mod headers;
pub mod listener;
mod organiser;
mod page_validator;
pub mod pages;
mod places;
mod protocol_errors;
pub mod rate_limit;
mod registrations;
mod static_files;

use std::path::PathBuf;

use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get};
use axum::{Json, Router};
use serde::Serialize;
use tower_http::compression::CompressionLayer;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::catalog::Catalogs;
use crate::clock::Clock;
use crate::db::Db;
use organiser::BearerScheme;
use rate_limit::RateLimiter;

/// Largest request body accepted by the API (a registration is < 2 KB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub registrar: crate::registrar::Registrar,
    pub catalogs: Catalogs,
    pub clock: Clock,
    pub limiter: RateLimiter,
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` are believed.
    pub proxies: client_address::TrustedProxies,
    pub retention_days: u32,
    /// Public address, the app's `index.html`, the home page's territory.
    pub site: pages::Site,
    /// Notices go by e-mail (`--smtp-url` given); otherwise the organiser
    /// phones everyone a change concerns.
    pub emails_sent: bool,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Proxinum",
        description = "API de Proxinum, le numérique près de chez vous : lieux d'aide au numérique, catalogue d'un territoire, ateliers et inscriptions. Les routes /api/organisateur demandent le jeton des organisateurs (Authorization: Bearer).",
        license(name = "EUPL-1.2")
    ),
    modifiers(&BearerScheme)
)]
struct ApiDoc;

/// The API routes and their OpenAPI document, from the same declarations.
pub fn api(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    let organiser = organiser::routes(state.clone());
    let (router, mut document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health))
        .routes(routes!(places::nearest))
        .routes(routes!(catalog::catalogue))
        .routes(routes!(catalog::compact))
        .routes(routes!(catalog::availability))
        .routes(routes!(catalog::session_ics))
        .routes(routes!(catalog::territory_ics))
        .routes(routes!(registrations::session))
        .routes(routes!(registrations::register))
        .routes(routes!(registrations::status, registrations::cancel))
        .merge(organiser)
        .with_state(state)
        .split_for_parts();
    utoipa::Modify::modify(&protocol_errors::Documented, &mut document);
    (router, document)
}

pub struct Options {
    pub dist: PathBuf,
    /// Count and time requests (`--metriques`); without it, no work is
    /// added to any request.
    pub metrics: bool,
}

/// With metrics on, each matched route names itself on its response.
fn labelled<S: Clone + Send + Sync + 'static>(router: Router<S>, metrics: bool) -> Router<S> {
    if metrics {
        router.route_layer(axum::middleware::from_fn(crate::metrics::label_route))
    } else {
        router
    }
}

pub fn router(state: AppState, options: Options) -> Router {
    let (api, document) = api(state.clone());
    let api = api
        .route("/api/openapi.json", get(move || std::future::ready(Json(document.clone()))))
        .route("/api/{*rest}", any(|| async { error::Failure::NotFound("Cette adresse de l'API n'existe pas.".into()) }));
    let api = labelled(api, options.metrics)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(axum::middleware::from_fn(cors::public_reads));
    // Behind https, browsers are told to never come back over plain http.
    let https = state.site.public_url.starts_with("https://");
    let pages = labelled(pages::routes(), options.metrics)
        .layer(axum::middleware::from_fn(page_validator::revalidate))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .with_state(state);
    let router = Router::new()
        .merge(api)
        .merge(pages)
        .fallback_service(static_files::service(&options.dist))
        .layer(axum::middleware::from_fn(protocol_errors::as_json))
        .layer(axum::middleware::from_fn(headers::security_and_cache));
    let router = if options.metrics { router.layer(axum::middleware::from_fn(crate::metrics::track)) } else { router };
    if https {
        router.layer(axum::middleware::from_fn(headers::strict_transport_security))
    } else {
        router
    }
}

#[derive(Serialize, ToSchema)]
struct Health {
    /// "ok"
    statut: &'static str,
    version: &'static str,
}

/// Is the server up?
#[utoipa::path(get, path = "/api/health", tag = "serveur", responses((status = 200, body = Health)))]
async fn health() -> Json<Health> {
    Json(Health { statut: "ok", version: env!("CARGO_PKG_VERSION") })
}
