//! The HTTP side: one router for the app's files and the JSON API, with
//! security headers on every answer and compression of API answers.

mod headers;
mod static_files;

use std::path::PathBuf;

use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use tower_http::compression::CompressionLayer;

pub struct Options {
    pub dist: PathBuf,
}

pub fn router(options: Options) -> Router {
    let api = Router::new().route("/api/health", get(health)).layer(CompressionLayer::new().br(true).gzip(true));
    Router::new()
        .merge(api)
        .fallback_service(static_files::service(&options.dist))
        .layer(axum::middleware::from_fn(headers::security_and_cache))
}

#[derive(Serialize)]
struct Health {
    statut: &'static str,
    version: &'static str,
}

async fn health() -> Json<Health> {
    Json(Health { statut: "ok", version: env!("CARGO_PKG_VERSION") })
}
