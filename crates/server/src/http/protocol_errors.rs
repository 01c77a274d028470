//! Answers the HTTP layers would send without a body, as our JSON errors:
//! 405 keeping its `Allow`, 414 for an address over 8 KiB and 431 for headers
//! over 16 KiB. The two limits are checked here, below hyper's own (larger)
//! ones, so that a client always gets a readable reason.

use axum::extract::Request;
use axum::http::header::{ALLOW, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::Failure;

pub const MAX_URI_BYTES: usize = 8 * 1024;
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Documents 414 and 431 on every operation of the OpenAPI document: any of
/// them can meet the two limits.
pub struct Documented;

impl utoipa::Modify for Documented {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ApiError"))).build())
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            let operations =
                [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch, &mut item.head, &mut item.options];
            for operation in operations.into_iter().flatten() {
                let responses = &mut operation.responses.responses;
                responses.insert("414".into(), error("Adresse trop longue (plus de 8 Kio)").into());
                responses.insert("431".into(), error("En-têtes trop volumineux (plus de 16 Kio)").into());
            }
        }
    }
}

pub async fn as_json(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let uri_bytes = uri.path().len() + uri.query().map_or(0, |q| q.len() + 1);
    if uri_bytes > MAX_URI_BYTES {
        return Failure::UriTooLong.into_response();
    }
    let header_bytes: usize = request.headers().iter().map(|(name, value)| name.as_str().len() + value.len() + 4).sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Failure::HeadersTooLarge.into_response();
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::METHOD_NOT_ALLOWED && !response.headers().contains_key(CONTENT_TYPE) {
        let mut json = Failure::MethodNotAllowed.into_response();
        if let Some(allow) = response.headers().get(ALLOW) {
            json.headers_mut().insert(ALLOW, allow.clone());
        }
        return json;
    }
    response
}
