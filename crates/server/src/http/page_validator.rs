//! An ETag on every server-rendered page, and "304 Not Modified" when the
//! browser already has that very page: the service worker refreshes the page
//! behind every visit, and a resident on a prepaid plan then pays a few
//! hundred bytes instead of the whole page again (issue 14).
//!
//! The tag is the hash of the page's HTML before compression, so it is weak
//! (`W/`): the same page sent as brotli, gzip or plain is one page. Pages
//! carry no per-request secret, so a tag says nothing the page did not say;
//! a page that differs at each rendering simply never matches.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

/// Tags a page answered to a GET with 200, and answers 304 when the
/// request's `If-None-Match` already names that tag.
pub async fn revalidate(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let client_has = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || !is_html(response.headers()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // The page handlers answer with a string already in memory: reading it
    // back has no limit to hit and cannot fail.
    let Ok(page) = to_bytes(body, usize::MAX).await else {
        tracing::error!("page : corps illisible");
        return Response::builder().status(StatusCode::INTERNAL_SERVER_ERROR).body(Body::empty()).unwrap_or_default();
    };
    let tag = tag_of(&page);
    parts.headers.insert(header::ETAG, tag.clone());
    if client_has.as_ref().is_some_and(|names| names_tag(names, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(page))
}

fn is_html(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"))
}

/// `W/"<first 16 bytes of the SHA-256 of the page, in hex>"`.
fn tag_of(page: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(page);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("W/\"{hex}\"")).expect("hex is a valid header value")
}

/// Weak comparison (RFC 9110 §13.1.2): `*`, or one of the listed tags with
/// the same opaque value, `W/` or not.
fn names_tag(if_none_match: &HeaderValue, tag: &HeaderValue) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let Ok(names) = if_none_match.to_str() else { return false };
    let ours = opaque(tag.to_str().unwrap_or_default());
    names.split(',').any(|name| name.trim() == "*" || opaque(name) == ours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_page_gets_the_same_weak_tag_and_another_page_another() {
        let tag = tag_of(b"<p>Auch</p>");
        assert_eq!(tag, tag_of(b"<p>Auch</p>"));
        assert_ne!(tag, tag_of(b"<p>Condom</p>"));
        let text = tag.to_str().unwrap();
        assert!(text.starts_with("W/\"") && text.ends_with('"') && text.len() == 3 + 32 + 1, "{text}");
    }

    #[test]
    fn if_none_match_is_compared_weakly_and_in_lists() {
        let tag = tag_of(b"page");
        let opaque = tag.to_str().unwrap().trim_start_matches("W/").to_string();
        let header = |s: &str| HeaderValue::from_str(s).unwrap();
        assert!(names_tag(&tag, &tag));
        assert!(names_tag(&header(&opaque), &tag), "a strong form of the same tag matches weakly");
        assert!(names_tag(&header(&format!("W/\"x\", {opaque}")), &tag));
        assert!(names_tag(&header("*"), &tag));
        assert!(!names_tag(&header("W/\"x\""), &tag));
        assert!(!names_tag(&header(""), &tag));
    }
}
