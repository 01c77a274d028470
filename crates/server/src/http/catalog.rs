//! The territory's catalog (with a strong ETag and 304), the live seats of
//! its workshops, and calendar exports.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use proxinum_core::ics::{self, EventContext};
use proxinum_core::session::Availability;

use super::error::{ApiResult, Failure};
use super::extract::ApiPath;
use super::AppState;
use crate::catalog::{BuiltCatalog, Encoded};
use crate::db;

fn unknown_territory(code: &str) -> Failure {
    Failure::NotFound(format!("Territoire « {code} » inconnu : donnez un code de département, par exemple 32 ou 82."))
}

/// Everything the app needs for one territory, in one document: places,
/// workshops, guides, communes, data sources and their dates.
#[utoipa::path(
    get,
    path = "/api/catalogue/{territoire}",
    tag = "catalogue",
    params(
        ("territoire" = String, Path, description = "Code du département, par exemple 32"),
        ("If-None-Match" = Option<String>, Header, description = "ETag d'une copie déjà reçue"),
    ),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),
        (status = 200, description = "Le catalogue (format défini par proxinum-core::catalog::Catalog)", content_type = "application/json", body = Object,
            headers(("ETag" = String, description = "Version du contenu"))),
        (status = 304, description = "La copie du client est à jour"),
        (status = 404, body = proxinum_core::registration::ApiError),
    )
)]
pub async fn catalogue(State(state): State<AppState>, ApiPath(code): ApiPath<String>, headers: HeaderMap) -> ApiResult<Response> {
    let built = built(&state, &code).await?;
    send(&built.json, "application/json", &headers)
}

/// The same catalog in the compact binary form the residents' app reads
/// (`proxinum_core::catalog_compact`: postcard, positional, its layout
/// number first): less code in the app's wasm than reading JSON.
#[utoipa::path(
    get,
    path = "/api/catalogue/{territoire}/compact",
    tag = "catalogue",
    params(
        ("territoire" = String, Path, description = "Code du département, par exemple 32"),
        ("If-None-Match" = Option<String>, Header, description = "ETag d'une copie déjà reçue"),
    ),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),
        (status = 200, description = "Le catalogue en postcard (proxinum-core::catalog_compact)", content_type = "application/octet-stream", body = Vec<u8>,
            headers(("ETag" = String, description = "Version du contenu et de sa disposition"))),
        (status = 304, description = "La copie du client est à jour"),
        (status = 404, body = proxinum_core::registration::ApiError),
    )
)]
pub async fn compact(State(state): State<AppState>, ApiPath(code): ApiPath<String>, headers: HeaderMap) -> ApiResult<Response> {
    let built = built(&state, &code).await?;
    send(&built.compact, "application/octet-stream", &headers)
}

async fn built(state: &AppState, code: &str) -> ApiResult<std::sync::Arc<BuiltCatalog>> {
    let catalogs = state.catalogs.clone();
    let lookup = code.to_string();
    let built = tokio::task::spawn_blocking(move || catalogs.get(&lookup)).await.map_err(|e| Failure::Internal(e.into()))??;
    built.ok_or_else(|| unknown_territory(code))
}

/// One form of the catalog: 304 when the client's copy is current, else
/// the bytes compressed as the client accepts.
fn send(encoded: &Encoded, content_type: &'static str, headers: &HeaderMap) -> ApiResult<Response> {
    let etag = HeaderValue::from_str(&encoded.etag).map_err(|e| Failure::Internal(e.into()))?;
    let cache_control = HeaderValue::from_static("no-cache");
    if super::headers::if_none_match_names(headers.get(header::IF_NONE_MATCH), &encoded.etag) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag), (header::CACHE_CONTROL, cache_control)]).into_response());
    }
    let accepts = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let (bytes, encoding) = if accepts.contains("br") {
        (encoded.brotli.clone(), Some("br"))
    } else if accepts.contains("gzip") {
        (encoded.gzip.clone(), Some("gzip"))
    } else {
        (encoded.plain.clone(), None)
    };
    let mut response = Response::new(Body::from(bytes));
    let response_headers = response.headers_mut();
    response_headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response_headers.insert(header::ETAG, etag);
    response_headers.insert(header::CACHE_CONTROL, cache_control);
    response_headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(encoding) = encoding {
        response_headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    Ok(response)
}

/// Seats left and waiting lists of a territory's upcoming workshops: small,
/// fetched apart so the catalog's ETag does not change with every registration.
#[utoipa::path(
    get,
    path = "/api/disponibilites/{territoire}",
    tag = "ateliers",
    params(("territoire" = String, Path, description = "Code du département")),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, body = Vec<Availability>), (status = 404, body = proxinum_core::registration::ApiError))
)]
pub async fn availability(State(state): State<AppState>, ApiPath(code): ApiPath<String>) -> ApiResult<Json<Vec<Availability>>> {
    if proxinum_core::territory::Territory::of_departement(&code).is_none() {
        return Err(unknown_territory(&code));
    }
    let now = state.clock.now();
    let list = state
        .db
        .read(move |connection| -> anyhow::Result<Vec<Availability>> {
            let sessions = db::sessions::of_territory(connection, &code)?;
            Ok(db::registrations::upcoming_availability(connection, &sessions, now)?)
        })
        .await??;
    Ok(Json(list))
}

fn calendar_response(file_name: &str, text: String) -> Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8")),
            (header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment"))),
        ],
        text,
    )
        .into_response()
}

/// One workshop as an iCalendar file ("Ajouter à mon agenda").
#[utoipa::path(
    get,
    path = "/api/ateliers/{id}/calendrier.ics",
    tag = "ateliers",
    params(("id" = String, Path, description = "Identifiant de l'atelier")),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, content_type = "text/calendar", body = String), (status = 404, body = proxinum_core::registration::ApiError))
)]
pub async fn session_ics(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> ApiResult<Response> {
    let lookup = id.clone();
    let session = state.db.read(move |c| db::sessions::get(c, &lookup)).await??;
    let Some(session) = session else { return Err(Failure::NotFound(format!("Atelier « {id} » introuvable."))) };
    let catalogs = state.catalogs.clone();
    let territory = session.territoire.clone();
    let built = tokio::task::spawn_blocking(move || catalogs.get(&territory)).await.map_err(|e| Failure::Internal(e.into()))??;
    let place = built.as_ref().and_then(|b| b.catalog.venue_place(&session).cloned());
    // The public address, never the request's Host (a forged one would be
    // written into the file).
    let url = state.site.url(&format!("/ateliers/{}", session.id));
    let text = ics::calendar(&session.titre, [(&session, EventContext { place: place.as_ref(), url })], state.clock.now());
    Ok(calendar_response(&ics::file_name(&session), text))
}

/// Every upcoming workshop of a territory, as a calendar feed.
#[utoipa::path(
    get,
    path = "/api/catalogue/{territoire}/ateliers.ics",
    tag = "ateliers",
    params(("territoire" = String, Path, description = "Code du département")),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, content_type = "text/calendar", body = String), (status = 404, body = proxinum_core::registration::ApiError))
)]
pub async fn territory_ics(State(state): State<AppState>, ApiPath(code): ApiPath<String>) -> ApiResult<Response> {
    let catalogs = state.catalogs.clone();
    let lookup = code.clone();
    let built = tokio::task::spawn_blocking(move || catalogs.get(&lookup)).await.map_err(|e| Failure::Internal(e.into()))??;
    let Some(built) = built else { return Err(unknown_territory(&code)) };
    let now = state.clock.now();
    let base = state.site.public_url.clone();
    let catalog = &built.catalog;
    let events = catalog.ateliers.iter().filter(|s| !s.is_past(now)).map(|s| {
        let place = catalog.venue_place(s);
        (s, EventContext { place, url: format!("{base}/ateliers/{}", s.id) })
    });
    let name = format!("Ateliers numériques {}", catalog.territoire.dans);
    Ok(calendar_response(&format!("ateliers-{code}.ics"), ics::calendar(&name, events, now)))
}
