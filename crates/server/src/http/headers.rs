//! Security headers on every answer, the caching policy of the app's
//! files (hashed files are immutable, the entry points must be revalidated),
//! and how a revalidation's `If-None-Match` is read.

use axum::extract::Request;
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Lets the wasm run (`'wasm-unsafe-eval'`) but no inline script at all.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; \
connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

pub async fn security_and_cache(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, HeaderName::from_static("permissions-policy"), "geolocation=(self), camera=(), microphone=(), payment=()");
    set(headers, HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, cache_policy(&path));
    }
    if !path.starts_with("/api/") {
        // The same URL is sent as brotli, gzip or plain: caches must know.
        set(headers, header::VARY, "accept-encoding");
    }
    response
}

/// HSTS, when the public address is https (a year, as browsers' preload
/// lists ask; subdomains are the département's own business).
pub async fn strict_transport_security(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    response
}

/// The Cache-Control of a path of the app.
pub fn cache_policy(path: &str) -> &'static str {
    if path.starts_with("/api/") {
        "no-store"
    } else if is_hashed_asset(path) {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/icons/") {
        "public, max-age=86400"
    } else {
        // index.html, sw.js, boot.js, the manifest and every app route.
        "no-cache"
    }
}

/// Whether an `If-None-Match` header names `tag`: `*`, or one of its tags
/// with the same opaque value, `W/` or not (the weak comparison RFC 9110
/// §13.1.2 asks for this header). Read by the catalog and by every page.
pub fn if_none_match_names(if_none_match: Option<&HeaderValue>, tag: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let Some(names) = if_none_match.and_then(|v| v.to_str().ok()) else { return false };
    let ours = opaque(tag);
    names.split(',').any(|name| name.trim() == "*" || opaque(name) == ours)
}

/// Trunk names built files `name-<hash>.ext` (`_bg.wasm` for the wasm), the
/// hash being a 64-bit number in hex without zero padding.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_is_compared_weakly_and_in_lists() {
        let header = |s: &str| HeaderValue::from_str(s).unwrap();
        let tag = "W/\"abc\"";
        assert!(if_none_match_names(Some(&header(tag)), tag));
        assert!(if_none_match_names(Some(&header("\"abc\"")), tag), "a strong form of the same tag matches weakly");
        assert!(if_none_match_names(Some(&header("W/\"abc\"")), "\"abc\""), "and a weak form of a strong tag");
        assert!(if_none_match_names(Some(&header("W/\"x\", \"abc\"")), tag));
        assert!(if_none_match_names(Some(&header("*")), tag));
        assert!(!if_none_match_names(Some(&header("W/\"x\"")), tag));
        assert!(!if_none_match_names(Some(&header("")), tag));
        assert!(!if_none_match_names(None, tag));
    }

    #[test]
    fn policies() {
        assert_eq!(cache_policy("/proxinum-app-f98922c2572be032_bg.wasm"), "public, max-age=31536000, immutable");
        assert_eq!(cache_policy("/main-ccb67637619a5eb0.css"), "public, max-age=31536000, immutable");
        assert_eq!(cache_policy("/proxinum-app-531d28d2e6b4311.js"), "public, max-age=31536000, immutable");
        assert_eq!(cache_policy("/boot.js"), "no-cache");
        assert_eq!(cache_policy("/index.html"), "no-cache");
        assert_eq!(cache_policy("/sw.js"), "no-cache");
        assert_eq!(cache_policy("/lieux/fs-192"), "no-cache");
        assert_eq!(cache_policy("/api/health"), "no-store");
    }
}
