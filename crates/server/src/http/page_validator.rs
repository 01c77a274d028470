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
    parts.headers.insert(header::ETAG, HeaderValue::from_str(&tag).expect("hex is a valid header value"));
    if super::headers::if_none_match_names(client_has.as_ref(), &tag) {
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
fn tag_of(page: &[u8]) -> String {
    let digest = Sha256::digest(page);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_page_gets_the_same_weak_tag_and_another_page_another() {
        let tag = tag_of(b"<p>Auch</p>");
        assert_eq!(tag, tag_of(b"<p>Auch</p>"));
        assert_ne!(tag, tag_of(b"<p>Condom</p>"));
        assert!(tag.starts_with("W/\"") && tag.ends_with('"') && tag.len() == 3 + 32 + 1, "{tag}");
    }
}
