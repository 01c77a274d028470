//! Serves the Trunk build (`dist/`), using the brotli and gzip copies the
//! build wrote next to each file, and falling back to `index.html` for the
//! app's own routes (`/lieux/…`) so that deep links work. `/organisateur`
//! is another app: `organisateur.html` (scripts/build-organiser.sh).

use std::convert::Infallible;
use std::path::Path;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use tower::service_fn;
use tower::util::BoxCloneSyncService;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub fn service(dist: &Path) -> BoxCloneSyncService<Request<Body>, Response<Body>, Infallible> {
    let index = ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip();
    let organiser = ServeFile::new(dist.join("organisateur.html")).precompressed_br().precompressed_gzip();
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip().append_index_html_on_directories(false);
    BoxCloneSyncService::new(service_fn(move |request: Request<Body>| {
        let files = files.clone();
        let index = index.clone();
        let organiser = organiser.clone();
        async move {
            // `//icons` must never become a redirect to `//icons/`, which a
            // browser reads as another site ("protocol-relative").
            if request.uri().path().starts_with("//") {
                return Ok(Response::builder().status(StatusCode::NOT_FOUND).body(Body::empty()).unwrap_or_default());
            }
            if is_organiser_page(request.uri().path()) {
                return Ok(organiser.oneshot(request).await.map(|r| r.map(Body::new)).unwrap_or_else(|e| match e {}));
            }
            let is_app_route = is_app_route(request.uri().path());
            let response = files.oneshot(clone_request(&request)).await.map(|r| r.map(Body::new));
            match response {
                Ok(r) if r.status() == StatusCode::NOT_FOUND && is_app_route => {
                    Ok(index.oneshot(request).await.map(|r| r.map(Body::new)).unwrap_or_else(|e| match e {}))
                }
                Ok(r) => Ok(r),
                Err(e) => match e {},
            }
        }
    }))
}

/// A path without a file extension is a page of the app; a missing
/// `/x.js` must stay a 404, not become HTML.
fn is_app_route(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    !path.starts_with("/api/") && !last.contains('.')
}

/// The organisers' app, a wasm of its own that residents never download.
fn is_organiser_page(path: &str) -> bool {
    path == "/organisateur" || path.starts_with("/organisateur/")
}

fn clone_request(request: &Request<Body>) -> Request<Body> {
    let mut builder = Request::builder().method(request.method()).uri(request.uri()).version(request.version());
    if let Some(headers) = builder.headers_mut() {
        headers.clone_from(request.headers());
    }
    builder.body(Body::empty()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_routes_and_files() {
        assert!(is_app_route("/"));
        assert!(is_app_route("/lieux/fs-192"));
        assert!(!is_app_route("/main-0123.css"));
        assert!(!is_app_route("/api/inconnu"));
        assert!(is_organiser_page("/organisateur"));
        assert!(!is_organiser_page("/organisateurs"));
        assert!(!is_organiser_page("/api/organisateur/ateliers"));
    }
}
