//! Serves the Trunk build (`dist/`), using the brotli and gzip copies the
//! build wrote next to each file, and falling back to `index.html` for the
//! app's own routes (`/lieux/…`) so that deep links work. Two pages are
//! apps of their own, which residents never download
//! (scripts/build-page-app.sh): `/organisateur` is `organisateur.html`,
//! `/kiosque` (the kiosk set-up) is `kiosque.html`.

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
    let kiosk = ServeFile::new(dist.join("kiosque.html")).precompressed_br().precompressed_gzip();
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip().append_index_html_on_directories(false);
    BoxCloneSyncService::new(service_fn(move |request: Request<Body>| {
        let files = files.clone();
        let index = index.clone();
        let organiser = organiser.clone();
        let kiosk = kiosk.clone();
        async move {
            // `//icons` must never become a redirect to `//icons/`, which a
            // browser reads as another site ("protocol-relative").
            if request.uri().path().starts_with("//") {
                return Ok(Response::builder().status(StatusCode::NOT_FOUND).body(Body::empty()).unwrap_or_default());
            }
            let page_app = match page_app(request.uri().path()) {
                Some(PageApp::Organiser) => Some(organiser),
                Some(PageApp::KioskSetup) => Some(kiosk),
                None => None,
            };
            if let Some(page) = page_app {
                return Ok(page.oneshot(request).await.map(|r| r.map(Body::new)).unwrap_or_else(|e| match e {}));
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

/// The apps that are pages of their own, a wasm each that residents never
/// download.
#[derive(Debug, PartialEq)]
enum PageApp {
    /// `/organisateur` and below.
    Organiser,
    /// `/kiosque`: turning a tablet into a kiosk, or back.
    KioskSetup,
}

fn page_app(path: &str) -> Option<PageApp> {
    if path == "/organisateur" || path.starts_with("/organisateur/") {
        Some(PageApp::Organiser)
    } else if path == "/kiosque" {
        Some(PageApp::KioskSetup)
    } else {
        None
    }
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
        assert_eq!(page_app("/organisateur"), Some(PageApp::Organiser));
        assert_eq!(page_app("/organisateur/ateliers"), Some(PageApp::Organiser));
        assert_eq!(page_app("/organisateurs"), None);
        assert_eq!(page_app("/api/organisateur/ateliers"), None);
        assert_eq!(page_app("/kiosque"), Some(PageApp::KioskSetup));
        assert_eq!(page_app("/kiosque/autre"), None);
        assert_eq!(page_app("/"), None);
    }
}
