//! CORS for the public, read-only API: a partner site (a commune, a
//! médiathèque) may call `/api/lieux/proches`, `/api/catalogue/…` and
//! `/api/sessions/…` from its own pages with `GET`. Nothing else is open to
//! other origins: registrations and organiser routes stay same-origin.

use axum::extract::Request;
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

const OPEN_PREFIXES: [&str; 3] = ["/api/lieux/proches", "/api/catalogue/", "/api/sessions/"];

/// Is this path readable from other origins?
pub fn is_open(path: &str) -> bool {
    OPEN_PREFIXES.iter().any(|prefix| path.starts_with(prefix))
}

pub async fn public_reads(request: Request, next: Next) -> Response {
    if !is_open(request.uri().path()) {
        return next.run(request).await;
    }
    if request.method() == Method::OPTIONS {
        let mut response = StatusCode::NO_CONTENT.into_response();
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET"));
        headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("if-none-match"));
        headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        return response;
    }
    let is_get = request.method() == Method::GET;
    let mut response = next.run(request).await;
    if is_get {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("etag"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_open;

    #[test]
    fn only_public_reads_are_open() {
        assert!(is_open("/api/lieux/proches"));
        assert!(is_open("/api/catalogue/32"));
        assert!(is_open("/api/sessions/atelier-1"));
        assert!(!is_open("/api/inscriptions"));
        assert!(!is_open("/api/organisateur/ateliers"));
        assert!(!is_open("/api/disponibilites/32"));
    }
}
